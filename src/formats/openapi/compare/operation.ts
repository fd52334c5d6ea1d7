import { matchBy } from '../../../core/match.js';
import type { StabilityLevel } from '../lifecycle.js';
import type { Operation } from '../model.js';
import type { Diff } from './context.js';
import {
  belowThreshold,
  compareOperationDeprecation,
  compareStability,
  stabilityOf,
} from './lifecycle.js';

/**
 * What reads the same on a path operation and on a webhook's: stability, deprecation,
 * operationId, tags. Sets the operation being compared (`affects`, its declared level, whether it
 * is below the stability threshold).
 */
export function compareOperationMeta(d: Diff, base: Operation, rev: Operation): void {
  d.affects = rev.label;
  d.downgrade = false;
  d.level = undefined;
  const args = { operation: rev.label };
  compareStability(d, base, rev, args);
  // Operations below the stability threshold (draft, alpha) may change freely: their findings
  // carry their level (the policy reports them without failing) and their schemas are not
  // compared (oasdiff drops them altogether).
  d.level = declaredStability(rev);
  d.downgrade = belowThreshold(d.policy, stabilityOf(rev));
  compareOperationDeprecation(d, base, rev, args);
  compareOperationId(d, base, rev);
  compareTags(d, base, rev);
}

/** The operation's x-stability-level when it declares a valid one (absent means stable). */
export function declaredStability(op: Operation): StabilityLevel | undefined {
  return op.stability === undefined ? undefined : stabilityOf(op);
}

function compareOperationId(d: Diff, b: Operation, r: Operation): void {
  const args = { operation: r.label };
  if (b.operationId && b.operationId !== r.operationId) {
    d.changed(
      'api-operation-id-removed',
      { ...args, before: b.operationId, after: r.operationId ?? '' },
      [b, 'operationId'],
      r.operationId ? [r, 'operationId'] : r,
      { before: b.operationId, ...(r.operationId ? { after: r.operationId } : {}) },
    );
  } else if (!b.operationId && r.operationId) {
    d.changed('api-operation-id-added', { ...args, operationId: r.operationId }, b, [
      r,
      'operationId',
    ]);
  }
}

function compareTags(d: Diff, b: Operation, r: Operation): void {
  const m = matchBy(
    b.tags.map((name, i) => ({ name, i })),
    r.tags.map((name, i) => ({ name, i })),
    (t) => t.name,
  );
  for (const { rev } of m.added) {
    d.changed('api-tag-added', { operation: r.label, name: rev.name }, b, [
      r,
      'tags',
      String(rev.i),
    ]);
  }
  for (const { base } of m.removed) {
    d.changed(
      'api-tag-removed',
      { operation: r.label, name: base.name },
      [b, 'tags', String(base.i)],
      r,
    );
  }
}
