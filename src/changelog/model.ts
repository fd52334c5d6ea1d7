import type { Finding, Format, Severity } from '../core/model.js';
import type { ChangeKind } from '../core/rule.js';

/**
 * The changelog's data: one structured line per change, grouped the keep-a-changelog way (with
 * Breaking first). Publish stores the lines of a version in its manifest (`changeList`), so every
 * changelog is rendered from the registry alone and regenerates byte-identically.
 */

export const CHANGE_GROUPS = ['breaking', 'added', 'changed', 'deprecated', 'removed'] as const;
export type ChangeGroup = (typeof CHANGE_GROUPS)[number];

export const GROUP_TITLES: Record<ChangeGroup, string> = {
  breaking: 'Breaking',
  added: 'Added',
  changed: 'Changed',
  deprecated: 'Deprecated',
  removed: 'Removed',
};

/** One change as a reader sees it (schemas/registry-manifest.schema.json `changeList` items). */
export interface ChangeItem {
  group: ChangeGroup;
  /** Rule id; absent only for lines of old manifests, which kept messages alone. */
  rule?: string;
  severity?: Severity;
  /** One sentence naming the element (the finding's message). */
  message: string;
  /** What a change to a shared schema reaches (operations, messages, methods). */
  affects?: string[];
  /**
   * ISO date the element stops being served, as the contract declares it (breaking, deprecated
   * and removed items; a removal's is the sunset it was deprecated with).
   */
  sunset?: string;
  /** What to use instead, as the contract declares it. */
  hint?: string;
  /** An accepted breaking change (a waiver matched). */
  waived?: { reason: string; expires?: string };
}

/**
 * Group of a finding, from its severity and its rule's `kind` (never from rule ids): a change
 * that fails the policy is Breaking; otherwise additions are Added, deprecations Deprecated,
 * removals Removed, and everything else (modifications, lifecycle) Changed. A waived breaking
 * change stays under Breaking, marked as accepted.
 */
export function groupOf(f: Finding, kind: ChangeKind | undefined): ChangeGroup {
  if (f.severity === 'breaking') return 'breaking';
  if (kind === 'addition') return 'added';
  if (kind === 'deprecation') return 'deprecated';
  if (kind === 'removal') return 'removed';
  return 'changed';
}

/** Argument names under which a rule passes on what the contract says to use instead. */
const HINT_ARGS = ['replacedBy', 'replacement', 'hint'] as const;

/** The change lines of findings, in group order, each group in the findings' order. */
export function changeItems(
  findings: readonly Finding[],
  kindOf: (rule: string) => ChangeKind | undefined,
): ChangeItem[] {
  const items = findings.map((f): ChangeItem => {
    const group = groupOf(f, kindOf(f.rule));
    // The element's sunset: a deprecation's own, or the one a removed element was deprecated with.
    const sunset =
      typeof f.args.sunset === 'string' && f.args.sunset !== ''
        ? f.args.sunset
        : f.deprecation?.sunset;
    const hint = HINT_ARGS.map((k) => f.args[k]).find((v) => typeof v === 'string' && v !== '');
    return {
      group,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      ...(f.affects?.length ? { affects: [...f.affects] } : {}),
      ...(sunset && group !== 'added' && group !== 'changed' ? { sunset } : {}),
      ...(typeof hint === 'string' && (group === 'breaking' || group === 'deprecated')
        ? { hint }
        : {}),
      ...(f.waived && !f.waived.expired
        ? {
            waived: {
              reason: f.waived.reason,
              ...(f.waived.expires ? { expires: f.waived.expires } : {}),
            },
          }
        : {}),
    };
  });
  return CHANGE_GROUPS.flatMap((g) => items.filter((i) => i.group === g));
}

/** One version of a contract in a changelog. */
export interface ChangelogVersion {
  /** The version; for a pending change, the version it would be published as (if any). */
  version?: string;
  /** A pending change of the working tree, not published. */
  pending?: boolean;
  /** ISO date (YYYY-MM-DD) of the publish (today for a pending change). */
  date: string;
  /** Full ISO timestamp of the publish. */
  publishedAt?: string;
  source?: { commit: string; dirty: boolean };
  /** The version the changes were computed against. */
  previous?: string;
  bump?: string;
  deprecated?: boolean;
  sunset?: string;
  /** False for versions of old manifests without a structured change list (no rule ids). */
  structured: boolean;
  /** A sentence about this entry that is not a change (e.g. why a pending change cannot publish). */
  note?: string;
  changes: ChangeItem[];
}

export interface ChangelogContract {
  contract: string;
  format: Format;
  /** Newest first. */
  versions: ChangelogVersion[];
}

/** What a changelog document covers, said in its header. */
export interface ChangelogScope {
  /** `contract`: the full history of one contract (the layout of CHANGELOG.md). */
  kind: 'contract' | 'contracts' | 'pending';
  from?: string;
  to?: string;
  since?: string;
}

export interface Changelog {
  scope: ChangelogScope;
  contracts: ChangelogContract[];
}

/** The breaking changes of a document, with their contract: what a reader must see first. */
export function breakingChanges(doc: Changelog): Array<{ contract: string; item: ChangeItem }> {
  return doc.contracts.flatMap((c) =>
    c.versions.flatMap((v) =>
      v.changes
        .filter((i) => i.group === 'breaking')
        .map((item) => ({ contract: c.contract, item })),
    ),
  );
}
