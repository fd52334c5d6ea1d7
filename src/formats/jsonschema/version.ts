/**
 * The major line of a declared version: `1.4.2` → 1, `v2` → 2, `3.0.0-beta.1` → 3. Versions that
 * are not numbered that way (dates such as `2024-01-01`, build placeholders) have no major line.
 */
export function majorOf(version: string): number | undefined {
  const m = /^v?(\d+)(?:\.\d+){0,2}(?:[-+][0-9A-Za-z.-]+)?$/.exec(version.trim());
  if (!m) return undefined;
  // A date-like first number is not a major line.
  if (/^v?\d{4}-\d{2}/.test(version.trim())) return undefined;
  return Number(m[1]);
}
