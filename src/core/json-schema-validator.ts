import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { pointerFromString, type Pointer } from './model.js';
import { precompiledOr } from './precompiled.js';

/**
 * Validates treaty's own files (config, registry index and manifests, waivers) against the JSON
 * Schemas in schemas/. Each validator is precompiled at build time (scripts/compile-validators.mjs,
 * `schema-<name>.cjs`), so a run loads no Ajv; without a build, one Ajv instance compiles each
 * schema once.
 */
export const SCHEMAS_DIR = new URL('../../schemas/', import.meta.url);

/** The schemas compiled at build time. */
export const TREATY_SCHEMAS = [
  'treaty.schema.json',
  'waivers.schema.json',
  'registry-index.schema.json',
  'registry-manifest.schema.json',
] as const;

export function schemaValidator(name: string): ValidateFunction {
  return precompiledOr(
    `schema-${name.replace(/\.schema\.json$/, '')}`,
    () => compileSchemaValidator(name).validate,
  ) as ValidateFunction;
}

const require = createRequire(import.meta.url);
let shared: Ajv | undefined;

/**
 * Compiles one of treaty's schemas (the build passes `code` options for standalone source and
 * gets its own Ajv instance; at run time one shared instance compiles each schema once).
 */
export function compileSchemaValidator(
  name: string,
  code?: Record<string, unknown>,
): { ajv: Ajv; validate: ValidateFunction } {
  let ajv = code ? undefined : shared;
  if (!ajv) {
    const { Ajv } = require('ajv') as typeof import('ajv');
    const addFormats = require('ajv-formats') as (a: Ajv) => void;
    ajv = new Ajv({ allErrors: false, strict: false, ...(code ? { code } : {}) });
    addFormats(ajv);
    if (!code) shared = ajv;
  }
  const schema = JSON.parse(readFileSync(new URL(name, SCHEMAS_DIR), 'utf8')) as object;
  return { ajv, validate: ajv.compile(schema) };
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
