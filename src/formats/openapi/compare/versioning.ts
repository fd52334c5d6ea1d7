import type { Finding } from '../../../core/model.js';
import type { Diff } from './context.js';

/**
 * oasdiff's versioning policy: a breaking change needs a major bump of `info.version` (a minor
 * bump below 1.0.0). Judged only when both versions are semantic versions; info by default.
 */
export function versioning(d: Diff, findings: readonly Finding[]): Finding[] {
  const bv = d.base.version;
  const rv = d.rev.version;
  if (bv === undefined || rv === undefined) return [];
  const b = parseSemver(bv);
  const r = parseSemver(rv);
  if (!b || !r || !findings.some((f) => f.severity === 'breaking')) return [];
  const root = (m: typeof d.base) => ({ node: m.doc, ptr: [] as string[] });
  const at = (m: typeof d.base) => [root(m), 'info', 'version'] as const;
  const before = d.out.length;
  if (bv === rv) {
    d.changed('api-version-not-bumped', { after: rv }, at(d.base), at(d.rev), { after: rv });
  } else if (!increased(b, r)) {
    d.changed('api-version-decreased', { before: bv, after: rv }, at(d.base), at(d.rev), {
      before: bv,
      after: rv,
    });
  } else if (!(b[0] === 0 && r[0] === 0 ? r[1] > b[1] : r[0] > b[0])) {
    d.changed('api-major-version-not-bumped', { before: bv, after: rv }, at(d.base), at(d.rev), {
      before: bv,
      after: rv,
    });
  }
  return d.out.slice(before);
}

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function parseSemver(v: string): [number, number, number] | undefined {
  const m = SEMVER.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function increased(b: number[], r: number[]): boolean {
  for (let i = 0; i < 3; i++) if (r[i] !== b[i]) return r[i]! > b[i]!;
  return false;
}
