import { defineRule, MODES } from '../rule.js';

/**
 * A `$ref` whose target is not read: a remote reference that is not fetched (`allowRemoteRefs` off,
 * OpenAPI, AsyncAPI, JSON Schema: reported by the schema comparator wherever such a ref changed),
 * or one that cannot be resolved (AsyncAPI, lenient mode).
 */
export const refNotCompared = defineRule<{
  element?: string;
  subject?: string;
  ref: string;
  reason?: string;
}>({
  id: 'ref-not-compared',
  formats: ['openapi', 'asyncapi', 'jsonschema'],
  severity: 'warning',
  kind: 'modification',
  modes: MODES.none,
  description:
    'A `$ref` whose target is not read changed — a remote reference that is not fetched (allowRemoteRefs off), or, in lenient mode, one that cannot be resolved — so what it stands for is not compared (never read as removed or as any value).',
  equivalents: {},
  message: ({ element, subject, ref, reason }) =>
    `$ref '${ref}' ${reason ?? 'cannot be resolved'}: ${element ?? subject ?? 'the schema'} is not compared`,
  explain: {
    why: 'What the reference stands for is unknown here. Reading it as nothing would report everything behind it as removed; reading it as any value would call a real change compatible (or a harmless one breaking). Review it by hand, fix the reference, or set allowRemoteRefs: true to fetch remote ones.',
    example: {
      before: "address:\n  $ref: '#/components/schemas/Address'",
      after: "address:\n  $ref: 'https://schemas.example.com/address.json'  # not fetched",
    },
  },
});
