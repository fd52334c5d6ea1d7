import { parseSunset, type SunsetResult } from '../../../core/lifecycle.js';
import { pointerToString } from '../../../core/model.js';
import type { MessageArgs } from '../../../core/rule.js';
import { option, type OptionEntry, type Offset } from '../ast.js';
import type { FileView } from '../semantics.js';
import type { Comparison, Place, RawFinding } from './context.js';
import type { Views } from './views.js';

/**
 * `deprecated = true` on messages, fields, enums, enum values, services and methods, with the
 * sunset a team writes in a comment tag next to the element: `// @sunset 2027-01-31` on the
 * lines just above it or at the end of its line (documented in docs/protobuf.md).
 *
 * Two uses: an element that becomes deprecated is reported (`proto-element-deprecated`, info),
 * and a removal of an element that was deprecated in the baseline carries that deprecation (its
 * sunset) so the deprecation policy pass can judge it.
 */

interface Lifecycle {
  deprecated: boolean;
  sunset: SunsetResult;
  /** The sunset tag as written, to tell a changed tag from an unchanged one. */
  tag?: string;
  kind: string;
  args: MessageArgs;
  pointer: string[];
  place: Place;
}

const TAG = /@sunset\s+(\S+)/;

/** Every deprecatable element of the compared files, by the pointer its findings use. */
function lifecycleIndex(cx: Comparison, v: Views): Map<string, Lifecycle> {
  const out = new Map<string, Lifecycle>();
  const add = (
    fv: FileView,
    pointer: string[],
    kind: string,
    args: MessageArgs,
    at: Offset,
    options: OptionEntry[] | undefined,
  ) => {
    const tag = sunsetTag(fv.file.parsed.text, at);
    out.set(pointerToString(pointer), {
      deprecated: option(options, 'deprecated')?.value.text === 'true',
      sunset: parseSunset(tag),
      ...(tag !== undefined ? { tag } : {}),
      kind,
      args,
      pointer,
      place: cx.place(fv, at),
    });
  };
  for (const m of v.messages) {
    if (m.node.mapEntry) continue;
    const ptr = ['messages', m.node.fullName];
    add(m.fv, ptr, 'Message', { name: m.node.fullName }, m.node.at, m.node.options);
    for (const f of m.node.fields) {
      add(
        m.fv,
        [...ptr, 'fields', String(f.number)],
        'Field',
        { name: `${f.number}`, field: f.name, message: m.node.name },
        f.at,
        f.options,
      );
    }
  }
  for (const e of v.enums) {
    const ptr = ['enums', e.node.fullName];
    add(e.fv, ptr, 'Enum', { name: e.node.fullName }, e.node.at, e.node.options);
    for (const val of e.node.values) {
      const key = [...ptr, 'values', String(val.number)];
      if (out.has(pointerToString(key))) continue; // an alias: the first name stands
      add(e.fv, key, 'Enum value', { name: val.name, enum: e.node.name }, val.at, val.options);
    }
  }
  for (const s of v.services) {
    const ptr = ['services', s.node.fullName];
    add(s.fv, ptr, 'Service', { name: s.node.fullName }, s.node.at, s.node.options);
    for (const m of s.node.methods) {
      add(
        s.fv,
        [...ptr, 'methods', m.name],
        'RPC',
        { name: m.name, service: s.node.name },
        m.at,
        m.options,
      );
    }
  }
  return out;
}

/**
 * The `@sunset` tag of the element starting at `at`: in the comment lines right above it, or in a
 * `//` comment on its own line. The statement's line is read up to its end (`;` or `{`).
 */
export function sunsetTag(text: string, at: Offset): string | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  const trailing = line.indexOf('//', at - lineStart);
  if (trailing >= 0) {
    const m = TAG.exec(line.slice(trailing));
    if (m) return m[1];
  }
  // Leading comment: the run of comment lines directly above.
  let end = lineStart - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const above = text.slice(start, end).trim();
    if (!/^(\/\/|\/\*|\*)/.test(above)) break;
    const m = TAG.exec(above);
    if (m) return m[1]!.replace(/\*\/$/, '');
    end = start - 1;
  }
  return undefined;
}

/**
 * Reports elements that became deprecated (or changed their sunset tag to one that is not a date)
 * and marks the removals of elements the baseline deprecated.
 */
export function compareDeprecations(cx: Comparison): void {
  const base = lifecycleIndex(cx, cx.bv);
  const rev = lifecycleIndex(cx, cx.rv);
  for (const [key, r] of rev) {
    const b = base.get(key);
    if (!b) continue;
    const pointer = r.pointer;
    if (r.deprecated && !b.deprecated) {
      const sunset = r.sunset.kind === 'date' ? r.sunset.date : '';
      cx.emit(
        'proto-element-deprecated',
        { ...r.args, element: r.kind, sunset },
        pointer,
        r.place,
        b.place,
      );
    }
    if (r.deprecated && r.sunset.kind === 'invalid' && (r.tag !== b.tag || !b.deprecated)) {
      cx.emit(
        'proto-sunset-invalid',
        { ...r.args, element: r.kind, sunset: r.sunset.raw },
        pointer,
        r.place,
        b.place,
      );
    }
  }
  for (const raw of cx.out) markDeprecated(raw, base);
}

function markDeprecated(raw: RawFinding, base: Map<string, Lifecycle>): void {
  const b = base.get(pointerToString(raw.pointer));
  if (!b?.deprecated) return;
  raw.deprecation = b.sunset.kind === 'date' ? { sunset: b.sunset.date } : {};
}
