/**
 * The syntax tree of one .proto file, as written: names, numbers, labels, type references (not yet
 * resolved), options and the source offset of every element and of the tokens buf reports on.
 * Offsets turn into line and column only when a finding needs them (see positions.ts).
 */

/** A source offset (UTF-16 index into the file text). */
export type Offset = number;

export type Syntax = 'proto2' | 'proto3' | 'editions';

export interface OptionValue {
  kind: 'string' | 'ident' | 'number' | 'aggregate';
  /** Decoded text for strings (bytes as one char per byte), the literal for numbers/identifiers. */
  text: string;
}

export interface OptionEntry {
  /**
   * Normalised name: `go_package`, `features.field_presence`, `features.(pb.cpp).string_type`,
   * `(google.api.http).get`. Aggregate values are flattened into one entry per leaf.
   */
  name: string;
  value: OptionValue;
  /** Start of the option: the `option` keyword of a statement, the name inside `[...]`. */
  at: Offset;
}

export interface Range {
  start: number;
  /** Inclusive. `max` is stored as the kind's maximum. */
  end: number;
}

export type Label = 'optional' | 'required' | 'repeated';

export interface FieldNode {
  name: string;
  number: number;
  label?: Label;
  /** Scalar type name, or the type reference as written (`Foo`, `.pkg.Foo`, `a.B`). */
  type: string;
  /** True when `type` names a scalar (int32, string, ...). */
  scalar: boolean;
  /** Statement start (label, or type when there is no label). */
  at: Offset;
  typeAt: Offset;
  nameAt: Offset;
  numberAt: Offset;
  options?: OptionEntry[];
  /** Index into the containing message's `oneofs`. */
  oneof?: number;
  /** `optional` in a proto3 file (synthetic oneof; not kept as a oneof). */
  proto3Optional?: boolean;
  /** A `map<K, V>` field: `type` is the synthetic entry message's absolute name. */
  map?: boolean;
  /** A proto2 group: `type` is the nested group message's absolute name. */
  group?: boolean;
  /** For extensions: the extendee as written, and the scope the extend block sits in. */
  extendee?: string;
}

export interface OneofNode {
  name: string;
  at: Offset;
  options?: OptionEntry[];
}

export interface MessageNode {
  name: string;
  fullName: string;
  at: Offset;
  /** Offset just after the closing brace. */
  end: Offset;
  fields: FieldNode[];
  oneofs: OneofNode[];
  messages: MessageNode[];
  enums: EnumNode[];
  /** Fields of `extend` blocks declared inside this message (scope = this message). */
  extensions: FieldNode[];
  reserved: Range[];
  reservedNames: string[];
  extensionRanges: Range[];
  options?: OptionEntry[];
  /** Synthetic entry message of a map field. */
  mapEntry?: boolean;
  /** Message declared by a proto2 group. */
  group?: boolean;
}

export interface EnumValueNode {
  name: string;
  number: number;
  at: Offset;
  numberAt: Offset;
  options?: OptionEntry[];
}

export interface EnumNode {
  name: string;
  fullName: string;
  at: Offset;
  /** Offset just after the closing brace. */
  end: Offset;
  values: EnumValueNode[];
  reserved: Range[];
  reservedNames: string[];
  options?: OptionEntry[];
}

export interface MethodNode {
  name: string;
  at: Offset;
  /** Offset just after the closing `}` or `;`. */
  end: Offset;
  input: string;
  inputAt: Offset;
  inputStream: boolean;
  output: string;
  outputAt: Offset;
  outputStream: boolean;
  options?: OptionEntry[];
}

export interface ServiceNode {
  name: string;
  fullName: string;
  at: Offset;
  /** Offset just after the closing brace. */
  end: Offset;
  methods: MethodNode[];
  options?: OptionEntry[];
}

export interface ImportNode {
  path: string;
  modifier?: 'public' | 'weak' | 'option';
  at: Offset;
}

export interface FileNode {
  syntax: Syntax;
  /** `2023`, `2024` for editions files. */
  edition?: string;
  syntaxAt?: Offset;
  package: string;
  packageAt?: Offset;
  imports: ImportNode[];
  options?: OptionEntry[];
  messages: MessageNode[];
  enums: EnumNode[];
  services: ServiceNode[];
  /** Fields of top-level `extend` blocks (scope = the package). */
  extensions: FieldNode[];
}

export const SCALARS: ReadonlySet<string> = new Set([
  'double',
  'float',
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
  'bool',
  'string',
  'bytes',
]);

/** Field numbers top out at 2^29-1; enum values at 2^31-1. */
export const FIELD_MAX = 536870911;
export const MESSAGE_SET_MAX = 2147483646;
export const ENUM_MAX = 2147483647;

export function option(options: OptionEntry[] | undefined, name: string): OptionEntry | undefined {
  if (!options) return undefined;
  for (let i = options.length - 1; i >= 0; i--) if (options[i]!.name === name) return options[i];
  return undefined;
}
