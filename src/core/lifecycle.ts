/**
 * Dates of the deprecation lifecycle, shared by every format and the policy: a sunset written on
 * an element (`x-sunset`, a protobuf `@sunset` comment tag) is an RFC 3339 date or date-time; only
 * its date counts.
 */

export type SunsetResult =
  { kind: 'none' } | { kind: 'invalid'; raw: string } | { kind: 'date'; date: string };

/** Parses a sunset. A YAML date scalar arrives as a string (YAML 1.2 core schema). */
export function parseSunset(raw: unknown): SunsetResult {
  if (raw === undefined || raw === null) return { kind: 'none' };
  const s = raw instanceof Date ? raw.toISOString() : typeof raw === 'string' ? raw.trim() : '';
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$/.exec(
      s,
    );
  if (!m) return { kind: 'invalid', raw: typeof raw === 'string' ? raw : JSON.stringify(raw) };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) {
    return { kind: 'invalid', raw: s };
  }
  if (m[4] !== undefined) {
    const [h, mi, se] = [Number(m[4]), Number(m[5]), Number(m[6])];
    if (h > 23 || mi > 59 || se > 60) return { kind: 'invalid', raw: s };
  }
  return { kind: 'date', date: `${m[1]}-${m[2]}-${m[3]}` };
}

/** Whole days from `from` to `to` (ISO dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today's date (UTC) as YYYY-MM-DD. */
export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
