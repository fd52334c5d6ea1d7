import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';

/**
 * The YAML fast path of `LocationMap.parse`. The `yaml` package's parser (whose node tree gives
 * every position) takes about a second per half megabyte of YAML on a cold process; js-yaml reads
 * the same text five times faster but keeps no positions. So the value comes from js-yaml, with
 * the `yaml` package's YAML 1.2 core schema (its own regexes below), and positions come from a
 * line index of the block-style text (yaml-lines.ts), built on the first lookup and guided by
 * the value.
 *
 * Both halves say when they are unsure, and the caller then uses the `yaml` package as before:
 * `loadFast` declines text where the two readers could differ (directives, merge keys, aliases
 * that share a node, null or complex keys), any text js-yaml rejects (so every error message
 * still comes from the `yaml` path) and nesting past the limit. test/core/yaml-fast.test.ts
 * checks both halves against the `yaml` package on every YAML fixture.
 */

/** YAML 1.2 core schema scalars, resolved as the `yaml` package's core schema does. */
const CORE_SCALARS: Array<{ tag: string; test: RegExp; value: (s: string) => unknown }> = [
  { tag: 'null', test: /^(?:~|[Nn]ull|NULL)?$/, value: () => null },
  {
    tag: 'bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    value: (s) => s[0] === 't' || s[0] === 'T',
  },
  { tag: 'int', test: /^0o[0-7]+$/, value: (s) => parseInt(s.slice(2), 8) },
  { tag: 'int', test: /^[-+]?[0-9]+$/, value: (s) => parseInt(s, 10) },
  { tag: 'int', test: /^0x[0-9a-fA-F]+$/, value: (s) => parseInt(s.slice(2), 16) },
  {
    tag: 'float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    value: (s) =>
      s.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : s[0] === '-'
          ? Number.NEGATIVE_INFINITY
          : Number.POSITIVE_INFINITY,
  },
  {
    tag: 'float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    value: parseFloat,
  },
  { tag: 'float', test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, value: parseFloat },
];

/** What a plain scalar means under the core schema. */
export function resolvePlain(s: string): unknown {
  for (const t of CORE_SCALARS) if (t.test.test(s)) return t.value(s);
  return s;
}

// js-yaml wants one type per tag: each tag's patterns are tried in the order above.
const CORE = FAILSAFE_SCHEMA.extend({
  implicit: ['null', 'bool', 'int', 'float'].map((tag) => {
    const forms = CORE_SCALARS.filter((t) => t.tag === tag);
    const form = (s: unknown) =>
      typeof s === 'string'
        ? forms.find((t) => t.test.test(s))
        : tag === 'null'
          ? forms[0]
          : undefined;
    return new Type(`tag:yaml.org,2002:${tag}`, {
      kind: 'scalar',
      resolve: (s) => form(s) !== undefined,
      construct: (s) => form(s)!.value(typeof s === 'string' ? s : ''),
    });
  }),
});

/**
 * Text the two readers could read differently: a directive (`%YAML 1.1` changes the schema), an
 * explicit `?` key, a null or empty key (js-yaml names it "null", the yaml package ""), a merge
 * key (the yaml package merges), a flow collection as a key.
 */
const DIFFERENT =
  /^%|^[ \t]*(?:-[ \t]+)*(?:\?(?:[ \t]|$)|(?:~|null|Null|NULL)?[ \t]*:(?:[ \t]|$)|["']?<<["']?[ \t]*:|[[{].*[\]}][ \t]*:(?:[ \t]|$))/m;

/** An anchor: only then can an alias share a node. */
const ANCHOR = /(?:^|[\s[{,])&[^\s[\]{},]/;

/**
 * The value of a YAML text as the `yaml` package's core schema reads it, and a copy of it for
 * `YamlLineIndex.locate` (callers change the value: `$ref`s are replaced in place). Undefined
 * where this path is unsure or the text is not valid YAML: the caller then parses with the `yaml`
 * package. `maxDepth`: nesting past it is left to the caller's precise check and message.
 */
export function loadFast(
  text: string,
  maxDepth: number,
): { value: unknown; shape: unknown } | undefined {
  if (DIFFERENT.test(text)) return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: CORE, maxDepth: maxDepth * 2 + 8 });
  } catch {
    return undefined;
  }
  const shape = copyTree(value, maxDepth, ANCHOR.test(text));
  return shape === DECLINED ? undefined : { value, shape };
}

const DECLINED = Symbol('declined');

/**
 * A copy of a parsed value; DECLINED if a container is nested past `max` or, when aliases are
 * possible (`shared`), reached twice: the `yaml` package then says what it says about aliases.
 */
function copyTree(root: unknown, max: number, shared: boolean): unknown {
  const seen = shared ? new Set<object>() : undefined;
  const copy = (x: unknown, depth: number): unknown => {
    if (typeof x !== 'object' || x === null) return x;
    if (depth > max) throw DECLINED;
    if (seen) {
      if (seen.has(x)) throw DECLINED;
      seen.add(x);
    }
    if (Array.isArray(x)) {
      const a = new Array<unknown>(x.length);
      for (let i = 0; i < x.length; i++) a[i] = copy(x[i], depth + 1);
      return a;
    }
    const o: Record<string, unknown> = {};
    const from = x as Record<string, unknown>;
    for (const k in from) {
      const c = copy(from[k], depth + 1);
      if (k === '__proto__') {
        Object.defineProperty(o, k, {
          value: c,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      } else o[k] = c;
    }
    return o;
  };
  try {
    return copy(root, 1);
  } catch (e) {
    if (e === DECLINED) return DECLINED;
    throw e;
  }
}
