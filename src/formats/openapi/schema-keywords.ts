/** Where an OpenAPI document holds schemas: read by the loader and the validation view. */

/** Keywords whose value is one schema, whose values are schemas (a map), or a list of schemas. */
export const SCHEMA_ONE = new Set([
  'schema',
  'items',
  'additionalProperties',
  'additionalItems',
  'not',
  'contains',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contentSchema',
]);
export const SCHEMA_MAP = new Set([
  'schemas',
  'definitions',
  '$defs',
  'properties',
  'patternProperties',
  'dependentSchemas',
]);
export const SCHEMA_LIST = new Set(['allOf', 'oneOf', 'anyOf', 'prefixItems']);
