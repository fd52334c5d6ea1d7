import { escaped } from './sniff.js';

/** Scanning valid JSON text by offsets: the JSON location map's lazy index (locations.ts). */

export function skipWs(t: string, i: number): number {
  while (i < t.length) {
    const c = t.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) break;
    i++;
  }
  return i;
}

/** From an opening quote to just past the closing one. */
export function skipString(t: string, i: number): number {
  for (i++; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i + 1;
  }
  return i;
}

/**
 * One pass over valid JSON text: the offset of every `{` and `[` (in order) and just past its
 * closing bracket. The next quote or bracket is found by a regular expression (indentation,
 * numbers and literals are skipped by the regex engine, not a loop), strings with `indexOf`
 * (most of a specification's text is strings).
 */
export function bracketIndex(t: string): { opens: Int32Array; ends: Int32Array; n: number } {
  let opens = new Int32Array(1024);
  let ends = new Int32Array(1024);
  let n = 0;
  const stack: number[] = [];
  const next = /["{}[\]]/g;
  for (let m = next.exec(t); m !== null; m = next.exec(t)) {
    const i = m.index;
    const c = t.charCodeAt(i);
    if (c === 0x22) {
      let j = t.indexOf('"', i + 1);
      while (j !== -1 && escaped(t, j)) j = t.indexOf('"', j + 1);
      if (j === -1) break;
      next.lastIndex = j + 1;
    } else if (c === 0x7b || c === 0x5b) {
      if (n === opens.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(a.length * 2);
          b.set(a);
          return b;
        };
        opens = grow(opens);
        ends = grow(ends);
      }
      opens[n] = i;
      stack.push(n++);
    } else if (c === 0x7d || c === 0x5d) {
      const k = stack.pop();
      if (k !== undefined) ends[k] = i + 1;
    }
  }
  return { opens, ends, n };
}

/** From the first character of a value to just past it (the text is valid JSON). */
export function skipValue(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c === 0x22) return skipString(t, i);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (; i < t.length; i++) {
      const d = t.charCodeAt(i);
      if (d === 0x22) i = skipString(t, i) - 1;
      else if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        if (--depth === 0) return i + 1;
      }
    }
    return i;
  }
  while (i < t.length) {
    const d = t.charCodeAt(i);
    if (
      d === 0x2c ||
      d === 0x7d ||
      d === 0x5d ||
      d === 0x20 ||
      d === 0x0a ||
      d === 0x0d ||
      d === 0x09
    )
      break;
    i++;
  }
  return i;
}
