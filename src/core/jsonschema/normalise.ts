/**
 * Normalised view of a schema node, so that equal meaning compares equal:
 * - nullability: OpenAPI 3.0 `nullable`, 2.0 `x-nullable`, a `"null"` in a 3.1 type array, a
 *   `null` enum value and a null branch of `oneOf`/`anyOf` are one flag;
 * - `type: [x]` is `type: x`; a schema without `type` but with `properties` is an object, with
 *   `items` an array; `oneOf`/`anyOf` of bare types is a list of types;
 * - `exclusiveMinimum: true` (3.0) is the 3.1 numeric form; for integers an exclusive bound is the
 *   inclusive one next to it; `const` is a one-value enum that remembers it was written as const;
 * - `allOf` is merged into its parent where that preserves meaning (object parts with distinct
 *   properties), and a single `allOf`/`oneOf`/`anyOf` branch beside annotations is the branch itself.
 * Every keyword remembers the raw node that declared it, so findings point at the right line.
 */

export interface Bound {
  value: number;
  exclusive: boolean;
  /** The bound as written, when it was rewritten (an exclusive integer bound made inclusive). */
  written?: Bound;
}

export interface Norm {
  /** The raw node (for locating the schema). */
  node: object | undefined;
  /** Raw node that declared each keyword (differs from `node` for merged allOf parts). */
  src: Map<string, object>;
  /** Unconstrained type (undefined = any). Sorted, without "null". */
  types?: string[];
  /** Types came from oneOf/anyOf branches of bare types. */
  typeBranches: boolean;
  nullable: boolean;
  /** Where nullability was written, below `src.get('nullable')`: ['type'], ['oneOf', '1'], ... */
  nullableAt?: string[];
  format?: string;
  /** Allowed values (without null), from enum or const. */
  values?: unknown[];
  valuesFrom?: 'enum' | 'const';
  extensible?: unknown[];
  default?: { value: unknown };
  max?: Bound;
  min?: Bound;
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  minItems?: number;
  maxProperties?: number;
  minProperties?: number;
  maxContains?: number;
  minContains?: number;
  uniqueItems: boolean;
  multipleOf?: number;
  pattern?: string;
  properties: Map<string, unknown>;
  /** Raw node whose `properties` declares each property (the allOf part for merged ones). */
  propOwner: Map<string, object>;
  required: Set<string>;
  additionalProperties?: unknown;
  patternProperties: Map<string, unknown>;
  items?: unknown;
  prefixItems?: unknown[];
  contains?: unknown;
  allOf: unknown[];
  oneOf: unknown[];
  anyOf: unknown[];
  not?: unknown;
  if?: unknown;
  then?: unknown;
  else?: unknown;
  dependentRequired: Map<string, string[]>;
  dependentSchemas: Map<string, unknown>;
  propertyNames?: unknown;
  unevaluatedItems?: unknown;
  unevaluatedProperties?: unknown;
  contentSchema?: unknown;
  contentEncoding?: string;
  contentMediaType?: string;
  discriminator?: { propertyName: string; mapping: Map<string, string> };
  readOnly: boolean;
  writeOnly: boolean;
  deprecated: boolean;
  sunset?: string;
  stability?: string;
  title?: string;
  /** allOf parts folded into this view (their raw nodes). */
  merged: object[];
}

type Raw = Record<string, unknown>;

/** Keywords that never change which values validate. */
export const ANNOTATIONS = new Set([
  'title',
  'description',
  'example',
  'examples',
  'externalDocs',
  'xml',
  '$comment',
  '$id',
  '$schema',
  '$anchor',
  '$defs',
  'definitions',
  'deprecated',
  'x-sunset',
  'x-stability-level',
  'default',
]);
const isAnnotation = (key: string) => ANNOTATIONS.has(key) || key.startsWith('x-');

const cache = new WeakMap<object, Norm>();
/** `allOf`s built by merging (a property declared by two parts). */
const synthetic = new WeakSet<object>();
/** The merge of two schemas, built once: recursive schemas merged at every depth stay finite. */
const merges = new WeakMap<object, WeakMap<object, Raw>>();

/** `allOf: [a, b]` (a's parts when a is itself a merge), the same node for the same a and b. */
function mergeOf(a: unknown, b: unknown): Raw {
  const key = isObject(a) ? a : undefined;
  const other = isObject(b) ? b : undefined;
  const hit = key && other ? merges.get(key)?.get(other) : undefined;
  if (hit) return hit;
  const parts = synthetic.has(a as object) ? ((a as Raw).allOf as unknown[]) : [a];
  const both: Raw = { allOf: [...parts, b] };
  synthetic.add(both);
  if (key && other) {
    let inner = merges.get(key);
    if (!inner) merges.set(key, (inner = new WeakMap()));
    inner.set(other, both);
  }
  return both;
}
const inProgress = new WeakSet<object>();

export function isObject(x: unknown): x is Raw {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

/** A `{type: 'null'}`-like branch: only admits null. */
export function isNullSchema(x: unknown): boolean {
  if (!isObject(x)) return false;
  const keys = Object.keys(x).filter((k) => !isAnnotation(k));
  if (x.type === 'null' && keys.every((k) => k === 'type')) return true;
  if (Array.isArray(x.enum) && x.enum.length === 1 && x.enum[0] === null)
    return keys.every((k) => k === 'enum' || k === 'nullable' || k === 'type');
  if ('const' in x && x.const === null) return keys.every((k) => k === 'const' || k === 'type');
  return false;
}

/** A branch that only states a type (and maybe a format): part of a list of types. */
function bareType(x: unknown): string | undefined {
  if (!isObject(x)) return undefined;
  const keys = Object.keys(x).filter((k) => !isAnnotation(k));
  if (typeof x.type !== 'string' || !keys.every((k) => k === 'type')) return undefined;
  return x.type;
}

function empty(node: object | undefined): Norm {
  return {
    node,
    src: new Map(),
    typeBranches: false,
    nullable: false,
    uniqueItems: false,
    properties: new Map(),
    propOwner: new Map(),
    required: new Set(),
    patternProperties: new Map(),
    allOf: [],
    oneOf: [],
    anyOf: [],
    dependentRequired: new Map(),
    dependentSchemas: new Map(),
    readOnly: false,
    writeOnly: false,
    deprecated: false,
    merged: [],
  };
}

const num = (x: unknown): number | undefined =>
  typeof x === 'number' && Number.isFinite(x) ? x : undefined;

/** The normalised view of a raw schema (booleans included); cached per node. */
export function normalise(raw: unknown): Norm {
  if (raw === true || raw === undefined || raw === null) return empty(undefined);
  if (raw === false) {
    const n = empty(undefined);
    n.not = {};
    return n;
  }
  if (!isObject(raw)) return empty(undefined);
  const hit = cache.get(raw);
  if (hit) return hit;
  inProgress.add(raw);
  const n = build(raw);
  inProgress.delete(raw);
  cache.set(raw, n);
  return n;
}

function build(x: Raw): Norm {
  const n = empty(x);
  const set = (key: string) => n.src.set(key, x);

  // ---- type and nullability
  let types: string[] | undefined;
  if (typeof x.type === 'string') types = [x.type];
  else if (Array.isArray(x.type)) types = x.type.filter((t): t is string => typeof t === 'string');
  const nullable = (at: string[]) => {
    if (!n.nullable) {
      n.nullable = true;
      n.nullableAt = at;
      n.src.set('nullable', x);
    }
  };
  if (types) {
    if (types.includes('null')) nullable(['type']);
    types = types.filter((t) => t !== 'null');
    set('type');
    // `type: 'null'` alone admits only null.
    if (types.length === 0) types = ['null'];
  }
  if (x.nullable === true) nullable(['nullable']);
  if (x['x-nullable'] === true) nullable(['x-nullable']);
  if (typeof x.format === 'string') ((n.format = x.format), set('format'));

  // ---- values
  if (Array.isArray(x.enum)) {
    if (x.enum.includes(null)) nullable(['enum']);
    n.values = x.enum.filter((v) => v !== null);
    n.valuesFrom = 'enum';
    set('enum');
  }
  if ('const' in x && x.const !== undefined) {
    if (x.const === null) nullable(['const']);
    else {
      n.values = [x.const];
      n.valuesFrom = 'const';
    }
    set('const');
  }
  if (Array.isArray(x['x-extensible-enum'])) {
    n.extensible = x['x-extensible-enum'];
    set('x-extensible-enum');
  }
  if ('default' in x) ((n.default = { value: x.default }), set('default'));

  // ---- bounds (3.0 boolean exclusives become the 3.1 numeric form)
  const maximum = num(x.maximum);
  const minimum = num(x.minimum);
  if (maximum !== undefined) {
    n.max = { value: maximum, exclusive: x.exclusiveMaximum === true };
    set('maximum');
    if (x.exclusiveMaximum === true) n.src.set('exclusiveMaximum', x);
  }
  if (num(x.exclusiveMaximum) !== undefined) {
    const v = num(x.exclusiveMaximum)!;
    if (!n.max || v <= n.max.value) n.max = { value: v, exclusive: true };
    set('exclusiveMaximum');
  }
  if (minimum !== undefined) {
    n.min = { value: minimum, exclusive: x.exclusiveMinimum === true };
    set('minimum');
    if (x.exclusiveMinimum === true) n.src.set('exclusiveMinimum', x);
  }
  if (num(x.exclusiveMinimum) !== undefined) {
    const v = num(x.exclusiveMinimum)!;
    if (!n.min || v >= n.min.value) n.min = { value: v, exclusive: true };
    set('exclusiveMinimum');
  }
  for (const key of [
    'maxLength',
    'minLength',
    'maxItems',
    'minItems',
    'maxProperties',
    'minProperties',
    'maxContains',
    'minContains',
    'multipleOf',
  ] as const) {
    const v = num(x[key]);
    if (v !== undefined) ((n[key] = v), set(key));
  }
  if (x.uniqueItems === true) ((n.uniqueItems = true), set('uniqueItems'));
  // An empty pattern matches every string: no constraint (oasdiff reads it as absent too).
  if (typeof x.pattern === 'string' && x.pattern !== '') ((n.pattern = x.pattern), set('pattern'));

  // ---- objects
  if (isObject(x.properties)) {
    for (const [name, schema] of Object.entries(x.properties)) {
      n.properties.set(name, schema);
      n.propOwner.set(name, x);
    }
    set('properties');
  }
  if (Array.isArray(x.required)) {
    for (const r of x.required) if (typeof r === 'string') n.required.add(r);
    set('required');
  }
  if ('additionalProperties' in x && x.additionalProperties !== undefined) {
    n.additionalProperties = x.additionalProperties;
    set('additionalProperties');
  }
  if (isObject(x.patternProperties)) {
    for (const [p, schema] of Object.entries(x.patternProperties))
      n.patternProperties.set(p, schema);
    set('patternProperties');
  }
  if (isObject(x.dependentRequired)) {
    for (const [k, v] of Object.entries(x.dependentRequired))
      if (Array.isArray(v)) n.dependentRequired.set(k, v.map(String));
    set('dependentRequired');
  }
  if (isObject(x.dependentSchemas)) {
    for (const [k, v] of Object.entries(x.dependentSchemas)) n.dependentSchemas.set(k, v);
    set('dependentSchemas');
  }
  for (const key of [
    'propertyNames',
    'unevaluatedItems',
    'unevaluatedProperties',
    'contentSchema',
    'contains',
    'not',
    'if',
    'then',
    'else',
  ] as const) {
    if (key in x && x[key] !== undefined) ((n[key] = x[key]), set(key));
  }
  if (typeof x.contentEncoding === 'string')
    ((n.contentEncoding = x.contentEncoding), set('contentEncoding'));
  if (typeof x.contentMediaType === 'string')
    ((n.contentMediaType = x.contentMediaType), set('contentMediaType'));

  // ---- arrays (draft-4 tuple `items: [...]` is prefixItems)
  if (Array.isArray(x.prefixItems)) ((n.prefixItems = x.prefixItems), set('prefixItems'));
  if (Array.isArray(x.items)) {
    n.prefixItems = x.items;
    set('prefixItems');
    if ('additionalItems' in x) ((n.items = x.additionalItems), n.src.set('items', x));
  } else if ('items' in x && x.items !== undefined) ((n.items = x.items), set('items'));

  // ---- annotations that carry meaning for consumers
  if (x.readOnly === true) ((n.readOnly = true), set('readOnly'));
  if (x.writeOnly === true) ((n.writeOnly = true), set('writeOnly'));
  if (x.deprecated === true) ((n.deprecated = true), set('deprecated'));
  if (typeof x['x-sunset'] === 'string' || x['x-sunset'] instanceof Date) {
    const v = x['x-sunset'];
    n.sunset = v instanceof Date ? v.toISOString().slice(0, 10) : (v as string);
    set('x-sunset');
  }
  if (typeof x['x-stability-level'] === 'string') {
    n.stability = x['x-stability-level'];
    set('x-stability-level');
  }
  if (typeof x.title === 'string') n.title = x.title;
  if (isObject(x.discriminator) && typeof x.discriminator.propertyName === 'string') {
    const mapping = new Map<string, string>();
    if (isObject(x.discriminator.mapping))
      for (const [k, v] of Object.entries(x.discriminator.mapping)) mapping.set(k, String(v));
    n.discriminator = { propertyName: x.discriminator.propertyName, mapping };
    set('discriminator');
  }

  // ---- composition
  const oneOf = Array.isArray(x.oneOf) ? [...x.oneOf] : [];
  const anyOf = Array.isArray(x.anyOf) ? [...x.anyOf] : [];
  const allOf = Array.isArray(x.allOf) ? [...x.allOf] : [];
  if (oneOf.length) set('oneOf');
  if (anyOf.length) set('anyOf');
  if (allOf.length) set('allOf');
  for (const [kw, list] of [
    ['oneOf', oneOf],
    ['anyOf', anyOf],
  ] as const) {
    const i = list.findIndex(isNullSchema);
    if (i >= 0) nullable([kw, String(i)]);
    list.splice(0, list.length, ...list.filter((b) => !isNullSchema(b)));
  }
  // oneOf/anyOf of bare types is a list of types.
  for (const [key, list] of [
    ['oneOf', oneOf],
    ['anyOf', anyOf],
  ] as const) {
    const bare = list.map(bareType);
    const distinct = new Set(bare).size === bare.length;
    if (list.length > 1 && !types && distinct && bare.every((t): t is string => !!t)) {
      types = bare;
      n.typeBranches = true;
      n.src.set('type', x);
      list.splice(0, list.length);
      void key;
    }
  }
  n.types = types ? [...new Set(types)].sort() : undefined;
  n.oneOf = oneOf;
  n.anyOf = anyOf;
  n.allOf = allOf;

  // A lone oneOf/anyOf branch (e.g. left after removing a null branch) is an allOf part.
  if (oneOf.length === 1 && anyOf.length === 0) ((n.allOf = [...allOf, oneOf[0]]), (n.oneOf = []));
  else if (anyOf.length === 1 && oneOf.length === 0)
    ((n.allOf = [...allOf, anyOf[0]]), (n.anyOf = []));

  if (n.allOf.length) mergeAllOf(n);
  inferType(n);
  integerBounds(n);
  return n;
}

/** `properties` without `type` is an object; `items` without `type` an array. */
function inferType(n: Norm): void {
  if (n.types) return;
  const objectish =
    n.properties.size > 0 || n.required.size > 0 || n.additionalProperties !== undefined;
  const arrayish = n.items !== undefined || n.prefixItems !== undefined;
  if (objectish && !arrayish && !n.oneOf.length && !n.anyOf.length) n.types = ['object'];
  else if (arrayish && !objectish && !n.oneOf.length && !n.anyOf.length) n.types = ['array'];
}

/** For integers, `exclusiveMaximum: 10` is `maximum: 9` (findings still name what was written). */
function integerBounds(n: Norm): void {
  if (n.types?.length !== 1 || n.types[0] !== 'integer') return;
  if (n.max?.exclusive && Number.isInteger(n.max.value))
    n.max = { value: n.max.value - 1, exclusive: false, written: n.max };
  if (n.min?.exclusive && Number.isInteger(n.min.value))
    n.min = { value: n.min.value + 1, exclusive: false, written: n.min };
}

/** Keywords an allOf part may carry and still be merged into its parent. */
const MERGEABLE = new Set(['type', 'properties', 'required', 'allOf', 'discriminator', 'nullable']);

/**
 * Folds allOf parts into the parent when the result means the same: every part is an object part
 * (properties/required/type object) or annotations, and no property is declared twice with
 * different schemas. Otherwise the allOf stays and is compared part by part.
 */
function mergeAllOf(n: Norm): void {
  const parts: Norm[] = [];
  for (const part of n.allOf) {
    if (part === true || (isObject(part) && Object.keys(part).length === 0)) continue;
    if (!isObject(part) || inProgress.has(part)) return;
    const keys = Object.keys(part).filter((k) => !isAnnotation(k));
    // A part that is itself a lone-branch wrapper or a type list is merged through its own view.
    const p = normalise(part);
    if (!keys.every((k) => MERGEABLE.has(k) || k === 'oneOf' || k === 'anyOf')) {
      // Scalar parts (e.g. `allOf: [$ref: Id]` beside a description) merge when the parent is bare.
      if (!bareParent(n) || n.allOf.length !== 1) return;
    }
    if (p.allOf.length || p.oneOf.length || p.anyOf.length) {
      if (!bareParent(n) || n.allOf.length !== 1) return;
    }
    parts.push(p);
  }
  if (parts.length === 1 && bareParent(n) && n.allOf.length === 1) {
    adopt(n, parts[0]!);
    return;
  }
  // Object parts only: union of properties and required, intersection of types.
  const props = new Map(n.properties);
  const owners = new Map(n.propOwner);
  for (const p of parts) {
    if (p.types && !(p.types.length === 1 && p.types[0] === 'object')) return;
    for (const [name, schema] of p.properties) {
      const prev = props.get(name);
      if (prev !== undefined && prev !== schema && canonical(prev) !== canonical(schema)) {
        // Declared by two parts: the value must satisfy both.
        props.set(name, mergeOf(prev, schema));
        continue;
      }
      props.set(name, prev ?? schema);
      const owner = p.propOwner.get(name);
      if (owner && !owners.has(name)) owners.set(name, owner);
    }
  }
  if (n.types && !(n.types.length === 1 && n.types[0] === 'object')) return;
  for (const p of parts) {
    for (const r of p.required) n.required.add(r);
    if (p.nullable && !n.nullable) {
      n.nullable = true;
      n.nullableAt = p.nullableAt;
      n.src.set('nullable', p.src.get('nullable') ?? p.node ?? n.node!);
    }
    if (p.types && !n.types) n.types = ['object'];
    if (p.node) n.merged.push(p.node);
    for (const key of ['properties', 'required', 'type'])
      if (!n.src.has(key) && p.src.has(key)) n.src.set(key, p.src.get(key)!);
  }
  n.properties = props;
  n.propOwner = owners;
  n.allOf = [];
}

/** The parent only has annotations and nullability: a lone part can stand for it. */
function bareParent(n: Norm): boolean {
  const own = n.node ? Object.keys(n.node).filter((k) => !isAnnotation(k)) : [];
  return (
    own.every((k) => ['allOf', 'oneOf', 'anyOf', 'nullable', 'x-nullable', 'type'].includes(k)) &&
    (!n.types || n.types.length === 0)
  );
}

/** The parent becomes its lone part (keeping its own nullability and annotations). */
function adopt(n: Norm, p: Norm): void {
  const keep = {
    node: n.node,
    nullable: n.nullable || p.nullable,
    ownNullable: n.nullable,
    nullableAt: n.nullableAt,
    deprecated: n.deprecated,
    sunset: n.sunset,
    stability: n.stability,
    default: n.default,
    readOnly: n.readOnly,
    writeOnly: n.writeOnly,
    title: n.title,
  };
  const ownSrc = new Map(n.src);
  Object.assign(n, {
    ...p,
    src: new Map(p.src),
    properties: new Map(p.properties),
    propOwner: new Map(p.propOwner),
    required: new Set(p.required),
    merged: [...p.merged, ...(p.node ? [p.node] : [])],
  });
  n.node = keep.node;
  n.nullableAt = keep.ownNullable ? keep.nullableAt : p.nullableAt;
  n.nullable = keep.nullable;
  n.deprecated = keep.deprecated || p.deprecated;
  n.sunset = keep.sunset ?? p.sunset;
  n.stability = keep.stability ?? p.stability;
  n.default = keep.default ?? p.default;
  n.readOnly = keep.readOnly || p.readOnly;
  n.writeOnly = keep.writeOnly || p.writeOnly;
  n.title = keep.title ?? p.title;
  for (const [k, v] of ownSrc) if (!['allOf', 'oneOf', 'anyOf'].includes(k)) n.src.set(k, v);
  if (p.node) n.src.set('$part', p.node);
}

/** A stable text of a raw schema for equality (cycles and depth cut). */
export function canonical(raw: unknown, depth = 6, stack: unknown[] = []): string {
  if (raw === null || typeof raw !== 'object') return JSON.stringify(raw) ?? 'undefined';
  if (stack.includes(raw)) return '"<cycle>"';
  if (depth === 0) return '"<deep>"';
  stack.push(raw);
  let out: string;
  if (Array.isArray(raw))
    out = '[' + raw.map((v) => canonical(v, depth - 1, stack)).join(',') + ']';
  else {
    const keys = Object.keys(raw)
      .filter(
        (k) =>
          ![
            'description',
            'title',
            'example',
            'examples',
            'externalDocs',
            'xml',
            '$comment',
          ].includes(k),
      )
      .sort();
    out =
      '{' +
      keys
        .map((k) => JSON.stringify(k) + ':' + canonical((raw as Raw)[k], depth - 1, stack))
        .join(',') +
      '}';
  }
  stack.pop();
  return out;
}

/** Canonical text of a value (enum values, defaults): key order does not matter. */
export function valueText(v: unknown): string {
  return canonical(v, 50);
}

/**
 * The schema with its `allOf` parts folded into it, as written (annotations left out), or
 * undefined when a keyword is set differently by two parts (then folding would change it).
 * Two schemas whose folds are equal mean the same thing: an allOf flattened into one object, or an
 * object split into parts, is a restructuring, not a change (see `sameWhenFlattened`).
 */
function fold(raw: unknown, depth = 0, stack: object[] = []): Raw | undefined {
  if (!isObject(raw) || depth > 8 || stack.includes(raw)) return undefined;
  const out: Raw = {};
  const props: Raw = {};
  const required = new Set<string>();
  const put = (key: string, value: unknown): boolean => {
    if (key === 'properties') {
      if (!isObject(value)) return false;
      for (const [name, schema] of Object.entries(value)) {
        if (name in props && canonical(props[name]) !== canonical(schema)) return false;
        props[name] = schema;
      }
      return true;
    }
    if (key === 'required') {
      if (!Array.isArray(value)) return false;
      for (const r of value) required.add(String(r));
      return true;
    }
    if (key in out && canonical(out[key]) !== canonical(value)) return false;
    out[key] = value;
    return true;
  };
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'allOf' || isAnnotation(key)) continue;
    if (!put(key, value)) return undefined;
  }
  if (Array.isArray(raw.allOf)) {
    for (const part of raw.allOf) {
      const f = fold(part, depth + 1, [...stack, raw]);
      if (!f) return undefined;
      for (const [key, value] of Object.entries(f)) if (!put(key, value)) return undefined;
    }
  }
  if (Object.keys(props).length) out.properties = props;
  if (required.size) out.required = [...required].sort();
  return out;
}

/** Both schemas mean the same once their `allOf` parts are folded in (and one of them has parts). */
export function sameWhenFlattened(base: unknown, rev: unknown): boolean {
  const b = fold(base);
  const r = fold(rev);
  return !!b && !!r && canonical(b, 12) === canonical(r, 12);
}

/** Only annotations: a part that constrains nothing. */
export function annotationOnly(raw: unknown): boolean {
  return isObject(raw) && Object.keys(raw).every(isAnnotation);
}
