import type { Finding } from '../core/model.js';
import type { ChangeKind } from '../core/rule.js';

/**
 * Semantic versions of published contracts and the bump a set of findings calls for.
 * Only `MAJOR.MINOR.PATCH` with an optional `-prerelease` is accepted (no `v` prefix, no build
 * metadata): the version is also a folder name in the registry.
 */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: readonly (string | number)[];
}

const NUM = '(0|[1-9]\\d*)';
const PRE_ID = '(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)';
const SEMVER_RE = new RegExp(`^${NUM}\\.${NUM}\\.${NUM}(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?$`);

export function parseSemver(text: string): SemVer | undefined {
  const m = SEMVER_RE.exec(text);
  if (!m) return undefined;
  const nums = [m[1], m[2], m[3]].map(Number);
  if (nums.some((n) => !Number.isSafeInteger(n))) return undefined;
  return {
    major: nums[0]!,
    minor: nums[1]!,
    patch: nums[2]!,
    prerelease: m[4] ? m[4].split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [],
  };
}

export function isSemver(text: string): boolean {
  return parseSemver(text) !== undefined;
}

export function formatSemver(v: SemVer): string {
  const core = `${v.major}.${v.minor}.${v.patch}`;
  return v.prerelease.length ? `${core}-${v.prerelease.join('.')}` : core;
}

/** Semver precedence: negative when a < b, 0 when equal, positive when a > b. */
export function compareSemver(a: SemVer | string, b: SemVer | string): number {
  const x = typeof a === 'string' ? mustParse(a) : a;
  const y = typeof b === 'string' ? mustParse(b) : b;
  const core = x.major - y.major || x.minor - y.minor || x.patch - y.patch;
  if (core) return Math.sign(core);
  // A version without prerelease has higher precedence than one with.
  if (!x.prerelease.length || !y.prerelease.length) {
    return Math.sign(y.prerelease.length - x.prerelease.length);
  }
  const n = Math.min(x.prerelease.length, y.prerelease.length);
  for (let i = 0; i < n; i++) {
    const p = x.prerelease[i]!;
    const q = y.prerelease[i]!;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return Math.sign(p - q);
    if (typeof p === 'number') return -1;
    if (typeof q === 'number') return 1;
    return p < q ? -1 : 1;
  }
  return Math.sign(x.prerelease.length - y.prerelease.length);
}

function mustParse(v: string): SemVer {
  const s = parseSemver(v);
  if (!s) throw new Error(`'${v}' is not a semantic version`);
  return s;
}

export function sortVersions(versions: readonly string[]): string[] {
  return [...versions].sort(compareSemver);
}

export type Bump = 'major' | 'minor' | 'patch';

const BUMP_RANK: Record<Bump, number> = { patch: 1, minor: 2, major: 3 };

export function bumpRank(b: Bump): number {
  return BUMP_RANK[b];
}

/** The next release version after `v` for a bump (a prerelease is dropped). */
export function increment(v: SemVer | string, bump: Bump): string {
  const s = typeof v === 'string' ? mustParse(v) : v;
  switch (bump) {
    case 'major':
      return `${s.major + 1}.0.0`;
    case 'minor':
      return `${s.major}.${s.minor + 1}.0`;
    case 'patch':
      return `${s.major}.${s.minor}.${s.patch + 1}`;
  }
}

/**
 * Which bump separates `from` and `to` (assumed `to` > `from`): the highest of major/minor/patch
 * that differs. Promoting a prerelease to its release (1.1.0-rc.1 → 1.1.0) satisfies any bump.
 */
export function bumpBetween(from: SemVer | string, to: SemVer | string): Bump | 'release' {
  const a = typeof from === 'string' ? mustParse(from) : from;
  const b = typeof to === 'string' ? mustParse(to) : to;
  if (a.major !== b.major) return 'major';
  if (a.minor !== b.minor) return 'minor';
  if (a.patch !== b.patch) return 'patch';
  return 'release';
}

/** Why a bump is needed: counts by the change groups of the changelog. */
export interface BumpReason {
  bump: Bump;
  breaking: number;
  added: number;
  other: number;
}

/**
 * The bump a set of findings against the previous version calls for: an unwaived breaking finding
 * → major; an addition (rule kind `addition`) → minor; anything else (or no finding at all, when
 * only bytes changed) → patch. A waived breaking finding was accepted by the team as compatible and
 * counts as a change, not a break.
 */
export function bumpFor(
  findings: readonly Finding[],
  kindOf: (rule: string) => ChangeKind | undefined,
): BumpReason {
  let breaking = 0;
  let added = 0;
  let other = 0;
  for (const f of findings) {
    if (f.severity === 'breaking' && !(f.waived && !f.waived.expired)) breaking++;
    else if (kindOf(f.rule) === 'addition') added++;
    else other++;
  }
  const bump: Bump = breaking ? 'major' : added ? 'minor' : 'patch';
  return { bump, breaking, added, other };
}
