import { defineRule, MODES } from '../../core/rule.js';

/**
 * Rules about the files of a JSON Schema contract. What changes inside a schema is judged by the
 * shared JSON Schema comparator (the `schema-…` rule family).
 */

const F = ['jsonschema'] as const;

export const schemaFileRemoved = defineRule<{ file: string }>({
  id: 'schema-file-removed',
  formats: F,
  severity: 'breaking',
  kind: 'removal',
  modes: MODES.breaking,
  description: 'A schema file of the contract is gone.',
  equivalents: {},
  message: ({ file }) => `schema file '${file}' was removed`,
  explain: {
    why: 'Producers and consumers that validate or generate code from that schema lose it.',
    example: {
      before: 'schemas/order-created.json\nschemas/order-cancelled.json',
      after: 'schemas/order-created.json',
    },
  },
});

export const schemaFileAdded = defineRule<{ file: string }>({
  id: 'schema-file-added',
  formats: F,
  severity: 'info',
  kind: 'addition',
  modes: MODES.none,
  description: 'A schema file was added to the contract.',
  equivalents: {},
  message: ({ file }) => `schema file '${file}' was added`,
  explain: {
    why: 'A new schema file breaks nobody: producers and consumers of the existing schemas are unaffected.',
  },
});

export const schemaFileInvalid = defineRule<{ file: string; problem: string }>({
  id: 'schema-file-invalid',
  formats: F,
  severity: 'warning',
  kind: 'lifecycle',
  modes: MODES.none,
  description:
    'A schema file does not validate against its JSON Schema meta-schema; it was compared anyway (check and diff unless --strict or the contract sets strict: true).',
  equivalents: {},
  message: ({ file, problem }) => `schema file '${file}' is not a valid JSON Schema: ${problem}`,
  explain: {
    why: 'Validators and code generators may reject the schema or read it differently, so consumers cannot rely on it; it was compared anyway, as check and diff do unless strict.',
  },
});

export const JSONSCHEMA_RULES = [schemaFileRemoved, schemaFileAdded, schemaFileInvalid];
