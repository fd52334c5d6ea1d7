import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Validators of the big specification schemas (OpenAPI, AsyncAPI) precompiled at build time with
 * Ajv's standalone code (scripts/compile-validators.mjs writes dist/validators/<name>.cjs).
 * Compiling them at run time costs about a second per schema, more than the rest of a `treaty
 * check`; loading the generated code costs a few milliseconds. When a precompiled file is absent
 * (running from src/ in tests before a build) the validator is compiled as before.
 */

export type ValidateFn = ((data: unknown) => boolean) & { errors?: unknown[] | null };

const require = createRequire(import.meta.url);
/** dist/validators/, both from src/core (tests) and from dist/core (the CLI). */
export const PRECOMPILED_DIR = fileURLToPath(new URL('../../dist/validators/', import.meta.url));

const loaded = new Map<string, ValidateFn>();

export function precompiledOr(name: string, compile: () => ValidateFn): ValidateFn {
  let v = loaded.get(name);
  if (v) return v;
  const file = `${PRECOMPILED_DIR}${name}.cjs`;
  if (existsSync(file)) {
    const mod = require(file) as ValidateFn | { default: ValidateFn };
    v = typeof mod === 'function' ? mod : mod.default;
  } else {
    v = compile();
  }
  loaded.set(name, v);
  return v;
}
