import { parseSunset } from '../lifecycle.js';
import { matchEntries } from '../match.js';
import { keptRemoteRef } from '../kept-refs.js';
import { Sameness } from './same.js';
import type { Deprecation } from '../model.js';
import type { SchemaComparatorOptions, SchemaSide } from './api.js';
import { boundKind } from './kinds.js';
import {
  annotationOnly,
  sameWhenFlattened,
  canonical,
  isObject,
  normalise,
  valueText,
  type Bound,
  type Norm,
} from './normalise.js';

/**
 * Detection: compares one (base, revision) schema pair and names the kinds of change it finds,
 * with the nodes they concern, and the child pairs to compare (edges). Nothing here knows rules,
 * places or severities. Pairs are memoised by their raw nodes, so a shared component pair is
 * compared once however often it is reached, and recursive schemas terminate (a pair reached
 * again while being compared is returned as is and completed by the time anyone reads it).
 */

export type Args = Record<string, string | number | boolean>;

/** The change kind of a remote `$ref` not fetched: reported by the shared `ref-not-compared` rule. */
export const REF_NOT_COMPARED = 'ref-not-compared';

/** A type/format change; its kind depends on the direction and the media type (compare.ts). */
export interface TypeFact {
  /** The revision accepts more values, fewer, or different ones. */
  rel: 'wider' | 'narrower' | 'changed';
  /** Several types on one side (a type array or oneOf of bare types). */
  multi: boolean;
  /** Compatible where values are not strongly typed (text media types, parameters, headers). */
  looseWrite: boolean;
  looseRead: boolean;
}

export interface Change {
  kind: string;
  type?: TypeFact;
  /** The node the change is about, on each side where it exists. */
  baseNode?: object;
  revNode?: object;
  /** The keyword (or path below the nodes) to point at; `keyword` is shorthand for `[keyword]`. */
  keyword?: string;
  at?: string[];
  /** A different path on the base node (e.g. the removed enum value). */
  baseAt?: string[];
  /** The element is gone: the finding points at the base. */
  removal?: boolean;
  args: Args;
  before?: unknown;
  after?: unknown;
  /** readOnly/writeOnly of the property the change is about (property-level changes). */
  flags?: { readOnly: boolean; writeOnly: boolean };
  /** The change is about a child property: its name extends the subject's path. */
  child?: string;
  /** A removed property was deprecated in the base (with its x-sunset when it is a date). */
  deprecation?: Deprecation;
  /**
   * Probably a rename: the one property removed from an object and the one added to it, of the
   * same type. Both changes point at each other; one finding reports them (compare.ts).
   */
  partner?: Change;
}

export interface Edge {
  seg: string;
  pair: Pair;
}

export interface Pair {
  baseRaw: unknown;
  revRaw: unknown;
  base: Norm;
  rev: Norm;
  changes: Change[];
  edges: Edge[];
  /** Matched composition branches that are `$ref`s: base target → revision target. */
  renamed?: Map<string, string>;
}

export interface Sides {
  base: SchemaSide;
  rev: SchemaSide;
}

export class Detector {
  private readonly memo = new WeakMap<object, WeakMap<object, Pair>>();
  private readonly sameness = new Sameness();
  /** Number of distinct pairs compared (for tests and benchmarks). */
  compared = 0;

  /** The documents being compared; set by the comparator before each request. */
  sides!: Sides;

  constructor(private readonly policy?: SchemaComparatorOptions['lifecycle']) {}

  pair(baseRaw: unknown, revRaw: unknown): Pair {
    const memoable = isObject(baseRaw) && isObject(revRaw);
    if (memoable) {
      const hit = this.memo.get(baseRaw)?.get(revRaw);
      if (hit) return hit;
    }
    const p: Pair = {
      baseRaw,
      revRaw,
      base: normalise(baseRaw),
      rev: normalise(revRaw),
      changes: [],
      edges: [],
    };
    if (memoable) {
      let inner = this.memo.get(baseRaw);
      if (!inner) this.memo.set(baseRaw, (inner = new WeakMap()));
      inner.set(revRaw, p);
    }
    this.compared++;
    if (!this.same(baseRaw, revRaw)) this.fill(p);
    return p;
  }

  /**
   * The same schema on both sides (read in the same dialect) has nothing to find: no child pair
   * is made for it, so a large unchanged schema costs one comparison of its nodes.
   */
  private same(b: unknown, r: unknown): boolean {
    return this.sides.base.dialect === this.sides.rev.dialect && this.sameness.same(b, r);
  }

  private fill(p: Pair): void {
    const { base: b, rev: r } = p;
    // A remote `$ref` that was not fetched stands for a schema we cannot see: a different one (or
    // one in place of a schema) is reported as not compared, and nothing beneath is compared.
    const bRef = keptRemoteRef(p.baseRaw);
    const rRef = keptRemoteRef(p.revRaw);
    if (bRef !== undefined || rRef !== undefined) {
      if (bRef !== rRef) {
        this.add(p, {
          kind: REF_NOT_COMPARED,
          args: { ref: (rRef ?? bRef)!, reason: 'is not fetched (allowRemoteRefs is off)' },
          ...(bRef !== undefined ? { before: bRef } : {}),
          ...(rRef !== undefined ? { after: rRef } : {}),
        });
      }
      return;
    }
    if (this.wrapped(p)) return;
    // `false` (or `not: {}`) admits no value: a change to or from it is that change alone.
    const bNone = admitsNothing(b);
    const rNone = admitsNothing(r);
    if (bNone || rNone) {
      if (!bNone) this.add(p, { kind: 'schema-became-false', args: {} });
      else if (!rNone) this.add(p, { kind: 'schema-became-not-false', args: {} });
      return;
    }
    this.lifecycle(p);
    this.types(p);
    this.values(p);
    this.bounds(p);
    this.strings(p);
    this.objects(p);
    this.arrays(p);
    this.conditionals(p);
    this.composition(p, 'all-of', b.allOf, r.allOf);
    this.composition(p, 'one-of', b.oneOf, r.oneOf);
    this.composition(p, 'any-of', b.anyOf, r.anyOf);
    this.discriminator(p);
  }

  private add(p: Pair, c: Omit<Change, 'baseNode' | 'revNode'> & Partial<Change>): void {
    const kw = c.keyword ?? c.at?.[0];
    const at = c.at ?? (c.keyword ? [c.keyword] : undefined);
    p.changes.push({
      ...c,
      baseNode: c.baseNode ?? (kw ? p.base.src.get(kw) : undefined) ?? p.base.node,
      revNode: c.revNode ?? (kw ? p.rev.src.get(kw) : undefined) ?? p.rev.node,
      ...(at ? { at } : {}),
    } as Change);
  }

  private edge(p: Pair, seg: string, b: unknown, r: unknown): void {
    if (!this.same(b, r)) p.edges.push({ seg, pair: this.pair(b, r) });
  }

  // ---- lifecycle ---------------------------------------------------------------------------------
  private lifecycle(p: Pair): void {
    const { base: b, rev: r } = p;
    if (!b.deprecated && r.deprecated) {
      const policy = this.policy;
      const beta = ['draft', 'alpha', 'beta'].includes(r.stability ?? 'stable');
      const days = policy ? (beta ? policy.minSunsetBetaDays : policy.minSunsetStableDays) : 0;
      if (r.sunset !== undefined) {
        const valid = /^\d{4}-\d{2}-\d{2}/.test(r.sunset) && !Number.isNaN(Date.parse(r.sunset));
        const notice =
          valid && policy
            ? (Date.parse(r.sunset) - Date.parse(policy.today)) / 86_400_000
            : Infinity;
        this.add(p, {
          kind: !valid
            ? 'deprecated-sunset-invalid'
            : notice < days
              ? 'sunset-date-too-small'
              : 'deprecated-with-sunset',
          keyword: 'deprecated',
          args: { after: r.sunset, ...(notice < days ? { value: days } : {}) },
          after: r.sunset,
        });
      } else if (days > 0) {
        this.add(p, {
          kind: 'deprecated-sunset-missing',
          keyword: 'deprecated',
          args: { value: days },
        });
      } else this.add(p, { kind: 'deprecated', keyword: 'deprecated', args: {} });
    } else if (b.deprecated && !r.deprecated) {
      this.add(p, { kind: 'reactivated', keyword: 'deprecated', args: {} });
    }
    if (b.stability !== r.stability && (b.stability || r.stability)) {
      const LEVELS = ['draft', 'alpha', 'beta', 'stable'];
      const bi = LEVELS.indexOf(b.stability ?? 'stable');
      const ri = LEVELS.indexOf(r.stability ?? 'stable');
      if (bi >= 0 && ri >= 0 && bi !== ri) {
        const before = b.stability ?? 'stable';
        const after = r.stability ?? 'stable';
        this.add(p, {
          kind: ri < bi ? 'stability-decreased' : 'stability-increased',
          keyword: 'x-stability-level',
          args: { before, after },
          before,
          after,
        });
      }
    }
  }

  // ---- type, format, nullability ----------------------------------------------------------------------
  private types(p: Pair): void {
    const { base: b, rev: r } = p;
    if (b.nullable !== r.nullable) {
      this.add(p, {
        kind: r.nullable ? 'became-nullable' : 'became-not-nullable',
        ...(r.nullable
          ? { revNode: r.src.get('nullable'), at: r.nullableAt ?? ['nullable'] }
          : { revNode: r.src.get('type'), at: ['type'] }),
        baseNode: b.src.get('nullable') ?? b.node,
        args: {},
      });
    }
    const composite = (n: Norm) => !n.types && (n.oneOf.length || n.anyOf.length || n.allOf.length);
    if (composite(b) || composite(r)) return;
    const typeRel = relation(b.types, r.types);
    const fmtRel = formatRelation(r.types ?? b.types, b.format, r.format);
    const rel = combine(typeRel, fmtRel);
    if (rel === 'equal') return;
    const before = typeText(b);
    const after = typeText(r);
    const multi =
      (b.types?.length ?? 0) > 1 || (r.types?.length ?? 0) > 1 || b.typeBranches || r.typeBranches;
    const isString = (n: Norm) => !n.types || (n.types.length === 1 && n.types[0] === 'string');
    this.add(p, {
      kind: 'type',
      keyword: b.format !== r.format && typeRel === 'equal' ? 'format' : 'type',
      type: {
        rel,
        multi: multi && fmtRel === 'equal',
        looseWrite: isString(r) && fmtRel !== 'narrower' && fmtRel !== 'changed',
        looseRead: isString(b) && fmtRel !== 'wider' && fmtRel !== 'changed',
      },
      args: { before, after },
      before,
      after,
    });
  }

  // ---- enum, const, default ------------------------------------------------------------------------------
  private values(p: Pair): void {
    const { base: b, rev: r } = p;
    const bv = b.values;
    const rv = r.values;
    const list = (vs: unknown[]) => vs.map(show).join(', ');
    if (!bv && rv) {
      if (r.valuesFrom === 'const')
        this.add(p, {
          kind: 'const-added',
          keyword: 'const',
          args: { after: show(rv[0]) },
          after: rv[0],
        });
      else
        this.add(p, { kind: 'became-enum', keyword: 'enum', args: { after: list(rv) }, after: rv });
    } else if (bv && !rv) {
      if (b.valuesFrom === 'const')
        this.add(p, {
          kind: 'const-removed',
          keyword: 'const',
          args: { before: show(bv[0]) },
          before: bv[0],
        });
      else
        this.add(p, {
          kind: 'became-not-enum',
          keyword: 'enum',
          args: { before: list(bv) },
          before: bv,
        });
    } else if (bv && rv) {
      const asConst =
        bv.length === 1 &&
        rv.length === 1 &&
        (b.valuesFrom === 'const' || r.valuesFrom === 'const');
      if (asConst) {
        if (valueText(bv[0]) !== valueText(rv[0]))
          this.add(p, {
            kind: 'const-changed',
            keyword: r.valuesFrom === 'const' ? 'const' : 'enum',
            args: { before: show(bv[0]), after: show(rv[0]) },
            before: bv[0],
            after: rv[0],
          });
      } else this.valueSets(p, 'enum', bv, rv, 'enum-value');
    }
    if (b.extensible || r.extensible)
      this.valueSets(
        p,
        'x-extensible-enum',
        b.extensible ?? [],
        r.extensible ?? [],
        'x-extensible-enum-value',
      );
    if (b.default || r.default) {
      const bt = b.default && valueText(b.default.value);
      const rt = r.default && valueText(r.default.value);
      if (bt !== rt) {
        const kind = !b.default
          ? 'default-value-added'
          : !r.default
            ? 'default-value-removed'
            : 'default-value-changed';
        this.add(p, {
          kind,
          keyword: 'default',
          args: {
            ...(b.default ? { before: show(b.default.value) } : {}),
            ...(r.default ? { after: show(r.default.value) } : {}),
          },
          before: b.default?.value,
          after: r.default?.value,
        });
      }
    }
  }

  private valueSets(p: Pair, keyword: string, bv: unknown[], rv: unknown[], kind: string): void {
    const bt = new Map(bv.map((v) => [valueText(v), v]));
    const rt = new Map(rv.map((v) => [valueText(v), v]));
    // Point at the value itself: the removed one in the base, the added one in the revision.
    const item = (n: Norm, v: unknown): { node?: object; at: string[] } => {
      const owner = n.src.get(keyword);
      const list = owner && (owner as Record<string, unknown>)[keyword];
      const t = valueText(v);
      const i = Array.isArray(list) ? list.findIndex((x) => valueText(x) === t) : -1;
      return { ...(owner ? { node: owner } : {}), at: i >= 0 ? [keyword, String(i)] : [keyword] };
    };
    for (const [t, v] of bt)
      if (!rt.has(t)) {
        const at = item(p.base, v);
        this.add(p, {
          kind: `${kind}-removed`,
          keyword,
          ...(at.node ? { baseNode: at.node } : {}),
          baseAt: at.at,
          args: { value: show(v) },
          before: v,
        });
      }
    for (const [t, v] of rt)
      if (!bt.has(t)) {
        const at = item(p.rev, v);
        this.add(p, {
          kind: `${kind}-added`,
          ...(at.node ? { revNode: at.node } : {}),
          at: at.at,
          args: { value: show(v) },
          after: v,
        });
      }
  }

  // ---- numeric and count bounds --------------------------------------------------------------------------
  private bounds(p: Pair): void {
    const { base: b, rev: r } = p;
    this.bound(p, b.max, r.max, true);
    this.bound(p, b.min, r.min, false);
    const counts: Array<[string, keyof Norm, boolean, number]> = [
      ['max-length', 'maxLength', true, Infinity],
      ['min-length', 'minLength', false, 0],
      ['max-items', 'maxItems', true, Infinity],
      ['min-items', 'minItems', false, 0],
      ['max-properties', 'maxProperties', true, Infinity],
      ['min-properties', 'minProperties', false, 0],
      ['max-contains', 'maxContains', true, Infinity],
      ['min-contains', 'minContains', false, 1],
    ];
    for (const [name, key, upper, dflt] of counts) {
      const bv = b[key] as number | undefined;
      const rv = r[key] as number | undefined;
      if (bv === rv) continue;
      let how: 'decreased' | 'increased' | 'set' | 'unset';
      if (bv === undefined) how = 'set';
      else if (rv === undefined) how = 'unset';
      else how = rv < bv ? 'decreased' : 'increased';
      let kind = boundKind(name, how);
      if ((how === 'set' || how === 'unset') && !kind.endsWith(how)) {
        // No set/unset kind: compare against the keyword's default.
        const from = bv ?? dflt;
        const to = rv ?? dflt;
        if (from === to) continue;
        kind = `${name}-${to < from ? 'decreased' : 'increased'}`;
      }
      void upper;
      this.add(p, {
        kind,
        keyword: key,
        args: {
          ...(bv !== undefined ? { before: bv } : {}),
          ...(rv !== undefined ? { after: rv } : {}),
        },
        before: bv,
        after: rv,
      });
    }
    if (b.uniqueItems !== r.uniqueItems)
      this.add(p, {
        kind: r.uniqueItems ? 'became-unique-items' : 'became-not-unique-items',
        keyword: 'uniqueItems',
        args: {},
      });
    if (b.multipleOf !== r.multipleOf) {
      const bm = b.multipleOf;
      const rm = r.multipleOf;
      const divides = (a: number, d: number) => Math.abs(a / d - Math.round(a / d)) < 1e-9;
      const kind =
        bm === undefined
          ? 'multiple-of-narrowed'
          : rm === undefined
            ? 'multiple-of-widened'
            : divides(bm, rm)
              ? 'multiple-of-widened'
              : divides(rm, bm)
                ? 'multiple-of-narrowed'
                : 'multiple-of-changed';
      this.add(p, {
        kind,
        keyword: 'multipleOf',
        args: { before: bm ?? 'none', after: rm ?? 'none' },
        before: bm,
        after: rm,
      });
    }
  }

  private bound(p: Pair, b: Bound | undefined, r: Bound | undefined, upper: boolean): void {
    if (!b && !r) return;
    if (b && r && b.value === r.value && b.exclusive === r.exclusive) return;
    // Compared by meaning (an exclusive integer bound is the inclusive one next to it); reported
    // as written, so the finding names the keyword and values of the document.
    const w = (x: Bound) => x.written ?? x;
    const base = upper ? 'max' : 'min';
    const name = (x: Bound) => (w(x).exclusive ? `exclusive-${base}` : base);
    const keyword = (x: Bound) =>
      w(x).exclusive
        ? upper
          ? 'exclusiveMaximum'
          : 'exclusiveMinimum'
        : upper
          ? 'maximum'
          : 'minimum';
    if (!b) {
      this.add(p, {
        kind: `${name(r!)}-set`,
        keyword: keyword(r!),
        args: { after: w(r!).value },
        after: w(r!).value,
      });
      return;
    }
    if (!r) {
      this.add(p, {
        kind: `${name(b)}-unset`,
        keyword: keyword(b),
        args: { before: w(b).value },
        before: w(b).value,
      });
      return;
    }
    const tighter = upper
      ? r.value < b.value || (r.value === b.value && r.exclusive)
      : r.value > b.value || (r.value === b.value && r.exclusive);
    const how = upper === tighter ? 'decreased' : 'increased';
    this.add(p, {
      kind: `${name(r)}-${how}`,
      keyword: keyword(r),
      args: { before: w(b).value, after: w(r).value },
      before: w(b).value,
      after: w(r).value,
    });
  }

  // ---- strings -------------------------------------------------------------------------------------------
  private strings(p: Pair): void {
    const { base: b, rev: r } = p;
    if (b.pattern !== r.pattern) {
      const kind =
        b.pattern === undefined
          ? 'pattern-added'
          : r.pattern === undefined
            ? 'pattern-removed'
            : r.pattern === '.*' || r.pattern === '^.*$'
              ? 'pattern-generalized'
              : 'pattern-changed';
      this.add(p, {
        kind,
        keyword: 'pattern',
        args: {
          ...(b.pattern !== undefined ? { before: b.pattern } : {}),
          ...(r.pattern !== undefined ? { after: r.pattern } : {}),
        },
        before: b.pattern,
        after: r.pattern,
      });
    }
    for (const [key, kind] of [
      ['contentEncoding', 'content-encoding-changed'],
      ['contentMediaType', 'content-media-type-changed'],
    ] as const) {
      if (b[key] !== r[key]) {
        this.add(p, {
          kind,
          keyword: key,
          args: { before: b[key] ?? 'none', after: r[key] ?? 'none' },
          before: b[key],
          after: r[key],
        });
      }
    }
    this.presence(p, 'contentSchema', 'content-schema', b.contentSchema, r.contentSchema);
  }

  /** A sub-schema keyword: added, removed, or compared as a child pair. */
  private presence(
    p: Pair,
    keyword: string,
    kind: string,
    bx: unknown,
    rx: unknown,
    seg = keyword,
  ): void {
    const has = (x: unknown) =>
      x !== undefined && x !== true && !(isObject(x) && Object.keys(x).length === 0);
    if (!has(bx) && has(rx)) this.add(p, { kind: `${kind}-added`, keyword, args: {} });
    else if (has(bx) && !has(rx)) this.add(p, { kind: `${kind}-removed`, keyword, args: {} });
    else if (has(bx) && has(rx)) this.edge(p, seg, bx, rx);
  }

  // ---- objects --------------------------------------------------------------------------------------------
  private objects(p: Pair): void {
    const { base: b, rev: r } = p;
    const m = matchEntries(declared(b, r), declared(r, b));
    // A property declared by an allOf part that could not be merged is not new when the other
    // side declares it directly (an allOf flattened, or a flat object split into parts).
    const bParts = partProperties(b);
    const rParts = partProperties(r);
    const both = [...m.both];
    m.added = m.added.filter(({ key, rev }) => {
      const base = bParts.properties.get(key);
      if (base !== undefined) both.push({ key, base, rev });
      return base === undefined;
    });
    m.removed = m.removed.filter(({ key, base }) => {
      const rev = rParts.properties.get(key);
      if (rev !== undefined) both.push({ key, base, rev });
      return rev === undefined;
    });
    const first = p.changes.length;
    for (const { key, rev } of m.added) {
      const n = normalise(rev);
      const required = r.required.has(key);
      this.add(p, {
        kind: required
          ? n.default
            ? 'required-property-added-with-default'
            : 'required-property-added'
          : 'optional-property-added',
        revNode: r.propOwner.get(key),
        baseNode: b.src.get('properties') ?? b.node,
        at: ['properties', key],
        args: { name: key },
        flags: { readOnly: n.readOnly, writeOnly: n.writeOnly },
        child: key,
      });
    }
    for (const { key, base } of m.removed) {
      const n = normalise(base);
      this.add(p, {
        kind: b.required.has(key) ? 'required-property-removed' : 'optional-property-removed',
        baseNode: b.propOwner.get(key),
        at: ['properties', key],
        removal: true,
        args: { name: key },
        flags: { readOnly: n.readOnly, writeOnly: n.writeOnly },
        child: key,
        ...(n.deprecated ? { deprecation: deprecationOf(n.sunset) } : {}),
      });
    }
    if (m.added.length === 1 && m.removed.length === 1) {
      const added = p.changes[first];
      const removed = p.changes[first + 1];
      const tb = normalise(m.removed[0]!.base).types?.join(',') ?? '';
      const tr = normalise(m.added[0]!.rev).types?.join(',') ?? '';
      if (added && removed && tb === tr) {
        added.partner = removed;
        removed.partner = added;
      }
    }
    for (const { key, base, rev } of both) {
      // A name any allOf part requires is required by the whole.
      const bReq = b.required.has(key) || bParts.required.has(key);
      const rReq = r.required.has(key) || rParts.required.has(key);
      if (bReq === rReq && this.same(base, rev)) continue;
      const bn = normalise(base);
      const rn = normalise(rev);
      const at = {
        baseNode: b.propOwner.get(key),
        revNode: r.propOwner.get(key),
        at: ['properties', key],
        child: key,
      };
      const flags = { readOnly: rn.readOnly, writeOnly: rn.writeOnly };
      if (bReq !== rReq) {
        this.add(p, {
          ...at,
          kind: rReq
            ? rn.default
              ? 'property-became-required-with-default'
              : 'property-became-required'
            : 'property-became-optional',
          args: { name: key },
          flags,
        });
      }
      const req = rReq ? 'required' : 'optional';
      for (const [flag, word] of [
        ['readOnly', 'read-only'],
        ['writeOnly', 'write-only'],
      ] as const) {
        if (bn[flag] !== rn[flag])
          this.add(p, {
            ...at,
            kind: `${req}-property-became-${rn[flag] ? '' : 'not-'}${word}`,
            args: { name: key },
            flags,
          });
      }
      p.edges.push({ seg: key, pair: this.pair(base, rev) });
    }

    this.additional(p);
    const pm = matchEntries(b.patternProperties, r.patternProperties);
    for (const { key } of pm.added)
      this.add(p, {
        kind: 'pattern-property-added',
        keyword: 'patternProperties',
        args: { value: key },
      });
    for (const { key } of pm.removed)
      this.add(p, {
        kind: 'pattern-property-removed',
        keyword: 'patternProperties',
        args: { value: key },
      });
    for (const { key, base, rev } of pm.both) this.edge(p, `patternProperties[${key}]`, base, rev);

    this.presence(p, 'propertyNames', 'property-names', b.propertyNames, r.propertyNames);
    this.presence(
      p,
      'unevaluatedProperties',
      'unevaluated-properties',
      b.unevaluatedProperties,
      r.unevaluatedProperties,
    );

    const dr = matchEntries(b.dependentRequired, r.dependentRequired);
    for (const { key, rev } of dr.added)
      this.add(p, {
        kind: 'dependent-required-added',
        keyword: 'dependentRequired',
        args: { value: key, after: rev.join(', ') },
      });
    for (const { key, base } of dr.removed)
      this.add(p, {
        kind: 'dependent-required-removed',
        keyword: 'dependentRequired',
        args: { value: key, before: base.join(', ') },
      });
    for (const { key, base, rev } of dr.both) {
      const bt = [...base].sort().join(', ');
      const rt = [...rev].sort().join(', ');
      if (bt !== rt)
        this.add(p, {
          kind: 'dependent-required-changed',
          keyword: 'dependentRequired',
          args: { value: key, before: bt, after: rt },
        });
    }
    const ds = matchEntries(b.dependentSchemas, r.dependentSchemas);
    for (const { key } of ds.added)
      this.add(p, {
        kind: 'dependent-schema-added',
        keyword: 'dependentSchemas',
        args: { value: key },
      });
    for (const { key } of ds.removed)
      this.add(p, {
        kind: 'dependent-schema-removed',
        keyword: 'dependentSchemas',
        args: { value: key },
      });
    for (const { key, base, rev } of ds.both) this.edge(p, `dependentSchemas[${key}]`, base, rev);
  }

  private additional(p: Pair): void {
    const { base: b, rev: r } = p;
    const state = (x: unknown) =>
      x === undefined || x === true || (isObject(x) && Object.keys(x).length === 0)
        ? 'open'
        : x === false
          ? 'closed'
          : 'schema';
    // An allOf part closed by `additionalProperties: false` closes the whole object.
    const effective = (n: Norm) => {
      const own = state(n.additionalProperties);
      return own === 'open' && partProperties(n).closed ? 'closed' : own;
    };
    const bs = effective(b);
    const rs = effective(r);
    const text = (s: string) => (s === 'open' ? 'true' : s === 'closed' ? 'false' : 'a schema');
    if (bs === 'schema' && rs === 'schema') {
      this.edge(p, 'additionalProperties', b.additionalProperties, r.additionalProperties);
      return;
    }
    if (bs === rs) return;
    const restricted = rs === 'closed' || (bs === 'open' && rs === 'schema');
    this.add(p, {
      kind: restricted ? 'additional-properties-restricted' : 'additional-properties-allowed',
      keyword: 'additionalProperties',
      args: { before: text(bs), after: text(rs) },
      before: b.additionalProperties,
      after: r.additionalProperties,
    });
  }

  // ---- arrays ---------------------------------------------------------------------------------------------
  private arrays(p: Pair): void {
    const { base: b, rev: r } = p;
    if (b.items !== undefined || r.items !== undefined) {
      const isArray = (n: Norm) => n.types?.includes('array') ?? false;
      if (b.items !== undefined && r.items !== undefined) this.edge(p, 'items', b.items, r.items);
      else if (isArray(b) && isArray(r)) this.edge(p, 'items', b.items ?? true, r.items ?? true);
    }
    this.prefixItems(p);
    this.presence(p, 'contains', 'contains', b.contains, r.contains);
    this.presence(
      p,
      'unevaluatedItems',
      'unevaluated-items',
      b.unevaluatedItems,
      r.unevaluatedItems,
    );
  }

  /**
   * Position i of an array is governed by `prefixItems[i]`, past the list by `items` (absent: any
   * value), so arrays are compared position by position: an entry that only restates `items`
   * changes nothing, and a position that moved between `items` and an entry is compared like any
   * schema pair (which decides the direction). The added or removed entries are reported as such.
   */
  private prefixItems(p: Pair): void {
    const { base: b, rev: r } = p;
    const bl = b.prefixItems?.length ?? 0;
    const rl = r.prefixItems?.length ?? 0;
    if (!bl && !rl) return;
    const at = (n: Norm, len: number, i: number) =>
      i < len ? n.prefixItems![i] : (n.items ?? true);
    let moved = false;
    for (let i = 0; i < Math.max(bl, rl); i++) {
      const bx = at(b, bl, i);
      const rx = at(r, rl, i);
      if (i < bl && i < rl) this.edge(p, `prefixItems[${i}]`, bx, rx);
      else if (canonical(bx) !== canonical(rx)) {
        moved = true;
        this.edge(p, `prefixItems[${i}]`, bx, rx);
      }
    }
    if (moved && rl > bl)
      this.add(p, { kind: 'prefix-items-added', keyword: 'prefixItems', args: {} });
    else if (moved && bl > rl)
      this.add(p, { kind: 'prefix-items-removed', keyword: 'prefixItems', args: {} });
  }

  // ---- conditionals and not -------------------------------------------------------------------------------
  private conditionals(p: Pair): void {
    const { base: b, rev: r } = p;
    for (const kw of ['if', 'then', 'else'] as const) this.presence(p, kw, kw, b[kw], r[kw]);
    if (b.not !== undefined || r.not !== undefined) {
      const bt = b.not === undefined ? undefined : canonical(b.not);
      const rt = r.not === undefined ? undefined : canonical(r.not);
      if (bt !== rt) {
        // A changed `not` inverts meaning; report it as the old one removed and a new one added.
        if (bt !== undefined) this.add(p, { kind: 'not-removed', keyword: 'not', args: {} });
        if (rt !== undefined) this.add(p, { kind: 'not-added', keyword: 'not', args: {} });
      }
    }
  }

  // ---- composition ----------------------------------------------------------------------------------------
  /**
   * `X` → `oneOf: [X, Y]` is one finding (wrapped-in-one-of) plus X compared with its branch;
   * `oneOf: [X, Y]` → `X` is one-of-removed for Y plus X compared with its branch.
   */
  private wrapped(p: Pair): boolean {
    const { base: b, rev: r } = p;
    const plain = (n: Norm) => !n.oneOf.length && !n.anyOf.length && !n.allOf.length;
    const onlyComposition = (n: Norm, list: unknown[]) =>
      list.length >= 2 && !n.types && n.properties.size === 0 && !n.values && !n.allOf.length;
    for (const [kw, prefix] of [
      ['oneOf', 'one-of'],
      ['anyOf', 'any-of'],
    ] as const) {
      if (
        plain(b) &&
        onlyComposition(r, r[kw]) &&
        (kw === 'oneOf' ? !r.anyOf.length : !r.oneOf.length)
      ) {
        const i = this.findBranch(p.baseRaw, r[kw], 'base', r.node);
        if (i < 0) continue;
        const labels = r[kw].map((x, j) => this.label(x, j, 'rev', r.node));
        const others = labels.filter((_, j) => j !== i);
        if (kw === 'oneOf')
          this.add(p, {
            kind: 'wrapped-in-one-of',
            keyword: 'oneOf',
            args: { value: others.join(', ') },
          });
        else
          r[kw].forEach((x, j) => {
            if (j !== i)
              this.add(p, {
                kind: `${prefix}-added`,
                ...this.branchAt(p.rev, kw, x),
                args: { value: labels[j]! },
              });
          });
        this.edge(p, `${kw}[${labels[i]}]`, p.baseRaw, r[kw][i]);
        return true;
      }
      if (
        plain(r) &&
        onlyComposition(b, b[kw]) &&
        (kw === 'oneOf' ? !b.anyOf.length : !b.oneOf.length)
      ) {
        const i = this.findBranch(p.revRaw, b[kw], 'rev', b.node);
        if (i < 0) continue;
        b[kw].forEach((x, j) => {
          if (j !== i)
            this.add(p, {
              kind: `${prefix}-removed`,
              ...this.branchAt(b, kw, x, 'base'),
              removal: true,
              args: { value: this.label(x, j, 'base', b.node) },
            });
        });
        this.edge(p, `${kw}[${this.label(b[kw][i], i, 'base', b.node)}]`, b[kw][i], p.revRaw);
        return true;
      }
    }
    return false;
  }

  /** The branch of `list` (other side) that stands for `raw`: same $ref, same text, or similar. */
  private findBranch(
    raw: unknown,
    list: unknown[],
    side: 'base' | 'rev',
    parent: object | undefined,
  ): number {
    const other = side === 'base' ? 'rev' : 'base';
    const key = this.refKey(raw, side, undefined);
    if (key) {
      const i = list.findIndex((x) => this.refKey(x, other, parent) === key);
      if (i >= 0) return i;
    }
    const text = canonical(raw);
    const j = list.findIndex((x) => canonical(x) === text);
    if (j >= 0) return j;
    let best = -1;
    let bestScore = 0.5;
    list.forEach((x, i) => {
      const s = similarity(normalise(raw), normalise(x));
      if (s >= bestScore) ((best = i), (bestScore = s));
    });
    return best;
  }

  private composition(
    p: Pair,
    prefix: 'all-of' | 'one-of' | 'any-of',
    bl: unknown[],
    rl: unknown[],
  ): void {
    if (!bl.length && !rl.length) return;
    const kw = prefix === 'all-of' ? 'allOf' : prefix === 'one-of' ? 'oneOf' : 'anyOf';
    // An allOf flattened into its parent (or a parent split into parts) with the same keywords:
    // the schema means what it meant, so no constraining part was added or removed (parts that
    // only annotate are still reported, as they never fail).
    const restructured = prefix === 'all-of' && sameWhenFlattened(p.baseRaw, p.revRaw);
    const m = this.matchBranches(p, bl, rl);
    for (const i of m.added) {
      const x = rl[i];
      const annotation = prefix === 'all-of' && annotationOnly(x);
      if (restructured && !annotation) continue;
      this.add(p, {
        kind: `${prefix}-added${annotation ? '-annotation-only' : ''}`,
        ...this.branchAt(p.rev, kw, x),
        args: { value: this.label(x, i, 'rev', p.rev.node) },
      });
    }
    for (const i of m.removed) {
      const x = bl[i];
      const annotation = prefix === 'all-of' && annotationOnly(x);
      if (restructured && !annotation) continue;
      this.add(p, {
        kind: `${prefix}-removed${annotation ? '-annotation-only' : ''}`,
        ...this.branchAt(p.base, kw, x, 'base'),
        removal: true,
        args: { value: this.label(x, i, 'base', p.base.node) },
      });
    }
    for (const [bi, ri] of m.both) {
      const bk = this.refKey(bl[bi], 'base', p.base.node);
      const rk = this.refKey(rl[ri], 'rev', p.rev.node);
      if (bk && rk) (p.renamed ??= new Map()).set(bk, rk);
      this.edge(p, `${kw}[${this.label(rl[ri], ri, 'rev', p.rev.node)}]`, bl[bi], rl[ri]);
    }
  }

  /**
   * Pairs composition branches by meaning, never by position: the same `$ref` target, the same
   * discriminator mapping key, the same title, the same text, then the most similar structure.
   */
  private matchBranches(p: Pair, bl: unknown[], rl: unknown[]) {
    const bLeft = new Set(bl.map((_, i) => i));
    const rLeft = new Set(rl.map((_, i) => i));
    const both: Array<[number, number]> = [];
    const stage = (
      bk: (x: unknown, i: number) => string | undefined,
      rk: (x: unknown, i: number) => string | undefined,
    ) => {
      const rIndex = new Map<string, number[]>();
      for (const i of rLeft) {
        const k = rk(rl[i], i);
        if (k !== undefined) rIndex.set(k, [...(rIndex.get(k) ?? []), i]);
      }
      const bIndex = new Map<string, number[]>();
      for (const i of bLeft) {
        const k = bk(bl[i], i);
        if (k !== undefined) bIndex.set(k, [...(bIndex.get(k) ?? []), i]);
      }
      for (const [k, bis] of bIndex) {
        const ris = rIndex.get(k);
        if (!ris || bis.length !== 1 || ris.length !== 1) continue;
        both.push([bis[0]!, ris[0]!]);
        bLeft.delete(bis[0]!);
        rLeft.delete(ris[0]!);
      }
    };
    stage(
      (x) => this.refKey(x, 'base', p.base.node),
      (x) => this.refKey(x, 'rev', p.rev.node),
    );
    const mapKey = (side: 'base' | 'rev', n: Norm) => (x: unknown) => {
      if (!n.discriminator || !isObject(x)) return undefined;
      const loc = this.origin(side, x);
      if (!loc) return undefined;
      const ptr = '#/' + loc.pointer.join('/');
      for (const [k, target] of n.discriminator.mapping)
        if (target === ptr || target.endsWith(ptr)) return k;
      return undefined;
    };
    stage(mapKey('base', p.base), mapKey('rev', p.rev));
    const title = (x: unknown) => normalise(x).title;
    stage(title, title);
    stage(
      (x) => canonical(x),
      (x) => canonical(x),
    );
    // Most similar structure, greedily.
    const scores: Array<[number, number, number]> = [];
    for (const bi of bLeft)
      for (const ri of rLeft) {
        const s = similarity(normalise(bl[bi]), normalise(rl[ri]));
        if (s >= 0.5) scores.push([s, bi, ri]);
      }
    scores.sort((a, b) => b[0] - a[0] || a[1] - b[1] || a[2] - b[2]);
    for (const [, bi, ri] of scores) {
      if (!bLeft.has(bi) || !rLeft.has(ri)) continue;
      both.push([bi, ri]);
      bLeft.delete(bi);
      rLeft.delete(ri);
    }
    return { both, added: [...rLeft], removed: [...bLeft] };
  }

  /** Where a branch is listed: its parent node and `[keyword, index]`. */
  private branchAt(n: Norm, kw: string, x: unknown, side: 'base' | 'rev' = 'rev') {
    const owner = n.src.get(kw);
    const list = owner && (owner as Record<string, unknown>)[kw];
    const i = Array.isArray(list) ? list.indexOf(x) : -1;
    const at = i >= 0 ? [kw, String(i)] : [kw];
    return side === 'rev' ? { revNode: owner, at } : { baseNode: owner, at };
  }

  /** File and pointer of a node (cheap when the side offers `origin`). */
  private origin(side: 'base' | 'rev', node: object) {
    const s = this.sides[side];
    return s.origin ? s.origin(node) : s.locate(node);
  }

  /** Identity of a branch that is a `$ref` target: its file name and pointer. */
  private refKey(x: unknown, side: 'base' | 'rev', parent: object | undefined): string | undefined {
    if (!isObject(x)) return undefined;
    const loc = this.origin(side, x);
    if (!loc || !loc.pointer.length) return undefined;
    const ploc = parent ? this.origin(side, parent) : undefined;
    if (ploc && ploc.file === loc.file && startsWith(loc.pointer, ploc.pointer)) return undefined;
    return loc.pointer.join('/');
  }

  /** A readable name for a branch: its component name, title, or position. */
  label(x: unknown, i: number, side: 'base' | 'rev', parent: object | undefined): string {
    const ref = this.refKey(x, side, parent);
    if (ref) return ref.split('/').pop()!;
    const t = normalise(x).title;
    if (t) return t;
    return `#${i}`;
  }

  // ---- discriminator --------------------------------------------------------------------------------------
  private discriminator(p: Pair): void {
    const bd = p.base.discriminator;
    const rd = p.rev.discriminator;
    if (!bd && !rd) return;
    const keyword = 'discriminator';
    if (!bd) {
      this.add(p, { kind: 'discriminator-added', keyword, args: { after: rd!.propertyName } });
      return;
    }
    if (!rd) {
      this.add(p, { kind: 'discriminator-removed', keyword, args: { before: bd.propertyName } });
      return;
    }
    if (bd.propertyName !== rd.propertyName)
      this.add(p, {
        kind: 'discriminator-property-name-changed',
        keyword,
        args: { before: bd.propertyName, after: rd.propertyName },
      });
    const m = matchEntries(bd.mapping, rd.mapping);
    for (const { key } of m.added)
      this.add(p, { kind: 'discriminator-mapping-added', keyword, args: { value: key } });
    for (const { key } of m.removed)
      this.add(p, { kind: 'discriminator-mapping-deleted', keyword, args: { value: key } });
    const name = (t: string) => t.split('/').pop()!;
    const ptr = (t: string) => t.replace(/^[^#]*#\/?/, '');
    for (const { key, base, rev } of m.both)
      // A target renamed along with its matched branch is the same alternative.
      if (ptr(base) !== ptr(rev) && p.renamed?.get(ptr(base)) !== ptr(rev))
        this.add(p, {
          kind: 'discriminator-mapping-changed',
          keyword,
          args: { value: key, before: name(base), after: name(rev) },
        });
  }
}

export function startsWith(p: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= p.length && prefix.every((s, i) => p[i] === s);
}

function show(v: unknown): string {
  return typeof v === 'string' ? `'${v}'` : (JSON.stringify(v) ?? String(v));
}

function typeText(n: Norm): string {
  const t = n.types ? n.types.join('|') : 'any';
  return n.format ? `${t}/${n.format}` : t;
}

const isSubtype = (sub: string, sup: string) =>
  sub === sup || (sub === 'integer' && sup === 'number');
const covers = (sup: string[], sub: string[]) => sub.every((t) => sup.some((s) => isSubtype(t, s)));

type Rel = 'equal' | 'wider' | 'narrower' | 'changed';

function relation(b: string[] | undefined, r: string[] | undefined): Rel {
  if (!b && !r) return 'equal';
  if (!r) return 'wider';
  if (!b) return 'narrower';
  if (b.length === r.length && b.every((t, i) => t === r[i])) return 'equal';
  if (covers(r, b)) return 'wider';
  if (covers(b, r)) return 'narrower';
  return 'changed';
}

/** Formats where one admits every value of the other (oasdiff's table). */
const WIDER_FORMAT: Record<string, Array<[string, string]>> = {
  number: [['float', 'double']],
  integer: [
    ['int32', 'int64'],
    ['int32', 'bigint'],
    ['int64', 'bigint'],
  ],
  string: [
    ['date', 'date-time'],
    ['time', 'date-time'],
  ],
};

function formatRelation(
  types: string[] | undefined,
  b: string | undefined,
  r: string | undefined,
): Rel {
  if (b === r) return 'equal';
  if (r === undefined) return 'wider';
  if (b === undefined) return 'narrower';
  const table = types?.length === 1 ? (WIDER_FORMAT[types[0]!] ?? []) : [];
  if (table.some(([from, to]) => from === b && to === r)) return 'wider';
  if (table.some(([from, to]) => from === r && to === b)) return 'narrower';
  return 'changed';
}

function combine(a: Rel, b: Rel): Rel {
  if (a === 'equal') return b;
  if (b === 'equal' || a === b) return a;
  return 'changed';
}

/** Jaccard similarity of two schemas' property names, types and values. */
export function similarity(a: Norm, b: Norm): number {
  const tokens = (n: Norm) => {
    const t = new Set<string>();
    for (const p of n.properties.keys()) t.add(`p:${p}`);
    for (const x of n.types ?? []) t.add(`t:${x}`);
    if (n.format) t.add(`f:${n.format}`);
    for (const v of n.values ?? []) t.add(`v:${valueText(v)}`);
    for (const r of n.required) t.add(`r:${r}`);
    return t;
  };
  const ta = tokens(a);
  const tb = tokens(b);
  if (!ta.size && !tb.size) return 0;
  let common = 0;
  for (const x of ta) if (tb.has(x)) common++;
  return common / (ta.size + tb.size - common);
}

/**
 * The properties declared, and the names required, by the `allOf` parts normalisation could not
 * merge into `n` (nested parts included, the first declaration of a name kept), and whether a
 * part closes the object (`additionalProperties: false`).
 */
function partProperties(
  n: Norm,
  depth = 0,
): { properties: Map<string, unknown>; required: Set<string>; closed: boolean } {
  const out = {
    properties: new Map<string, unknown>(),
    required: new Set<string>(),
    closed: false,
  };
  if (depth > 8) return out;
  for (const part of n.allOf) {
    if (!isObject(part)) continue;
    const pn = normalise(part);
    const deeper = partProperties(pn, depth + 1);
    for (const [k, v] of [...pn.properties, ...deeper.properties])
      if (!out.properties.has(k)) out.properties.set(k, v);
    for (const name of [...pn.required, ...deeper.required]) out.required.add(name);
    if (pn.additionalProperties === false || deeper.closed) out.closed = true;
  }
  return out;
}

/** `false`, or a schema whose `not` admits every value: no value validates. */
function admitsNothing(n: Norm): boolean {
  return n.not === true || (n.not !== undefined && annotationOnly(n.not));
}

/**
 * The properties of an object schema, with the names listed in `required` (on either side) but
 * not declared in `properties`: such a name still counts — it may hold any value the object's
 * `additionalProperties` allows. Dropping it from `required` is a property becoming optional, not
 * nothing. An object closed by `additionalProperties: false` gets no such entry.
 */
function declared(n: Norm, other: Norm): Map<string, unknown> {
  const names = [...n.required, ...other.required].filter(
    (name) => !n.properties.has(name) && (n.required.has(name) || !other.properties.has(name)),
  );
  if (!names.length || n.additionalProperties === false) return n.properties;
  const out = new Map(n.properties);
  const value = isObject(n.additionalProperties) ? n.additionalProperties : {};
  for (const name of names) if (!out.has(name)) out.set(name, value);
  return out;
}

/** A deprecated property's deprecation: its x-sunset when that is a date. */
function deprecationOf(sunset: string | undefined): Deprecation {
  const parsed = parseSunset(sunset);
  return parsed.kind === 'date' ? { sunset: parsed.date } : {};
}
