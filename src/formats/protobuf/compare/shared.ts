import type { Offset, OptionEntry, Range } from '../ast.js';
import { featureOption, type Features, type FileView } from '../semantics.js';
import { matchBy } from '../../../core/match.js';
import type { Comparison, Place } from './context.js';

/** Checks messages and enums share: tag ranges, JSON format support, reserved numbers. */

export function tagRanges(
  cx: Comparison,
  rule: string,
  kind: string,
  previous: Range[],
  current: Range[],
  element: 'message' | 'enum',
  name: string,
  maxTag: number,
  ptr: string[],
  here: Place,
  there: Place,
): void {
  if (!previous.length) return;
  const collapsed = collapseRanges(current);
  for (const r of previous) {
    const missing = findMissing(r.start, r.end, collapsed);
    if (!missing.length) continue;
    const range =
      r.start === r.end
        ? `[${r.start}]`
        : r.end === maxTag
          ? `[${r.start},max]`
          : `[${r.start},${r.end}]`;
    const removed = missing
      .map(([s, e]) => (s === e ? `[${s}]` : e === maxTag ? `[${s},max]` : `[${s},${e}]`))
      .join(', ');
    cx.emit(rule, { range, removed, element, name }, [...ptr, kind, range], here, there);
  }
}

export function jsonFormat(
  cx: Comparison,
  rule: string,
  pf: Features,
  cf: Features,
  po: OptionEntry[] | undefined,
  co: OptionEntry[] | undefined,
  name: string,
  ptr: string[],
  cfv: FileView,
  cat: Offset,
  pfv: FileView,
  pat: Offset,
): void {
  if (pf.jsonFormat === 'ALLOW' && cf.jsonFormat !== 'ALLOW') {
    cx.emit(
      rule,
      { name, before: pf.jsonFormat, after: cf.jsonFormat },
      ptr,
      cx.place(cfv, featureOption(co, 'jsonFormat')?.at ?? cat),
      cx.place(pfv, featureOption(po, 'jsonFormat')?.at ?? pat),
    );
  }
}

export function numberReserved(n: number, ranges: Range[]): boolean {
  return ranges.some((r) => n >= r.start && n <= r.end);
}

function collapseRanges(ranges: Range[]): Array<[number, number]> {
  const sorted = ranges
    .map((r) => [r.start, r.end] as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function findMissing(
  start: number,
  end: number,
  collapsed: Array<[number, number]>,
): Array<[number, number]> {
  const missing: Array<[number, number]> = [];
  let cursor = start;
  for (const [s, e] of collapsed) {
    if (e < cursor) continue;
    if (s > end) break;
    if (s > cursor) missing.push([cursor, Math.min(end, s - 1)]);
    cursor = e + 1;
    if (cursor > end) break;
  }
  if (cursor <= end) missing.push([cursor, end]);
  return missing;
}

/** Reserved names of the previous element that the current one no longer reserves. */
export function reservedNames(
  cx: Comparison,
  rule: string,
  element: 'message' | 'enum',
  previous: string[],
  current: { name: string; reservedNames: string[] },
  ptr: string[],
  here: Place,
  there: Place,
): void {
  for (const { key } of matchBy(previous, current.reservedNames, (n) => n).removed) {
    cx.emit(
      rule,
      { reservedName: key, element, name: current.name },
      [...ptr, 'reserved', key],
      here,
      there,
    );
  }
}
