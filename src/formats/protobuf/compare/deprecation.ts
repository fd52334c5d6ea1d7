import { parseSunset, type SunsetResult } from '../../../core/lifecycle.js';
import type { MessageArgs } from '../../../core/rule.js';
import {
  option,
  type EnumValueNode,
  type FieldNode,
  type MethodNode,
  type OptionEntry,
  type Offset,
} from '../ast.js';
import type { EnumView, FileView, MessageView } from '../semantics.js';
import type { Comparison, RawFinding } from './context.js';
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

/** A deprecatable element of the compared files, with the pointer its findings use. */
interface Element {
  kind: string;
  args: MessageArgs;
  pointer: string[];
  fv: FileView;
  at: Offset;
  options: OptionEntry[] | undefined;
}

interface Lifecycle {
  sunset: SunsetResult;
  /** The sunset tag as written, to tell a changed tag from an unchanged one. */
  tag?: string;
}

const TAG = /@sunset\s+(\S+)/;

const isDeprecated = (e: { options?: OptionEntry[] | undefined }): boolean =>
  option(e.options, 'deprecated')?.value.text === 'true';

/** The sunset of an element (read from the comments around it only when it is asked for). */
function lifecycleOf(e: Element): Lifecycle {
  const tag = sunsetTag(e.fv.file.parsed.text, e.at);
  return { sunset: parseSunset(tag), ...(tag !== undefined ? { tag } : {}) };
}

/**
 * The elements of the compared files that are deprecated, in declaration order; an enum value
 * that is an alias (a number already named in its enum) is left out: the first name stands.
 */
function* deprecatedElements(v: Views): Generator<Element> {
  for (const m of v.messages) {
    if (m.node.mapEntry) continue;
    if (isDeprecated(m.node)) yield messageElement(m);
    for (const f of m.node.fields) if (isDeprecated(f)) yield fieldElement(m, f);
  }
  for (const e of v.enums) {
    if (isDeprecated(e.node)) yield enumElement(e);
    const numbers = new Set<number>();
    for (const val of e.node.values) {
      if (numbers.has(val.number)) continue;
      numbers.add(val.number);
      if (isDeprecated(val)) yield valueElement(e, val);
    }
  }
  for (const s of v.services) {
    if (isDeprecated(s.node)) yield serviceElement(s);
    for (const m of s.node.methods) if (isDeprecated(m)) yield methodElement(s, m);
  }
}

type ServiceDecl = Views['services'][number];

const element = (
  kind: string,
  args: MessageArgs,
  pointer: string[],
  fv: FileView,
  node: { at: Offset; options?: OptionEntry[] },
): Element => ({ kind, args, pointer, fv, at: node.at, options: node.options });

const messageElement = ({ fv, node: m }: MessageView) =>
  element('Message', { name: m.fullName }, ['messages', m.fullName], fv, m);
const fieldElement = ({ fv, node: m }: MessageView, f: FieldNode) =>
  element(
    'Field',
    { name: `${f.number}`, field: f.name, message: m.name },
    ['messages', m.fullName, 'fields', String(f.number)],
    fv,
    f,
  );
const enumElement = ({ fv, node: e }: EnumView) =>
  element('Enum', { name: e.fullName }, ['enums', e.fullName], fv, e);
const valueElement = ({ fv, node: e }: EnumView, v: EnumValueNode) =>
  element(
    'Enum value',
    { name: v.name, enum: e.name },
    ['enums', e.fullName, 'values', String(v.number)],
    fv,
    v,
  );
const serviceElement = ({ fv, node: s }: ServiceDecl) =>
  element('Service', { name: s.fullName }, ['services', s.fullName], fv, s);
const methodElement = ({ fv, node: s }: ServiceDecl, m: MethodNode) =>
  element(
    'RPC',
    { name: m.name, service: s.name },
    ['services', s.fullName, 'methods', m.name],
    fv,
    m,
  );

/**
 * The deprecatable elements of one side, found by pointer. Only the pointers that matter are
 * looked up (the revision's deprecated elements, the findings), so the index holds the
 * declarations by full name and finds a field, value or method inside its declaration; as in a
 * map keyed by pointer, a later declaration of the same name wins, and so does a later field of
 * the same number, but the first name of an enum value number stands.
 */
class ElementIndex {
  private readonly messages = new Map<string, MessageView[]>();
  private readonly enums = new Map<string, EnumView[]>();
  private readonly services = new Map<string, ServiceDecl[]>();

  constructor(v: Views) {
    for (const m of v.messages) if (!m.node.mapEntry) push(this.messages, m.node.fullName, m);
    for (const e of v.enums) push(this.enums, e.node.fullName, e);
    for (const s of v.services) push(this.services, s.node.fullName, s);
  }

  get(pointer: readonly string[]): Element | undefined {
    const [kind, name, sub, key] = pointer;
    if (name === undefined || !(pointer.length === 2 || pointer.length === 4)) return undefined;
    const whole = pointer.length === 2;
    if (kind === 'messages') {
      const decls = this.messages.get(name);
      if (!decls) return undefined;
      if (whole) return messageElement(decls[decls.length - 1]!);
      if (sub !== 'fields') return undefined;
      for (let i = decls.length - 1; i >= 0; i--) {
        const fields = decls[i]!.node.fields;
        for (let j = fields.length - 1; j >= 0; j--) {
          if (String(fields[j]!.number) === key) return fieldElement(decls[i]!, fields[j]!);
        }
      }
    } else if (kind === 'enums') {
      const decls = this.enums.get(name);
      if (!decls) return undefined;
      if (whole) return enumElement(decls[decls.length - 1]!);
      if (sub !== 'values') return undefined;
      for (const e of decls) {
        const val = e.node.values.find((x) => String(x.number) === key);
        if (val) return valueElement(e, val);
      }
    } else if (kind === 'services') {
      const decls = this.services.get(name);
      if (!decls) return undefined;
      if (whole) return serviceElement(decls[decls.length - 1]!);
      if (sub !== 'methods') return undefined;
      for (let i = decls.length - 1; i >= 0; i--) {
        const methods = decls[i]!.node.methods;
        for (let j = methods.length - 1; j >= 0; j--) {
          if (methods[j]!.name === key) return methodElement(decls[i]!, methods[j]!);
        }
      }
    }
    return undefined;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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
 * and marks the removals of elements the baseline deprecated. Only deprecated elements are read
 * closely: an element that is not deprecated in the revision yields no report.
 */
export function compareDeprecations(cx: Comparison): void {
  const base = new ElementIndex(cx.bv);
  for (const r of deprecatedElements(cx.rv)) {
    const b = base.get(r.pointer);
    if (!b) continue;
    const pointer = r.pointer;
    const rl = lifecycleOf(r);
    const bDeprecated = isDeprecated(b);
    const here = cx.place(r.fv, r.at);
    const there = cx.place(b.fv, b.at);
    if (!bDeprecated) {
      const sunset = rl.sunset.kind === 'date' ? rl.sunset.date : '';
      cx.emit(
        'proto-element-deprecated',
        { ...r.args, element: r.kind, sunset },
        pointer,
        here,
        there,
      );
    }
    if (rl.sunset.kind === 'invalid' && (!bDeprecated || rl.tag !== lifecycleOf(b).tag)) {
      cx.emit(
        'proto-sunset-invalid',
        { ...r.args, element: r.kind, sunset: rl.sunset.raw },
        pointer,
        here,
        there,
      );
    }
  }
  for (const raw of cx.out) markDeprecated(raw, base);
}

function markDeprecated(raw: RawFinding, base: ElementIndex): void {
  const b = base.get(raw.pointer);
  if (!b || !isDeprecated(b)) return;
  const { sunset } = lifecycleOf(b);
  raw.deprecation = sunset.kind === 'date' ? { sunset: sunset.date } : {};
}
