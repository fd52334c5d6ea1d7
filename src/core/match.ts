/**
 * The one keyed matcher every format uses: pairs base and revision elements by key.
 * Traversal lives here; rules receive matched pairs and never walk collections themselves.
 */

export interface Matched<B, R = B> {
  added: Array<{ key: string; rev: R }>;
  removed: Array<{ key: string; base: B }>;
  both: Array<{ key: string; base: B; rev: R }>;
}

export function matchBy<B, R = B>(
  base: Iterable<B>,
  rev: Iterable<R>,
  keyOfBase: (b: B) => string,
  keyOfRev: (r: R) => string = keyOfBase as unknown as (r: R) => string,
): Matched<B, R> {
  const revByKey = new Map<string, R>();
  for (const r of rev) revByKey.set(keyOfRev(r), r);
  const out: Matched<B, R> = { added: [], removed: [], both: [] };
  const seen = new Set<string>();
  for (const b of base) {
    const key = keyOfBase(b);
    seen.add(key);
    const r = revByKey.get(key);
    if (r === undefined) out.removed.push({ key, base: b });
    else out.both.push({ key, base: b, rev: r });
  }
  for (const [key, r] of revByKey) if (!seen.has(key)) out.added.push({ key, rev: r });
  return out;
}

/** Matches the entries of two records (objects or maps) by their keys. */
export function matchEntries<B, R = B>(
  base: Record<string, B> | ReadonlyMap<string, B> | undefined,
  rev: Record<string, R> | ReadonlyMap<string, R> | undefined,
  normaliseKey: (k: string) => string = (k) => k,
): Matched<B, R> & { baseKey: Map<string, string>; revKey: Map<string, string> } {
  const be = entries(base);
  const re = entries(rev);
  const baseKey = new Map<string, string>();
  const revKey = new Map<string, string>();
  for (const [k] of be) baseKey.set(normaliseKey(k), k);
  for (const [k] of re) revKey.set(normaliseKey(k), k);
  const m = matchBy<[string, B], [string, R]>(
    be,
    re,
    ([k]) => normaliseKey(k),
    ([k]) => normaliseKey(k),
  );
  return {
    added: m.added.map(({ key, rev }) => ({ key, rev: rev[1] })),
    removed: m.removed.map(({ key, base }) => ({ key, base: base[1] })),
    both: m.both.map(({ key, base, rev }) => ({ key, base: base[1], rev: rev[1] })),
    baseKey,
    revKey,
  };
}

function entries<V>(x: Record<string, V> | ReadonlyMap<string, V> | undefined): Array<[string, V]> {
  if (!x) return [];
  if (x instanceof Map) return [...x.entries()];
  return Object.entries(x as Record<string, V>);
}
