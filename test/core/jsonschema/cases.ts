/**
 * One (base, revision) schema pair per change kind, with the line the finding must point at, and a
 * near miss that looks alike but must not fire the kind. The matrix test places each pair at the
 * root and one property deep, in every place (request body, parameters, headers, responses, message
 * payloads, headers and keys, JSON Schema documents) and direction.
 */

export interface Case {
  kind: string;
  base: string;
  rev: string;
  /** 1-based line in the revision snippet (in the base snippet when `side` is base). */
  line: number;
  side?: 'base' | 'rev';
  /** The finding points at the schema itself (its keyword is gone): one property deep, at its key. */
  atNode?: boolean;
  /** A pair that looks alike but must not fire this kind. */
  near?: [string, string];
  /** Swapping base and revision fires this kind. */
  swap?: string;
  /** A deprecation policy for the comparator. */
  lifecycle?: { today: string; minSunsetStableDays: number; minSunsetBetaDays: number };
  /** Where the kind can happen (default everywhere). */
  when?: (c: { dir: 'write' | 'read' | 'both'; strong: boolean | undefined }) => boolean;
}

const y = (...lines: string[]) => lines.join('\n') + '\n';

const obj = (...props: string[]) => y('type: object', 'properties:', ...props.map((p) => '  ' + p));
const objReq = (req: string, ...props: string[]) =>
  y('type: object', `required: [${req}]`, 'properties:', ...props.map((p) => '  ' + p));

const str = 'a: {type: string}';

export const CASES: Case[] = [
  // ---- properties ------------------------------------------------------------------------------
  {
    kind: 'required-property-added',
    base: obj(str),
    rev: objReq('b', str, 'b: {type: string}'),
    line: 5,
    near: [obj(str), obj(str, 'b: {type: string}')],
    swap: 'required-property-removed',
  },
  {
    kind: 'required-property-added-with-default',
    base: obj(str),
    rev: objReq('b', str, 'b: {type: string, default: x}'),
    line: 5,
    near: [obj(str), objReq('b', str, 'b: {type: string}')],
  },
  {
    kind: 'optional-property-added',
    base: obj(str),
    rev: obj(str, 'b: {type: integer}'),
    line: 4,
    near: [obj(str), obj(str)],
    swap: 'optional-property-removed',
  },
  {
    kind: 'required-property-removed',
    base: objReq('b', str, 'b: {type: string}'),
    rev: obj(str),
    line: 5,
    side: 'base',
    near: [objReq('b', str, 'b: {type: string}'), objReq('b', 'b: {type: string}', str)],
  },
  {
    kind: 'optional-property-removed',
    base: obj(str, 'b: {type: string}'),
    rev: obj(str),
    line: 4,
    side: 'base',
    near: [obj(str, 'b: {type: string}'), obj('b: {type: string}', str)],
  },
  {
    kind: 'property-became-required',
    base: obj(str),
    rev: objReq('a', str),
    line: 4,
    near: [objReq('a', str), objReq('a', str)],
    swap: 'property-became-optional',
  },
  {
    kind: 'property-became-required-with-default',
    base: obj('a: {type: string, default: x}'),
    rev: objReq('a', 'a: {type: string, default: x}'),
    line: 4,
    near: [obj('a: {type: string, default: x}'), obj('a: {type: string, default: x}')],
  },
  {
    kind: 'property-became-optional',
    base: objReq('a', str),
    rev: obj(str),
    line: 3,
    near: [objReq('a', str), y('type: object', 'properties:', '  ' + str, 'required: [a]')],
  },
  ...(['required', 'optional'] as const).flatMap((req) =>
    (['readOnly', 'writeOnly'] as const).flatMap((flag) => {
      const word = flag === 'readOnly' ? 'read-only' : 'write-only';
      const plain = req === 'required' ? objReq('a', str) : obj(str);
      const flagged =
        req === 'required'
          ? objReq('a', `a: {type: string, ${flag}: true}`)
          : obj(`a: {type: string, ${flag}: true}`);
      const line = req === 'required' ? 4 : 3;
      return [
        {
          kind: `${req}-property-became-${word}`,
          base: plain,
          rev: flagged,
          line,
          near: [flagged, flagged] as [string, string],
          swap: `${req}-property-became-not-${word}`,
        },
        {
          kind: `${req}-property-became-not-${word}`,
          base: flagged,
          rev: plain,
          line,
          near: [plain, plain] as [string, string],
        },
      ];
    }),
  ),

  // ---- type and format ---------------------------------------------------------------------------
  {
    kind: 'type-changed',
    base: y('type: integer'),
    rev: y('type: boolean'),
    line: 1,
    near: [y('type: integer'), y('type: [integer]')],
  },
  {
    kind: 'type-changed',
    base: y('type: string', 'format: date'),
    rev: y('type: string', 'format: uuid'),
    line: 2,
    near: [y('type: string', 'format: date'), y('type: string', 'format: date', 'title: x')],
  },
  {
    kind: 'type-generalized',
    base: y('type: integer'),
    rev: y('type: number'),
    line: 1,
    swap: 'type-specialized',
    near: [y('type: integer', 'format: int64'), y('type: integer', 'format: int64')],
  },
  {
    kind: 'type-generalized',
    base: y('type: integer', 'format: int32'),
    rev: y('type: integer', 'format: int64'),
    line: 2,
    near: [y('type: integer'), y('type: integer')],
  },
  {
    kind: 'type-specialized',
    base: y('type: number'),
    rev: y('type: integer'),
    line: 1,
    near: [y('type: number'), y('type: number')],
  },
  {
    kind: 'type-compatible',
    base: y('type: integer'),
    rev: y('type: string'),
    line: 1,
    near: [y('type: string'), y('type: string')],
    when: (c) => c.dir === 'write' && c.strong !== true,
  },
  {
    kind: 'type-compatible',
    base: y('type: string'),
    rev: y('type: integer'),
    line: 1,
    near: [y('type: string'), y('type: string')],
    when: (c) => c.dir === 'read' && c.strong !== true,
  },
  {
    kind: 'list-of-types-widened',
    base: y('type: string'),
    rev: y('type: [string, integer]'),
    line: 1,
    swap: 'list-of-types-narrowed',
    near: [y('type: [string, integer]'), y('oneOf:', '  - type: integer', '  - type: string')],
  },
  {
    kind: 'list-of-types-narrowed',
    base: y('anyOf:', '  - type: string', '  - type: integer'),
    rev: y('type: string'),
    line: 1,
    near: [y('type: [string, integer]'), y('type: [integer, string]')],
  },

  // ---- nullability -------------------------------------------------------------------------------------
  {
    kind: 'became-nullable',
    base: y('type: string'),
    rev: y('type: [string, "null"]'),
    line: 1,
    swap: 'became-not-nullable',
    // OpenAPI 3.0 nullable, 2.0 x-nullable, a 3.1 type array and a null oneOf branch are one notion.
    near: [y('type: string', 'nullable: true'), y('type: [string, "null"]')],
  },
  {
    kind: 'became-nullable',
    base: y('type: object', 'properties:', '  a: {type: string}'),
    rev: y(
      'oneOf:',
      '  - type: object',
      '    properties:',
      '      a: {type: string}',
      '  - type: "null"',
    ),
    line: 5,
    near: [
      y('type: object', 'x-nullable: true', 'properties:', '  a: {type: string}'),
      y(
        'anyOf:',
        '  - type: "null"',
        '  - type: object',
        '    properties:',
        '      a: {type: string}',
      ),
    ],
  },
  {
    kind: 'became-not-nullable',
    base: y('type: string', 'nullable: true'),
    rev: y('type: string'),
    line: 1,
    near: [
      y('type: string', 'x-nullable: true'),
      y('type: string', 'enum: [a, null]', 'nullable: true'),
    ],
  },

  // ---- enum, const, default --------------------------------------------------------------------------------
  {
    kind: 'enum-value-added',
    base: y('type: string', 'enum: [a, b]'),
    rev: y('type: string', 'enum: [a, b, c]'),
    line: 2,
    swap: 'enum-value-removed',
    near: [y('type: string', 'enum: [a, b]'), y('type: string', 'enum: [b, a]')],
  },
  {
    kind: 'enum-value-removed',
    base: y('type: string', 'enum: [a, b]'),
    rev: y('type: string', 'enum: [a]'),
    line: 2,
    near: [y('type: string', 'enum: [a, b]'), y('type: string', 'enum: [b, a, null]')],
  },
  {
    kind: 'x-extensible-enum-value-added',
    base: y('type: string', 'x-extensible-enum: [a]'),
    rev: y('type: string', 'x-extensible-enum: [a, b]'),
    line: 2,
    swap: 'x-extensible-enum-value-removed',
    near: [
      y('type: string', 'x-extensible-enum: [a, b]'),
      y('type: string', 'x-extensible-enum: [b, a]'),
    ],
  },
  {
    kind: 'x-extensible-enum-value-removed',
    base: y('type: string', 'x-extensible-enum: [a, b]'),
    rev: y('type: string', 'x-extensible-enum: [b]'),
    line: 2,
  },
  {
    kind: 'became-enum',
    base: y('type: string'),
    rev: y('type: string', 'enum: [a, b]'),
    line: 2,
    swap: 'became-not-enum',
    near: [y('type: string', 'enum: [a]'), y('type: string', 'const: a')],
  },
  {
    kind: 'became-not-enum',
    atNode: true,
    base: y('type: string', 'enum: [a, b]'),
    rev: y('type: string'),
    line: 1,
  },
  {
    kind: 'const-added',
    base: y('type: string'),
    rev: y('type: string', 'const: a'),
    line: 2,
    swap: 'const-removed',
    // const and a one-value enum are the same.
    near: [y('type: string', 'enum: [a]'), y('type: string', 'const: a')],
  },
  {
    kind: 'const-changed',
    base: y('type: string', 'const: a'),
    rev: y('type: string', 'const: b'),
    line: 2,
    near: [y('type: string', 'const: a'), y('type: string', 'enum: [a]')],
  },
  {
    kind: 'const-removed',
    atNode: true,
    base: y('type: string', 'const: a'),
    rev: y('type: string'),
    line: 1,
  },
  {
    kind: 'default-value-added',
    base: y('type: string'),
    rev: y('type: string', 'default: a'),
    line: 2,
    swap: 'default-value-removed',
    near: [y('type: object', 'default: {a: 1, b: 2}'), y('type: object', 'default: {b: 2, a: 1}')],
  },
  {
    kind: 'default-value-changed',
    base: y('type: string', 'default: a'),
    rev: y('type: string', 'default: b'),
    line: 2,
  },
  {
    kind: 'default-value-removed',
    atNode: true,
    base: y('type: string', 'default: a'),
    rev: y('type: string'),
    line: 1,
  },

  // ---- numeric bounds (3.0 boolean and 3.1 numeric exclusives are one notion) -------------------------------
  ...boundCases(),

  // ---- counts -------------------------------------------------------------------------------------------------
  ...countCases('max-length', 'maxLength', 'string', true, true),
  ...countCases('min-length', 'minLength', 'string', false, false),
  ...countCases('max-items', 'maxItems', 'array', true, true),
  ...countCases('min-items', 'minItems', 'array', false, true),
  ...countCases('max-properties', 'maxProperties', 'object', true, false),
  ...countCases('min-properties', 'minProperties', 'object', false, false),
  ...countCases('max-contains', 'maxContains', 'array\ncontains: {type: string}', true, false),
  ...countCases('min-contains', 'minContains', 'array\ncontains: {type: string}', false, false),
  {
    kind: 'became-unique-items',
    base: y('type: array', 'items: {type: string}'),
    rev: y('type: array', 'items: {type: string}', 'uniqueItems: true'),
    line: 3,
    swap: 'became-not-unique-items',
    near: [y('type: array', 'uniqueItems: false'), y('type: array')],
  },
  {
    kind: 'became-not-unique-items',
    base: y('type: array', 'uniqueItems: true'),
    rev: y('type: array', 'uniqueItems: false'),
    line: 2,
  },
  {
    kind: 'multiple-of-narrowed',
    base: y('type: number', 'multipleOf: 2'),
    rev: y('type: number', 'multipleOf: 4'),
    line: 2,
    swap: 'multiple-of-widened',
    near: [y('type: number', 'multipleOf: 2'), y('type: number', 'multipleOf: 2.0')],
  },
  {
    kind: 'multiple-of-widened',
    atNode: true,
    base: y('type: number', 'multipleOf: 4'),
    rev: y('type: number'),
    line: 1,
  },
  {
    kind: 'multiple-of-changed',
    base: y('type: number', 'multipleOf: 2'),
    rev: y('type: number', 'multipleOf: 3'),
    line: 2,
  },

  // ---- patterns -------------------------------------------------------------------------------------------------
  {
    kind: 'pattern-added',
    base: y('type: string'),
    rev: y('type: string', 'pattern: "^[a-z]+$"'),
    line: 2,
    swap: 'pattern-removed',
    near: [y('type: string', 'pattern: "^[a-z]+$"'), y('type: string', "pattern: '^[a-z]+$'")],
  },
  {
    kind: 'pattern-changed',
    base: y('type: string', 'pattern: "^[a-z]+$"'),
    rev: y('type: string', 'pattern: "^[a-z0-9]+$"'),
    line: 2,
  },
  {
    kind: 'pattern-generalized',
    base: y('type: string', 'pattern: "^[a-z]+$"'),
    rev: y('type: string', 'pattern: ".*"'),
    line: 2,
  },
  {
    kind: 'pattern-removed',
    atNode: true,
    base: y('type: string', 'pattern: "^[a-z]+$"'),
    rev: y('type: string'),
    line: 1,
  },

  // ---- object structure ------------------------------------------------------------------------------------------
  {
    kind: 'pattern-property-added',
    base: y('type: object'),
    rev: y('type: object', 'patternProperties:', '  "^x-": {type: string}'),
    line: 2,
    swap: 'pattern-property-removed',
    near: [
      y('type: object', 'patternProperties:', '  "^x-": {type: string}'),
      y('type: object', 'patternProperties:', '  "^x-": {type: string, description: d}'),
    ],
  },
  {
    kind: 'pattern-property-removed',
    atNode: true,
    base: y('type: object', 'patternProperties:', '  "^x-": {type: string}'),
    rev: y('type: object', 'title: t'),
    line: 1,
  },
  {
    kind: 'additional-properties-restricted',
    base: y('type: object'),
    rev: y('type: object', 'additionalProperties: false'),
    line: 2,
    swap: 'additional-properties-allowed',
    near: [
      y('type: object', 'additionalProperties: true'),
      y('type: object', 'additionalProperties: {}'),
    ],
  },
  {
    kind: 'additional-properties-allowed',
    base: y('type: object', 'additionalProperties: false'),
    rev: y('type: object', 'additionalProperties: {type: string}'),
    line: 2,
  },
  ...presenceCases(
    'property-names',
    y('type: object', 'propertyNames: {pattern: "^[a-z]+$"}'),
    2,
    'type: object',
  ),
  ...presenceCases(
    'unevaluated-properties',
    y('type: object', 'unevaluatedProperties: false'),
    2,
    'type: object',
  ),
  {
    kind: 'dependent-required-added',
    base: y('type: object'),
    rev: y('type: object', 'dependentRequired:', '  card: [billing]'),
    line: 2,
    swap: 'dependent-required-removed',
    near: [
      y('type: object', 'dependentRequired:', '  card: [billing, zip]'),
      y('type: object', 'dependentRequired:', '  card: [zip, billing]'),
    ],
  },
  {
    kind: 'dependent-required-changed',
    base: y('type: object', 'dependentRequired:', '  card: [billing]'),
    rev: y('type: object', 'dependentRequired:', '  card: [billing, zip]'),
    line: 2,
  },
  {
    kind: 'dependent-required-removed',
    base: y('type: object', 'dependentRequired:', '  card: [billing]'),
    rev: y('type: object', 'dependentRequired: {}'),
    line: 2,
  },
  {
    kind: 'dependent-schema-added',
    base: y('type: object'),
    rev: y('type: object', 'dependentSchemas:', '  card: {required: [billing]}'),
    line: 2,
    swap: 'dependent-schema-removed',
    near: [
      y('type: object', 'dependentSchemas:', '  card: {required: [billing]}'),
      y('type: object', 'dependentSchemas:', '  card: {required: [billing], title: x}'),
    ],
  },
  {
    kind: 'dependent-schema-removed',
    base: y('type: object', 'dependentSchemas:', '  card: {required: [billing]}'),
    rev: y('type: object', 'dependentSchemas: {}'),
    line: 2,
  },

  // ---- arrays ----------------------------------------------------------------------------------------------------
  {
    kind: 'prefix-items-added',
    base: y('type: array'),
    rev: y('type: array', 'prefixItems:', '  - type: string'),
    line: 2,
    swap: 'prefix-items-removed',
    // draft-4 tuple items are prefixItems.
    near: [
      y('type: array', 'items:', '  - type: string'),
      y('type: array', 'prefixItems:', '  - type: string'),
    ],
  },
  {
    kind: 'prefix-items-removed',
    atNode: true,
    base: y('type: array', 'prefixItems:', '  - type: string'),
    rev: y('type: array', 'title: t'),
    line: 1,
  },
  ...presenceCases('contains', y('type: array', 'contains: {type: string}'), 2, 'type: array'),
  ...presenceCases(
    'unevaluated-items',
    y('type: array', 'unevaluatedItems: false'),
    2,
    'type: array',
  ),

  // ---- conditionals --------------------------------------------------------------------------------------------------
  ...presenceCases('if', y('type: object', 'if: {required: [a]}'), 2, 'type: object'),
  ...presenceCases('then', y('type: object', 'then: {required: [b]}'), 2, 'type: object'),
  ...presenceCases('else', y('type: object', 'else: {required: [c]}'), 2, 'type: object'),
  ...presenceCases('not', y('type: string', 'not: {const: x}'), 2, 'type: string'),
  // `not: {}` admits no value, as the schema `false` does: one finding, the keywords not compared.
  {
    kind: 'schema-became-false',
    base: y('type: object', 'required: [a]'),
    rev: y('type: string', 'not: {}'),
    line: 1,
    atNode: true,
    near: [y('type: string'), y('type: string', 'not: {const: x}')],
    swap: 'schema-became-not-false',
  },
  {
    kind: 'schema-became-not-false',
    base: y('type: string', 'not: {}'),
    rev: y('type: object', 'required: [a]'),
    line: 1,
    atNode: true,
    near: [y('type: string', 'not: {const: x}'), y('type: string')],
  },

  // ---- composition: matched by meaning, never by position ---------------------------------------------------------------
  {
    kind: 'one-of-added',
    base: y('oneOf:', '  - {title: Cat, type: object}', '  - {title: Dog, type: object}'),
    rev: y(
      'oneOf:',
      '  - {title: Cat, type: object}',
      '  - {title: Dog, type: object}',
      '  - {title: Fox, type: object}',
    ),
    line: 4,
    swap: 'one-of-removed',
    near: [
      y('oneOf:', '  - {title: Cat, type: object}', '  - {title: Dog, type: object}'),
      y('oneOf:', '  - {title: Dog, type: object}', '  - {title: Cat, type: object}'),
    ],
  },
  {
    kind: 'one-of-removed',
    base: y(
      'oneOf:',
      '  - {title: Cat, type: object}',
      '  - {title: Dog, type: object}',
      '  - {title: Fox, type: object}',
    ),
    rev: y('oneOf:', '  - {title: Dog, type: object}', '  - {title: Cat, type: object}'),
    line: 4,
    side: 'base',
  },
  {
    kind: 'any-of-added',
    base: y('anyOf:', '  - {title: Cat, type: object}', '  - {title: Dog, type: object}'),
    rev: y(
      'anyOf:',
      '  - {title: Fox, type: object}',
      '  - {title: Dog, type: object}',
      '  - {title: Cat, type: object}',
    ),
    line: 2,
    swap: 'any-of-removed',
    near: [
      y('anyOf:', '  - {title: Cat, type: object}', '  - {title: Dog, type: object}'),
      y('anyOf:', '  - {title: Dog, type: object}', '  - {title: Cat, type: object}'),
    ],
  },
  {
    kind: 'any-of-removed',
    base: y(
      'anyOf:',
      '  - {title: Cat, type: object}',
      '  - {title: Dog, type: object}',
      '  - {title: Fox, type: object}',
    ),
    rev: y('anyOf:', '  - {title: Cat, type: object}', '  - {title: Dog, type: object}'),
    line: 4,
    side: 'base',
  },
  {
    kind: 'all-of-added',
    base: y('allOf:', '  - {minLength: 1}', '  - {maxLength: 9}'),
    rev: y('allOf:', '  - {maxLength: 9}', '  - {minLength: 1}', '  - {pattern: "^a"}'),
    line: 4,
    swap: 'all-of-removed',
    near: [
      y('allOf:', '  - {minLength: 1}', '  - {maxLength: 9}'),
      y('allOf:', '  - {maxLength: 9}', '  - {minLength: 1}'),
    ],
  },
  {
    kind: 'all-of-removed',
    base: y('allOf:', '  - {minLength: 1}', '  - {maxLength: 9}', '  - {pattern: "^a"}'),
    rev: y('allOf:', '  - {minLength: 1}', '  - {maxLength: 9}'),
    line: 4,
    side: 'base',
  },
  {
    kind: 'all-of-added-annotation-only',
    base: y('allOf:', '  - {minLength: 1}', '  - {maxLength: 9}'),
    rev: y('allOf:', '  - {minLength: 1}', '  - {maxLength: 9}', '  - {description: d}'),
    line: 4,
    swap: 'all-of-removed-annotation-only',
  },
  {
    kind: 'all-of-removed-annotation-only',
    base: y('allOf:', '  - {minLength: 1}', '  - {maxLength: 9}', '  - {description: d}'),
    rev: y('allOf:', '  - {minLength: 1}', '  - {maxLength: 9}'),
    line: 4,
    side: 'base',
  },
  {
    kind: 'wrapped-in-one-of',
    base: y('type: object', 'properties:', '  a: {type: string}'),
    rev: y(
      'oneOf:',
      '  - type: object',
      '    properties:',
      '      a: {type: string}',
      '  - type: string',
    ),
    line: 1,
    swap: 'one-of-removed',
    // allOf with one object part beside annotations is the part itself.
    near: [
      y('type: object', 'properties:', '  a: {type: string}'),
      y(
        'description: d',
        'allOf:',
        '  - type: object',
        '    properties:',
        '      a: {type: string}',
      ),
    ],
  },
  {
    kind: 'discriminator-added',
    base: y('type: object'),
    rev: y('type: object', 'discriminator: {propertyName: kind}'),
    line: 2,
    swap: 'discriminator-removed',
    near: [
      y('type: object', 'discriminator: {propertyName: kind}'),
      y('type: object', 'discriminator: {propertyName: kind}'),
    ],
  },
  {
    kind: 'discriminator-removed',
    atNode: true,
    base: y('type: object', 'discriminator: {propertyName: kind}'),
    rev: y('type: object', 'title: t'),
    line: 1,
  },
  {
    kind: 'discriminator-property-name-changed',
    base: y('type: object', 'discriminator: {propertyName: kind}'),
    rev: y('type: object', 'discriminator: {propertyName: type}'),
    line: 2,
  },
  {
    kind: 'discriminator-mapping-added',
    base: y('type: object', 'discriminator: {propertyName: kind, mapping: {cat: "#/Cat"}}'),
    rev: y(
      'type: object',
      'discriminator: {propertyName: kind, mapping: {cat: "#/Cat", dog: "#/Dog"}}',
    ),
    line: 2,
    swap: 'discriminator-mapping-deleted',
    near: [
      y(
        'type: object',
        'discriminator: {propertyName: kind, mapping: {cat: "#/Cat", dog: "#/Dog"}}',
      ),
      y(
        'type: object',
        'discriminator: {propertyName: kind, mapping: {dog: "#/Dog", cat: "#/Cat"}}',
      ),
    ],
  },
  {
    kind: 'discriminator-mapping-deleted',
    base: y(
      'type: object',
      'discriminator: {propertyName: kind, mapping: {cat: "#/Cat", dog: "#/Dog"}}',
    ),
    rev: y('type: object', 'discriminator: {propertyName: kind, mapping: {cat: "#/Cat"}}'),
    line: 2,
  },
  {
    kind: 'discriminator-mapping-changed',
    base: y('type: object', 'discriminator: {propertyName: kind, mapping: {cat: "#/Cat"}}'),
    rev: y('type: object', 'discriminator: {propertyName: kind, mapping: {cat: "#/Lion"}}'),
    line: 2,
  },

  // ---- content keywords -------------------------------------------------------------------------------------------------
  ...presenceCases(
    'content-schema',
    y('type: string', 'contentSchema: {type: object}'),
    2,
    'type: string',
  ),
  {
    kind: 'content-encoding-changed',
    base: y('type: string', 'contentEncoding: base64'),
    rev: y('type: string', 'contentEncoding: base32'),
    line: 2,
    near: [
      y('type: string', 'contentEncoding: base64'),
      y('type: string', 'contentEncoding: base64'),
    ],
  },
  {
    kind: 'content-media-type-changed',
    base: y('type: string', 'contentMediaType: image/png'),
    rev: y('type: string', 'contentMediaType: image/jpeg'),
    line: 2,
    near: [
      y('type: string', 'contentMediaType: image/png'),
      y('type: string', 'contentMediaType: image/png'),
    ],
  },

  // ---- lifecycle ---------------------------------------------------------------------------------------------------------
  {
    kind: 'deprecated',
    base: y('type: string'),
    rev: y('type: string', 'deprecated: true'),
    line: 2,
    swap: 'reactivated',
    near: [y('type: string', 'deprecated: false'), y('type: string')],
  },
  {
    kind: 'deprecated-with-sunset',
    base: y('type: string'),
    rev: y('type: string', 'deprecated: true', 'x-sunset: "2030-01-01"'),
    line: 2,
    near: [y('type: string', 'x-sunset: "2030-01-01"'), y('type: string')],
  },
  {
    kind: 'deprecated-sunset-invalid',
    base: y('type: string'),
    rev: y('type: string', 'deprecated: true', 'x-sunset: next spring'),
    line: 2,
    near: [y('type: string'), y('type: string', 'deprecated: true', 'x-sunset: 2031-02-03')],
  },
  {
    kind: 'deprecated-sunset-missing',
    base: y('type: string'),
    rev: y('type: string', 'deprecated: true'),
    line: 2,
    lifecycle: { today: '2030-01-01', minSunsetStableDays: 90, minSunsetBetaDays: 30 },
    // A beta property with a sunset 31 days away satisfies a 30-day policy.
    near: [
      y('type: string', 'x-stability-level: beta'),
      y('type: string', 'x-stability-level: beta', 'deprecated: true', 'x-sunset: "2030-02-01"'),
    ],
  },
  {
    kind: 'sunset-date-too-small',
    base: y('type: string'),
    rev: y('type: string', 'deprecated: true', 'x-sunset: "2030-02-01"'),
    line: 2,
    lifecycle: { today: '2030-01-01', minSunsetStableDays: 90, minSunsetBetaDays: 30 },
    near: [y('type: string'), y('type: string', 'deprecated: true', 'x-sunset: "2030-06-01"')],
  },
  {
    kind: 'reactivated',
    atNode: true,
    base: y('type: string', 'deprecated: true'),
    rev: y('type: string'),
    line: 1,
  },
  {
    kind: 'stability-decreased',
    base: y('type: string'),
    rev: y('type: string', 'x-stability-level: beta'),
    line: 2,
    swap: 'stability-increased',
    near: [y('type: string'), y('type: string', 'x-stability-level: stable')],
  },
  {
    kind: 'stability-increased',
    base: y('type: string', 'x-stability-level: alpha'),
    rev: y('type: string', 'x-stability-level: beta'),
    line: 2,
  },
];

/** Cases for maximum / minimum and their exclusive forms. */
function boundCases(): Case[] {
  const out: Case[] = [];
  for (const [name, kw, upper] of [
    ['max', 'maximum', true],
    ['min', 'minimum', false],
    ['exclusive-max', 'exclusiveMaximum', true],
    ['exclusive-min', 'exclusiveMinimum', false],
  ] as const) {
    const narrow = upper ? 'decreased' : 'increased';
    const widen = upper ? 'increased' : 'decreased';
    const [tight, loose] = upper ? [5, 10] : [10, 5];
    const at = (v: number) => y('type: number', `${kw}: ${v}`);
    // The 3.0 form of the same bound: `maximum: 10` + `exclusiveMaximum: true`.
    const legacy = (v: number) =>
      kw.startsWith('exclusive')
        ? y('type: number', `${upper ? 'maximum' : 'minimum'}: ${v}`, `${kw}: true`)
        : y('type: number', `${kw}: ${v}`, `exclusive${upper ? 'Maximum' : 'Minimum'}: false`);
    out.push(
      {
        kind: `${name}-${narrow}`,
        base: at(loose),
        rev: at(tight),
        line: 2,
        swap: `${name}-${widen}`,
        near: [legacy(loose), at(loose)],
      },
      { kind: `${name}-${widen}`, base: at(tight), rev: at(loose), line: 2 },
      {
        kind: `${name}-set`,
        base: y('type: number'),
        rev: at(tight),
        line: 2,
        swap: `${name}-unset`,
        near: [at(tight), legacy(tight)],
      },
      { kind: `${name}-unset`, base: at(tight), rev: y('type: number'), line: 1, atNode: true },
    );
  }
  return out;
}

/** Cases for a count keyword (maxLength, minItems, ...). */
function countCases(
  name: string,
  kw: string,
  type: string,
  upper: boolean,
  setUnset: boolean,
): Case[] {
  const t = `type: ${type}`;
  const lines = t.split('\n').length;
  const at = (v: number) => y(t, `${kw}: ${v}`);
  const narrow = upper ? 'decreased' : 'increased';
  const widen = upper ? 'increased' : 'decreased';
  const [tight, loose] = upper ? [3, 7] : [7, 3];
  const out: Case[] = [
    {
      kind: `${name}-${narrow}`,
      base: at(loose),
      rev: at(tight),
      line: lines + 1,
      swap: `${name}-${widen}`,
      near: [at(loose), y(`${kw}: ${loose}`, t)],
    },
    { kind: `${name}-${widen}`, base: at(tight), rev: at(loose), line: lines + 1 },
  ];
  if (setUnset)
    out.push(
      { kind: `${name}-set`, base: y(t), rev: at(tight), line: lines + 1, swap: `${name}-unset` },
      { kind: `${name}-unset`, base: at(tight), rev: y(t), line: 1, atNode: true },
    );
  return out;
}

/** Cases for a sub-schema keyword that can be added or removed. */
function presenceCases(kind: string, withIt: string, line: number, without: string): Case[] {
  return [
    {
      kind: `${kind}-added`,
      base: y(without),
      rev: withIt,
      line,
      swap: `${kind}-removed`,
      near: [withIt, withIt.replace(/\n$/, '\ndescription: d\n')],
    },
    {
      kind: `${kind}-removed`,
      base: withIt,
      rev: y(without, 'description: d'),
      line: 1,
      atNode: true,
    },
  ];
}
