import type { Matched } from '../../core/match.js';

/** Media type names: matching key, parsing, and "is one range inside another". */

export interface ParsedMediaType {
  type: string;
  subtype: string;
  params: Record<string, string>;
}

/** Lower case, no spaces, parameters sorted: `Application/JSON; charset=UTF-8` → `application/json;charset=utf-8`. */
export function mediaTypeKey(name: string): string {
  const p = parseMediaType(name);
  const params = Object.keys(p.params)
    .sort()
    .map((k) => `;${k}=${p.params[k]}`)
    .join('');
  return `${p.type}/${p.subtype}${params}`;
}

export function parseMediaType(name: string): ParsedMediaType {
  const [essence = '', ...rest] = name.split(';');
  const [type = '*', subtype = '*'] = essence.trim().toLowerCase().split('/');
  const params: Record<string, string> = {};
  for (const part of rest) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    params[part.slice(0, i).trim().toLowerCase()] = part
      .slice(i + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
  }
  return { type: type.trim() || '*', subtype: subtype.trim() || '*', params };
}

/**
 * Is every media type matched by `inner` also matched by `outer`? Wildcards (`application/json` ⊂
 * `application/*` ⊂ `*\/*`), structured-syntax suffixes (`application/problem+json` ⊂
 * `application/json`, as oasdiff has it), and parameters (`outer`'s must all be in `inner`).
 */
export function mediaTypeContains(outer: string, inner: string): boolean {
  const o = parseMediaType(outer);
  const i = parseMediaType(inner);
  if (!Object.entries(o.params).every(([k, v]) => i.params[k] === v)) return false;
  if (o.type === '*') return o.subtype === '*' || i.type !== '*';
  if (o.type !== i.type) return false;
  if (o.subtype === '*' || o.subtype === i.subtype) return true;
  // application/json contains application/problem+json: a JSON document of a more specific kind.
  const suffix = i.subtype.includes('+') ? i.subtype.slice(i.subtype.lastIndexOf('+') + 1) : '';
  return !o.subtype.includes('+') && suffix === o.subtype;
}

/**
 * Do two different names describe overlapping media types (one contains the other, or the same
 * type with other parameters)? Such a removed/added pair is one media type that changed its name.
 */
export function mediaTypesRelated(a: string, b: string): boolean {
  if (mediaTypeContains(a, b) || mediaTypeContains(b, a)) return true;
  const x = parseMediaType(a);
  const y = parseMediaType(b);
  return x.type === y.type && x.subtype === y.subtype;
}

export interface MediaTypePairs<T> {
  /** Same name, or a removed and an added name that overlap (`renamed`). */
  both: Array<{ base: T; rev: T; renamed: boolean }>;
  added: T[];
  removed: T[];
}

/** Completes an exact match of two content maps: a removed and an added name that overlap are one pair. */
export function pairMediaTypes<T extends { name: string }>(m: Matched<T>): MediaTypePairs<T> {
  const added = m.added.map((x) => x.rev);
  const removed: T[] = [];
  const both: MediaTypePairs<T>['both'] = m.both.map(({ base, rev }) => ({
    base,
    rev,
    renamed: false,
  }));
  for (const { base } of m.removed) {
    const i = added.findIndex((rev) => mediaTypesRelated(base.name, rev.name));
    if (i < 0) removed.push(base);
    else both.push({ base, rev: added.splice(i, 1)[0]!, renamed: true });
  }
  return { both, added, removed };
}

/** `application/*` → `application/json`: a wildcard range narrowed to part of it. */
export function wildcardNarrowed(base: string, rev: string): boolean {
  const b = parseMediaType(base);
  return (
    (b.type === '*' || b.subtype === '*') &&
    mediaTypeContains(base, rev) &&
    !mediaTypeContains(rev, base)
  );
}
