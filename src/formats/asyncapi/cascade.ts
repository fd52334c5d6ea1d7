import { matchBy } from '../../core/match.js';

/**
 * Matching in passes, each with its own key: pairs found by an earlier pass are final, later
 * passes only see what is left. A key that is missing or shared by several elements of one side
 * is skipped in that pass (ambiguous), so a pass never pairs by guess. Each pass is the shared
 * keyed matcher (`matchBy`).
 */
export type Keyer<T> = (item: T) => string | undefined;

/**
 * A pass: pair by a key (ambiguous keys skipped); `group: true` pairs one element with every
 * element of the other side that shares its key (a message split in two, or two merged in one);
 * `only-one-left` pairs the last element of each side.
 */
export type Pass<B, R> = { base: Keyer<B>; rev: Keyer<R>; group?: boolean } | 'only-one-left';

export interface CascadeResult<B, R> {
  both: Array<{ base: B; rev: R; pass: number }>;
  removed: B[];
  added: R[];
}

export function matchCascade<B, R>(
  base: readonly B[],
  rev: readonly R[],
  passes: ReadonlyArray<Pass<B, R>>,
): CascadeResult<B, R> {
  let restB = [...base];
  let restR = [...rev];
  const both: CascadeResult<B, R>['both'] = [];
  passes.forEach((pass, index) => {
    if (!restB.length || !restR.length) return;
    if (pass === 'only-one-left') {
      if (restB.length === 1 && restR.length === 1) {
        both.push({ base: restB[0]!, rev: restR[0]!, pass: index });
        restB = [];
        restR = [];
      }
      return;
    }
    if (pass.group) {
      const gb = groups(restB, pass.base);
      const gr = groups(restR, pass.rev);
      const pairedB = new Set<B>();
      const pairedR = new Set<R>();
      for (const [key, bs] of gb) {
        const rs = gr.get(key);
        if (!rs || (bs.length > 1 && rs.length > 1)) continue;
        for (const b of bs) {
          for (const r of rs) {
            both.push({ base: b, rev: r, pass: index });
            pairedB.add(b);
            pairedR.add(r);
          }
        }
      }
      restB = restB.filter((b) => !pairedB.has(b));
      restR = restR.filter((r) => !pairedR.has(r));
      return;
    }
    const kb = unique(restB, pass.base);
    const kr = unique(restR, pass.rev);
    const m = matchBy([...kb.keys()], [...kr.keys()], (k) => k);
    const pairedB = new Set<B>();
    const pairedR = new Set<R>();
    for (const { key } of m.both) {
      const b = kb.get(key)!;
      const r = kr.get(key)!;
      both.push({ base: b, rev: r, pass: index });
      pairedB.add(b);
      pairedR.add(r);
    }
    restB = restB.filter((b) => !pairedB.has(b));
    restR = restR.filter((r) => !pairedR.has(r));
  });
  return { both, removed: restB, added: restR };
}

/** Key → item for the keys exactly one item has. */
function unique<T>(items: readonly T[], keyer: Keyer<T>): Map<string, T> {
  const out = new Map<string, T>();
  const dup = new Set<string>();
  for (const item of items) {
    const k = keyer(item);
    if (k === undefined) continue;
    if (out.has(k)) dup.add(k);
    else out.set(k, item);
  }
  for (const k of dup) out.delete(k);
  return out;
}

function groups<T>(items: readonly T[], keyer: Keyer<T>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = keyer(item);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
