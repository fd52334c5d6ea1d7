import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { pointerFromString, type Pointer } from './model.js';

/**
 * Validates treaty's own files (config, registry index and manifests, reports) against the JSON
 * Schemas in schemas/. One Ajv instance, each schema compiled once.
 */
const ajv = new Ajv({ allErrors: false, strict: false });
(addFormatsModule as unknown as (a: Ajv) => void)(ajv);
const compiled = new Map<string, ValidateFunction>();

export const SCHEMAS_DIR = new URL('../../schemas/', import.meta.url);

export function schemaValidator(name: string): ValidateFunction {
  let v = compiled.get(name);
  if (!v) {
    const schema = JSON.parse(readFileSync(new URL(name, SCHEMAS_DIR), 'utf8')) as object;
    v = ajv.compile(schema);
    compiled.set(name, v);
  }
  return v;
}

export interface SchemaProblem {
  /** Pointer of the offending value (for an unknown key: the key itself). */
  pointer: Pointer;
  message: string;
}

/** Turns ajv's first error into a pointer and a plain message naming the key. */
export function describeError(err: ErrorObject): SchemaProblem {
  const at = pointerFromString(err.instancePath);
  const key = at.length ? at[at.length - 1] : undefined;
  const p = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'additionalProperties':
      return {
        pointer: [...at, String(p.additionalProperty)],
        message: `unknown key '${String(p.additionalProperty)}'${key ? ` in '${key}'` : ''}`,
      };
    case 'required':
      return { pointer: at, message: `missing required key '${String(p.missingProperty)}'` };
    case 'enum':
      return {
        pointer: at,
        message: `'${key ?? 'value'}' must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'type':
      return { pointer: at, message: `'${key ?? 'value'}' must be of type ${String(p.type)}` };
    default:
      return { pointer: at, message: `'${key ?? 'value'}' ${err.message ?? 'is invalid'}` };
  }
}
