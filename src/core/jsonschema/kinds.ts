import type { ChangeKind } from '../rule.js';

/**
 * Every kind of schema change the comparator detects, declared as data: the level it has when
 * consumers write the data (request, received message) and when they read it (response, sent
 * message), and the oasdiff check id it maps to for each OpenAPI family. The rule catalogue
 * (rules.ts) is generated from this table; detection (detect.ts) only names kinds.
 *
 * Levels follow oasdiff: ERR → breaking, WARN → warning, INFO → info.
 */
export type Level = 'ERR' | 'WARN' | 'INFO';

/** The OpenAPI rule families: where in an operation a schema change sits. */
export const OAS_FAMILIES = [
  'request-body',
  'request-property',
  'request-parameter',
  'request-parameter-property',
  'request-header-property',
  'response-body',
  'response-property',
  'response-header',
] as const;
export type OasFamily = (typeof OAS_FAMILIES)[number];

/** Families of the other formats: one id per kind, severity by direction. */
export const GEN_FAMILIES = {
  message: { format: 'asyncapi', noun: 'message payload' },
  'message-header': { format: 'asyncapi', noun: 'message headers' },
  'message-key': { format: 'asyncapi', noun: 'message key' },
  binding: { format: 'asyncapi', noun: 'binding' },
  'channel-parameter': { format: 'asyncapi', noun: 'channel parameter' },
  schema: { format: 'jsonschema', noun: 'schema' },
} as const;
export type GenFamily = keyof typeof GEN_FAMILIES;
export type Family = OasFamily | GenFamily;

export interface KindDef {
  kind: string;
  /** Level when consumers write the data (request-like) and when they read it (response-like). */
  write: Level;
  read: Level;
  change: ChangeKind;
  /** What changed, after the subject: `{before}`, `{after}`, `{value}`, `{name}` are filled in. */
  text: string;
  /** oasdiff ids per OpenAPI family (families left out fall back, see rules.ts). */
  oas: Partial<Record<OasFamily, string>>;
  /** oasdiff id for a change inside a readOnly property of a request (else not reported there). */
  readOnlyInRequest?: string;
  /** oasdiff id for a change inside a writeOnly property of a response (else not reported there). */
  writeOnlyInResponse?: string;
  /** The change is about readOnly/writeOnly itself: the property's own flags do not suppress it. */
  ownFlags?: boolean;
  /** Use the kind's level even where the mapped oasdiff id has another (x-extensible-enum). */
  forceLevel?: boolean;
  /** Why our level or id differs from oasdiff, or what oasdiff lacks. */
  note?: string;
  /** Families where the format's structural rules report this change (the comparator stays silent). */
  ownedBy?: readonly OasFamily[];
  /** Families where the change cannot happen (JSON Schema documents are always strongly typed). */
  notIn?: readonly GenFamily[];
}

const rows: KindDef[] = [];
function k(
  kind: string,
  write: Level,
  read: Level,
  change: ChangeKind,
  text: string,
  oas: KindDef['oas'],
  extra: Partial<KindDef> = {},
): void {
  rows.push({ kind, write, read, change, text, oas, ...extra });
}

// One family key per row, spelled out so the table reads like oasdiff's rule list.
const both = (req: string, resp: string, more: KindDef['oas'] = {}): KindDef['oas'] => ({
  'request-body': `request-body-${req}`,
  'request-property': `request-property-${req}`,
  'response-body': `response-body-${resp}`,
  'response-property': `response-property-${resp}`,
  ...more,
});
const same = (s: string, more: KindDef['oas'] = {}) => both(s, s, more);

// ---- existence and requiredness of properties -------------------------------------------------
k(
  'required-property-added',
  'ERR',
  'INFO',
  'addition',
  'was added as a required property',
  {
    'request-property': 'new-required-request-property',
    'request-header-property': 'new-required-request-header-property',
    'response-property': 'response-required-property-added',
  },
  { writeOnlyInResponse: 'response-required-write-only-property-added' },
);
k(
  'required-property-added-with-default',
  'ERR',
  'INFO',
  'addition',
  'was added as a required property with a default',
  {
    'request-property': 'new-required-request-property-with-default',
    'request-header-property': 'new-required-request-header-property',
    'response-property': 'response-required-property-added',
  },
  { writeOnlyInResponse: 'response-required-write-only-property-added' },
);
k(
  'optional-property-added',
  'INFO',
  'INFO',
  'addition',
  'was added as an optional property',
  {
    'request-property': 'new-optional-request-property',
    'response-property': 'response-optional-property-added',
  },
  { writeOnlyInResponse: 'response-optional-write-only-property-added' },
);
k(
  'required-property-removed',
  'WARN',
  'ERR',
  'removal',
  'was removed (it was required)',
  {
    'request-property': 'request-property-removed',
    'response-property': 'response-required-property-removed',
  },
  { writeOnlyInResponse: 'response-required-write-only-property-removed' },
);
k(
  'optional-property-removed',
  'WARN',
  'WARN',
  'removal',
  'was removed (it was optional)',
  {
    'request-property': 'request-property-removed',
    'response-property': 'response-optional-property-removed',
  },
  { writeOnlyInResponse: 'response-optional-write-only-property-removed' },
);
k(
  'property-became-required',
  'ERR',
  'INFO',
  'modification',
  'became required',
  {
    'request-property': 'request-property-became-required',
    'request-header-property': 'request-header-property-became-required',
    'response-property': 'response-property-became-required',
  },
  { writeOnlyInResponse: 'response-write-only-property-became-required' },
);
k(
  'property-became-required-with-default',
  'ERR',
  'INFO',
  'modification',
  'became required (it has a default)',
  {
    'request-property': 'request-property-became-required-with-default',
    'request-header-property': 'request-header-property-became-required',
    'response-property': 'response-property-became-required',
  },
  { writeOnlyInResponse: 'response-write-only-property-became-required' },
);
k(
  'property-became-optional',
  'INFO',
  'ERR',
  'modification',
  'became optional',
  {
    'request-property': 'request-property-became-optional',
    'response-property': 'response-property-became-optional',
  },
  { writeOnlyInResponse: 'response-write-only-property-became-optional' },
);
for (const req of ['required', 'optional'] as const) {
  for (const [flag, word] of [
    ['read-only', 'readOnly'],
    ['write-only', 'writeOnly'],
  ] as const) {
    for (const not of ['', 'not-'] as const) {
      const suffix = `${req}-property-became-${not}${flag}`;
      const level: Level = suffix === 'required-property-became-not-write-only' ? 'WARN' : 'INFO';
      k(
        suffix,
        'INFO',
        level,
        'modification',
        `${not ? 'is no longer' : 'became'} ${word} (${req} property)`,
        {
          'request-property': `request-${suffix}`,
          'response-property': `response-${suffix}`,
        },
        { ownFlags: true },
      );
    }
  }
}

// ---- type and format ----------------------------------------------------------------------------
k(
  'type-changed',
  'ERR',
  'ERR',
  'modification',
  'type/format changed from {before} to {after}',
  same('type-changed', {
    'request-parameter': 'request-parameter-type-changed',
    'request-parameter-property': 'request-parameter-property-type-specialized',
    'response-header': 'response-header-type-changed',
  }),
);
k(
  'type-generalized',
  'INFO',
  'ERR',
  'modification',
  'type/format was widened from {before} to {after}',
  same('type-generalized', {
    'request-parameter': 'request-parameter-type-generalized',
    'request-parameter-property': 'request-parameter-property-type-generalized',
    'response-header': 'response-header-type-generalized',
  }),
);
k(
  'type-specialized',
  'ERR',
  'INFO',
  'modification',
  'type/format was narrowed from {before} to {after}',
  both('type-changed', 'type-specialized', {
    'request-parameter': 'request-parameter-type-changed',
    'request-parameter-property': 'request-parameter-property-type-specialized',
    'response-header': 'response-header-type-specialized',
  }),
);
k(
  'type-compatible',
  'INFO',
  'INFO',
  'modification',
  'type/format changed from {before} to {after}, compatible because the media type is not strongly typed',
  same('type-compatible', {
    'request-parameter': 'request-parameter-type-generalized',
    'request-parameter-property': 'request-parameter-property-type-changed',
    'response-header': 'response-header-type-compatible',
  }),
  {
    notIn: ['schema'],
    note: 'For an object parameter property the serialization is unknown: oasdiff reports request-parameter-property-type-changed (WARN) when only strongly typed serializations break.',
  },
);
k(
  'list-of-types-widened',
  'INFO',
  'ERR',
  'modification',
  'list of types was widened from {before} to {after}',
  same('list-of-types-widened', {
    'request-parameter': 'request-parameter-list-of-types-widened',
    'request-parameter-property': 'request-parameter-property-list-of-types-widened',
  }),
);
k(
  'list-of-types-narrowed',
  'ERR',
  'INFO',
  'modification',
  'list of types was narrowed from {before} to {after}',
  same('list-of-types-narrowed', {
    'request-parameter': 'request-parameter-list-of-types-narrowed',
    'request-parameter-property': 'request-parameter-property-list-of-types-narrowed',
  }),
);

// ---- nullability --------------------------------------------------------------------------------
k(
  'became-nullable',
  'INFO',
  'ERR',
  'modification',
  'became nullable',
  same('became-nullable', {
    'request-parameter': 'request-parameter-became-nullable',
    'request-parameter-property': 'request-parameter-property-became-nullable',
    'response-header': 'response-header-became-nullable',
  }),
);
k(
  'became-not-nullable',
  'ERR',
  'INFO',
  'modification',
  'is no longer nullable',
  same('became-not-nullable', {
    'request-parameter': 'request-parameter-became-not-nullable',
    'request-parameter-property': 'request-parameter-property-became-not-nullable',
    'response-header': 'response-header-became-not-nullable',
  }),
);

// ---- enums, const, default ----------------------------------------------------------------------
k(
  'enum-value-added',
  'INFO',
  'WARN',
  'addition',
  'enum value {value} was added',
  {
    'request-property': 'request-property-enum-value-added',
    'request-parameter': 'request-parameter-enum-value-added',
    'request-parameter-property': 'request-parameter-property-enum-value-added',
    'response-property': 'response-property-enum-value-added',
  },
  { writeOnlyInResponse: 'response-write-only-property-enum-value-added' },
);
k(
  'enum-value-removed',
  'ERR',
  'INFO',
  'removal',
  'enum value {value} was removed',
  {
    'request-body': 'request-body-enum-value-removed',
    'request-property': 'request-property-enum-value-removed',
    'request-parameter': 'request-parameter-enum-value-removed',
    'request-parameter-property': 'request-parameter-property-enum-value-removed',
    'response-body': 'response-mediatype-enum-value-removed',
    'response-property': 'response-property-enum-value-removed',
  },
  { readOnlyInRequest: 'request-read-only-property-enum-value-removed' },
);
k(
  'x-extensible-enum-value-added',
  'INFO',
  'INFO',
  'addition',
  'x-extensible-enum value {value} was added',
  {
    'request-property': 'request-property-enum-value-added',
    'request-parameter': 'request-parameter-enum-value-added',
    'request-parameter-property': 'request-parameter-property-enum-value-added',
    'response-property': 'response-property-enum-value-added',
  },
  {
    forceLevel: true,
    note: 'An x-extensible-enum declares that values may be added: readers must accept unknown ones, so growth is info in responses too.',
  },
);
k(
  'x-extensible-enum-value-removed',
  'ERR',
  'INFO',
  'removal',
  'x-extensible-enum value {value} was removed',
  {
    'request-property': 'request-property-x-extensible-enum-value-removed',
    'request-parameter': 'request-parameter-x-extensible-enum-value-removed',
    'response-body': 'response-mediatype-enum-value-removed',
    'response-property': 'response-property-enum-value-removed',
  },
);
k('became-enum', 'ERR', 'INFO', 'modification', 'became an enum of {after}', {
  'request-body': 'request-body-became-enum',
  'request-property': 'request-property-became-enum',
  'request-parameter': 'request-parameter-became-enum',
  'request-header-property': 'request-header-property-became-enum',
});
k(
  'became-not-enum',
  'INFO',
  'ERR',
  'modification',
  'is no longer an enum (was {before})',
  {
    'request-body': 'request-body-enum-removed',
    'request-property': 'request-property-enum-removed',
    'request-parameter': 'request-parameter-enum-removed',
    'request-parameter-property': 'request-parameter-property-enum-removed',
    'response-body': 'response-mediatype-enum-removed',
    'response-property': 'response-property-enum-removed',
  },
  {
    note: 'In responses every value of the type may now come back: a widening like a generalized type, breaking (as in current oasdiff), while adding single values only warns (response-property-enum-value-added).',
  },
);
k('const-added', 'ERR', 'INFO', 'modification', 'const {after} was added', same('const-added'));
k(
  'const-changed',
  'ERR',
  'ERR',
  'modification',
  'const changed from {before} to {after}',
  same('const-changed'),
);
k(
  'const-removed',
  'INFO',
  'ERR',
  'modification',
  'const {before} was removed',
  same('const-removed'),
);
k(
  'default-value-added',
  'INFO',
  'INFO',
  'modification',
  'default value {after} was added',
  same('default-value-added', {
    'request-parameter-property': 'request-parameter-property-default-value-added',
  }),
  { ownedBy: ['request-parameter'] },
);
k(
  'default-value-changed',
  'INFO',
  'INFO',
  'modification',
  'default value changed from {before} to {after}',
  same('default-value-changed', {
    'request-parameter-property': 'request-parameter-property-default-value-changed',
  }),
  { ownedBy: ['request-parameter'] },
);
k(
  'default-value-removed',
  'INFO',
  'INFO',
  'modification',
  'default value {before} was removed',
  same('default-value-removed', {
    'request-parameter-property': 'request-parameter-property-default-value-removed',
  }),
  { ownedBy: ['request-parameter'] },
);

// ---- numeric, length, item and property-count bounds ----------------------------------------------
type Bound = {
  name: string;
  word: string;
  /** oasdiff ids present per family for decreased / increased / set / unset. */
  ids: Partial<Record<'decreased' | 'increased' | 'set' | 'unset', KindDef['oas']>>;
  /** Which way narrows the accepted values: a max narrows when decreased, a min when increased. */
  upper: boolean;
  readOnly?: string;
};
const req = (s: string, param = true): KindDef['oas'] => ({
  'request-body': `request-body-${s}`,
  'request-property': `request-property-${s}`,
  ...(param ? { 'request-parameter': `request-parameter-${s}` } : {}),
});
const resp = (s: string): KindDef['oas'] => ({
  'response-body': `response-body-${s}`,
  'response-property': `response-property-${s}`,
});
const BOUNDS: Bound[] = [
  {
    name: 'max',
    word: 'maximum',
    upper: true,
    ids: {
      decreased: req('max-decreased'),
      increased: { ...req('max-increased'), ...resp('max-increased') },
      set: req('max-set'),
    },
    readOnly: 'request-read-only-property-max-decreased',
  },
  {
    name: 'min',
    word: 'minimum',
    upper: false,
    ids: {
      increased: req('min-increased'),
      decreased: { ...req('min-decreased'), ...resp('min-decreased') },
      set: req('min-set'),
    },
    readOnly: 'request-read-only-property-min-increased',
  },
  {
    name: 'exclusive-max',
    word: 'exclusiveMaximum',
    upper: true,
    ids: {
      decreased: req('exclusive-max-decreased'),
      increased: { ...req('exclusive-max-increased'), ...resp('exclusive-max-increased') },
      set: req('exclusive-max-set'),
    },
    readOnly: 'request-read-only-property-exclusive-max-decreased',
  },
  {
    name: 'exclusive-min',
    word: 'exclusiveMinimum',
    upper: false,
    ids: {
      increased: req('exclusive-min-increased'),
      decreased: { ...req('exclusive-min-decreased'), ...resp('exclusive-min-decreased') },
      set: req('exclusive-min-set'),
    },
    readOnly: 'request-read-only-property-exclusive-min-increased',
  },
  {
    name: 'max-length',
    word: 'maxLength',
    upper: true,
    ids: {
      decreased: req('max-length-decreased'),
      increased: { ...req('max-length-increased'), ...resp('max-length-increased') },
      set: req('max-length-set'),
      unset: resp('max-length-unset'),
    },
    readOnly: 'request-read-only-property-max-length-decreased',
  },
  {
    name: 'min-length',
    word: 'minLength',
    upper: false,
    ids: {
      increased: req('min-length-increased'),
      decreased: { ...req('min-length-decreased'), ...resp('min-length-decreased') },
    },
  },
  {
    name: 'max-items',
    word: 'maxItems',
    upper: true,
    ids: {
      decreased: { 'request-parameter': 'request-parameter-max-items-decreased' },
      increased: { 'request-parameter': 'request-parameter-max-items-increased' },
    },
  },
  {
    name: 'min-items',
    word: 'minItems',
    upper: false,
    ids: {
      increased: req('min-items-increased'),
      decreased: {
        'request-parameter': 'request-parameter-min-items-decreased',
        ...resp('min-items-decreased'),
      },
      set: req('min-items-set'),
      unset: resp('min-items-unset'),
    },
  },
  {
    name: 'max-contains',
    word: 'maxContains',
    upper: true,
    ids: {
      decreased: { ...req('max-contains-decreased', false), ...resp('max-contains-decreased') },
      increased: { ...req('max-contains-increased', false), ...resp('max-contains-increased') },
    },
  },
  {
    name: 'min-contains',
    word: 'minContains',
    upper: false,
    ids: {
      increased: { ...req('min-contains-increased', false), ...resp('min-contains-increased') },
      decreased: { ...req('min-contains-decreased', false), ...resp('min-contains-decreased') },
    },
  },
  { name: 'max-properties', word: 'maxProperties', upper: true, ids: {} },
  { name: 'min-properties', word: 'minProperties', upper: false, ids: {} },
];
for (const b of BOUNDS) {
  // Narrowing the accepted values breaks writers; widening breaks readers.
  const narrow = b.upper ? 'decreased' : 'increased';
  const widen = b.upper ? 'increased' : 'decreased';
  k(
    `${b.name}-${narrow}`,
    'ERR',
    'INFO',
    'modification',
    `${b.word} was ${narrow} from {before} to {after}`,
    b.ids[narrow] ?? {},
    b.readOnly ? { readOnlyInRequest: b.readOnly } : {},
  );
  k(
    `${b.name}-${widen}`,
    'INFO',
    'ERR',
    'modification',
    `${b.word} was ${widen} from {before} to {after}`,
    b.ids[widen] ?? {},
  );
  // Count-like bounds without a keyword have a natural default (0, unlimited): set/unset are
  // reported as increased/decreased for them, except where oasdiff has set/unset ids.
  if (
    [
      'max',
      'min',
      'exclusive-max',
      'exclusive-min',
      'max-length',
      'max-items',
      'min-items',
    ].includes(b.name)
  ) {
    k(
      `${b.name}-set`,
      'WARN',
      'INFO',
      'modification',
      `${b.word} {after} was set`,
      b.ids.set ?? {},
      {
        note: 'oasdiff warns: the spec cannot tell whether values beyond the new bound were ever sent.',
      },
    );
    k(
      `${b.name}-unset`,
      'INFO',
      'ERR',
      'modification',
      `${b.word} {before} was removed`,
      b.ids.unset ?? {},
      {
        note: 'Removing a bound widens the values like increasing it; oasdiff has an id for some bounds only.',
      },
    );
  }
}
k('became-unique-items', 'ERR', 'INFO', 'modification', 'items must now be unique', {});
k(
  'became-not-unique-items',
  'INFO',
  'WARN',
  'modification',
  'items no longer need to be unique',
  {},
);
k(
  'multiple-of-narrowed',
  'ERR',
  'INFO',
  'modification',
  'multipleOf changed from {before} to {after} (fewer values)',
  {},
);
k(
  'multiple-of-widened',
  'INFO',
  'ERR',
  'modification',
  'multipleOf changed from {before} to {after} (more values)',
  {},
);
k(
  'multiple-of-changed',
  'ERR',
  'ERR',
  'modification',
  'multipleOf changed from {before} to {after}',
  {},
);

// ---- pattern --------------------------------------------------------------------------------------
const pat = (s: string, resp = s): KindDef['oas'] => ({
  'request-property': `request-property-pattern-${s}`,
  'request-parameter': `request-parameter-pattern-${s}`,
  'response-property': `response-property-pattern-${resp}`,
});
k('pattern-added', 'ERR', 'INFO', 'modification', 'pattern {after} was added', pat('added'));
k(
  'pattern-changed',
  'WARN',
  'INFO',
  'modification',
  'pattern changed from {before} to {after}',
  pat('changed'),
);
k(
  'pattern-generalized',
  'INFO',
  'INFO',
  'modification',
  'pattern changed from {before} to {after} (matches anything)',
  pat('generalized', 'changed'),
);
k(
  'pattern-removed',
  'INFO',
  'INFO',
  'modification',
  'pattern {before} was removed',
  pat('removed'),
);

// ---- object structure ------------------------------------------------------------------------------
k(
  'pattern-property-added',
  'ERR',
  'INFO',
  'addition',
  'patternProperties {value} was added',
  same('pattern-property-added'),
);
k(
  'pattern-property-removed',
  'INFO',
  'ERR',
  'removal',
  'patternProperties {value} was removed',
  same('pattern-property-removed'),
);
k(
  'additional-properties-restricted',
  'WARN',
  'INFO',
  'modification',
  'additionalProperties was restricted from {before} to {after}',
  {},
  {
    note: 'oasdiff has no additionalProperties checks. Writers that send extra properties now fail: a warning, since most writers send none.',
  },
);
k(
  'additional-properties-allowed',
  'INFO',
  'INFO',
  'modification',
  'additionalProperties was relaxed from {before} to {after}',
  {},
);
k(
  'property-names-added',
  'ERR',
  'INFO',
  'modification',
  'propertyNames was added',
  same('property-names-added'),
);
k(
  'property-names-removed',
  'INFO',
  'ERR',
  'modification',
  'propertyNames was removed',
  same('property-names-removed'),
);
k(
  'dependent-required-added',
  'ERR',
  'INFO',
  'modification',
  'dependentRequired for {value} was added',
  same('dependent-required-added'),
);
k(
  'dependent-required-changed',
  'ERR',
  'ERR',
  'modification',
  'dependentRequired for {value} changed from {before} to {after}',
  same('dependent-required-changed'),
);
k(
  'dependent-required-removed',
  'INFO',
  'ERR',
  'modification',
  'dependentRequired for {value} was removed',
  same('dependent-required-removed'),
);
k(
  'dependent-schema-added',
  'ERR',
  'INFO',
  'modification',
  'dependentSchemas for {value} was added',
  same('dependent-schema-added'),
);
k(
  'dependent-schema-removed',
  'INFO',
  'ERR',
  'modification',
  'dependentSchemas for {value} was removed',
  same('dependent-schema-removed'),
);
k(
  'unevaluated-properties-added',
  'ERR',
  'INFO',
  'modification',
  'unevaluatedProperties was added',
  same('unevaluated-properties-added'),
);
k(
  'unevaluated-properties-removed',
  'INFO',
  'ERR',
  'modification',
  'unevaluatedProperties was removed',
  same('unevaluated-properties-removed'),
);

// ---- arrays -----------------------------------------------------------------------------------------
// The positions an entry now governs are compared one by one (detect.ts), and those findings carry
// the verdict: whether an entry narrows or widens depends on the `items` it replaces.
const PREFIX_NOTE =
  'Info: the positions it governs are compared with the schema that governed them before (their findings carry the verdict; oasdiff fixes a direction).';
k(
  'prefix-items-added',
  'INFO',
  'INFO',
  'modification',
  'prefixItems was added',
  same('prefix-items-added'),
  {
    forceLevel: true,
    note: PREFIX_NOTE,
  },
);
k(
  'prefix-items-removed',
  'INFO',
  'INFO',
  'modification',
  'prefixItems was removed',
  same('prefix-items-removed'),
  {
    forceLevel: true,
    note: PREFIX_NOTE,
  },
);
k('contains-added', 'ERR', 'INFO', 'modification', 'contains was added', same('contains-added'));
k(
  'contains-removed',
  'INFO',
  'ERR',
  'modification',
  'contains was removed',
  same('contains-removed'),
);
k(
  'unevaluated-items-added',
  'ERR',
  'INFO',
  'modification',
  'unevaluatedItems was added',
  same('unevaluated-items-added'),
);
k(
  'unevaluated-items-removed',
  'INFO',
  'ERR',
  'modification',
  'unevaluatedItems was removed',
  same('unevaluated-items-removed'),
);

// ---- conditionals and negation -------------------------------------------------------------------------
for (const kw of ['if', 'then', 'else'] as const) {
  k(`${kw}-added`, 'ERR', 'INFO', 'modification', `${kw} was added`, same(`${kw}-added`));
  k(`${kw}-removed`, 'INFO', 'ERR', 'modification', `${kw} was removed`, same(`${kw}-removed`));
}
k('not-added', 'ERR', 'INFO', 'modification', 'not was added', {});
k('not-removed', 'INFO', 'ERR', 'modification', 'not was removed', {});

// ---- `false`: a schema that admits no value -------------------------------------------------------
// One finding for the whole schema; its keywords are not compared with those of the other side.
// Levels by family from oasdiff: a response body that admits nothing can no longer be returned
// (breaking, like a removed media type), and one that admits values again is a new variant (info);
// a response property or items schema reopened lets the server return values clients never saw.
k(
  'schema-became-false',
  'ERR',
  'INFO',
  'modification',
  'admits no value any more (false)',
  same('schema-became-false', { 'request-parameter': 'request-parameter-schema-became-false' }),
);
k(
  'schema-became-not-false',
  'INFO',
  'ERR',
  'modification',
  'admits values again (it was false)',
  same('schema-became-not-false', {
    'request-parameter': 'request-parameter-schema-became-not-false',
  }),
);

// ---- composition ------------------------------------------------------------------------------------
k(
  'one-of-added',
  'INFO',
  'ERR',
  'addition',
  'oneOf alternative {value} was added',
  same('one-of-added'),
);
k(
  'one-of-removed',
  'ERR',
  'INFO',
  'removal',
  'oneOf alternative {value} was removed',
  same('one-of-removed'),
);
k(
  'any-of-added',
  'INFO',
  'INFO',
  'addition',
  'anyOf alternative {value} was added',
  same('any-of-added'),
);
k(
  'any-of-removed',
  'ERR',
  'INFO',
  'removal',
  'anyOf alternative {value} was removed',
  same('any-of-removed'),
);
k(
  'all-of-added',
  'ERR',
  'INFO',
  'addition',
  'allOf subschema {value} was added',
  same('all-of-added'),
  {
    note: 'Only for allOf lists that cannot be merged: mergeable subschemas are compared as the properties they contribute (a new optional property is no longer reported as breaking).',
  },
);
k(
  'all-of-removed',
  'WARN',
  'INFO',
  'removal',
  'allOf subschema {value} was removed',
  same('all-of-removed'),
);
k(
  'all-of-added-annotation-only',
  'INFO',
  'INFO',
  'addition',
  'annotation-only allOf subschema {value} was added',
  same('all-of-added-annotation-only'),
);
k(
  'all-of-removed-annotation-only',
  'INFO',
  'INFO',
  'removal',
  'annotation-only allOf subschema {value} was removed',
  same('all-of-removed-annotation-only'),
);
k('wrapped-in-one-of', 'ERR', 'ERR', 'modification', 'was wrapped in a oneOf with {value}', {
  'request-body': 'request-body-wrapped-in-one-of',
  'response-body': 'response-body-wrapped-in-one-of',
});
k(
  'discriminator-added',
  'INFO',
  'INFO',
  'modification',
  "discriminator on '{after}' was added",
  same('discriminator-added'),
);
k(
  'discriminator-removed',
  'INFO',
  'INFO',
  'modification',
  "discriminator on '{before}' was removed",
  same('discriminator-removed'),
);
k(
  'discriminator-property-name-changed',
  'INFO',
  'INFO',
  'modification',
  "discriminator property changed from '{before}' to '{after}'",
  same('discriminator-property-name-changed'),
);
k(
  'discriminator-mapping-added',
  'INFO',
  'INFO',
  'addition',
  'discriminator mapping {value} was added',
  same('discriminator-mapping-added'),
);
k(
  'discriminator-mapping-deleted',
  'INFO',
  'INFO',
  'removal',
  'discriminator mapping {value} was deleted',
  same('discriminator-mapping-deleted'),
);
k(
  'discriminator-mapping-changed',
  'INFO',
  'INFO',
  'modification',
  'discriminator mapping {value} changed from {before} to {after}',
  same('discriminator-mapping-changed'),
);

// ---- content keywords (3.1) ----------------------------------------------------------------------------
k(
  'content-schema-added',
  'ERR',
  'INFO',
  'modification',
  'contentSchema was added',
  same('content-schema-added'),
);
k(
  'content-schema-removed',
  'INFO',
  'ERR',
  'modification',
  'contentSchema was removed',
  same('content-schema-removed'),
);
k(
  'content-encoding-changed',
  'ERR',
  'ERR',
  'modification',
  'contentEncoding changed from {before} to {after}',
  {
    'request-body': 'request-body-content-encoding-changed',
    'request-property': 'request-property-content-encoding-changed',
    'response-body': 'response-body-content-encoding-changed',
    'response-property': 'response-property-content-encoding-changed',
  },
);
k(
  'content-media-type-changed',
  'ERR',
  'ERR',
  'modification',
  'contentMediaType changed from {before} to {after}',
  {
    'request-body': 'request-body-content-media-type-changed',
    'request-property': 'request-property-content-media-type-changed',
    'response-body': 'response-body-content-media-type-changed',
    'response-property': 'response-property-content-media-type-changed',
  },
);

// ---- lifecycle of schemas and properties ------------------------------------------------------------------
const prop = (s: string): KindDef['oas'] => ({
  'request-property': `request-property-${s}`,
  'response-property': `response-property-${s}`,
  // A parameter's own `deprecated` is the parameter's business (request-parameter-deprecated).
  'request-parameter': `request-parameter-schema-${s}`,
});
k('deprecated', 'INFO', 'INFO', 'deprecation', 'was deprecated', prop('deprecated'));
k(
  'deprecated-with-sunset',
  'INFO',
  'INFO',
  'deprecation',
  'was deprecated with sunset {after}',
  prop('deprecated-with-sunset'),
);
k(
  'deprecated-sunset-invalid',
  'ERR',
  'ERR',
  'deprecation',
  "was deprecated with an invalid sunset date '{after}'",
  prop('deprecated-sunset-invalid'),
);
k(
  'deprecated-sunset-missing',
  'ERR',
  'ERR',
  'deprecation',
  'was deprecated without an x-sunset date ({value} days of notice are required)',
  prop('deprecated-sunset-missing'),
  {
    note: 'Only with a deprecation policy (minSunsetStableDays / minSunsetBetaDays).',
  },
);
k(
  'sunset-date-too-small',
  'ERR',
  'ERR',
  'deprecation',
  'was deprecated with sunset {after}, less than {value} days away',
  prop('sunset-date-too-small'),
  {
    note: 'Only with a deprecation policy (minSunsetStableDays / minSunsetBetaDays).',
  },
);
k('reactivated', 'INFO', 'INFO', 'deprecation', 'is no longer deprecated', prop('reactivated'));
k(
  'stability-decreased',
  'ERR',
  'ERR',
  'lifecycle',
  'stability level decreased from {before} to {after}',
  prop('stability-decreased'),
);
k(
  'stability-increased',
  'INFO',
  'INFO',
  'lifecycle',
  'stability level increased from {before} to {after}',
  prop('stability-increased'),
);

export const KINDS: readonly KindDef[] = rows;
export const KIND: ReadonlyMap<string, KindDef> = new Map(rows.map((r) => [r.kind, r]));

/** The kind of a bound change: `{name}-{decreased|increased|set|unset}`. */
export function boundKind(name: string, how: 'decreased' | 'increased' | 'set' | 'unset'): string {
  const kind = `${name}-${how}`;
  if (KIND.has(kind)) return kind;
  // Bounds without set/unset kinds: setting a max is a decrease from unlimited, etc.
  if (how === 'set') return `${name}-${name.startsWith('max') ? 'decreased' : 'increased'}`;
  return `${name}-${name.startsWith('max') ? 'increased' : 'decreased'}`;
}

/**
 * oasdiff's level of every check id the table maps to (from its rules registry). rules.ts takes an
 * OpenAPI rule's severity from here, so it matches oasdiff unless a kind says otherwise.
 */
export const OASDIFF_LEVELS: ReadonlyMap<string, Level> = new Map(
  `
request-body-enum-removed INFO
request-parameter-enum-removed INFO
request-parameter-property-enum-removed INFO
request-property-enum-removed INFO
response-mediatype-enum-removed ERR
response-property-enum-removed ERR
request-body-schema-became-false ERR
request-body-schema-became-not-false INFO
request-parameter-schema-became-false ERR
request-parameter-schema-became-not-false INFO
request-property-schema-became-false ERR
request-property-schema-became-not-false INFO
response-body-schema-became-false ERR
response-body-schema-became-not-false INFO
response-property-schema-became-false INFO
response-property-schema-became-not-false ERR
new-optional-request-property INFO
new-required-request-header-property ERR
new-required-request-property ERR
new-required-request-property-with-default ERR
request-body-all-of-added ERR
request-body-all-of-added-annotation-only INFO
request-body-all-of-removed WARN
request-body-all-of-removed-annotation-only INFO
request-body-any-of-added INFO
request-body-any-of-removed ERR
request-body-became-enum ERR
request-body-became-not-nullable ERR
request-body-became-nullable INFO
request-body-const-added ERR
request-body-const-changed ERR
request-body-const-removed INFO
request-body-contains-added ERR
request-body-contains-removed INFO
request-body-content-encoding-changed ERR
request-body-content-media-type-changed ERR
request-body-content-schema-added ERR
request-body-content-schema-removed INFO
request-body-default-value-added INFO
request-body-default-value-changed INFO
request-body-default-value-removed INFO
request-body-dependent-required-added ERR
request-body-dependent-required-changed ERR
request-body-dependent-required-removed INFO
request-body-dependent-schema-added ERR
request-body-dependent-schema-removed INFO
request-body-discriminator-added INFO
request-body-discriminator-mapping-added INFO
request-body-discriminator-mapping-changed INFO
request-body-discriminator-mapping-deleted INFO
request-body-discriminator-property-name-changed INFO
request-body-discriminator-removed INFO
request-body-else-added ERR
request-body-else-removed INFO
request-body-enum-value-removed ERR
request-body-exclusive-max-decreased ERR
request-body-exclusive-max-increased INFO
request-body-exclusive-max-set WARN
request-body-exclusive-min-decreased INFO
request-body-exclusive-min-increased ERR
request-body-exclusive-min-set WARN
request-body-if-added ERR
request-body-if-removed INFO
request-body-list-of-types-narrowed ERR
request-body-list-of-types-widened INFO
request-body-max-contains-decreased ERR
request-body-max-contains-increased INFO
request-body-max-decreased ERR
request-body-max-increased INFO
request-body-max-length-decreased ERR
request-body-max-length-increased INFO
request-body-max-length-set WARN
request-body-max-set WARN
request-body-min-contains-decreased INFO
request-body-min-contains-increased ERR
request-body-min-decreased INFO
request-body-min-increased ERR
request-body-min-items-increased ERR
request-body-min-items-set WARN
request-body-min-length-decreased INFO
request-body-min-length-increased ERR
request-body-min-set WARN
request-body-one-of-added INFO
request-body-one-of-removed ERR
request-body-pattern-property-added ERR
request-body-pattern-property-removed INFO
request-body-prefix-items-added INFO
request-body-prefix-items-removed ERR
request-body-property-names-added ERR
request-body-property-names-removed INFO
request-body-then-added ERR
request-body-then-removed INFO
request-body-type-changed ERR
request-body-type-compatible INFO
request-body-type-generalized INFO
request-body-unevaluated-items-added ERR
request-body-unevaluated-items-removed INFO
request-body-unevaluated-properties-added ERR
request-body-unevaluated-properties-removed INFO
request-body-wrapped-in-one-of ERR
request-header-property-became-enum ERR
request-header-property-became-required ERR
request-optional-property-became-not-read-only INFO
request-optional-property-became-not-write-only INFO
request-optional-property-became-read-only INFO
request-optional-property-became-write-only INFO
request-parameter-became-enum ERR
request-parameter-became-not-nullable ERR
request-parameter-became-nullable INFO
request-parameter-default-value-added ERR
request-parameter-default-value-changed ERR
request-parameter-default-value-removed ERR
request-parameter-enum-value-added INFO
request-parameter-enum-value-removed ERR
request-parameter-exclusive-max-decreased ERR
request-parameter-exclusive-max-increased INFO
request-parameter-exclusive-max-set WARN
request-parameter-exclusive-min-decreased INFO
request-parameter-exclusive-min-increased ERR
request-parameter-exclusive-min-set WARN
request-parameter-list-of-types-narrowed ERR
request-parameter-list-of-types-widened INFO
request-parameter-max-decreased ERR
request-parameter-max-increased INFO
request-parameter-max-items-decreased ERR
request-parameter-max-items-increased INFO
request-parameter-max-length-decreased ERR
request-parameter-max-length-increased INFO
request-parameter-max-length-set WARN
request-parameter-max-set WARN
request-parameter-min-decreased INFO
request-parameter-min-increased ERR
request-parameter-min-items-decreased INFO
request-parameter-min-items-increased ERR
request-parameter-min-items-set WARN
request-parameter-min-length-decreased INFO
request-parameter-min-length-increased ERR
request-parameter-min-set WARN
request-parameter-pattern-added ERR
request-parameter-pattern-changed WARN
request-parameter-pattern-generalized INFO
request-parameter-pattern-removed INFO
request-parameter-property-became-not-nullable ERR
request-parameter-property-became-nullable INFO
request-parameter-property-enum-value-added INFO
request-parameter-property-enum-value-removed ERR
request-parameter-property-list-of-types-narrowed ERR
request-parameter-property-list-of-types-widened INFO
request-parameter-property-type-changed WARN
request-parameter-property-type-generalized INFO
request-parameter-property-type-specialized ERR
request-parameter-type-changed ERR
request-parameter-type-generalized INFO
request-parameter-x-extensible-enum-value-removed ERR
request-property-all-of-added ERR
request-property-all-of-added-annotation-only INFO
request-property-all-of-removed WARN
request-property-all-of-removed-annotation-only INFO
request-property-any-of-added INFO
request-property-any-of-removed ERR
request-property-became-enum ERR
request-property-became-not-nullable ERR
request-property-became-nullable INFO
request-property-became-optional INFO
request-property-became-required ERR
request-property-became-required-with-default ERR
request-property-const-added ERR
request-property-const-changed ERR
request-property-const-removed INFO
request-property-contains-added ERR
request-property-contains-removed INFO
request-property-content-encoding-changed ERR
request-property-content-media-type-changed ERR
request-property-content-schema-added ERR
request-property-content-schema-removed INFO
request-property-default-value-added INFO
request-property-default-value-changed INFO
request-property-default-value-removed INFO
request-property-dependent-required-added ERR
request-property-dependent-required-changed ERR
request-property-dependent-required-removed INFO
request-property-dependent-schema-added ERR
request-property-dependent-schema-removed INFO
request-property-deprecated INFO
request-property-deprecated-sunset-invalid ERR
request-property-deprecated-sunset-missing ERR
request-property-sunset-date-too-small ERR
request-property-deprecated-with-sunset INFO
request-property-discriminator-added INFO
request-property-discriminator-mapping-added INFO
request-property-discriminator-mapping-changed INFO
request-property-discriminator-mapping-deleted INFO
request-property-discriminator-property-name-changed INFO
request-property-discriminator-removed INFO
request-property-else-added ERR
request-property-else-removed INFO
request-property-enum-value-added INFO
request-property-enum-value-removed ERR
request-property-exclusive-max-decreased ERR
request-property-exclusive-max-increased INFO
request-property-exclusive-max-set WARN
request-property-exclusive-min-decreased INFO
request-property-exclusive-min-increased ERR
request-property-exclusive-min-set WARN
request-property-if-added ERR
request-property-if-removed INFO
request-property-list-of-types-narrowed ERR
request-property-list-of-types-widened INFO
request-property-max-contains-decreased ERR
request-property-max-contains-increased INFO
request-property-max-decreased ERR
request-property-max-increased INFO
request-property-max-length-decreased ERR
request-property-max-length-increased INFO
request-property-max-length-set WARN
request-property-max-set WARN
request-property-min-contains-decreased INFO
request-property-min-contains-increased ERR
request-property-min-decreased INFO
request-property-min-increased ERR
request-property-min-items-increased ERR
request-property-min-items-set WARN
request-property-min-length-decreased INFO
request-property-min-length-increased ERR
request-property-min-set WARN
request-property-one-of-added INFO
request-property-one-of-removed ERR
request-property-pattern-added ERR
request-property-pattern-changed WARN
request-property-pattern-generalized INFO
request-property-pattern-property-added ERR
request-property-pattern-property-removed INFO
request-property-pattern-removed INFO
request-property-prefix-items-added INFO
request-property-prefix-items-removed ERR
request-property-property-names-added ERR
request-property-property-names-removed INFO
request-property-reactivated INFO
request-property-removed WARN
request-property-stability-decreased ERR
request-property-stability-increased INFO
request-property-then-added ERR
request-property-then-removed INFO
request-property-type-changed ERR
request-property-type-compatible INFO
request-property-type-generalized INFO
request-property-unevaluated-items-added ERR
request-property-unevaluated-items-removed INFO
request-property-unevaluated-properties-added ERR
request-property-unevaluated-properties-removed INFO
request-property-x-extensible-enum-value-removed ERR
request-read-only-property-enum-value-removed INFO
request-read-only-property-exclusive-max-decreased INFO
request-read-only-property-exclusive-min-increased INFO
request-read-only-property-max-decreased INFO
request-read-only-property-max-length-decreased INFO
request-read-only-property-min-increased INFO
request-required-property-became-not-read-only INFO
request-required-property-became-not-write-only INFO
request-required-property-became-read-only INFO
request-required-property-became-write-only INFO
response-body-all-of-added INFO
response-body-all-of-added-annotation-only INFO
response-body-all-of-removed INFO
response-body-all-of-removed-annotation-only INFO
response-body-any-of-added INFO
response-body-any-of-removed INFO
response-body-became-not-nullable INFO
response-body-became-nullable ERR
response-body-const-added INFO
response-body-const-changed ERR
response-body-const-removed ERR
response-body-contains-added INFO
response-body-contains-removed ERR
response-body-content-encoding-changed ERR
response-body-content-media-type-changed ERR
response-body-content-schema-added INFO
response-body-content-schema-removed ERR
response-body-default-value-added INFO
response-body-default-value-changed INFO
response-body-default-value-removed INFO
response-body-dependent-required-added INFO
response-body-dependent-required-changed ERR
response-body-dependent-required-removed ERR
response-body-dependent-schema-added INFO
response-body-dependent-schema-removed ERR
response-body-discriminator-added INFO
response-body-discriminator-mapping-added INFO
response-body-discriminator-mapping-changed INFO
response-body-discriminator-mapping-deleted INFO
response-body-discriminator-property-name-changed INFO
response-body-discriminator-removed INFO
response-body-else-added INFO
response-body-else-removed ERR
response-body-exclusive-max-increased ERR
response-body-exclusive-min-decreased ERR
response-body-if-added INFO
response-body-if-removed ERR
response-body-list-of-types-narrowed INFO
response-body-list-of-types-widened ERR
response-body-max-contains-decreased INFO
response-body-max-contains-increased ERR
response-body-max-increased ERR
response-body-max-length-increased ERR
response-body-max-length-unset ERR
response-body-min-contains-decreased ERR
response-body-min-contains-increased INFO
response-body-min-decreased ERR
response-body-min-items-decreased ERR
response-body-min-items-unset ERR
response-body-min-length-decreased ERR
response-body-one-of-added ERR
response-body-one-of-removed INFO
response-body-pattern-property-added INFO
response-body-pattern-property-removed ERR
response-body-prefix-items-added ERR
response-body-prefix-items-removed INFO
response-body-property-names-added INFO
response-body-property-names-removed ERR
response-body-then-added INFO
response-body-then-removed ERR
response-body-type-changed ERR
response-body-type-compatible INFO
response-body-type-generalized ERR
response-body-type-specialized INFO
response-body-unevaluated-items-added INFO
response-body-unevaluated-items-removed ERR
response-body-unevaluated-properties-added INFO
response-body-unevaluated-properties-removed ERR
response-body-wrapped-in-one-of ERR
response-header-became-not-nullable INFO
response-header-became-nullable ERR
response-header-type-changed ERR
response-header-type-compatible INFO
response-header-type-generalized ERR
response-header-type-specialized INFO
response-mediatype-enum-value-removed INFO
response-optional-property-added INFO
response-optional-property-became-not-read-only INFO
response-optional-property-became-not-write-only INFO
response-optional-property-became-read-only INFO
response-optional-property-became-write-only INFO
response-optional-property-removed WARN
response-optional-write-only-property-added INFO
response-optional-write-only-property-removed INFO
response-property-all-of-added INFO
response-property-all-of-added-annotation-only INFO
response-property-all-of-removed INFO
response-property-all-of-removed-annotation-only INFO
response-property-any-of-added INFO
response-property-any-of-removed INFO
response-property-became-not-nullable INFO
response-property-became-nullable ERR
response-property-became-optional ERR
response-property-became-required INFO
response-property-const-added INFO
response-property-const-changed ERR
response-property-const-removed ERR
response-property-contains-added INFO
response-property-contains-removed ERR
response-property-content-encoding-changed ERR
response-property-content-media-type-changed ERR
response-property-content-schema-added INFO
response-property-content-schema-removed ERR
response-property-default-value-added INFO
response-property-default-value-changed INFO
response-property-default-value-removed INFO
response-property-dependent-required-added INFO
response-property-dependent-required-changed ERR
response-property-dependent-required-removed ERR
response-property-dependent-schema-added INFO
response-property-dependent-schema-removed ERR
response-property-deprecated INFO
response-property-deprecated-sunset-invalid ERR
response-property-deprecated-sunset-missing ERR
response-property-sunset-date-too-small ERR
response-property-deprecated-with-sunset INFO
response-property-discriminator-added INFO
response-property-discriminator-mapping-added INFO
response-property-discriminator-mapping-changed INFO
response-property-discriminator-mapping-deleted INFO
response-property-discriminator-property-name-changed INFO
response-property-discriminator-removed INFO
response-property-else-added INFO
response-property-else-removed ERR
response-property-enum-value-added WARN
response-property-enum-value-removed INFO
response-property-exclusive-max-increased ERR
response-property-exclusive-min-decreased ERR
response-property-if-added INFO
response-property-if-removed ERR
response-property-list-of-types-narrowed INFO
response-property-list-of-types-widened ERR
response-property-max-contains-decreased INFO
response-property-max-contains-increased ERR
response-property-max-increased ERR
response-property-max-length-increased ERR
response-property-max-length-unset ERR
response-property-min-contains-decreased ERR
response-property-min-contains-increased INFO
response-property-min-decreased ERR
response-property-min-items-decreased ERR
response-property-min-items-unset ERR
response-property-min-length-decreased ERR
response-property-one-of-added ERR
response-property-one-of-removed INFO
response-property-pattern-added INFO
response-property-pattern-changed INFO
response-property-pattern-property-added INFO
response-property-pattern-property-removed ERR
response-property-pattern-removed INFO
response-property-prefix-items-added ERR
response-property-prefix-items-removed INFO
response-property-property-names-added INFO
response-property-property-names-removed ERR
response-property-reactivated INFO
response-property-stability-decreased ERR
response-property-stability-increased INFO
response-property-then-added INFO
response-property-then-removed ERR
response-property-type-changed ERR
response-property-type-compatible INFO
response-property-type-generalized ERR
response-property-type-specialized INFO
response-property-unevaluated-items-added INFO
response-property-unevaluated-items-removed ERR
response-property-unevaluated-properties-added INFO
response-property-unevaluated-properties-removed ERR
response-required-property-added INFO
response-required-property-became-not-read-only INFO
response-required-property-became-not-write-only WARN
response-required-property-became-read-only INFO
response-required-property-became-write-only INFO
response-required-property-removed ERR
response-required-write-only-property-added INFO
response-required-write-only-property-removed INFO
response-write-only-property-became-optional INFO
response-write-only-property-became-required INFO
response-write-only-property-enum-value-added INFO
`
    .trim()
    .split('\n')
    .map((line) => {
      const [id, level] = line.trim().split(' ') as [string, Level];
      return [id, level];
    }),
);
