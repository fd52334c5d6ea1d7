import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { DirSource, MemorySource } from '../../../src/core/source.js';
import { openapiAdapter } from '../../../src/formats/openapi/adapter.js';
import { loadOpenApi } from '../../../src/formats/openapi/load.js';
import { FIXTURES, diff, diffIn, ids, load } from './helpers.js';

const ERRORS = path.join(FIXTURES, 'scenarios/errors');
const errors = new DirSource(ERRORS);

async function failure(entry: string, options: Record<string, unknown> = {}): Promise<InputError> {
  try {
    await load(errors, entry, options);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`${entry} loaded without error`);
}

describe('loading errors: file, line and what is wrong (exit 2)', () => {
  it('an invalid document names the offending element', async () => {
    const e = await failure('invalid.yaml');
    expect(e.position).toMatchObject({
      file: path.join(ERRORS, 'invalid.yaml'),
      line: 9,
      column: 9,
    });
    expect(e.message).toMatch(
      /\/paths\/~1pets\/get\/responses\/200: missing required property 'description'/,
    );
    expect(e.exitCode).toBe(2);
  });

  it('an invalid part behind a $ref is named where it is written, with or without cycles', async () => {
    // A resolved document without cycles is validated as it is; one with a cycle on a copy with
    // the cycle cut. Both name the response that lacks its description, at its line.
    for (const [entry, line] of [
      ['invalid-shared.yaml', 20],
      ['invalid-recursive.yaml', 15],
    ] as const) {
      const e = await failure(entry);
      expect(e.position).toMatchObject({ file: path.join(ERRORS, entry), line });
      expect(e.message).toMatch(/200: missing required property 'description'/);
    }
  });

  it('a YAML syntax error gives file:line:col', async () => {
    const e = await failure('yaml-error.yaml');
    expect(e.position.file).toBe(path.join(ERRORS, 'yaml-error.yaml'));
    expect(e.position.line).toBe(9);
    expect(e.message).toMatch(/^invalid YAML\/JSON/);
  });

  it('a missing $ref file is reported at the $ref', async () => {
    const e = await failure('missing-file.yaml');
    expect(e.position).toMatchObject({
      file: path.join(ERRORS, 'missing-file.yaml'),
      line: 14,
      column: 17,
    });
    expect(e.message).toMatch(/\$ref '\.\/shared\/nowhere\.yaml#\/Pet': file not found/);
    expect(e.oneLine()).toMatch(/missing-file\.yaml:14:17: /);
  });

  it('a $ref to a missing pointer is reported at the $ref', async () => {
    const e = await failure('missing-pointer.yaml');
    expect(e.position).toMatchObject({ file: path.join(ERRORS, 'missing-pointer.yaml'), line: 14 });
    expect(e.message).toMatch(/does not resolve/);
  });

  it("a YAML error inside a $ref'd file points into that file", async () => {
    const e = await failure('ref-yaml-error.yaml');
    expect(e.position.file).toBe(path.join(ERRORS, 'shared/broken.yaml'));
    expect(e.position.line).toBeGreaterThanOrEqual(4);
  });

  it('remote $refs are not fetched unless allowed', async () => {
    // The schema's remote $ref (line 14) is kept, not fetched (compared as `ref-not-compared`);
    // a whole response that is a remote $ref cannot be read without it.
    const e = await failure('remote-ref.yaml');
    expect(e.position).toMatchObject({ file: path.join(ERRORS, 'remote-ref.yaml'), line: 16 });
    expect(e.message).toMatch(
      /remote \$ref 'https:\/\/schemas\.example\.com\/responses\.yaml' is not fetched/,
    );
  });

  it('a document that is not OpenAPI, or an unsupported version, is refused', async () => {
    expect((await failure('not-openapi.yaml')).message).toMatch(/not an OpenAPI document/);
    const e = await failure('unsupported.yaml');
    expect(e.message).toMatch(/unsupported openapi version '3\.2\.0'/);
    expect(e.position.line).toBe(1);
  });

  it('Swagger 2.0 semantic validation errors name the operation', async () => {
    const e = await failure('swagger-invalid.yaml');
    expect(e.position).toMatchObject({ file: path.join(ERRORS, 'swagger-invalid.yaml'), line: 7 });
    expect(e.message).toMatch(/path parameter named "petId"/);
  });
});

describe('lenient loading', () => {
  it('compares an invalid document and reports why it is invalid', async () => {
    const contract = await load(errors, 'invalid.yaml', { lenient: true });
    expect(contract.problems).toHaveLength(1);
    const p = contract.problems![0]!;
    expect(p.rule).toBe('openapi-invalid-document');
    expect(p.severity).toBe('warning');
    expect(p.location).toMatchObject({ file: path.join(ERRORS, 'invalid.yaml'), line: 9 });
    expect(contract.model.operations.map((o) => o.key)).toEqual(['GET /pets']);
  });

  it('still refuses what cannot be read', async () => {
    const e = await failure('missing-file.yaml', { lenient: true });
    expect(e.message).toMatch(/file not found/);
  });
});

describe('multi-file documents', () => {
  const dir = path.join(FIXTURES, 'scenarios/multi-file');
  const side = (name: string) => ({
    source: new DirSource(path.join(dir, name)),
    entry: 'api/openapi.yaml',
  });

  it('lists every file and locates findings in the file that defines the element', async () => {
    const contract = await load(side('base').source, 'api/openapi.yaml');
    expect(contract.files).toEqual([
      'api/openapi.yaml',
      'shared/parameters.yaml',
      'shared/schemas/owner.yaml',
      'shared/schemas/pet.yaml',
    ]);
    const findings = await diff(side('base'), side('revision'));
    const param = findings.find((f) => f.rule === 'request-parameter-became-required')!;
    expect(param.location).toMatchObject({
      file: path.join(dir, 'revision/shared/parameters.yaml'),
      line: 4,
      pointer: ['paths', '/pets', 'get', 'parameters', '0', 'required'],
    });
    expect(param.baseLocation?.file).toBe(path.join(dir, 'base/shared/parameters.yaml'));
    expect(param.affects).toEqual(['GET /pets']);
    // The shared schema is reported once, at the schema, for both operations.
    const schema = findings.filter((f) => f.rule === 'response-property-became-optional');
    expect(schema).toHaveLength(1);
    expect(schema[0]!.location.file).toBe(path.join(dir, 'revision/shared/schemas/pet.yaml'));
    expect(schema[0]!.affects).toEqual(['GET /pets', 'GET /pets/{id}']);
  });

  it('reads only through the FileSource (an in-memory copy loads the same)', async () => {
    const disk = new DirSource(path.join(dir, 'base'));
    const files = new Map<string, string>();
    for (const f of await disk.list()) files.set(f, await disk.read(f));
    const memory = new MemorySource('git:main', files);
    const a = await load(memory, 'api/openapi.yaml');
    expect(a.files).toHaveLength(4);
    const findings = await diff({ source: memory, entry: 'api/openapi.yaml' }, side('base'));
    expect(findings).toEqual([]);
  });
});

describe('circular references', () => {
  it('keeps cycles (within a file and across files) and compares through them', async () => {
    const contract = await load(
      new DirSource(path.join(FIXTURES, 'scenarios/cycles')),
      'base.yaml',
    );
    const node = (contract.model.doc as any).components.schemas.Node;
    expect(node.properties.parent).toBe(node);
    expect(node.properties.children.items).toBe(node);
    const findings = await diffIn('scenarios/cycles', 'base.yaml', 'revision.yaml');
    expect(ids(findings)).toEqual([
      'api-version-not-bumped',
      'new-required-request-property',
      'response-property-became-required',
      'response-required-property-added',
    ]);
    expect(await diffIn('scenarios/cycles', 'revision.yaml', 'revision.yaml')).toEqual([]);
  });
});

describe('resolution keeps identity', () => {
  it('a $ref target is the same object wherever it is reached from', async () => {
    const r = await loadOpenApi(
      'openapi-3.0.yaml',
      new DirSource(path.join(FIXTURES, 'scenarios/dialects')),
    );
    const doc = r.doc as any;
    const pet = doc.components.schemas.Pet;
    expect(doc.paths['/pets/{id}'].get.responses['200'].content['application/json'].schema).toBe(
      pet,
    );
    expect(r.locator.locate(pet)).toMatchObject({
      line: 153,
      pointer: ['components', 'schemas', 'Pet'],
    });
  });
});

describe('detect', () => {
  it('recognises OpenAPI 2.0, 3.0 and 3.1 in YAML and JSON, and nothing else', () => {
    expect(openapiAdapter.detect('a.yaml', 'openapi: 3.0.3\ninfo: {}\n')).toBe(true);
    expect(openapiAdapter.detect('a.yml', "openapi: '3.1.0'\n")).toBe(true);
    expect(openapiAdapter.detect('a.yaml', 'swagger: "2.0"\n')).toBe(true);
    expect(openapiAdapter.detect('a.json', '{"openapi": "3.1.0", "info": {}}')).toBe(true);
    expect(openapiAdapter.detect('a.json', '{"swagger": "2.0"}')).toBe(true);
    expect(openapiAdapter.detect('a.yaml', 'asyncapi: 2.6.0\n')).toBe(false);
    expect(openapiAdapter.detect('a.yaml', 'info:\n  openapi: 3.0.0\n')).toBe(false);
    expect(openapiAdapter.detect('a.json', '{"x": {"openapi": "3.0.0"}}')).toBe(false);
    expect(openapiAdapter.detect('a.proto', 'openapi: 3.0.0')).toBe(false);
    expect(openapiAdapter.detect('a.yaml', 'openapi: 4.0.0\n')).toBe(false);
  });
});

describe('version', () => {
  it('carries info.version and its major line', async () => {
    const c = await load(
      new DirSource(path.join(FIXTURES, 'scenarios/dialects')),
      'openapi-3.1.yaml',
    );
    expect(c.version).toBe('1.0.0');
    expect(c.major).toBe(1);
    expect(c.ref.format).toBe('openapi');
  });
});
