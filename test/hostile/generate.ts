import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Generated hostile inputs, too big or too regular to keep as files: each writes its fixture into
 * a folder and returns the path.
 */

const HEAD = '"openapi":"3.0.3","info":{"title":"Deep","version":"1.0.0"}';

/** An OpenAPI JSON document whose response schema nests `depth` objects (20 000: about 1.5 MB). */
export async function deepJsonSchema(dir: string, depth: number): Promise<string> {
  const open = '{"type":"object","properties":{"x":';
  const schema = open.repeat(depth) + '{"type":"string"}' + '}}'.repeat(depth);
  const media = `{"application/json":{"schema":${schema}}}`;
  const doc = `{${HEAD},"paths":{"/a":{"get":{"responses":{"200":{"description":"ok","content":${media}}}}}}}`;
  const file = path.join(dir, 'deep.json');
  await fs.writeFile(file, doc);
  return file;
}

/** YAML nested in flow style: `x-deep: [[[[…]]]]`. */
export async function deepYamlFlow(dir: string, depth: number): Promise<string> {
  const file = path.join(dir, 'deep-flow.yaml');
  await fs.writeFile(
    file,
    `openapi: 3.0.3\ninfo: {title: Deep, version: 1.0.0}\npaths: {}\nx-deep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`,
  );
  return file;
}

/** YAML nested in block style, one more space of indentation per level. */
export async function deepYamlBlock(dir: string, depth: number): Promise<string> {
  const lines = ['openapi: 3.0.3', 'info: {title: Deep, version: 1.0.0}', 'paths: {}', 'x-deep:'];
  for (let i = 1; i <= depth; i++) lines.push(' '.repeat(i) + 'a:');
  lines.push(' '.repeat(depth + 1) + 'b: 1');
  const file = path.join(dir, 'deep-block.yaml');
  await fs.writeFile(file, lines.join('\n') + '\n');
  return file;
}

/**
 * A JSON Schema that is shallow as text but deep once its `$ref`s are followed: `$defs/d0` …
 * `$defs/d<n-1>`, each an object whose property `next` refers to the following one.
 */
export async function refChain(dir: string, n: number): Promise<string> {
  const defs: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    defs[`d${i}`] =
      i === n - 1
        ? { type: 'string' }
        : { type: 'object', properties: { next: { $ref: `#/$defs/d${i + 1}` } } };
  }
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $ref: '#/$defs/d0',
    $defs: defs,
  };
  const file = path.join(dir, 'chain.schema.json');
  await fs.writeFile(file, JSON.stringify(schema, null, 1));
  return file;
}

/** A .proto file with `depth` messages nested in each other. */
export async function deepProto(dir: string, depth: number): Promise<string> {
  let body = '';
  for (let i = 0; i < depth; i++) body += `message M${i} {\n`;
  body += 'string leaf = 1;\n' + '}\n'.repeat(depth);
  const file = path.join(dir, 'deep.proto');
  await fs.writeFile(file, `syntax = "proto3";\npackage deep.v1;\n${body}`);
  return file;
}

/** A proto tree of `n` small files. */
export async function manyFiles(dir: string, n: number): Promise<string> {
  const root = path.join(dir, 'protos');
  await fs.mkdir(root, { recursive: true });
  for (let i = 0; i < n; i++) {
    await fs.writeFile(
      path.join(root, `m${i}.proto`),
      `syntax = "proto3";\npackage many.v1;\nmessage M${i} { string id = 1; }\n`,
    );
  }
  return root;
}

/** The OpenAPI flavour of `refChain`: components/schemas S0 … S<n-1>, each pointing at the next. */
export async function openapiRefChain(dir: string, n: number): Promise<string> {
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    schemas[`S${i}`] =
      i === n - 1
        ? { type: 'string' }
        : { type: 'object', properties: { next: { $ref: `#/components/schemas/S${i + 1}` } } };
  }
  const ok = {
    description: 'ok',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/S0' } } },
  };
  const doc = {
    openapi: '3.0.3',
    info: { title: 'Chain', version: '1.0.0' },
    paths: { '/a': { get: { responses: { '200': ok } } } },
    components: { schemas },
  };
  const file = path.join(dir, 'chain.openapi.json');
  await fs.writeFile(file, JSON.stringify(doc, null, 1));
  return file;
}
