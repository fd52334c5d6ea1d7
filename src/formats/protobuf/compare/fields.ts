import { matchBy } from '../../../core/match.js';
import type { MessageArgs } from '../../../core/rule.js';
import { option, type EnumNode, type Offset } from '../ast.js';
import {
  canHaveDefault,
  cppStringType,
  defaultValue,
  defaultsEqual,
  featureOption,
  isZeroDefault,
  javaUtf8Validation,
  jsonName,
  prettyKind,
  SIXTY_FOUR_BIT,
  type FieldView,
  type FileView,
} from '../semantics.js';
import type { Comparison } from './context.js';

/** Field pairs (message fields matched by number, extensions by extendee and number). */

export function compareExtensions(cx: Comparison): void {
  const key = (x: FieldView) => `${x.extendee}#${x.node.number}`;
  const m = matchBy(cx.bv.extensions, cx.rv.extensions, key);
  for (const { base: p, rev: c } of m.both) fieldPair(cx, p, c);
}

export function fieldPair(cx: Comparison, p: FieldView, c: FieldView): void {
  const args = fieldArgs(c);
  const ptr =
    c.extendee !== undefined
      ? ['extensions', c.extendee, String(c.node.number)]
      : ['messages', c.parent!.node.fullName, 'fields', String(c.node.number)];
  const here = cx.place(c.fv, c.node.at);
  const there = cx.place(p.fv, p.node.at);
  const at = (fv: FileView, off: Offset | undefined, fallback: Offset) =>
    cx.place(fv, off ?? fallback);
  const mapEntries = p.inMapEntry && c.inMapEntry;

  if (!mapEntries && p.cardinality !== c.cardinality) {
    const a = { ...args, before: p.cardinality, after: c.cardinality };
    cx.emit('FIELD_SAME_CARDINALITY', a, ptr, here, there);
    if (WIRE_CARDINALITY[p.cardinality] !== WIRE_CARDINALITY[c.cardinality]) {
      cx.emit('FIELD_WIRE_COMPATIBLE_CARDINALITY', a, ptr, here, there);
    }
    if (WIRE_JSON_CARDINALITY[p.cardinality] !== WIRE_JSON_CARDINALITY[c.cardinality]) {
      cx.emit('FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY', a, ptr, here, there);
    }
  }

  const strOrBytes = (f: FieldView) => f.kind === 'string' || f.kind === 'bytes';
  if (!mapEntries && strOrBytes(p) && strOrBytes(c)) {
    const [pt, pp] = cppStringType(p);
    const [ct, cp] = cppStringType(c);
    if ((pt !== ct || pp !== cp) && !(pp && ct === 'STRING')) {
      const loc = (f: FieldView) =>
        option(f.node.options, 'ctype')?.at ?? featureOption(f.node.options, 'cppStringType')?.at;
      cx.emit(
        'FIELD_SAME_CPP_STRING_TYPE',
        { ...args, before: pp ? 'STRING_PIECE' : pt, after: cp ? 'STRING_PIECE' : ct },
        ptr,
        at(c.fv, loc(c), c.node.at),
        at(p.fv, loc(p), p.node.at),
      );
    }
  }
  if (p.kind === 'string' && c.kind === 'string') {
    const pj = javaUtf8Validation(p);
    const cj = javaUtf8Validation(c);
    if (pj !== cj) {
      const loc = (f: FieldView) =>
        option(f.fv.ast.options, 'java_string_check_utf8')?.at ??
        featureOption(f.node.options, 'javaUtf8Validation')?.at;
      cx.emit(
        'FIELD_SAME_JAVA_UTF8_VALIDATION',
        { ...args, before: pj, after: cj },
        ptr,
        at(c.fv, loc(c), c.node.at),
        at(p.fv, loc(p), p.node.at),
      );
    }
    if (p.features.utf8Validation !== c.features.utf8Validation) {
      const loc = (f: FieldView) => featureOption(f.node.options, 'utf8Validation')?.at;
      cx.emit(
        'FIELD_SAME_UTF8_VALIDATION',
        { ...args, before: p.features.utf8Validation, after: c.features.utf8Validation },
        ptr,
        at(c.fv, loc(c), c.node.at),
        at(p.fv, loc(p), p.node.at),
      );
    }
  }
  if (SIXTY_FOUR_BIT.has(p.node.type) && SIXTY_FOUR_BIT.has(c.node.type)) {
    const pj = option(p.node.options, 'jstype');
    const cj = option(c.node.options, 'jstype');
    const before = pj?.value.text ?? 'JS_NORMAL';
    const after = cj?.value.text ?? 'JS_NORMAL';
    if (before !== after) {
      cx.emit(
        'FIELD_SAME_JSTYPE',
        { ...args, before, after },
        ptr,
        at(c.fv, cj?.at, c.node.at),
        at(p.fv, pj?.at, p.node.at),
      );
    }
  }
  fieldTypes(cx, p, c, args, ptr);

  if (p.extendee === undefined) {
    const pj = jsonName(p);
    const cj = jsonName(c);
    if (pj !== cj) {
      const loc = (f: FieldView) => option(f.node.options, 'json_name')?.at;
      cx.emit(
        'FIELD_SAME_JSON_NAME',
        { ...args, before: pj, after: cj },
        ptr,
        at(c.fv, loc(c), c.node.at),
        at(p.fv, loc(p), p.node.at),
      );
    }
  }
  const pn = p.extendee !== undefined ? p.fullName : p.node.name;
  const cn = c.extendee !== undefined ? c.fullName : c.node.name;
  if (pn !== cn) {
    cx.emit(
      'FIELD_SAME_NAME',
      { ...args, before: pn, after: cn },
      ptr,
      cx.place(c.fv, c.node.nameAt),
      cx.place(p.fv, p.node.nameAt),
    );
  }
  if (canHaveDefault(p) && canHaveDefault(c)) {
    const pd = defaultValue(p);
    const cd = defaultValue(c);
    if (!(isZeroDefault(pd) && isZeroDefault(cd)) && !defaultsEqual(pd, cd)) {
      const loc = (f: FieldView) => option(f.node.options, 'default')?.at;
      cx.emit(
        'FIELD_SAME_DEFAULT',
        { ...args, before: pd.printable, after: cd.printable },
        ptr,
        at(c.fv, loc(c), c.node.at),
        at(p.fv, loc(p), p.node.at),
      );
    }
  }
  if (
    p.extendee === undefined &&
    (p.oneof !== undefined || c.oneof !== undefined) &&
    p.oneof !== c.oneof
  ) {
    cx.emit(
      'FIELD_SAME_ONEOF',
      { ...args, before: p.oneof ?? '', after: c.oneof ?? '' },
      ptr,
      here,
      there,
    );
  }
}

/** FIELD_SAME_TYPE and the wire / wire+JSON compatible variants. */
function fieldTypes(
  cx: Comparison,
  p: FieldView,
  c: FieldView,
  args: MessageArgs,
  ptr: string[],
): void {
  if (p.kind === c.kind && p.typeName === c.typeName) return;
  const here = cx.place(c.fv, c.node.typeAt);
  const there = cx.place(p.fv, p.node.typeAt);
  const kindChange = { ...args, before: prettyKind(p), after: prettyKind(c) };
  const nameChange = { ...args, before: p.typeName ?? '', after: c.typeName ?? '' };
  const named = (f: FieldView) => f.kind === 'enum' || f.kind === 'message' || f.kind === 'group';
  if (p.kind !== c.kind) cx.emit('FIELD_SAME_TYPE', kindChange, ptr, here, there);
  else if (named(c) && p.typeName !== c.typeName)
    cx.emit('FIELD_SAME_TYPE', nameChange, ptr, here, there);

  const wire = (f: FieldView) => WIRE_GROUP[f.kind];
  if (wire(p) !== wire(c)) {
    if (!(p.kind === 'string' && c.kind === 'bytes')) {
      const bytesToString = p.kind === 'bytes' && c.kind === 'string';
      cx.emit('FIELD_WIRE_COMPATIBLE_TYPE', { ...kindChange, bytesToString }, ptr, here, there);
    }
  } else if (c.kind === 'enum' && p.typeName !== c.typeName) {
    if (!enumCompatible(p.enumNode, c.enumNode)) {
      cx.emit('FIELD_WIRE_COMPATIBLE_TYPE', { ...nameChange, typeRenamed: true }, ptr, here, there);
    }
  } else if ((c.kind === 'message' || c.kind === 'group') && p.typeName !== c.typeName) {
    cx.emit('FIELD_WIRE_COMPATIBLE_TYPE', { ...nameChange, typeRenamed: true }, ptr, here, there);
  }

  const wireJson = (f: FieldView) => WIRE_JSON_GROUP[f.kind];
  if (wireJson(p) !== wireJson(c)) {
    cx.emit('FIELD_WIRE_JSON_COMPATIBLE_TYPE', kindChange, ptr, here, there);
  } else if (c.kind === 'enum' && p.typeName !== c.typeName) {
    if (!enumCompatible(p.enumNode, c.enumNode)) {
      cx.emit(
        'FIELD_WIRE_JSON_COMPATIBLE_TYPE',
        { ...nameChange, typeRenamed: true },
        ptr,
        here,
        there,
      );
    }
  } else if ((c.kind === 'message' || c.kind === 'group') && p.typeName !== c.typeName) {
    cx.emit(
      'FIELD_WIRE_JSON_COMPATIBLE_TYPE',
      { ...nameChange, typeRenamed: true },
      ptr,
      here,
      there,
    );
  }
}

export function fieldArgs(f: FieldView): MessageArgs {
  return f.extendee !== undefined
    ? { extension: true, number: f.node.number, field: f.fullName, message: f.extendee }
    : { number: f.node.number, field: f.node.name, message: f.parent!.node.name };
}

/** buf's rule for swapping one enum for another: same short name, old values all still there. */
function enumCompatible(p: EnumNode | undefined, c: EnumNode | undefined): boolean {
  if (!p || !c || p.name !== c.name) return false;
  return p.values.every((v) => c.values.some((w) => w.name === v.name && w.number === v.number));
}

const WIRE_CARDINALITY: Record<string, number> = {
  'optional with explicit presence': 1,
  'optional with implicit presence': 1,
  required: 2,
  repeated: 3,
  map: 3,
};
const WIRE_JSON_CARDINALITY: Record<string, number> = { ...WIRE_CARDINALITY, map: 4 };
const WIRE_GROUP: Record<string, number> = {
  int32: 1,
  int64: 1,
  uint32: 1,
  uint64: 1,
  bool: 1,
  sint32: 2,
  sint64: 2,
  string: 3,
  bytes: 4,
  fixed32: 5,
  sfixed32: 5,
  fixed64: 6,
  sfixed64: 6,
  double: 7,
  float: 8,
  group: 9,
  message: 10,
  enum: 11,
};
const WIRE_JSON_GROUP: Record<string, number> = {
  int32: 1,
  uint32: 1,
  int64: 2,
  uint64: 2,
  fixed32: 3,
  sfixed32: 3,
  fixed64: 4,
  sfixed64: 4,
  bool: 5,
  sint32: 6,
  sint64: 7,
  string: 8,
  bytes: 9,
  double: 10,
  float: 11,
  group: 12,
  message: 13,
  enum: 14,
};
