/**
 * What a contract's own version string says (`info.version`, a JSON Schema `version` or `$id`),
 * read once for every format. Documents in the wild carry more than semantic versions:
 *
 * - `semver`: `1.4.2`, `2.0.0-rc.1`; a leading `v` and build metadata (`+build.7`) are dropped
 *   (a published version is also a folder name, and build metadata has no precedence).
 * - `partial`: a bare major or major.minor (`v3`, `3`, `1.0`, `v2.1`): the line is fixed, treaty
 *   completes the rest from the findings.
 * - `date`: a calendar date `YYYY-MM-DD` (`2024-05-01`): compared as a date, it names no major line.
 * - `other`: anything else (`latest`, `1.0.0.0`, `%VERSION%`): not used; the version is computed.
 */
export type DocumentVersion =
  | { kind: 'semver'; raw: string; version: string; major: number; minor: number }
  | { kind: 'partial'; raw: string; major: number; minor?: number }
  | { kind: 'date'; raw: string; date: string }
  | { kind: 'other'; raw: string };

const NUM = '(0|[1-9]\\d*)';
const PRE =
  '(?:-((?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*))*))?';
const BUILD = '(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?';
const SEMVER = new RegExp(`^[vV]?${NUM}\\.${NUM}\\.${NUM}${PRE}${BUILD}$`);
const PARTIAL = new RegExp(`^[vV]?${NUM}(?:\\.${NUM})?$`);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function readDocumentVersion(raw: string): DocumentVersion {
  const text = raw.trim();
  const date = DATE.exec(text);
  if (date) {
    return validDate(text) ? { kind: 'date', raw, date: text } : { kind: 'other', raw };
  }
  const s = SEMVER.exec(text);
  if (s) {
    const [major, minor, patch] = [s[1], s[2], s[3]].map(Number) as [number, number, number];
    if ([major, minor, patch].every(Number.isSafeInteger)) {
      const version = `${major}.${minor}.${patch}${s[4] ? `-${s[4]}` : ''}`;
      return { kind: 'semver', raw, version, major, minor };
    }
    return { kind: 'other', raw };
  }
  const p = PARTIAL.exec(text);
  if (p) {
    const major = Number(p[1]);
    const minor = p[2] === undefined ? undefined : Number(p[2]);
    if (!Number.isSafeInteger(major) || (minor !== undefined && !Number.isSafeInteger(minor))) {
      return { kind: 'other', raw };
    }
    return { kind: 'partial', raw, major, ...(minor !== undefined ? { minor } : {}) };
  }
  return { kind: 'other', raw };
}

/**
 * The major line a declared version names: `1.4.2` → 1, `v2` → 2, `3.0.0-beta.1` → 3. Dates and
 * versions that are not numbered that way name no line.
 */
export function majorOf(raw: string): number | undefined {
  const v = readDocumentVersion(raw);
  return v.kind === 'semver' || v.kind === 'partial' ? v.major : undefined;
}

function validDate(text: string): boolean {
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/**
 * A version inside a JSON Schema `$id`: a path segment that is a version (`…/order/1.2.0/…`,
 * `…/order/v2`), or a file name ending in one (`order-1.2.0.json`, `order.v2.json`,
 * `order_v1.0.json`). Bare numbers are not versions (`…/schemas/42`): a partial needs its `v`.
 */
export function versionInId(id: string): string | undefined {
  let pathPart: string;
  try {
    pathPart = new URL(id, 'treaty:/').pathname;
  } catch {
    return undefined;
  }
  const segments = pathPart.split('/').filter(Boolean).map(safeDecode).reverse();
  for (const seg of segments) {
    const stem = seg.replace(/\.(json|ya?ml|schema)$/i, '').replace(/\.schema$/i, '');
    for (const candidate of [stem, /[-_.@]([vV]?\d[0-9A-Za-z.+-]*)$/.exec(stem)?.[1]]) {
      if (!candidate) continue;
      const v = readDocumentVersion(candidate);
      if (v.kind === 'semver') return candidate;
      if (v.kind === 'partial' && /^[vV]/.test(candidate)) return candidate;
    }
  }
  return undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The major line a versioned path or address names: its first segment that is `v` and a number
 * (`/v2/orders` → 2, `orders.placed.v1` → 1, `/api/V3/…` → 3). Unstable or spelled-out versions
 * (`v1beta1`, `version2`) and bare numbers (`/2/`) name no line. `separators` splits the segments
 * (`/` for HTTP paths; `/ . : _ -` for channel addresses).
 */
export function segmentMajor(text: string, separators: RegExp): number | undefined {
  for (const seg of text.split(separators)) {
    const m = /^[vV](0|[1-9]\d{0,8})$/.exec(seg);
    if (m) return Number(m[1]);
  }
  return undefined;
}
