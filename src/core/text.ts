import { isAscii, isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { InputError } from './errors.js';
import { formatBytes, inputLimits, limitHint } from './limits.js';

/**
 * Bytes to text, never silently: a file must be UTF-8 (a leading UTF-8 byte order mark is allowed
 * and dropped, as YAML 1.2 and RFC 8259 permit). Invalid UTF-8 or UTF-16 is an InputError at the
 * line of the first bad byte, where Node's decoder would have put U+FFFD and read on. Files past
 * the size limit are refused before they are read.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  checkSize(bytes.length, file);
  // Plain ASCII (most contracts) is valid UTF-8 without a byte order mark, and decodes as Latin-1
  // to the same text at a third of the cost.
  if (isAscii(bytes)) return asBuffer(bytes).toString('latin1');
  if (bytes.length >= 2) {
    const [a, b] = [bytes[0], bytes[1]];
    if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
      throw new InputError(
        `the file is UTF-16 encoded (byte order mark ${hex(a!)} ${hex(b!)}); save it as UTF-8`,
        { file, line: 1, column: 1 },
      );
    }
  }
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    const { line, column } = lineOfByte(bytes, at);
    throw new InputError(
      `invalid UTF-8 (byte ${hex(bytes[at]!)} at offset ${at}); the file must be UTF-8 encoded`,
      { file, line, column },
    );
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return asBuffer(bytes).toString('utf8', bom ? 3 : 0);
}

const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The 0-based line holding `offset`, given the ascending offsets where lines start (from 0). */
export function lineAtOffset(starts: ArrayLike<number>, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function checkSize(size: number, file: string): void {
  const max = inputLimits().fileSize;
  if (size > max) {
    throw new InputError(
      `the file is ${formatBytes(size)}, larger than treaty reads ${limitHint('fileSize')}`,
      { file, line: 1 },
    );
  }
}

/** Reads a UTF-8 text file: missing, unreadable, too big or badly encoded are InputErrors. */
export function readTextFile(file: string, what = 'file'): string {
  let bytes: Buffer;
  try {
    const st = statSync(file);
    if (st.isFile()) checkSize(st.size, file);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? `${what} not found` : `cannot read ${what} (${code})`,
      {
        file,
      },
    );
  }
  return decodeText(bytes, file);
}

const hex = (n: number) => '0x' + n.toString(16).toUpperCase().padStart(2, '0');

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    if (i + n >= b.length) return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

function lineOfByte(b: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (b[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  // Column in characters: count the code points (lead bytes) before the offset on its line.
  let column = 1;
  for (let i = start; i < offset; i++) if ((b[i]! & 0xc0) !== 0x80) column++;
  return { line, column };
}
