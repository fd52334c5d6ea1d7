import { InputError } from './errors.js';
import { inputLimits, limitHint } from './limits.js';
import type { SourceLocation } from './model.js';

/**
 * Checks that no chain of nested objects and arrays reachable from `root` is longer than the depth
 * limit: the comparators and normalisers recurse, so a graph deeper than the limit (20 000 nested
 * schemas, or a short file whose `$ref`s chain into a deep structure) must stop here with a
 * message instead of exhausting the stack or the heap later. Cycles are cut (they are handled by
 * the comparators), shared nodes are measured once: the walk is linear in the number of nodes.
 */
export function assertDepth(
  root: unknown,
  locate: (node: object) => SourceLocation | undefined,
  fallback: SourceLocation | { file: string },
  what = 'once $refs are followed',
  /**
   * When the caller knows them: the only nodes that can be reached twice or close a cycle (a
   * dereferenced tree's `$ref` targets). Only these are remembered; any other is walked once.
   */
  shared: (node: object) => boolean = () => true,
): void {
  if (typeof root !== 'object' || root === null) return;
  const limit = inputLimits().depth;
  const height = new Map<object, number>();
  const onPath = new Set<object>();
  const fail = (node: object): never => {
    throw new InputError(
      `the document is nested too deeply ${what} ${limitHint('depth')}`,
      locate(node) ?? fallback,
    );
  };
  // Recursive, but never deeper than the limit: a node past it fails before it is entered.
  const visit = (node: object, depth: number, remember: boolean): number => {
    if (remember) onPath.add(node);
    let max = 0;
    const o = node as Record<string, unknown>;
    for (const k in o) {
      const c = o[k];
      if (typeof c !== 'object' || c === null) continue;
      let h: number | undefined;
      if (!shared(c)) {
        // Reached only here: measured, not remembered.
        if (depth + 1 > limit) fail(c);
        h = visit(c, depth + 1, false);
      } else if (isLeaf(c)) {
        if (depth + 1 > limit) fail(c);
        h = 1;
      } else {
        if (onPath.has(c)) continue;
        h = height.get(c);
        if (h === undefined) {
          if (depth + 1 > limit) fail(c);
          h = visit(c, depth + 1, true);
        } else if (depth + h > limit) fail(c);
      }
      if (h > max) max = h;
    }
    if (remember) {
      onPath.delete(node);
      height.set(node, max + 1);
    }
    return max + 1;
  };
  if (limit < 1) fail(root);
  try {
    visit(root, 1, true);
  } catch (e) {
    if (e instanceof RangeError) fail(root);
    throw e;
  }
}

/** No object below: height 1, nothing to remember (most nodes of a spec are such leaves). */
function isLeaf(node: object): boolean {
  const o = node as Record<string, unknown>;
  for (const k in o) {
    const c = o[k];
    if (typeof c === 'object' && c !== null) return false;
  }
  return true;
}
