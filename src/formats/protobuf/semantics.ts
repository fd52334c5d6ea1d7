import {
  option,
  type EnumNode,
  type FieldNode,
  type FileNode,
  type MessageNode,
  type OptionEntry,
} from './ast.js';
import { parseIntLiteral } from './parser.js';
import type { ProtoFile, ProtoTree } from './tree.js';

/**
 * What protoc and protobuf-go derive from a declaration: resolved editions features, field kinds
 * (with delimited encoding), cardinality and presence, closed enums, JSON names, defaults, and the
 * C++/Java string settings. One place for these derivations, so every rule reads the same answer.
 */

export interface Features {
  fieldPresence: string;
  enumType: string;
  utf8Validation: string;
  messageEncoding: string;
  jsonFormat: string;
  cppStringType: string;
  javaUtf8Validation: string;
}

const PROTO2: Features = {
  fieldPresence: 'EXPLICIT',
  enumType: 'CLOSED',
  utf8Validation: 'NONE',
  messageEncoding: 'LENGTH_PREFIXED',
  jsonFormat: 'LEGACY_BEST_EFFORT',
  cppStringType: 'STRING',
  javaUtf8Validation: 'DEFAULT',
};
const PROTO3: Features = {
  ...PROTO2,
  fieldPresence: 'IMPLICIT',
  enumType: 'OPEN',
  utf8Validation: 'VERIFY',
  jsonFormat: 'ALLOW',
};
const EDITION_2023: Features = {
  ...PROTO2,
  fieldPresence: 'EXPLICIT',
  enumType: 'OPEN',
  utf8Validation: 'VERIFY',
  jsonFormat: 'ALLOW',
};
const EDITION_2024: Features = { ...EDITION_2023, cppStringType: 'VIEW' };

const FEATURE_OPTIONS: ReadonlyArray<readonly [keyof Features, string]> = [
  ['fieldPresence', 'features.field_presence'],
  ['enumType', 'features.enum_type'],
  ['utf8Validation', 'features.utf8_validation'],
  ['messageEncoding', 'features.message_encoding'],
  ['jsonFormat', 'features.json_format'],
  ['cppStringType', 'features.(pb.cpp).string_type'],
  ['javaUtf8Validation', 'features.(pb.java).utf8_validation'],
];

export function fileFeatures(ast: FileNode): Features {
  const base =
    ast.syntax === 'proto2'
      ? PROTO2
      : ast.syntax === 'proto3'
        ? PROTO3
        : Number(ast.edition) >= 2024
          ? EDITION_2024
          : EDITION_2023;
  return withFeatures(base, ast.options);
}

/** The parent's features overridden by `features.*` options of an element. */
export function withFeatures(parent: Features, options: OptionEntry[] | undefined): Features {
  if (!options) return parent;
  let out: Features | undefined;
  for (const [key, name] of FEATURE_OPTIONS) {
    const o = option(options, name);
    if (o) {
      out ??= { ...parent };
      out[key] = o.value.text;
    }
  }
  return out ?? parent;
}

/** The `features.*` option an element sets itself, for locations. */
export function featureOption(
  options: OptionEntry[] | undefined,
  key: keyof Features,
): OptionEntry | undefined {
  const name = FEATURE_OPTIONS.find(([k]) => k === key)![1];
  return option(options, name);
}

// ── Views: declarations with what their file and tree make of them ─────────────────────────────

export interface FileView {
  tree: ProtoTree;
  file: ProtoFile;
  ast: FileNode;
  features: Features;
}

export class MessageView {
  private resolved?: FieldView[];
  constructor(
    readonly fv: FileView,
    readonly node: MessageNode,
    /** Full name without the package (`Outer.Inner`). */
    readonly nested: string,
    readonly features: Features,
    /** The top-level message this one is nested in (itself when top-level). */
    readonly top: MessageNode,
  ) {}

  /** The fields, resolved on first use (a deleted message's fields are never resolved). */
  get fields(): FieldView[] {
    this.resolved ??= this.node.fields.map((f) =>
      fieldView(this.fv, f, this, this.node.fullName, this.features),
    );
    return this.resolved;
  }
}

export interface EnumView {
  fv: FileView;
  node: EnumNode;
  /** The top-level message the enum is nested in, if any. */
  top?: MessageNode;
  nested: string;
  features: Features;
  closed: boolean;
}

export type Cardinality =
  | 'optional with explicit presence'
  | 'optional with implicit presence'
  | 'required'
  | 'repeated'
  | 'map';

export interface FieldView {
  fv: FileView;
  node: FieldNode;
  /** The message declaring the field; undefined for extensions declared at file level. */
  parent?: MessageView;
  /** Scope the field's names resolve in: its message, or the extend block's scope. */
  scope: string;
  fullName: string;
  /** For extensions: the extendee's full name. */
  extendee?: string;
  features: Features;
  /** Scalar type name, or 'enum' | 'message' | 'group' (group = delimited encoding). */
  kind: string;
  /** Full name of the enum/message type, without a leading dot. */
  typeName?: string;
  enumNode?: EnumNode;
  inMapEntry: boolean;
  cardinality: Cardinality;
  /** The real (non-synthetic) oneof the field belongs to. */
  oneof?: string;
}

export function fileView(tree: ProtoTree, file: ProtoFile): FileView {
  const ast = file.parsed.ast;
  return { tree, file, ast, features: fileFeatures(ast) };
}

export function messageView(
  fv: FileView,
  node: MessageNode,
  parentFeatures: Features,
  top: MessageNode,
  mapField?: FieldView,
): MessageView {
  const features = mapField ? mapField.features : withFeatures(parentFeatures, node.options);
  const nested = fv.ast.package ? node.fullName.slice(fv.ast.package.length + 1) : node.fullName;
  return new MessageView(fv, node, nested, features, top);
}

export function enumView(fv: FileView, node: EnumNode, parentFeatures: Features): EnumView {
  const features = withFeatures(parentFeatures, node.options);
  const nested = fv.ast.package ? node.fullName.slice(fv.ast.package.length + 1) : node.fullName;
  return { fv, node, nested, features, closed: features.enumType === 'CLOSED' };
}

export function fieldView(
  fv: FileView,
  node: FieldNode,
  parent: MessageView | undefined,
  scope: string,
  scopeFeatures: Features,
): FieldView {
  let features = scopeFeatures;
  if (parent && node.oneof !== undefined) {
    features = withFeatures(features, parent.node.oneofs[node.oneof]?.options);
  }
  features = withFeatures(features, node.options);
  const { tree, file } = fv;
  let kind = node.type;
  let typeName: string | undefined;
  let enumNode: EnumNode | undefined;
  if (!node.scalar) {
    const sym = tree.requireType(file, scope, node.type, node.typeAt);
    typeName = sym.fullName;
    if (sym.kind === 'enum') {
      kind = 'enum';
      enumNode = sym.node as EnumNode;
    } else {
      const delimited = !node.map && features.messageEncoding === 'DELIMITED';
      kind = node.group || delimited ? 'group' : 'message';
    }
  }
  const view: FieldView = {
    fv,
    node,
    scope,
    fullName: `${scope ? scope + '.' : ''}${node.name}`,
    features,
    kind,
    inMapEntry: !!parent?.node.mapEntry,
    cardinality: 'optional with implicit presence',
  };
  if (parent) view.parent = parent;
  if (typeName !== undefined) view.typeName = typeName;
  if (enumNode) view.enumNode = enumNode;
  if (node.extendee !== undefined) {
    view.extendee = tree.requireType(file, scope, node.extendee, node.typeAt).fullName;
  }
  if (parent && node.oneof !== undefined) view.oneof = parent.node.oneofs[node.oneof]!.name;
  view.cardinality = cardinality(view);
  return view;
}

function cardinality(f: FieldView): Cardinality {
  const { node } = f;
  if (node.map) return 'map';
  if (node.label === 'repeated') return 'repeated';
  if (node.label === 'required' || f.features.fieldPresence === 'LEGACY_REQUIRED') {
    return 'required';
  }
  const explicit =
    node.extendee !== undefined ||
    f.kind === 'message' ||
    f.kind === 'group' ||
    node.oneof !== undefined ||
    node.proto3Optional === true ||
    (f.fv.ast.syntax === 'proto2'
      ? true
      : f.fv.ast.syntax === 'proto3'
        ? false
        : f.features.fieldPresence === 'EXPLICIT');
  return explicit ? 'optional with explicit presence' : 'optional with implicit presence';
}

/** protoc's default JSON name: `foo_bar` → `fooBar`. */
export function defaultJsonName(name: string): string {
  let out = '';
  let up = false;
  for (const ch of name) {
    if (ch === '_') {
      up = true;
      continue;
    }
    out += up ? ch.toUpperCase() : ch;
    up = false;
  }
  return out;
}

export function jsonName(f: FieldView): string {
  const o = option(f.node.options, 'json_name');
  return o ? o.value.text : defaultJsonName(f.node.name);
}

// ── Defaults ────────────────────────────────────────────────────────────────────────────────────

export interface DefaultValue {
  /** Strings and bytes compare as strings; everything else as a number. */
  value: string | number | bigint;
  float32?: boolean;
  printable: string;
}

const INTEGER_KINDS = new Set([
  'int32',
  'int64',
  'uint32',
  'uint64',
  'sint32',
  'sint64',
  'fixed32',
  'fixed64',
  'sfixed32',
  'sfixed64',
]);

export function canHaveDefault(f: FieldView): boolean {
  return (
    f.cardinality !== 'repeated' &&
    f.cardinality !== 'map' &&
    f.kind !== 'message' &&
    f.kind !== 'group'
  );
}

/** The field's default: the explicit `default` option or the kind's zero value. */
export function defaultValue(f: FieldView): DefaultValue {
  const text = option(f.node.options, 'default')?.value.text;
  const kind = f.kind;
  if (kind === 'string' || kind === 'bytes') {
    const v = text ?? '';
    return {
      value: v,
      printable:
        kind === 'string'
          ? JSON.stringify(v)
          : `[${[...v].map((c) => '0x' + c.charCodeAt(0).toString(16).toUpperCase()).join(',')}]`,
    };
  }
  if (kind === 'bool') {
    const v = text === 'true';
    return { value: v ? 1n : 0n, printable: String(v) };
  }
  if (kind === 'enum') {
    const values = f.enumNode?.values ?? [];
    const hit = text !== undefined ? values.find((v) => v.name === text) : values[0];
    const n = hit?.number ?? 0;
    return { value: BigInt(n), printable: `${f.enumNode?.name ?? ''}.${hit?.name ?? n}` };
  }
  if (INTEGER_KINDS.has(kind)) {
    const v = text === undefined ? 0n : parseBigInt(text);
    return { value: v, printable: v.toString() };
  }
  // double / float
  const v = text === undefined ? 0 : parseFloatLiteral(text);
  const value = kind === 'float' ? Math.fround(v) : v;
  const out: DefaultValue = { value, printable: formatFloat(value) };
  if (kind === 'float') out.float32 = true;
  return out;
}

export function isZeroDefault(d: DefaultValue): boolean {
  if (typeof d.value === 'string') return d.value === '';
  if (typeof d.value === 'bigint') return d.value === 0n;
  return d.value === 0 && !Object.is(d.value, -0);
}

export function defaultsEqual(a: DefaultValue, b: DefaultValue): boolean {
  if (typeof a.value === 'string' || typeof b.value === 'string') return a.value === b.value;
  if (a.float32 !== b.float32 && typeof a.value === 'number' && typeof b.value === 'number') {
    if (Number.isNaN(a.value) && Number.isNaN(b.value)) return true;
    return Math.fround(a.value) === Math.fround(b.value);
  }
  const an = typeof a.value === 'number' && Number.isNaN(a.value);
  const bn = typeof b.value === 'number' && Number.isNaN(b.value);
  if (an || bn) return an && bn;
  // bigint == number compares exactly in JavaScript.
  return a.value == b.value;
}

function parseBigInt(text: string): bigint {
  const neg = text.startsWith('-');
  const t = neg ? text.slice(1) : text;
  let v: bigint;
  if (/^0[xX]/.test(t)) v = BigInt(t);
  else if (/^0[0-7]+$/.test(t)) v = BigInt('0o' + t.slice(1));
  else if (/^\d+$/.test(t)) v = BigInt(t);
  else v = BigInt(Math.trunc(Number(t)));
  return neg ? -v : v;
}

function parseFloatLiteral(text: string): number {
  const t = text.toLowerCase();
  const neg = t.startsWith('-');
  const body = neg ? t.slice(1) : t;
  let v: number;
  if (body === 'inf' || body === 'infinity') v = Infinity;
  else if (body === 'nan') v = NaN;
  else if (/^0[x]/.test(body) || (/^0[0-7]+$/.test(body) && body.length > 1)) {
    v = parseIntLiteral(body);
  } else v = Number(body);
  return neg ? -v : v;
}

function formatFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

// ── C++ and Java string settings ────────────────────────────────────────────────────────────────

/** [string type, is STRING_PIECE] as buf derives them from ctype or (pb.cpp).string_type. */
export function cppStringType(f: FieldView): [string, boolean] {
  const edition = f.fv.ast.syntax === 'editions' ? Number(f.fv.ast.edition) : 0;
  if (edition < 2024) {
    const ctype = option(f.node.options, 'ctype')?.value.text;
    if (ctype === 'CORD') return ['CORD', false];
    if (ctype === 'STRING_PIECE') return ['STRING', true];
    if (ctype === 'STRING') return ['STRING', false];
  }
  return [f.features.cppStringType, false];
}

export function javaUtf8Validation(f: FieldView): string {
  const base = f.features.utf8Validation;
  const fileOption = option(f.fv.ast.options, 'java_string_check_utf8');
  if (f.fv.ast.syntax !== 'editions' || fileOption) {
    return fileOption?.value.text === 'true' ? 'VERIFY' : base;
  }
  return f.features.javaUtf8Validation === 'VERIFY' ? 'VERIFY' : base;
}

export const SIXTY_FOUR_BIT = new Set(['int64', 'sint64', 'uint64', 'fixed64', 'sfixed64']);

/** Kind as buf prints it in type-change messages. */
export function prettyKind(f: FieldView): string {
  if (f.kind === 'group' && f.fv.ast.syntax !== 'proto2') return 'message (delimited encoding)';
  return f.kind;
}
