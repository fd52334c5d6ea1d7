import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import Ajv04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import { ROOT } from '../helpers/paths.js';

const addFormats = addFormatsModule as unknown as (ajv: object) => void;
const Ajv04 = Ajv04Module as unknown as typeof Ajv;
const require = createRequire(import.meta.url);

/** schemas/report.schema.json (draft-07), compiled in strict mode so the schema itself is checked. */
export function reportValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/report.schema.json'), 'utf8'));
  return ajv.compile(schema);
}

/**
 * The SARIF 2.1.0 JSON Schema (draft-04) as Microsoft's @microsoft/jest-sarif ships it
 * (lib/schemas/sarif-2.1.0-rtm.5.json, the schema SchemaStore publishes for SARIF 2.1.0).
 */
export const SARIF_SCHEMA_PATH =
  require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

export function sarifValidator(): ValidateFunction {
  // The schema's `language` pattern has a stray `]` that is only valid without the `u` flag.
  const ajv = new Ajv04({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_PATH, 'utf8')));
}

export function errorsOf(v: ValidateFunction): string {
  return (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('\n');
}
