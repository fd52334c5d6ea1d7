/**
 * `a.localeCompare(b)` (ICU's root collation, what sorts names for output and listings) without
 * ICU for printable ASCII, where treaty's names almost always are: the first localeCompare of a
 * process loads ICU's collation data, 15–40 ms of a start-up. For printable ASCII the root order
 * is simple: punctuation and symbols in ICU's order, then digits, then letters with case ignored;
 * strings equal so far are ordered shorter first, then lowercase before uppercase at the first
 * difference. Anything else goes to localeCompare. test/core/collate.test.ts checks the two agree.
 */
const ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz';

/** Primary weight of each printable ASCII character (upper- and lowercase share one). */
const PRIMARY = new Uint8Array(128);
for (let i = 0; i < ORDER.length; i++) {
  const c = ORDER.charCodeAt(i);
  PRIMARY[c] = i;
  if (c >= 0x61 && c <= 0x7a) PRIMARY[c - 0x20] = i;
}

const printable = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
};

/** Same sign as `a.localeCompare(b)`. */
export function collate(a: string, b: string): number {
  if (a === b) return 0;
  if (!printable(a) || !printable(b)) return a.localeCompare(b);
  const n = Math.min(a.length, b.length);
  let tertiary = 0;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (PRIMARY[x] !== PRIMARY[y]) return PRIMARY[x]! < PRIMARY[y]! ? -1 : 1;
    // The same letter in another case: lowercase (the higher code) first.
    if (tertiary === 0) tertiary = x > y ? -1 : 1;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return tertiary;
}
