import { lineAtOffset } from '../../core/text.js';

/**
 * Offsets to 1-based line and column, counted the way buf reports them: a tab advances to the next
 * multiple of 4, East Asian wide characters and emoji take two columns, combining marks none.
 * Most lines are ASCII without tabs, where the column is simply the offset in the line.
 */

export interface LineColumn {
  line: number;
  column: number;
}

/** Line starts of a text, built once per file on the first lookup. */
export class LineIndex {
  private starts?: Int32Array;
  constructor(private readonly text: string) {}

  locate(offset: number): LineColumn {
    const starts = (this.starts ??= lineStarts(this.text));
    const lo = lineAtOffset(starts, offset);
    return { line: lo + 1, column: columnOf(this.text, starts[lo]!, offset) };
  }
}

/** One-off lookup (syntax errors). */
export function lineColumn(text: string, offset: number): LineColumn {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: columnOf(text, start, offset) };
}

function lineStarts(text: string): Int32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const out = new Int32Array(count);
  let k = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out[k++] = i + 1;
  return out;
}

function columnOf(text: string, start: number, offset: number): number {
  let col = 1;
  for (let i = start; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 9) col = Math.floor((col - 1) / 4) * 4 + 5;
    else if (c < 0x80) col++;
    else {
      let cp = c;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < offset) {
        cp = (c - 0xd800) * 0x400 + (text.charCodeAt(i + 1) - 0xdc00) + 0x10000;
        i++;
      }
      col += width(cp);
    }
  }
  return col;
}

const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x2753, 0x2755],
  [0x2795, 0x2797],
  [0x2b1b, 0x2b1c],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd],
];

function width(cp: number): number {
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfe0f) return 0;
  for (const [lo, hi] of WIDE) {
    if (cp < lo) return 1;
    if (cp <= hi) return 2;
  }
  return 1;
}
