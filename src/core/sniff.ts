/**
 * Sniffing helpers for format detection: cheap looks at a text that never parse all of it (a
 * 13 MB JSON document is detected in microseconds, not a `JSON.parse` of the whole).
 */

/**
 * The value of `key` among the top-level members of the JSON object `text`, when it is a string;
 * undefined when the text is not an object, the key is not a top-level member or its value is not
 * a string. Reads the text only up to that member (the rest may be anything, even invalid JSON:
 * the loader reports that at its line).
 */
export function topLevelJsonString(text: string, key: string): string | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (text[i] !== '{') return undefined;
  let depth = 0;
  let expectKey = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      expectKey = c === 0x7b && depth === 1;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
      if (depth === 0) return undefined;
    } else if (c === 0x2c /* , */) {
      expectKey = depth === 1;
    } else if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      if (expectKey && text.slice(i + 1, end) === key) {
        let j = end + 1;
        while (isSpace(text.charCodeAt(j))) j++;
        if (text[j] !== ':') return undefined;
        j++;
        while (isSpace(text.charCodeAt(j))) j++;
        if (text[j] !== '"') return undefined;
        const valueEnd = stringEnd(text, j);
        if (valueEnd < 0) return undefined;
        try {
          return JSON.parse(text.slice(j, valueEnd + 1)) as string;
        } catch {
          return undefined;
        }
      }
      expectKey = false;
      i = end;
    }
  }
  return undefined;
}

/** The index of the quote that closes the string opening at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  let j = text.indexOf('"', start + 1);
  while (j !== -1 && escaped(text, j)) j = text.indexOf('"', j + 1);
  return j;
}

/** Is the quote at `j` escaped (an odd run of backslashes before it)? */
export function escaped(t: string, j: number): boolean {
  let k = j - 1;
  while (t.charCodeAt(k) === 0x5c) k--;
  return (j - 1 - k) % 2 === 1;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
