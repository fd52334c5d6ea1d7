#!/usr/bin/env node
// Build step (after tsc): precompiles the specification-schema validators and those of treaty's own
// files into dist/validators/<name>.cjs with Ajv's standalone code, so a run neither spends a second
// per schema compiling them nor loads Ajv (see src/core/precompiled.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const out = path.join(dist, 'validators');
mkdirSync(out, { recursive: true });

const jobs = [];
const openapi = await import(path.join(dist, 'formats/openapi/validate.js'));
for (const v of openapi.OPENAPI_SCHEMA_VERSIONS) {
  jobs.push([`openapi-${v}`, () => openapi.compileOpenapiValidator(v, { code: { source: true } })]);
}
const asyncapi = await import(path.join(dist, 'formats/asyncapi/validate.js')).catch(() => undefined);
if (asyncapi?.compileAsyncapiValidator) {
  for (const v of asyncapi.SUPPORTED_VERSIONS) {
    jobs.push([`asyncapi-${v}`, () => asyncapi.compileAsyncapiValidator(v, { code: { source: true } })]);
  }
}

// treaty's own files (config, waivers, registry index and manifests): their `format`s come from
// ajv-formats at run time.
const own = await import(path.join(dist, 'core/json-schema-validator.js'));
const { _ } = await import('ajv');
for (const schema of own.TREATY_SCHEMAS) {
  const name = `schema-${schema.replace(/\.schema\.json$/, '')}`;
  const code = { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` };
  jobs.push([name, () => ({ ...own.compileSchemaValidator(schema, code), standalone })]);
}
const standalone = (await import('ajv/dist/standalone/index.js')).default.default;

for (const [name, compile] of jobs) {
  const { ajv, validate, standalone } = compile();
  writeFileSync(path.join(out, `${name}.cjs`), standalone(ajv, validate));
}
console.log(`precompiled ${jobs.length} validators into dist/validators`);
