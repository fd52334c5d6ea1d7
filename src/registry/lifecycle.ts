import path from 'node:path';
import { UsageError } from '../core/errors.js';
import { isSemver } from '../policy/semver.js';
import { TMP_DIR, replaceFile } from './atomic.js';
import { acquireLock, type LockOptions } from './lock.js';
import { INDEX_FILE, openRegistry } from './registry.js';

/**
 * The lifecycle of published versions — deprecated, and the sunset date after which a major line
 * is no longer supported — is the one mutable part of the registry: it lives in index.json (the
 * manifests keep the state at publish time). A version published later into a deprecated line
 * inherits it.
 */
export interface LifecycleChange {
  /** A major line (`1`) or one version (`1.2.0`). */
  target: string;
  deprecated: boolean;
  /** ISO date YYYY-MM-DD. */
  sunset?: string;
}

export function assertDate(date: string): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const d = m ? new Date(`${date}T00:00:00Z`) : undefined;
  if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) {
    throw new UsageError(`'${date}' is not a date (YYYY-MM-DD)`);
  }
}

/** Sets deprecated/sunset on a major line or one version; returns the versions changed. */
export async function setLifecycle(
  dir: string,
  id: string,
  change: LifecycleChange,
  lock?: LockOptions,
): Promise<string[]> {
  if (change.sunset !== undefined) assertDate(change.sunset);
  if (!/^\d+$/.test(change.target) && !isSemver(change.target)) {
    throw new UsageError(
      `'${change.target}' is neither a major line (e.g. 1) nor a version (e.g. 1.2.0)`,
    );
  }
  const root = path.resolve(dir);
  const held = await acquireLock(root, { command: `registry deprecate ${id}`, ...lock });
  try {
    const reg = await openRegistry(root);
    if (!reg.has(id)) {
      throw new UsageError(`contract '${id}' was never published to ${root}`);
    }
    const index = reg.toIndex();
    const versions = index.contracts[id]!.versions.filter((v) =>
      /^\d+$/.test(change.target) ? v.major === Number(change.target) : v.version === change.target,
    );
    if (!versions.length) {
      throw new UsageError(
        `contract '${id}' has no published ${/^\d+$/.test(change.target) ? `major line ${change.target}` : `version ${change.target}`}`,
      );
    }
    for (const v of versions) {
      v.deprecated = change.deprecated;
      if (change.deprecated && change.sunset) v.sunset = change.sunset;
      if (!change.deprecated) delete v.sunset;
    }
    await replaceFile(
      path.join(root, INDEX_FILE),
      JSON.stringify(index, null, 2) + '\n',
      path.join(root, TMP_DIR),
    );
    return versions.map((v) => v.version);
  } finally {
    await held.release();
  }
}

/** The state of a published major line (of its latest version), as `registry list` shows it. */
export type LineState =
  | { state: 'active' }
  | { state: 'deprecated'; sunset?: string }
  | { state: 'retired'; sunset: string };

export function lineState(
  latest: { deprecated: boolean; sunset?: string },
  today: string,
): LineState {
  if (!latest.deprecated) return { state: 'active' };
  if (!latest.sunset) return { state: 'deprecated' };
  return today >= latest.sunset
    ? { state: 'retired', sunset: latest.sunset }
    : { state: 'deprecated', sunset: latest.sunset };
}

/** `active`, `deprecated until 2027-01-31`, `deprecated (no sunset)`, `retired since 2026-01-31`. */
export function describeLineState(s: LineState): string {
  if (s.state === 'active') return 'active';
  if (s.state === 'retired') return `retired since ${s.sunset}`;
  return s.sunset ? `deprecated until ${s.sunset}` : 'deprecated (no sunset)';
}
