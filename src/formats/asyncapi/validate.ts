import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { precompiledOr } from '../../core/precompiled.js';
import type { DocumentSet } from '../jsonschema/documents.js';
import type { SourceLocation } from '../../core/model.js';
import { pointerFromString, pointerToString } from '../../core/model.js';

/**
 * Validation of a resolved AsyncAPI document against the official JSON Schema of its version (the
 * schemas of @asyncapi/specs, the ones @asyncapi/parser validates with). Each version's validator is
 * compiled once per process and reused: @asyncapi/parser recompiles the whole spec schema for every
 * document it parses (about half a second each), this costs that once.
 */

export interface ValidationProblem {
  message: string;
  at: SourceLocation;
}

export const SUPPORTED_VERSIONS = [
  '2.0.0',
  '2.1.0',
  '2.2.0',
  '2.3.0',
  '2.4.0',
  '2.5.0',
  '2.6.0',
  '3.0.0',
  '3.1.0',
] as const;

const require = createRequire(import.meta.url);
/**
 * Compiles the official schema of one AsyncAPI version. `extra` Ajv options let the build
 * (scripts/compile-validators.mjs) ask for standalone source; `standalone` turns the result into
 * a CommonJS module. At run time the precompiled module is used when present.
 */
export function compileAsyncapiValidator(
  version: string,
  extra: Record<string, unknown> = {},
): {
  ajv: import('ajv').default;
  validate: ValidateFunction;
  standalone: (ajv: import('ajv').default, v: ValidateFunction) => string;
} {
  // Loaded lazily: the schemas and ajv are only needed when an AsyncAPI document is loaded.
  const specs = require('@asyncapi/specs') as { schemas: Record<string, Record<string, any>> };
  const AjvClass = require('ajv').default as typeof import('ajv').default;
  const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
  const schema = JSON.parse(JSON.stringify(specs.schemas[version]));
  delete schema.definitions['http://json-schema.org/draft-07/schema'];
  delete schema.definitions['http://json-schema.org/draft-04/schema'];
  if (version.startsWith('3.')) allowResolvedV3(schema, version);
  const ajv = new AjvClass({
    allErrors: true,
    strict: false,
    allowUnionTypes: true,
    unicodeRegExp: false,
    validateSchema: false,
    ...extra,
  });
  addFormats(ajv);
  const standalone = (
    require('ajv/dist/standalone') as {
      default: (a: import('ajv').default, v: ValidateFunction) => string;
    }
  ).default;
  return { ajv, validate: ajv.compile(schema), standalone };
}

function validatorFor(version: string): ValidateFunction {
  return precompiledOr(
    `asyncapi-${version}`,
    () => compileAsyncapiValidator(version).validate,
  ) as ValidateFunction;
}

/**
 * In 3.x some fields must be `$ref`s (operation.channel, operation.messages, reply.channel,
 * channel.servers). The document is validated resolved, so those accept the referenced object
 * (the same change @asyncapi/parser makes) — or the Reference itself, which is what stays of a
 * remote `$ref` that is not fetched.
 */
function allowResolvedV3(schema: Record<string, any>, version: string): void {
  const def = (name: string) =>
    schema.definitions[`http://asyncapi.com/definitions/${version}/${name}.json`];
  const to = (name: string) => `http://asyncapi.com/definitions/${version}/${name}.json`;
  const either = (name: string) => ({ anyOf: [{ $ref: to('Reference') }, { $ref: to(name) }] });
  const channel = def('channel');
  if (channel?.properties?.servers?.items) channel.properties.servers.items = either('server');
  for (const name of ['operation', 'operationReply']) {
    const o = def(name);
    if (o?.properties?.channel) o.properties.channel = either('channel');
    if (o?.properties?.messages?.items) o.properties.messages.items = either('messageObject');
  }
}

/**
 * Validates the resolved document. Cycles (recursive schemas) are cut for validation only; every
 * problem is located in the file that defines the offending node.
 */
export function validateDocument(
  version: string,
  root: unknown,
  docs: DocumentSet,
): ValidationProblem[] {
  const validate = validatorFor(version);
  const view = acyclic(root);
  if (validate(view)) return [];
  // A node reached along several paths (a component used by many channels and operations) fails
  // once per path; it is one problem, reported at its shortest path.
  const byNode = new Map<string, { e: ErrorObject; segs: string[] }>();
  const ids = new Map<object, number>();
  for (const e of pickErrors(validate.errors ?? [])) {
    const segs = pointerFromString(e.instancePath);
    const { node, rest } = nodeAt(root, segs);
    const id = typeof node === 'object' && node !== null ? idOf(ids, node) : -1;
    const key = `${id}|${rest.join('/')}|${e.keyword}|${JSON.stringify(e.params)}`;
    const seen = byNode.get(id < 0 ? `${e.instancePath}|${key}` : key);
    if (!seen || segs.length < seen.segs.length) {
      byNode.set(id < 0 ? `${e.instancePath}|${key}` : key, { e, segs });
    }
  }
  return [...byNode.values()].map(({ e, segs }) => {
    const extra = (e.params as { additionalProperty?: string }).additionalProperty;
    const at = e.keyword === 'additionalProperties' && extra ? [...segs, extra] : segs;
    return { message: describe(e, segs), at: locateAlong(root, at, docs) };
  });
}

function idOf(ids: Map<object, number>, node: object): number {
  let id = ids.get(node);
  if (id === undefined) ids.set(node, (id = ids.size));
  return id;
}

/** The deepest object on the path, and the segments below it (for a scalar at the end). */
function nodeAt(root: unknown, segs: string[]): { node: unknown; rest: string[] } {
  let node: unknown = root;
  let i = 0;
  for (; i < segs.length; i++) {
    const next = (node as Record<string, unknown> | null)?.[segs[i]!];
    if (typeof next !== 'object' || next === null) break;
    node = next;
  }
  return { node, rest: segs.slice(i) };
}

/** Copies the graph with back edges replaced by `{}` (ajv would recurse forever on a cycle). */
function acyclic(root: unknown): unknown {
  const onPath = new Set<object>();
  const done = new Map<object, unknown>();
  const copy = (n: unknown): unknown => {
    if (typeof n !== 'object' || n === null) return n;
    if (onPath.has(n)) return {};
    const memo = done.get(n);
    if (memo !== undefined) return memo;
    onPath.add(n);
    let out: unknown;
    if (Array.isArray(n)) out = n.map(copy);
    else {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(n)) o[k] = copy(v);
      out = o;
    }
    onPath.delete(n);
    done.set(n, out);
    return out;
  };
  return copy(root);
}

/** Drops the noise of `oneOf` branches (the Reference branch, the combinator itself), deepest first. */
function pickErrors(errors: ErrorObject[]): ErrorObject[] {
  const useful = errors.filter(
    (e) =>
      e.keyword !== 'oneOf' &&
      e.keyword !== 'anyOf' &&
      e.keyword !== 'if' &&
      !(
        e.keyword === 'required' &&
        (e.params as { missingProperty?: string }).missingProperty === '$ref'
      ) &&
      !(e.keyword === 'additionalProperties' && e.schemaPath.includes('Reference')),
  );
  const list = useful.length ? useful : errors;
  const seen = new Set<string>();
  const out: ErrorObject[] = [];
  const depth = (e: ErrorObject) =>
    pointerFromString(e.instancePath).length + (e.keyword === 'additionalProperties' ? 1 : 0);
  for (const e of [...list].sort((a, b) => depth(b) - depth(a))) {
    const key = e.instancePath + '|' + e.keyword + '|' + JSON.stringify(e.params);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out;
}

function describe(e: ErrorObject, segs: string[]): string {
  const where = segs.length ? pointerToString(segs) : 'the document';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return `${where}: unexpected property '${String(p.additionalProperty)}'`;
    case 'required':
      return `${where}: missing required property '${String(p.missingProperty)}'`;
    case 'enum':
      return `${where}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${where}: must be ${JSON.stringify(p.allowedValue)}`;
    default:
      return `${where}: ${e.message ?? e.keyword}`;
  }
}

/** The location of the deepest node on the path that has a known origin, plus the rest of the path. */
function locateAlong(root: unknown, segs: string[], docs: DocumentSet): SourceLocation {
  let node: unknown = root;
  let anchor: unknown = root;
  let rest: string[] = [];
  for (const seg of segs) {
    if (typeof node !== 'object' || node === null) {
      rest.push(seg);
      continue;
    }
    node = (node as Record<string, unknown>)[seg];
    if (docs.origin(node)) {
      anchor = node;
      rest = [];
    } else rest.push(seg);
  }
  return docs.locate(anchor, ...rest) ?? { file: '', line: 0, column: 0, pointer: segs };
}
