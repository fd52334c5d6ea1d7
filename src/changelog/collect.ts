import { UsageError } from '../core/errors.js';
import { compareSemver } from '../policy/semver.js';
import type { Registry } from '../registry/registry.js';
import type { Manifest } from '../registry/types.js';
import type { ChangeItem, ChangelogContract, ChangelogVersion } from './model.js';

/** A published version as a changelog entry, from its manifest alone. */
export function versionOf(m: Manifest): ChangelogVersion {
  const structured = Array.isArray(m.changeList);
  return {
    version: m.version,
    date: m.publishedAt.slice(0, 10),
    publishedAt: m.publishedAt,
    ...(m.source ? { source: { commit: m.source.commit, dirty: m.source.dirty } } : {}),
    ...(m.previous ? { previous: m.previous } : {}),
    bump: m.bump,
    deprecated: m.deprecated,
    ...(m.sunset ? { sunset: m.sunset } : {}),
    structured,
    changes: structured ? m.changeList!.map((i) => ({ ...i })) : legacyItems(m),
  };
}

/** Lines of a manifest written before the structured list: its messages, grouped as recorded. */
function legacyItems(m: Manifest): ChangeItem[] {
  return [
    ...m.changes.breaking.map((message) => ({ group: 'breaking' as const, message })),
    ...m.changes.added.map((message) => ({ group: 'added' as const, message })),
    ...m.changes.changed.map((message) => ({ group: 'changed' as const, message })),
    ...m.changes.deprecated.map((message) => ({ group: 'deprecated' as const, message })),
  ];
}

/** Newest publish first; versions published in the same instant, highest first. */
export function newestFirst(manifests: readonly Manifest[]): Manifest[] {
  return [...manifests].sort(
    (a, b) =>
      (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0) ||
      compareSemver(b.version, a.version),
  );
}

/** A contract's changelog from its manifests. */
export function contractOf(id: string, manifests: readonly Manifest[]): ChangelogContract {
  const sorted = newestFirst(manifests);
  return {
    contract: id,
    format: sorted[0]!.format,
    versions: sorted.map(versionOf),
  };
}

export interface HistoryFilter {
  /** Lowest version shown (inclusive). */
  from?: string;
  /** Highest version shown (inclusive). */
  to?: string;
  /** Only versions published on or after this date (YYYY-MM-DD). */
  since?: string;
}

/** The published history of a contract, filtered; `undefined` when nothing is left. */
export async function publishedHistory(
  registry: Registry,
  id: string,
  filter: HistoryFilter = {},
): Promise<ChangelogContract | undefined> {
  const entries = registry.versions(id);
  if (!entries.length) {
    throw new UsageError(
      `contract '${id}' was never published to ${registry.root} (published: ${registry.contracts().join(', ') || 'none'})`,
    );
  }
  for (const [flag, v] of [
    ['--from', filter.from],
    ['--to', filter.to],
  ] as const) {
    if (v !== undefined && !entries.some((e) => e.version === v)) {
      throw new UsageError(
        `${flag} ${v}: '${id}' has no published version ${v} (published: ${entries.map((e) => e.version).join(', ')})`,
      );
    }
  }
  if (filter.from && filter.to && compareSemver(filter.from, filter.to) > 0) {
    throw new UsageError(`--from ${filter.from} is higher than --to ${filter.to}`);
  }
  const picked = entries.filter(
    (e) =>
      (!filter.from || compareSemver(e.version, filter.from) >= 0) &&
      (!filter.to || compareSemver(e.version, filter.to) <= 0) &&
      (!filter.since || e.publishedAt.slice(0, 10) >= filter.since),
  );
  if (!picked.length) return undefined;
  const manifests: Manifest[] = [];
  for (const e of picked) manifests.push(await registry.manifest(id, e.version));
  return contractOf(id, manifests);
}
