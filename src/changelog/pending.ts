import type { Finding } from '../core/model.js';
import type { ChangeKind } from '../core/rule.js';
import type { PublishPlan } from '../registry/plan.js';
import { versionOf } from './collect.js';
import { changeItems, type ChangelogVersion } from './model.js';

/** What planning a publish of the working tree gave: a plan, or a refusal after comparing. */
export type PendingOutcome =
  { plan: PublishPlan } | { refused: string; previous: string; findings: Finding[] };

/**
 * The working tree as the next version would read (`treaty changelog --pending`): the entry the
 * publish plan would write, or, when publish would refuse it (e.g. breaking changes inside a major
 * line), the changes against the latest published version and why.
 */
export function pendingVersion(
  o: PendingOutcome,
  kindOf: (rule: string) => ChangeKind | undefined,
  /** YYYY-MM-DD. */
  today: string,
): ChangelogVersion {
  if ('refused' in o) {
    return {
      pending: true,
      date: today,
      previous: o.previous,
      structured: true,
      note: `Not publishable as it is: ${o.refused}`,
      changes: changeItems(o.findings, kindOf),
    };
  }
  const { plan } = o;
  if (plan.action === 'unchanged') {
    return {
      pending: true,
      date: today,
      previous: plan.version,
      structured: true,
      note: `Nothing to publish: ${plan.reason}.`,
      changes: [],
    };
  }
  return { ...versionOf(plan.manifest), pending: true };
}
