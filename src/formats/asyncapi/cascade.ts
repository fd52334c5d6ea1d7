import { matchBy } from '../../core/match.js';

/**
 * Matching in passes, each with its own key: pairs found by an earlier pass are final, later
 * passes only see what is left. A key that is missing or shared by several elements of one side
 * is skipped in that pass (ambiguous), so a pass never pairs by guess. Each pass is the shared
 * keyed matcher (`matchBy`).
 */
export type Keyer<T> = (item: T) => string | undefined;

export interface CascadeResult<B, R> {
  both: Array<{ base: B; rev: R; pass: number }>;
  removed: B[];
  added: R[];
}

export function matchCascade<B, R>(
  base: readonly B[],
  rev: readonly R[],
  passes: ReadonlyArray<{ base: Keyer<B>; rev: Keyer<R> } | 'only-one-left'>,
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
