import type { RuleDef } from '../rule.js';
import type { Family, KindDef, Level } from './kinds.js';

/**
 * Explanations of the schema rules, generated like the rules themselves from the change kinds: one
 * row per kind says why the change matters to consumers that write the data (request bodies and
 * parameters, messages they send) and to consumers that read it (responses, messages they receive),
 * with a tiny before/after schema. The rule generator (rules.ts) attaches `schemaExplain(kind,
 * family, id)` to every rule: the sentence of the family's direction (both for AsyncAPI and JSON
 * Schema, whose direction is configured) and the example placed where the family's schemas live.
 *
 * Sentences use `{Senders}`/`{senders}` and `{Readers}`/`{readers}`, filled in per family
 * ("Clients" for an OpenAPI request or response).
 */
export interface KindExplain {
  /** Why it matters to consumers that write (send) the data. */
  writer: string;
  /** Why it matters to consumers that read (receive) the data. */
  reader: string;
  /** The changed schema before and after (YAML). */
  before: string;
  after: string;
  /**
   * `value`: the schema of one value (placed as a property, a parameter schema, a header schema);
   * `object`: the object holding the changed properties (placed as the body or payload itself).
   */
  level: 'value' | 'object';
  /** Property name the value-level example is placed under. */
  name?: string;
}

type Row = Omit<KindExplain, 'level'> & { level?: KindExplain['level'] };
const ROWS: Record<string, Row> = {};
const row = (kind: string, r: Row) => {
  ROWS[kind] = r;
};

const OBJ = (required: string[], props: Record<string, string>) =>
  [
    'type: object',
    ...(required.length ? [`required: [${required.join(', ')}]`] : []),
    'properties:',
    ...Object.entries(props).map(([k, v]) => `  ${k}: ${v}`),
  ].join('\n');
const STR = '{type: string}';

// ---- existence and requiredness of properties -------------------------------------------------
const NOT_SENT =
  '{Senders} built against the old schema do not send the new property, so their data is now rejected.';
const ONE_MORE = '{Readers} receive one more property; the ones they know are unchanged.';
row('required-property-added', {
  writer: NOT_SENT,
  reader: ONE_MORE,
  before: OBJ(['name'], { name: STR }),
  after: OBJ(['name', 'owner'], { name: STR, owner: STR }),
  level: 'object',
});
row('required-property-added-with-default', {
  writer:
    'A default documents a value, but a required property must still be sent: {senders} that omit it are rejected.',
  reader: ONE_MORE,
  before: OBJ(['name'], { name: STR }),
  after: OBJ(['name', 'owner'], { name: STR, owner: '{type: string, default: me}' }),
  level: 'object',
});
row('optional-property-added', {
  writer: '{Senders} simply omit the new property; what they send stays valid.',
  reader: '{Readers} receive one more property and can ignore it.',
  before: OBJ([], { name: STR }),
  after: OBJ([], { name: STR, nickname: STR }),
  level: 'object',
});
const STILL_SENT =
  '{Senders} keep sending the property: it is ignored at best, and rejected where additional properties are not allowed.';
row('required-property-removed', {
  writer: STILL_SENT,
  reader:
    '{Readers} rely on a property that was always present; it no longer arrives, and code that reads it fails.',
  before: OBJ(['id', 'name'], { id: STR, name: STR }),
  after: OBJ(['id'], { id: STR }),
  level: 'object',
});
row('optional-property-removed', {
  writer: STILL_SENT,
  reader:
    '{Readers} that used the property when it was present stop receiving it and silently lose the information.',
  before: OBJ([], { id: STR, nickname: STR }),
  after: OBJ([], { id: STR }),
  level: 'object',
});
row('property-became-required', {
  writer: '{Senders} may omit the property, as the old schema allowed; such data is now rejected.',
  reader: '{Readers} now always receive the property, which they handled already when present.',
  before: OBJ(['id'], { id: STR, name: STR }),
  after: OBJ(['id', 'name'], { id: STR, name: STR }),
  level: 'object',
});
row('property-became-required-with-default', {
  writer:
    'A default does not make the property optional for validation: {senders} that omit it are rejected.',
  reader: '{Readers} now always receive the property, which they handled already when present.',
  before: OBJ(['id'], { id: STR, size: '{type: string, default: small}' }),
  after: OBJ(['id', 'size'], { id: STR, size: '{type: string, default: small}' }),
  level: 'object',
});
row('property-became-optional', {
  writer: '{Senders} that always send the property stay valid.',
  reader:
    '{Readers} that expect the property to be always present now get data without it and fail on the missing value.',
  before: OBJ(['id', 'name'], { id: STR, name: STR }),
  after: OBJ(['id'], { id: STR, name: STR }),
  level: 'object',
});
for (const req of ['required', 'optional'] as const) {
  const required = req === 'required' ? ['id', 'token'] : ['id'];
  const props = (flag: string) => ({
    id: STR,
    token: flag ? `{type: string, ${flag}: true}` : STR,
  });
  row(`${req}-property-became-read-only`, {
    writer:
      '{Senders} no longer need to send the property (the receiver sets it); a value sent anyway is ignored.',
    reader: '{Readers} still receive the property.',
    before: OBJ(required, props('')),
    after: OBJ(required, props('readOnly')),
    level: 'object',
  });
  row(`${req}-property-became-not-read-only`, {
    writer:
      req === 'required'
        ? 'The property is now part of what {senders} send, and it is required: {senders} that never sent it may be rejected.'
        : '{Senders} may now send the property; nothing they sent before becomes invalid.',
    reader: '{Readers} still receive the property.',
    before: OBJ(required, props('readOnly')),
    after: OBJ(required, props('')),
    level: 'object',
  });
  row(`${req}-property-became-write-only`, {
    writer: '{Senders} keep sending the property as before.',
    reader:
      '{Readers} no longer receive the property (it is only accepted, never returned); code that read it loses the value.',
    before: OBJ(required, props('')),
    after: OBJ(required, props('writeOnly')),
    level: 'object',
  });
  row(`${req}-property-became-not-write-only`, {
    writer: 'Nothing changes for {senders}.',
    reader:
      req === 'required'
        ? '{Readers} now receive a required property they never saw; strict readers that reject unknown properties fail.'
        : '{Readers} may now receive a property they never saw and should ignore it.',
    before: OBJ(required, props('writeOnly')),
    after: OBJ(required, props('')),
    level: 'object',
  });
}

// ---- type and format ----------------------------------------------------------------------------
row('type-changed', {
  writer: 'Values of the old type are rejected, so {senders} built against it fail validation.',
  reader: '{Readers} parse values of the new type with code written for the old one and fail.',
  before: 'type: integer',
  after: 'type: string',
  name: 'count',
});
row('type-generalized', {
  writer: 'Everything of the old type is still accepted.',
  reader:
    '{Readers} may now receive values of the wider type (a number where an integer was promised) that their code or generated types cannot hold.',
  before: 'type: integer',
  after: 'type: number',
  name: 'count',
});
row('type-specialized', {
  writer: 'Values of the old, wider type that fall outside the new one are now rejected.',
  reader: '{Readers} receive only values of a type they already handled.',
  before: 'type: number',
  after: 'type: integer',
  name: 'count',
});
row('type-compatible', {
  writer:
    'The media type is not strongly typed (form data, plain text): the value travels as the same text either way.',
  reader:
    'The value arrives as text and is parsed by the reader as before; only its documented type changed.',
  before: 'type: integer',
  after: 'type: string',
  name: 'count',
});
row('list-of-types-widened', {
  writer: 'Values of every old type are still accepted.',
  reader: '{Readers} may receive values of the added type, which their code does not handle.',
  before: 'type: [string]',
  after: 'type: [string, integer]',
  name: 'code',
});
row('list-of-types-narrowed', {
  writer: 'Values of the removed type are now rejected.',
  reader: '{Readers} receive only types they already handled.',
  before: 'type: [string, integer]',
  after: 'type: [string]',
  name: 'code',
});

// ---- nullability --------------------------------------------------------------------------------
row('became-nullable', {
  writer: 'Everything {senders} sent before is still valid.',
  reader:
    '{Readers} may now receive null where they always got a value, and code that uses the value fails.',
  before: 'type: string',
  after: 'type: [string, "null"]',
  name: 'nickname',
});
row('became-not-nullable', {
  writer: '{Senders} that send null are now rejected.',
  reader: '{Readers} no longer receive null; every remaining value was valid before.',
  before: 'type: [string, "null"]',
  after: 'type: string',
  name: 'nickname',
});

// ---- enums, const, default ----------------------------------------------------------------------
const ENUM = (values: string[], key = 'enum') => `type: string\n${key}: [${values.join(', ')}]`;
row('enum-value-added', {
  writer: '{Senders} keep sending the values they know, which stay valid.',
  reader:
    '{Readers} with an exhaustive switch or a generated enum type may fail on the new value (a warning: tolerant readers cope).',
  before: ENUM(['active', 'closed']),
  after: ENUM(['active', 'closed', 'archived']),
  name: 'status',
});
row('enum-value-removed', {
  writer: '{Senders} may still send the removed value, which is now rejected.',
  reader: '{Readers} never receive the removed value again; every value they can get was known.',
  before: ENUM(['active', 'closed', 'archived']),
  after: ENUM(['active', 'closed']),
  name: 'status',
});
row('x-extensible-enum-value-added', {
  writer: '{Senders} keep sending the values they know, which stay valid.',
  reader:
    'An x-extensible-enum promises that values may be added: {readers} must already accept values they do not know.',
  before: ENUM(['active', 'closed'], 'x-extensible-enum'),
  after: ENUM(['active', 'closed', 'archived'], 'x-extensible-enum'),
  name: 'status',
});
row('x-extensible-enum-value-removed', {
  writer:
    '{Senders} may still send the removed value, which the receiver no longer supports; being extensible only allows additions.',
  reader: '{Readers} never receive the removed value again.',
  before: ENUM(['active', 'closed', 'archived'], 'x-extensible-enum'),
  after: ENUM(['active', 'closed'], 'x-extensible-enum'),
  name: 'status',
});
row('became-enum', {
  writer: 'Any value was accepted before; values outside the new list are now rejected.',
  reader: '{Readers} receive a subset of the values they handled before.',
  before: 'type: string',
  after: ENUM(['small', 'large']),
  name: 'size',
});
row('became-not-enum', {
  writer: 'Every listed value stays valid.',
  reader:
    '{Readers} coded against the closed list (a generated enum type) may now receive any value.',
  before: ENUM(['small', 'large']),
  after: 'type: string',
  name: 'size',
});
row('const-added', {
  writer: 'Only one value is accepted now; {senders} that send any other are rejected.',
  reader: '{Readers} receive a single value they already handled.',
  before: 'type: string',
  after: 'type: string\nconst: v2',
  name: 'schemaVersion',
});
row('const-changed', {
  writer: '{Senders} send the old constant, which is now rejected.',
  reader: '{Readers} that check for the old constant receive a different one.',
  before: 'type: string\nconst: v1',
  after: 'type: string\nconst: v2',
  name: 'schemaVersion',
});
row('const-removed', {
  writer: 'The old constant is still valid.',
  reader: '{Readers} that relied on the single value may now receive any value of the type.',
  before: 'type: string\nconst: v1',
  after: 'type: string',
  name: 'schemaVersion',
});
row('default-value-added', {
  writer:
    '{Senders} that omit the value now get the default applied by the receiver; those that send it are unaffected.',
  reader: 'A default documents missing values; the data {readers} receive does not change.',
  before: 'type: integer',
  after: 'type: integer\ndefault: 20',
  name: 'limit',
});
row('default-value-changed', {
  writer:
    '{Senders} that omit the value silently get another behaviour: the receiver now assumes the new default.',
  reader:
    '{Readers} that fill in missing values with the documented default now use another value.',
  before: 'type: integer\ndefault: 20',
  after: 'type: integer\ndefault: 50',
  name: 'limit',
});
row('default-value-removed', {
  writer:
    '{Senders} that relied on the default by omitting the value leave the behaviour to the receiver.',
  reader: '{Readers} that filled in missing values with the default lose the documented value.',
  before: 'type: integer\ndefault: 20',
  after: 'type: integer',
  name: 'limit',
});

// ---- numeric, length, item and property-count bounds ----------------------------------------------
interface BoundRow {
  word: string;
  /** What the bound limits, in the plural. */
  noun: string;
  base: string;
  low: number;
  high: number;
  name: string;
}
const BOUNDS: Record<string, BoundRow> = {
  max: {
    word: 'maximum',
    noun: 'values',
    base: 'type: integer',
    low: 50,
    high: 100,
    name: 'quantity',
  },
  min: {
    word: 'minimum',
    noun: 'values',
    base: 'type: integer',
    low: 0,
    high: 10,
    name: 'quantity',
  },
  'exclusive-max': {
    word: 'exclusiveMaximum',
    noun: 'values',
    base: 'type: number',
    low: 50,
    high: 100,
    name: 'ratio',
  },
  'exclusive-min': {
    word: 'exclusiveMinimum',
    noun: 'values',
    base: 'type: number',
    low: 0,
    high: 10,
    name: 'ratio',
  },
  'max-length': {
    word: 'maxLength',
    noun: 'strings',
    base: 'type: string',
    low: 32,
    high: 64,
    name: 'title',
  },
  'min-length': {
    word: 'minLength',
    noun: 'strings',
    base: 'type: string',
    low: 1,
    high: 3,
    name: 'title',
  },
  'max-items': {
    word: 'maxItems',
    noun: 'arrays',
    base: 'type: array\nitems: {type: string}',
    low: 10,
    high: 20,
    name: 'tags',
  },
  'min-items': {
    word: 'minItems',
    noun: 'arrays',
    base: 'type: array\nitems: {type: string}',
    low: 1,
    high: 2,
    name: 'tags',
  },
  'max-contains': {
    word: 'maxContains',
    noun: 'arrays',
    base: 'type: array\ncontains: {const: primary}',
    low: 1,
    high: 2,
    name: 'roles',
  },
  'min-contains': {
    word: 'minContains',
    noun: 'arrays',
    base: 'type: array\ncontains: {const: primary}',
    low: 1,
    high: 2,
    name: 'roles',
  },
  'max-properties': {
    word: 'maxProperties',
    noun: 'objects',
    base: 'type: object\nadditionalProperties: {type: string}',
    low: 10,
    high: 20,
    name: 'labels',
  },
  'min-properties': {
    word: 'minProperties',
    noun: 'objects',
    base: 'type: object\nadditionalProperties: {type: string}',
    low: 1,
    high: 2,
    name: 'labels',
  },
};
for (const [bound, b] of Object.entries(BOUNDS)) {
  const upper = bound.startsWith('max') || bound.startsWith('exclusive-max');
  const at = (v: number) => `${b.base}\n${b.word}: ${v}`;
  const narrow = {
    writer: `${cap(b.noun)} the old ${b.word} allowed but the new one does not are now rejected.`,
    reader: `{Readers} receive ${b.noun} within a tighter range, all of which they handled before.`,
  };
  const widen = {
    writer: `Everything {senders} sent before is still within range.`,
    reader: `{Readers} may receive ${b.noun} beyond the old ${b.word}, which their code, storage or display may not handle.`,
  };
  const [lo, hi] = [at(b.low), at(b.high)];
  row(`${bound}-${upper ? 'decreased' : 'increased'}`, {
    ...narrow,
    before: upper ? hi : lo,
    after: upper ? lo : hi,
    name: b.name,
  });
  row(`${bound}-${upper ? 'increased' : 'decreased'}`, {
    ...widen,
    before: upper ? lo : hi,
    after: upper ? hi : lo,
    name: b.name,
  });
  row(`${bound}-set`, {
    writer: `Without a ${b.word}, {senders} could send any ${b.noun}; those beyond the new bound are rejected (a warning: whether any were sent is unknown).`,
    reader: `{Readers} receive only ${b.noun} within the new bound.`,
    before: b.base,
    after: at(upper ? b.high : b.low || b.high),
    name: b.name,
  });
  row(`${bound}-unset`, {
    writer: 'Everything valid before is still valid.',
    reader: `Without the ${b.word}, {readers} may receive ${b.noun} beyond the old bound, which their code, storage or display may not handle.`,
    before: at(upper ? b.high : b.low || b.high),
    after: b.base,
    name: b.name,
  });
}

row('became-unique-items', {
  writer: 'Arrays with duplicate items, valid before, are now rejected.',
  reader: '{Readers} receive only arrays without duplicates.',
  before: 'type: array\nitems: {type: string}',
  after: 'type: array\nitems: {type: string}\nuniqueItems: true',
  name: 'tags',
});
row('became-not-unique-items', {
  writer: 'Arrays without duplicates stay valid.',
  reader:
    '{Readers} that rely on unique items (decoding into a set, keying by item) may now receive duplicates.',
  before: 'type: array\nitems: {type: string}\nuniqueItems: true',
  after: 'type: array\nitems: {type: string}',
  name: 'tags',
});
row('multiple-of-narrowed', {
  writer: 'Values that are multiples of the old step but not of the new one are rejected.',
  reader: '{Readers} receive only values that were valid before.',
  before: 'type: integer\nmultipleOf: 5',
  after: 'type: integer\nmultipleOf: 10',
  name: 'minutes',
});
row('multiple-of-widened', {
  writer: 'Every old value is still a multiple of the new step.',
  reader: '{Readers} may receive values between the old steps.',
  before: 'type: integer\nmultipleOf: 10',
  after: 'type: integer\nmultipleOf: 5',
  name: 'minutes',
});
row('multiple-of-changed', {
  writer: 'Some values valid before (multiples of the old step only) are now rejected.',
  reader: '{Readers} may receive values that were invalid before.',
  before: 'type: integer\nmultipleOf: 4',
  after: 'type: integer\nmultipleOf: 6',
  name: 'minutes',
});

// ---- pattern --------------------------------------------------------------------------------------
row('pattern-added', {
  writer: 'Strings that do not match the new pattern, valid before, are now rejected.',
  reader: '{Readers} receive only strings they accepted before.',
  before: 'type: string',
  after: "type: string\npattern: '^[A-Z]{3}$'",
  name: 'currency',
});
row('pattern-changed', {
  writer:
    'Strings matching the old pattern may not match the new one (whether it is narrower cannot be decided, hence a warning).',
  reader:
    '{Readers} may receive strings of the new shape; readers that check the old pattern fail.',
  before: "type: string\npattern: '^[A-Z]{3}$'",
  after: "type: string\npattern: '^[A-Z]{3}-[0-9]+$'",
  name: 'currency',
});
row('pattern-generalized', {
  writer: 'The new pattern matches any string, so everything sent before stays valid.',
  reader: '{Readers} may now receive any string, not only ones of the old shape.',
  before: "type: string\npattern: '^[A-Z]{3}$'",
  after: "type: string\npattern: '.*'",
  name: 'currency',
});
row('pattern-removed', {
  writer: 'Everything sent before stays valid.',
  reader: '{Readers} may receive strings that do not match the old pattern.',
  before: "type: string\npattern: '^[A-Z]{3}$'",
  after: 'type: string',
  name: 'currency',
});

// ---- object structure ------------------------------------------------------------------------------
row('pattern-property-added', {
  writer:
    'Properties whose names match the new pattern must now satisfy its schema; data sent before may not.',
  reader: '{Readers} receive data that satisfies one more constraint.',
  before: 'type: object',
  after: "type: object\npatternProperties:\n  '^x-': {type: string}",
  level: 'object',
});
row('pattern-property-removed', {
  writer: 'The constraint is gone; everything sent before stays valid.',
  reader: '{Readers} may receive any value under property names the pattern used to constrain.',
  before: "type: object\npatternProperties:\n  '^x-': {type: string}",
  after: 'type: object',
  level: 'object',
});
row('additional-properties-restricted', {
  writer:
    '{Senders} that include properties the schema does not declare are now rejected (a warning: most send none).',
  reader: '{Readers} receive only declared properties.',
  before: OBJ([], { id: STR }),
  after: OBJ([], { id: STR }) + '\nadditionalProperties: false',
  level: 'object',
});
row('additional-properties-allowed', {
  writer: 'Everything sent before stays valid.',
  reader: '{Readers} may receive properties the schema does not declare and should ignore them.',
  before: OBJ([], { id: STR }) + '\nadditionalProperties: false',
  after: OBJ([], { id: STR }),
  level: 'object',
});
const MAP = 'type: object\nadditionalProperties: {type: integer}';
row('property-names-added', {
  writer: 'Objects with property names outside the new constraint, valid before, are rejected.',
  reader: '{Readers} receive only property names they accepted before.',
  before: MAP,
  after: `${MAP}\npropertyNames: {pattern: '^[a-z]+$'}`,
  level: 'object',
});
row('property-names-removed', {
  writer: 'Everything sent before stays valid.',
  reader: '{Readers} may receive property names the old constraint excluded.',
  before: `${MAP}\npropertyNames: {pattern: '^[a-z]+$'}`,
  after: MAP,
  level: 'object',
});
const CARD = OBJ([], { card: STR, cvc: STR, expiry: STR });
row('dependent-required-added', {
  writer:
    '{Senders} that send the trigger property without the properties it now requires are rejected.',
  reader: '{Readers} receive the dependent properties whenever the trigger is present.',
  before: CARD,
  after: `${CARD}\ndependentRequired:\n  card: [cvc]`,
  level: 'object',
});
row('dependent-required-changed', {
  writer: '{Senders} may miss a property that is now required together with the trigger.',
  reader: '{Readers} may miss a property that used to come with the trigger.',
  before: `${CARD}\ndependentRequired:\n  card: [cvc]`,
  after: `${CARD}\ndependentRequired:\n  card: [expiry]`,
  level: 'object',
});
row('dependent-required-removed', {
  writer: 'Everything sent before stays valid.',
  reader:
    '{Readers} that relied on the dependent properties arriving with the trigger may not get them.',
  before: `${CARD}\ndependentRequired:\n  card: [cvc]`,
  after: CARD,
  level: 'object',
});
row('dependent-schema-added', {
  writer: 'Data that has the trigger property must now also match the dependent schema.',
  reader: '{Readers} receive data that satisfies one more constraint.',
  before: CARD,
  after: `${CARD}\ndependentSchemas:\n  card:\n    required: [expiry]`,
  level: 'object',
});
row('dependent-schema-removed', {
  writer: 'Everything sent before stays valid.',
  reader: '{Readers} lose the guarantees the dependent schema gave when the trigger is present.',
  before: `${CARD}\ndependentSchemas:\n  card:\n    required: [expiry]`,
  after: CARD,
  level: 'object',
});
const BASE = "allOf:\n  - $ref: '#/components/schemas/Base'";
row('unevaluated-properties-added', {
  writer: 'Properties no subschema declares, accepted before, are now rejected.',
  reader: '{Readers} receive only properties some subschema declares.',
  before: BASE,
  after: `${BASE}\nunevaluatedProperties: false`,
  level: 'object',
});
row('unevaluated-properties-removed', {
  writer: 'Everything sent before stays valid.',
  reader: '{Readers} may receive properties that no subschema declares.',
  before: `${BASE}\nunevaluatedProperties: false`,
  after: BASE,
  level: 'object',
});

// ---- arrays -----------------------------------------------------------------------------------------
const ITEMS = 'type: array\nitems: {type: string}';
const TUPLE = 'type: array\nprefixItems:\n  - {type: integer}\nitems: {type: string}';
row('prefix-items-added', {
  writer: 'Arrays are now checked position by position for their first items.',
  reader:
    'With prefixItems, `items` only constrains the items after the prefix: {readers} may receive first items of another type than before.',
  before: ITEMS,
  after: TUPLE,
  name: 'row',
});
row('prefix-items-removed', {
  writer:
    'Without prefixItems, `items` applies to every position again: first items that only matched the prefix schemas are rejected.',
  reader: '{Readers} receive arrays whose every item matches `items`.',
  before: TUPLE,
  after: ITEMS,
  name: 'row',
});
row('contains-added', {
  writer: 'Arrays without an item matching `contains`, valid before, are now rejected.',
  reader: '{Readers} receive only arrays that hold a matching item.',
  before: ITEMS,
  after: `${ITEMS}\ncontains: {const: primary}`,
  name: 'roles',
});
row('contains-removed', {
  writer: 'Everything sent before stays valid.',
  reader: '{Readers} that relied on one matching item being present may not find it.',
  before: `${ITEMS}\ncontains: {const: primary}`,
  after: ITEMS,
  name: 'roles',
});
const PREFIX = 'type: array\nprefixItems:\n  - {type: integer}';
row('unevaluated-items-added', {
  writer: 'Items no keyword evaluates, accepted before, are now rejected.',
  reader: '{Readers} receive only items some keyword evaluates.',
  before: PREFIX,
  after: `${PREFIX}\nunevaluatedItems: false`,
  name: 'row',
});
row('unevaluated-items-removed', {
  writer: 'Everything sent before stays valid.',
  reader: '{Readers} may receive items that no keyword evaluates.',
  before: `${PREFIX}\nunevaluatedItems: false`,
  after: PREFIX,
  name: 'row',
});

// ---- conditionals and negation -------------------------------------------------------------------------
const ADDRESS = OBJ([], { country: STR, zip: STR, state: STR });
const IF = 'if:\n  properties: {country: {const: US}}';
const THEN = 'then:\n  required: [zip]';
const ELSE = 'else:\n  required: [state]';
const conditional: Record<'if' | 'then' | 'else', [string, string]> = {
  if: [`${ADDRESS}`, `${ADDRESS}\n${IF}\n${THEN}`],
  then: [`${ADDRESS}\n${IF}`, `${ADDRESS}\n${IF}\n${THEN}`],
  else: [`${ADDRESS}\n${IF}\n${THEN}`, `${ADDRESS}\n${IF}\n${THEN}\n${ELSE}`],
};
for (const [kw, [without, withKw]] of Object.entries(conditional)) {
  row(`${kw}-added`, {
    writer: `The new \`${kw}\` adds a conditional constraint that data valid before may fail.`,
    reader: '{Readers} receive data that also satisfies the condition.',
    before: without,
    after: withKw,
    level: 'object',
  });
  row(`${kw}-removed`, {
    writer: 'Everything sent before stays valid.',
    reader: `Without the \`${kw}\`, {readers} may receive data the condition used to exclude.`,
    before: withKw,
    after: without,
    level: 'object',
  });
}
row('not-added', {
  writer: 'Values matching the new `not` schema, valid before, are now rejected.',
  reader: '{Readers} receive only values they accepted before.',
  before: 'type: string',
  after: "type: string\nnot: {const: ''}",
  name: 'title',
});
row('not-removed', {
  writer: 'Everything sent before stays valid.',
  reader: '{Readers} may receive values the `not` schema used to exclude.',
  before: "type: string\nnot: {const: ''}",
  after: 'type: string',
  name: 'title',
});
row('schema-became-false', {
  writer: 'The schema admits no value at all: anything {senders} send there is rejected.',
  reader: '{Readers} no longer receive anything there.',
  before: 'type: string',
  after: 'false',
  name: 'legacyId',
});
row('schema-became-not-false', {
  writer: 'Nothing could be sent there before, so nothing sent becomes invalid.',
  reader: '{Readers} may receive values where nothing could appear before.',
  before: 'false',
  after: 'type: string',
  name: 'legacyId',
});

// ---- composition ------------------------------------------------------------------------------------
const alt = (key: string, names: string[]) =>
  `${key}:\n${names.map((n) => `  - $ref: '#/components/schemas/${n}'`).join('\n')}`;
row('one-of-added', {
  writer: 'Every alternative accepted before is still accepted.',
  reader: '{Readers} may receive the new alternative, which their code does not handle.',
  before: alt('oneOf', ['Cat', 'Dog']),
  after: alt('oneOf', ['Cat', 'Dog', 'Bird']),
  name: 'pet',
});
row('one-of-removed', {
  writer: '{Senders} that send the removed alternative are rejected.',
  reader: '{Readers} no longer receive the removed alternative.',
  before: alt('oneOf', ['Cat', 'Dog', 'Bird']),
  after: alt('oneOf', ['Cat', 'Dog']),
  name: 'pet',
});
row('any-of-added', {
  writer: 'Everything accepted before is still accepted.',
  reader: '{Readers} may receive data matching the new alternative.',
  before: alt('anyOf', ['Email', 'Phone']),
  after: alt('anyOf', ['Email', 'Phone', 'Address']),
  name: 'contact',
});
row('any-of-removed', {
  writer: '{Senders} whose data only matched the removed alternative are rejected.',
  reader: '{Readers} no longer receive data that only the removed alternative matched.',
  before: alt('anyOf', ['Email', 'Phone', 'Address']),
  after: alt('anyOf', ['Email', 'Phone']),
  name: 'contact',
});
row('all-of-added', {
  writer: 'Data must now also satisfy the added subschema; data valid before may not.',
  reader: '{Readers} receive data that satisfies one more schema.',
  before: alt('allOf', ['Base']),
  after: alt('allOf', ['Base', 'Audited']),
  level: 'object',
});
row('all-of-removed', {
  writer:
    'The removed subschema no longer applies; what it declared is no longer declared, so it may be rejected where additional properties are not allowed.',
  reader: '{Readers} lose the guarantees of the removed subschema.',
  before: alt('allOf', ['Base', 'Audited']),
  after: alt('allOf', ['Base']),
  level: 'object',
});
const ANNOTATION = '  - description: The pet as stored.';
row('all-of-added-annotation-only', {
  writer:
    'The subschema only adds annotations (description, title, examples); validation is unchanged.',
  reader: 'The subschema only adds annotations; the data is unchanged.',
  before: alt('allOf', ['Pet']),
  after: `${alt('allOf', ['Pet'])}\n${ANNOTATION}`,
  level: 'object',
});
row('all-of-removed-annotation-only', {
  writer: 'The subschema held only annotations; validation is unchanged.',
  reader: 'The subschema held only annotations; the data is unchanged.',
  before: `${alt('allOf', ['Pet'])}\n${ANNOTATION}`,
  after: alt('allOf', ['Pet']),
  level: 'object',
});
row('wrapped-in-one-of', {
  writer:
    'The schema became one alternative of a oneOf: data must match exactly one alternative, and data matching several is rejected.',
  reader: '{Readers} may receive the other alternatives, which their code does not handle.',
  before: "$ref: '#/components/schemas/Cat'",
  after: alt('oneOf', ['Cat', 'Dog']),
  level: 'object',
});
const PETS = alt('oneOf', ['Cat', 'Dog']);
const disc = (prop: string, mapping?: string[]) =>
  `${PETS}\ndiscriminator:\n  propertyName: ${prop}` +
  (mapping
    ? `\n  mapping:\n${mapping.map((m) => `    ${m.split('=')[0]}: '#/components/schemas/${m.split('=')[1]}'`).join('\n')}`
    : '');
row('discriminator-added', {
  writer: '{Senders} must set the discriminator property to pick the alternative.',
  reader: '{Readers} and generated code can dispatch on the discriminator property.',
  before: PETS,
  after: disc('petType'),
  level: 'object',
});
row('discriminator-removed', {
  writer: 'The receiver picks the alternative by validation instead of by the property.',
  reader: 'Generated code that dispatched on the discriminator must try every alternative.',
  before: disc('petType'),
  after: PETS,
  level: 'object',
});
row('discriminator-property-name-changed', {
  writer: '{Senders} set the old property, which no longer selects the alternative.',
  reader: '{Readers} dispatch on a property that no longer decides the type.',
  before: disc('petType'),
  after: disc('kind'),
  level: 'object',
});
row('discriminator-mapping-added', {
  writer: '{Senders} can use the new discriminator value.',
  reader: '{Readers} may receive the new discriminator value.',
  before: disc('petType', ['cat=Cat']),
  after: disc('petType', ['cat=Cat', 'dog=Dog']),
  level: 'object',
});
row('discriminator-mapping-deleted', {
  writer: '{Senders} that use the deleted value no longer select that alternative.',
  reader: '{Readers} no longer receive the deleted value.',
  before: disc('petType', ['cat=Cat', 'dog=Dog']),
  after: disc('petType', ['cat=Cat']),
  level: 'object',
});
row('discriminator-mapping-changed', {
  writer: 'The same discriminator value now selects a different schema.',
  reader: '{Readers} decode the value as another schema.',
  before: disc('petType', ['dog=Dog']),
  after: disc('petType', ['dog=Canine']),
  level: 'object',
});

// ---- content keywords (3.1) ----------------------------------------------------------------------------
const JSON_STR = 'type: string\ncontentMediaType: application/json';
row('content-schema-added', {
  writer: 'The encoded content must now match the schema; strings sent before may not.',
  reader: '{Readers} receive encoded content of a known shape.',
  before: JSON_STR,
  after: `${JSON_STR}\ncontentSchema: {type: object}`,
  name: 'document',
});
row('content-schema-removed', {
  writer: 'Everything sent before stays valid.',
  reader: '{Readers} may receive encoded content of any shape.',
  before: `${JSON_STR}\ncontentSchema: {type: object}`,
  after: JSON_STR,
  name: 'document',
});
row('content-encoding-changed', {
  writer: '{Senders} encode with the old encoding, which the receiver no longer decodes.',
  reader: '{Readers} decode with the old encoding and get garbage.',
  before: 'type: string\ncontentEncoding: base64',
  after: 'type: string\ncontentEncoding: base32',
  name: 'file',
});
row('content-media-type-changed', {
  writer: '{Senders} embed content of the old media type, which the receiver no longer parses.',
  reader: '{Readers} parse the embedded content as the old media type and fail.',
  before: 'type: string\ncontentMediaType: application/json',
  after: 'type: string\ncontentMediaType: application/xml',
  name: 'document',
});

// ---- lifecycle of schemas and properties ------------------------------------------------------------------
const DEPRECATION =
  'Nothing breaks yet: the element is announced for removal, and {senders} should stop sending it.';
const DEPRECATION_READ =
  'Nothing breaks yet: {readers} should stop relying on the element before it is removed.';
row('deprecated', {
  writer: DEPRECATION,
  reader: DEPRECATION_READ,
  before: 'type: string',
  after: 'type: string\ndeprecated: true',
  name: 'fax',
});
row('deprecated-with-sunset', {
  writer: `${DEPRECATION} The sunset date says until when it is supported.`,
  reader: `${DEPRECATION_READ} The sunset date says until when it is supported.`,
  before: 'type: string',
  after: "type: string\ndeprecated: true\nx-sunset: '2026-06-30'",
  name: 'fax',
});
const POLICY = (what: string) => ({
  writer: `${what} {Senders} cannot plan the migration the deprecation policy promises them.`,
  reader: `${what} {Readers} cannot plan the migration the deprecation policy promises them.`,
});
row('deprecated-sunset-invalid', {
  ...POLICY('The sunset date cannot be read, so nobody can tell how long the element stays.'),
  before: 'type: string',
  after: 'type: string\ndeprecated: true\nx-sunset: next spring',
  name: 'fax',
});
row('deprecated-sunset-missing', {
  ...POLICY('Without a sunset date there is no notice period.'),
  before: 'type: string',
  after: 'type: string\ndeprecated: true',
  name: 'fax',
});
row('sunset-date-too-small', {
  ...POLICY('The sunset date leaves less notice than the policy requires.'),
  before: 'type: string',
  after: "type: string\ndeprecated: true\nx-sunset: '2025-01-15'",
  name: 'fax',
});
row('reactivated', {
  writer: 'The element is supported again; {senders} may keep sending it.',
  reader: 'The element is supported again; {readers} may keep relying on it.',
  before: 'type: string\ndeprecated: true',
  after: 'type: string',
  name: 'fax',
});
row('stability-decreased', {
  writer:
    '{Senders} relied on the stated stability; at a lower level the element may change without notice.',
  reader:
    '{Readers} relied on the stated stability; at a lower level the element may change without notice.',
  before: 'type: string\nx-stability-level: stable',
  after: 'type: string\nx-stability-level: beta',
  name: 'nickname',
});
row('stability-increased', {
  writer: 'The element promises more stability; nothing breaks.',
  reader: 'The element promises more stability; nothing breaks.',
  before: 'type: string\nx-stability-level: beta',
  after: 'type: string\nx-stability-level: stable',
  name: 'nickname',
});

/** The explanation row of a kind (null for a kind the table does not know yet). */
export function kindExplain(kind: string): KindExplain | null {
  const r = ROWS[kind];
  return r ? { level: 'value', ...r } : null;
}

/** Kinds with a row: tests compare it with the kinds of kinds.ts. */
export const EXPLAINED_KINDS: readonly string[] = Object.keys(ROWS);

// ---- composing a rule's explanation -------------------------------------------------------------------

const LEVEL_WORD: Record<Level, string> = { ERR: 'breaking', WARN: 'warning', INFO: 'compatible' };

/** Generic sentences by level, for a kind without a row. */
const BY_LEVEL: Record<Level, { writer: string; reader: string }> = {
  ERR: {
    writer: 'Data that {senders} built against the old schema send may now be rejected.',
    reader: '{Readers} may now receive data their code was not written for.',
  },
  WARN: {
    writer: 'Some data {senders} sent before may now be rejected.',
    reader: '{Readers} may now receive data some of them do not expect.',
  },
  INFO: {
    writer: 'Data {senders} sent before stays valid.',
    reader: '{Readers} receive data they already handled.',
  },
};

type Direction = 'write' | 'read' | 'both';
interface Place {
  direction: Direction;
  senders: string;
  readers: string;
  /** Wraps a value-level snippet (`name` is the property name) or an object-level one. */
  wrap: (snippet: string, level: KindExplain['level'], name: string) => string;
}

const indent = (text: string, n: number) =>
  text
    .split('\n')
    .map((l) => ' '.repeat(n) + l)
    .join('\n');
/** A value-level snippet as a property of the object, an object-level one as it is. */
const asProperty = (snippet: string, level: KindExplain['level'], name: string) =>
  level === 'value' ? `properties:\n  ${name}:\n${indent(snippet, 4)}` : snippet;
const under = (head: string, depth: number, snippet: string) =>
  `${head}\n${indent(snippet, depth)}`;
const parameter = (name: string, inn: string, extra = '') =>
  `parameters:\n  - name: ${name}\n    in: ${inn}${extra}\n    schema:`;

const PLACES: Record<Family, Place> = {
  'request-body': {
    direction: 'write',
    senders: 'Clients',
    readers: 'Readers',
    wrap: (s) => under('# request body schema', 0, s),
  },
  'request-property': {
    direction: 'write',
    senders: 'Clients',
    readers: 'Readers',
    wrap: (s, l, n) => under('# request body schema', 0, asProperty(s, l, n)),
  },
  'request-parameter': {
    direction: 'write',
    senders: 'Clients',
    readers: 'Readers',
    wrap: (s, l, n) => under(parameter(l === 'value' ? n : 'filter', 'query'), 6, s),
  },
  'request-parameter-property': {
    direction: 'write',
    senders: 'Clients',
    readers: 'Readers',
    wrap: (s, l, n) =>
      under(parameter('filter', 'query', '\n    style: deepObject'), 6, asProperty(s, l, n)),
  },
  'request-header-property': {
    direction: 'write',
    senders: 'Clients',
    readers: 'Readers',
    wrap: (s, l, n) => under(parameter('X-Filter', 'header'), 6, asProperty(s, l, n)),
  },
  'response-body': {
    direction: 'read',
    senders: 'Senders',
    readers: 'Clients',
    wrap: (s) => under('# response body schema', 0, s),
  },
  'response-property': {
    direction: 'read',
    senders: 'Senders',
    readers: 'Clients',
    wrap: (s, l, n) => under('# response body schema', 0, asProperty(s, l, n)),
  },
  'response-header': {
    direction: 'read',
    senders: 'Senders',
    readers: 'Clients',
    wrap: (s) => under('headers:\n  X-Rate-Limit:\n    schema:', 6, s),
  },
  message: {
    direction: 'both',
    senders: 'Senders',
    readers: 'Readers',
    wrap: (s, l, n) => under('payload:', 2, asProperty(s, l, n)),
  },
  'message-header': {
    direction: 'both',
    senders: 'Senders',
    readers: 'Readers',
    wrap: (s, l, n) => under('headers:', 2, asProperty(s, l, n)),
  },
  'message-key': {
    direction: 'both',
    senders: 'Senders',
    readers: 'Readers',
    wrap: (s) => under('bindings:\n  kafka:\n    key:', 6, s),
  },
  'channel-parameter': {
    direction: 'both',
    senders: 'Senders',
    readers: 'Readers',
    wrap: (s) => under('parameters:\n  userId:\n    schema:', 6, s),
  },
  binding: {
    direction: 'both',
    senders: 'Senders',
    readers: 'Readers',
    wrap: (s, l, n) => under('bindings:\n  ws:\n    query:', 6, asProperty(s, l, n)),
  },
  schema: {
    direction: 'both',
    senders: 'Senders',
    readers: 'Readers',
    wrap: (s, l, n) => asProperty(s, l, n),
  },
};

function cap(x: string): string {
  return x.charAt(0).toUpperCase() + x.slice(1);
}

function fill(text: string, place: Place): string {
  return text
    .replace(/\{Senders\}/g, place.senders)
    .replace(/\{senders\}/g, place.senders.toLowerCase())
    .replace(/\{Readers\}/g, place.readers)
    .replace(/\{readers\}/g, place.readers.toLowerCase());
}

/**
 * The explanation of the rule of `kind` in `family`: the sentence of the family's direction (both
 * directions with their levels where it is configured), and the example placed in the family.
 * `id` marks the readOnly/writeOnly variants, which only concern consumers that echo the property.
 */
export function schemaExplain(
  kind: KindDef,
  family: Family,
  id?: string,
): NonNullable<RuleDef['explain']> {
  // Computed on first read: the catalogue holds a thousand schema rules and a run reads a few.
  let done: NonNullable<RuleDef['explain']> | undefined;
  const get = () => (done ??= compose(kind, family, id));
  return {
    get why() {
      return get().why;
    },
    get example() {
      return get().example;
    },
  };
}

function compose(kind: KindDef, family: Family, id?: string): NonNullable<RuleDef['explain']> {
  const place = PLACES[family];
  const r = kindExplain(kind.kind);
  const writer = fill(r?.writer ?? BY_LEVEL[kind.write].writer, place);
  const reader = fill(r?.reader ?? BY_LEVEL[kind.read].reader, place);
  let why =
    place.direction === 'write'
      ? writer
      : place.direction === 'read'
        ? reader
        : `Where consumers send the data (${LEVEL_WORD[kind.write]}): ${writer} Where they read it (${LEVEL_WORD[kind.read]}): ${reader}`;
  if (id && id === kind.readOnlyInRequest)
    why = `The property is readOnly: clients do not send it, so only clients that echo it back are affected. ${why}`;
  if (id && id === kind.writeOnlyInResponse)
    why = `The property is writeOnly: servers do not return it, so only servers that echo it are affected. ${why}`;
  if (!r) return { why };
  const name = r.name ?? 'value';
  return {
    why,
    example: {
      before: place.wrap(r.before, r.level ?? 'value', name),
      after: place.wrap(r.after, r.level ?? 'value', name),
      language: 'yaml',
    },
  };
}
