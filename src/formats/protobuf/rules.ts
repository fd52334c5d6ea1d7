import type { ChangeKind, MessageArgs, RuleDef } from '../../core/rule.js';
import { MODES } from '../../core/rule.js';
import { withExplain } from '../../core/rule-explain.js';
import { PROTOBUF_EXPLAIN } from './explain.js';

/**
 * The protobuf rule catalogue: one entry per buf v2 breaking rule (65), with buf's id in
 * `equivalents.buf` and buf's category membership, plus the info rules for additions that
 * changelogs and the semver bump need. Ids are buf's in kebab case (FIELD_SAME_TYPE →
 * field-same-type). Messages follow buf's wording so findings read the same after a migration.
 * Detection lives in compare.ts; nothing here knows how a change is found.
 */

type A = MessageArgs;
const q = (v: unknown) => `"${String(v ?? '')}"`;

/** `Field "2" with name "count" on message "Foo"` (extensions: `Extension ... on message "pkg.Foo"`). */
export function fieldDescription(a: A, withName = true): string {
  const kind = a.extension ? 'Extension' : 'Field';
  const name = withName ? ` with name ${q(a.field)}` : '';
  return `${kind} ${q(a.number)}${name} on message ${q(a.message)}`;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

interface Spec {
  buf: string;
  categories: readonly string[];
  kind: ChangeKind;
  description: string;
  message: (a: A) => string;
  why: string;
  example?: { before: string; after: string };
  deprecated?: boolean;
}

export function bufIdToRuleId(buf: string): string {
  return buf.toLowerCase().replace(/_/g, '-');
}

function buf(spec: Spec): RuleDef<A> {
  return {
    id: bufIdToRuleId(spec.buf),
    formats: ['protobuf'],
    severity: 'breaking',
    description: spec.description,
    kind: spec.kind,
    // buf's rules keep the wire, JSON or generated code the same: a change in place breaks both
    // sides (symmetric); a deletion only breaks consumers of the published contract.
    modes: spec.kind === 'modification' ? MODES.symmetric : MODES.breaking,
    equivalents: { buf: [spec.buf] },
    categories: spec.categories,
    message: spec.message,
    explain: {
      why: spec.why,
      ...(spec.example ? { example: { ...spec.example, language: 'protobuf' } } : {}),
    },
    ...(spec.deprecated ? { deprecated: true } : {}),
  };
}

const FILE = ['FILE'] as const;
const CSR_FILE = ['CSR', 'FILE'] as const;
const FILE_PACKAGE = ['FILE', 'PACKAGE'] as const;
const CSR_FILE_PACKAGE = ['CSR', 'FILE', 'PACKAGE'] as const;
const JSON_UP = ['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON'] as const;
const ALL = ['CSR', 'FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'] as const;
const PACKAGE = ['PACKAGE'] as const;
const CSR_WIRE_JSON = ['CSR', 'WIRE_JSON'] as const;
const CSR_WIRE_JSON_WIRE = ['CSR', 'WIRE_JSON', 'WIRE'] as const;
const WIRE = ['WIRE'] as const;

const GENERATED =
  'Code generated from the previous definition no longer compiles against the new one.';

function fileOption(option: string, bufId: string): RuleDef<A> {
  return buf({
    buf: bufId,
    categories: FILE_PACKAGE,
    kind: 'modification',
    description: `Files keep the same value for the ${option} option.`,
    message: (a) => `File option ${q(option)} changed from ${q(a.before)} to ${q(a.after)}.`,
    why: `The ${option} option decides the generated package, class or namespace names; changing it moves every generated symbol of the file.`,
    example: {
      before: `option ${option} = "a";`,
      after: `option ${option} = "b";`,
    },
  });
}

/** File options compared by the FILE_SAME_* rules, with protoc's default when unset. */
export const FILE_OPTION_RULES: ReadonlyArray<{ option: string; buf: string; unset: string }> = [
  { option: 'cc_enable_arenas', buf: 'FILE_SAME_CC_ENABLE_ARENAS', unset: 'true' },
  { option: 'cc_generic_services', buf: 'FILE_SAME_CC_GENERIC_SERVICES', unset: 'false' },
  { option: 'csharp_namespace', buf: 'FILE_SAME_CSHARP_NAMESPACE', unset: '' },
  { option: 'go_package', buf: 'FILE_SAME_GO_PACKAGE', unset: '' },
  { option: 'java_generic_services', buf: 'FILE_SAME_JAVA_GENERIC_SERVICES', unset: 'false' },
  { option: 'java_multiple_files', buf: 'FILE_SAME_JAVA_MULTIPLE_FILES', unset: 'false' },
  { option: 'java_outer_classname', buf: 'FILE_SAME_JAVA_OUTER_CLASSNAME', unset: '' },
  { option: 'java_package', buf: 'FILE_SAME_JAVA_PACKAGE', unset: '' },
  { option: 'objc_class_prefix', buf: 'FILE_SAME_OBJC_CLASS_PREFIX', unset: '' },
  { option: 'optimize_for', buf: 'FILE_SAME_OPTIMIZE_FOR', unset: 'SPEED' },
  { option: 'php_class_prefix', buf: 'FILE_SAME_PHP_CLASS_PREFIX', unset: '' },
  { option: 'php_metadata_namespace', buf: 'FILE_SAME_PHP_METADATA_NAMESPACE', unset: '' },
  { option: 'php_namespace', buf: 'FILE_SAME_PHP_NAMESPACE', unset: '' },
  { option: 'py_generic_services', buf: 'FILE_SAME_PY_GENERIC_SERVICES', unset: 'false' },
  { option: 'ruby_package', buf: 'FILE_SAME_RUBY_PACKAGE', unset: '' },
  { option: 'swift_prefix', buf: 'FILE_SAME_SWIFT_PREFIX', unset: '' },
];

const deleted = (what: string, scope: string) => (a: A) =>
  `Previously present ${what} ${q(a.name)} was deleted from ${scope === 'file' ? 'file' : `package ${q(a.package)}`}.`;

const enumValueDeleted = (suffix: (a: A) => string) => (a: A) =>
  `Previously present enum value ${q(a.number)} on enum ${q(a.enum)} was deleted${suffix(a)}.`;
const fieldDeleted = (suffix: (a: A) => string) => (a: A) =>
  `Previously present ${lower(fieldDescription(a))} was deleted${suffix(a)}.`;
const cardinalityChanged = (a: A) =>
  `${fieldDescription(a)} changed cardinality from ${q(a.before)} to ${q(a.after)}.`;
const typeChanged = (a: A) =>
  `${fieldDescription(a)} changed type from ${q(a.before)} to ${q(a.after)}.`;
const rangeDeleted = (kind: string) => (a: A) =>
  a.reservedName !== undefined
    ? `Previously present reserved name ${q(a.reservedName)} on ${a.element} ${q(a.name)} was deleted.`
    : `Previously present ${kind} range ${q(a.range)} on ${a.element} ${q(a.name)} is missing values: ${a.removed} were removed.`;
const rpc = (a: A) => `RPC ${q(a.method)} on service ${q(a.service)}`;

export const PROTOBUF_BREAKING_RULES: readonly RuleDef<A>[] = [
  buf({
    buf: 'EXTENSION_NO_DELETE',
    categories: FILE,
    kind: 'removal',
    description: 'Extensions are not deleted from a given file.',
    message: deleted('extension', 'file'),
    why: 'Code that sets or reads the extension through the generated accessor no longer compiles.',
    example: { before: 'extend Foo { int32 bar = 100; }', after: '' },
  }),
  buf({
    buf: 'SERVICE_NO_DELETE',
    categories: FILE,
    kind: 'removal',
    description: 'Services are not deleted from a given file.',
    message: deleted('service', 'file'),
    why: 'Clients of the service lose every method at once; generated stubs disappear.',
    example: { before: 'service Orders { rpc Get(GetRequest) returns (Order); }', after: '' },
  }),
  buf({
    buf: 'ENUM_NO_DELETE',
    categories: CSR_FILE,
    kind: 'removal',
    description: 'Enums are not deleted from a given file.',
    message: deleted('enum', 'file'),
    why: GENERATED,
    example: { before: 'enum Status { STATUS_UNSPECIFIED = 0; }', after: '' },
  }),
  buf({
    buf: 'FILE_NO_DELETE',
    categories: CSR_FILE,
    kind: 'removal',
    description: 'Files are not deleted.',
    message: (a) => `Previously present file ${q(a.file)} was deleted.`,
    why: 'Every import of the file and every type it declared disappears.',
  }),
  buf({
    buf: 'MESSAGE_NO_DELETE',
    categories: CSR_FILE,
    kind: 'removal',
    description: 'Messages are not deleted from a given file.',
    message: deleted('message', 'file'),
    why: GENERATED,
    example: { before: 'message Order { string id = 1; }', after: '' },
  }),
  buf({
    buf: 'ENUM_SAME_TYPE',
    categories: FILE_PACKAGE,
    kind: 'modification',
    description: 'Enums keep their type (open or closed).',
    message: (a) => `Enum ${q(a.name)} changed from ${a.before} to ${a.after}.`,
    why: 'Open and closed enums treat unknown values differently: closed enums move them to unknown fields, open enums keep them.',
    example: {
      before: 'edition = "2023"; enum E { option features.enum_type = OPEN; ... }',
      after: 'edition = "2023"; enum E { option features.enum_type = CLOSED; ... }',
    },
  }),
  buf({
    buf: 'FIELD_SAME_CARDINALITY',
    categories: FILE_PACKAGE,
    kind: 'modification',
    description:
      'Fields keep their cardinality (explicit/implicit presence, required, repeated, map).',
    message: cardinalityChanged,
    why: 'Generated accessors differ by cardinality (has-methods, lists, maps); presence changes how absent values read.',
    example: { before: 'optional string name = 1;', after: 'string name = 1;' },
  }),
  buf({
    buf: 'FIELD_SAME_CPP_STRING_TYPE',
    categories: FILE_PACKAGE,
    kind: 'modification',
    description:
      'Fields keep the same C++ string type (ctype option or (pb.cpp).string_type feature).',
    message: (a) =>
      `${fieldDescription(a)} changed C++ string type from ${q(a.before)} to ${q(a.after)}.`,
    why: 'The generated C++ accessors change type (std::string, absl::Cord, string_view).',
    example: { before: 'string s = 1;', after: 'string s = 1 [ctype = CORD];' },
  }),
  buf({
    buf: 'FIELD_SAME_JAVA_UTF8_VALIDATION',
    categories: FILE_PACKAGE,
    kind: 'modification',
    description:
      'Fields keep the same Java UTF-8 validation (java_string_check_utf8 or (pb.java).utf8_validation).',
    message: (a) =>
      `${fieldDescription(a)} changed Java string UTF8 validation from ${q(a.before)} to ${q(a.after)}.`,
    why: 'Java parsers start (or stop) rejecting strings that are not valid UTF-8.',
    example: {
      before: 'option java_string_check_utf8 = false;',
      after: 'option java_string_check_utf8 = true;',
    },
  }),
  buf({
    buf: 'FIELD_SAME_JSTYPE',
    categories: FILE_PACKAGE,
    kind: 'modification',
    description: 'Fields keep the same value for the jstype option.',
    message: (a) =>
      `${fieldDescription(a)} changed option "jstype" from ${q(a.before)} to ${q(a.after)}.`,
    why: 'Generated JavaScript/TypeScript switches between number and string for the 64-bit field.',
    example: { before: 'int64 id = 1;', after: 'int64 id = 1 [jstype = JS_STRING];' },
  }),
  buf({
    buf: 'FIELD_SAME_UTF8_VALIDATION',
    categories: FILE_PACKAGE,
    kind: 'modification',
    description: 'String fields keep the same UTF-8 validation mode.',
    message: (a) =>
      `${fieldDescription(a)} changed UTF8 validation from ${a.before} to ${a.after}.`,
    why: 'Parsers start rejecting (or stop rejecting) strings that are not valid UTF-8.',
    example: {
      before: 'string s = 1;',
      after: 'string s = 1 [features.utf8_validation = NONE];',
    },
  }),
  ...FILE_OPTION_RULES.map((r) => fileOption(r.option, r.buf)),
  buf({
    buf: 'RPC_NO_DELETE',
    categories: FILE_PACKAGE,
    kind: 'removal',
    description: 'RPCs are not deleted from a given service.',
    message: (a) =>
      `Previously present ${rpc({ method: a.name, service: a.service })} was deleted.`,
    why: 'Clients calling the method get UNIMPLEMENTED; generated client stubs lose the method.',
    example: { before: 'rpc Get(GetRequest) returns (Order);', after: '' },
  }),
  buf({
    buf: 'ENUM_VALUE_NO_DELETE',
    categories: CSR_FILE_PACKAGE,
    kind: 'removal',
    description: 'Enum values are not deleted from a given enum.',
    message: enumValueDeleted(() => ''),
    why: 'Readers receive a number they no longer know; generated constants disappear.',
    example: { before: 'STATUS_DONE = 2;', after: 'reserved 2;' },
  }),
  buf({
    buf: 'EXTENSION_MESSAGE_NO_DELETE',
    categories: CSR_FILE_PACKAGE,
    kind: 'removal',
    description: 'Extension ranges are not deleted from a given message.',
    message: rangeDeleted('extension'),
    why: 'Extensions declared elsewhere in the removed numbers stop compiling.',
    example: { before: 'extensions 100 to 199;', after: 'extensions 100 to 149;' },
  }),
  buf({
    buf: 'FIELD_NO_DELETE',
    categories: CSR_FILE_PACKAGE,
    kind: 'removal',
    description: 'Fields are not deleted from a given message.',
    message: fieldDeleted(() => ''),
    why: 'Readers lose the data; generated accessors disappear.',
    example: { before: 'string note = 3;', after: 'reserved 3;' },
  }),
  buf({
    buf: 'FIELD_SAME_TYPE',
    categories: CSR_FILE_PACKAGE,
    kind: 'modification',
    description: 'Fields keep the same type.',
    message: typeChanged,
    why: 'Generated accessors change type, and most type changes change the wire encoding.',
    example: { before: 'int32 count = 2;', after: 'int64 count = 2;' },
  }),
  buf({
    buf: 'FILE_SAME_SYNTAX',
    categories: CSR_FILE_PACKAGE,
    kind: 'modification',
    description: 'Files keep the same syntax (proto2, proto3, editions).',
    message: (a) => `File syntax changed from ${q(a.before)} to ${q(a.after)}.`,
    why: 'Syntax decides presence, enum openness, UTF-8 validation and the generated API.',
    example: { before: 'syntax = "proto2";', after: 'syntax = "proto3";' },
  }),
  buf({
    buf: 'MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR',
    categories: CSR_FILE_PACKAGE,
    kind: 'modification',
    description: 'Messages do not turn no_standard_descriptor_accessor on.',
    message: (a) =>
      `Message option "no_standard_descriptor_accessor" changed from ${q(a.before)} to ${q(a.after)}.`,
    why: 'Code calling the generated descriptor() accessor no longer compiles.',
    example: { before: '', after: 'option no_standard_descriptor_accessor = true;' },
  }),
  buf({
    buf: 'ONEOF_NO_DELETE',
    categories: CSR_FILE_PACKAGE,
    kind: 'removal',
    description: 'Oneofs are not deleted from a given message.',
    message: (a) => `Previously present oneof ${q(a.name)} on message ${q(a.message)} was deleted.`,
    why: 'Generated case enums and accessors of the oneof disappear.',
    example: {
      before: 'oneof choice { string a = 1; int32 b = 2; }',
      after: 'string a = 1; int32 b = 2;',
    },
  }),
  buf({
    buf: 'ENUM_SAME_JSON_FORMAT',
    categories: JSON_UP,
    kind: 'modification',
    description: 'Enums keep JSON format support.',
    message: (a) => `Enum ${q(a.name)} JSON format support changed from ${a.before} to ${a.after}.`,
    why: 'JSON encoders and decoders may stop accepting the enum.',
    example: { before: '', after: 'option features.json_format = LEGACY_BEST_EFFORT;' },
  }),
  buf({
    buf: 'ENUM_VALUE_SAME_NAME',
    categories: JSON_UP,
    kind: 'modification',
    description: 'Enum values keep their names (new aliases are allowed).',
    message: (a) =>
      `Enum value ${q(a.number)} on enum ${q(a.enum)} changed name${a.plural ? 's' : ''} from ${a.before} to ${a.after}.`,
    why: 'JSON carries enum values by name, and generated constants are named after them.',
    example: { before: 'STATUS_DONE = 2;', after: 'STATUS_FINISHED = 2;' },
  }),
  buf({
    buf: 'FIELD_SAME_JSON_NAME',
    categories: JSON_UP,
    kind: 'modification',
    description: 'Fields keep the same JSON name.',
    message: (a) =>
      `${fieldDescription(a)} changed option "json_name" from ${q(a.before)} to ${q(a.after)}.`,
    why: 'JSON payloads carry the field under its JSON name.',
    example: { before: 'string name = 1;', after: 'string name = 1 [json_name = "fullName"];' },
  }),
  buf({
    buf: 'FIELD_SAME_NAME',
    categories: JSON_UP,
    kind: 'modification',
    description: 'Fields keep their names.',
    message: (a) =>
      `${fieldDescription(a, false)} changed name from ${q(a.before)} to ${q(a.after)}.`,
    why: 'JSON payloads and generated accessors use the field name.',
    example: { before: 'string name = 1;', after: 'string title = 1;' },
  }),
  buf({
    buf: 'MESSAGE_SAME_JSON_FORMAT',
    categories: JSON_UP,
    kind: 'modification',
    description: 'Messages keep JSON format support.',
    message: (a) =>
      `Message ${q(a.name)} JSON format support changed from ${a.before} to ${a.after}.`,
    why: 'JSON encoders and decoders may stop accepting the message.',
    example: { before: '', after: 'option features.json_format = LEGACY_BEST_EFFORT;' },
  }),
  buf({
    buf: 'FIELD_SAME_DEFAULT',
    categories: ALL,
    kind: 'modification',
    description: 'Fields keep the same default value, if a default is specified.',
    message: (a) => `${fieldDescription(a)} changed default value from ${a.before} to ${a.after}.`,
    why: 'Readers of an absent field see a different value.',
    example: {
      before: 'optional int32 size = 1 [default = 5];',
      after: 'optional int32 size = 1 [default = 6];',
    },
  }),
  buf({
    buf: 'FIELD_SAME_ONEOF',
    categories: ALL,
    kind: 'modification',
    description: 'Fields stay in the same oneof (or outside any).',
    message: (a) =>
      a.before && a.after
        ? `${fieldDescription(a)} moved from oneof ${q(a.before)} to oneof ${q(a.after)}.`
        : `${fieldDescription(a)} moved from ${a.before ? 'inside' : 'outside'} to ${a.after ? 'inside' : 'outside'} a oneof.`,
    why: 'Setting a oneof member clears its siblings; moving a field in or out changes what other fields survive.',
    example: { before: 'string a = 1;', after: 'oneof x { string a = 1; }' },
  }),
  buf({
    buf: 'FILE_SAME_PACKAGE',
    categories: ALL,
    kind: 'modification',
    description: 'Files keep the same package.',
    message: (a) => `File package changed from ${q(a.before)} to ${q(a.after)}.`,
    why: 'Every full name in the file changes: type URLs, method paths and generated code.',
    example: { before: 'package acme.v1;', after: 'package acme.v2;' },
  }),
  buf({
    buf: 'MESSAGE_SAME_REQUIRED_FIELDS',
    categories: ALL,
    kind: 'modification',
    description: 'Messages have no added or deleted required fields.',
    message: (a) =>
      `Message ${q(a.message)} had required field ${q(a.number)} ${a.added ? 'added' : 'deleted'}. Required fields must always be sent, so if one side does not know about the required field, this will result in a breakage.`,
    why: 'Parsers reject messages that lack a required field the reader knows about.',
    example: { before: 'optional string id = 1;', after: 'required string id = 1;' },
  }),
  buf({
    buf: 'RESERVED_ENUM_NO_DELETE',
    categories: ALL,
    kind: 'removal',
    description: 'Reserved ranges and names are not deleted from a given enum.',
    message: rangeDeleted('reserved'),
    why: 'An unreserved number or name can be reused with another meaning.',
    example: { before: 'reserved 2, 3;', after: 'reserved 2;' },
  }),
  buf({
    buf: 'RESERVED_MESSAGE_NO_DELETE',
    categories: ALL,
    kind: 'removal',
    description: 'Reserved ranges and names are not deleted from a given message.',
    message: rangeDeleted('reserved'),
    why: 'An unreserved field number or name can be reused with another type.',
    example: { before: 'reserved 4, "note";', after: 'reserved 4;' },
  }),
  buf({
    buf: 'RPC_SAME_CLIENT_STREAMING',
    categories: ALL,
    kind: 'modification',
    description: 'RPCs keep the same client streaming value.',
    message: (a) => `${rpc(a)} changed from client ${a.before} to client ${a.after}.`,
    why: 'Clients and servers disagree on the call shape.',
    example: {
      before: 'rpc Put(Item) returns (Ack);',
      after: 'rpc Put(stream Item) returns (Ack);',
    },
  }),
  buf({
    buf: 'RPC_SAME_IDEMPOTENCY_LEVEL',
    categories: ALL,
    kind: 'modification',
    description: 'RPCs keep the same value for the idempotency_level option.',
    message: (a) =>
      `${rpc(a)} changed option "idempotency_level" from ${q(a.before)} to ${q(a.after)}.`,
    why: 'Clients may retry, cache or use GET for a method that is no longer safe to.',
    example: {
      before: 'option idempotency_level = NO_SIDE_EFFECTS;',
      after: 'option idempotency_level = IDEMPOTENT;',
    },
  }),
  buf({
    buf: 'RPC_SAME_REQUEST_TYPE',
    categories: ALL,
    kind: 'modification',
    description: 'RPCs keep the same request type.',
    message: (a) => `${rpc(a)} changed request type from ${q(a.before)} to ${q(a.after)}.`,
    why: 'Servers decode requests with a different message.',
    example: {
      before: 'rpc Get(GetRequest) returns (Order);',
      after: 'rpc Get(Query) returns (Order);',
    },
  }),
  buf({
    buf: 'RPC_SAME_RESPONSE_TYPE',
    categories: ALL,
    kind: 'modification',
    description: 'RPCs keep the same response type.',
    message: (a) => `${rpc(a)} changed response type from ${q(a.before)} to ${q(a.after)}.`,
    why: 'Clients decode responses with a different message.',
    example: {
      before: 'rpc Get(GetRequest) returns (Order);',
      after: 'rpc Get(GetRequest) returns (Item);',
    },
  }),
  buf({
    buf: 'RPC_SAME_SERVER_STREAMING',
    categories: ALL,
    kind: 'modification',
    description: 'RPCs keep the same server streaming value.',
    message: (a) => `${rpc(a)} changed from server ${a.before} to server ${a.after}.`,
    why: 'Clients and servers disagree on the call shape.',
    example: { before: 'rpc List(Q) returns (Item);', after: 'rpc List(Q) returns (stream Item);' },
  }),
  buf({
    buf: 'PACKAGE_ENUM_NO_DELETE',
    categories: PACKAGE,
    kind: 'removal',
    description: 'Enums are not deleted from a given package (moving between files is fine).',
    message: deleted('enum', 'package'),
    why: GENERATED,
  }),
  buf({
    buf: 'PACKAGE_EXTENSION_NO_DELETE',
    categories: PACKAGE,
    kind: 'removal',
    description: 'Extensions are not deleted from a given package (moving between files is fine).',
    message: deleted('extension', 'package'),
    why: GENERATED,
  }),
  buf({
    buf: 'PACKAGE_MESSAGE_NO_DELETE',
    categories: PACKAGE,
    kind: 'removal',
    description: 'Messages are not deleted from a given package (moving between files is fine).',
    message: deleted('message', 'package'),
    why: GENERATED,
  }),
  buf({
    buf: 'PACKAGE_NO_DELETE',
    categories: PACKAGE,
    kind: 'removal',
    description: 'Packages are not deleted.',
    message: (a) => `Previously present package ${q(a.package)} was deleted.`,
    why: 'Every type and service of the package disappears.',
  }),
  buf({
    buf: 'PACKAGE_SERVICE_NO_DELETE',
    categories: PACKAGE,
    kind: 'removal',
    description: 'Services are not deleted from a given package (moving between files is fine).',
    message: deleted('service', 'package'),
    why: 'Clients of the service lose every method at once.',
  }),
  buf({
    buf: 'ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED',
    categories: CSR_WIRE_JSON,
    kind: 'removal',
    description: 'Enum values are not deleted unless their name is reserved.',
    message: enumValueDeleted(
      (a) => ` without reserving the name${a.plural ? 's' : ''} ${a.names}`,
    ),
    why: 'JSON carries enum values by name: an unreserved name can come back with another number.',
    example: { before: 'STATUS_DONE = 2;', after: 'reserved "STATUS_DONE";' },
  }),
  buf({
    buf: 'FIELD_NO_DELETE_UNLESS_NAME_RESERVED',
    categories: CSR_WIRE_JSON,
    kind: 'removal',
    description: 'Fields are not deleted unless their name is reserved.',
    message: fieldDeleted((a) => ` without reserving the name ${q(a.field)}`),
    why: 'JSON carries fields by name: an unreserved name can come back with another type.',
    example: { before: 'string note = 3;', after: 'reserved "note";' },
  }),
  buf({
    buf: 'FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY',
    categories: CSR_WIRE_JSON,
    kind: 'modification',
    description: 'Fields keep a wire- and JSON-compatible cardinality.',
    message: cardinalityChanged,
    why: 'Between singular, required, repeated and map fields the binary or JSON encoding differs.',
    example: { before: 'string tag = 1;', after: 'repeated string tag = 1;' },
  }),
  buf({
    buf: 'FIELD_WIRE_JSON_COMPATIBLE_TYPE',
    categories: CSR_WIRE_JSON,
    kind: 'modification',
    description: 'Fields keep a wire- and JSON-compatible type.',
    message: (a) =>
      `${typeChanged(a)}${a.typeRenamed ? '' : ' See https://developers.google.com/protocol-buffers/docs/proto3#updating for wire compatibility rules and https://developers.google.com/protocol-buffers/docs/proto3#json for JSON compatibility rules.'}`,
    why: 'The binary or the JSON encoding of the value differs (e.g. int32 is a JSON number, int64 a string).',
    example: { before: 'int32 count = 2;', after: 'int64 count = 2;' },
  }),
  buf({
    buf: 'ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED',
    categories: CSR_WIRE_JSON_WIRE,
    kind: 'removal',
    description: 'Enum values are not deleted unless their number is reserved.',
    message: enumValueDeleted((a) => ` without reserving the number ${q(a.number)}`),
    why: 'An unreserved number can come back with another meaning.',
    example: { before: 'STATUS_DONE = 2;', after: 'reserved 2;' },
  }),
  buf({
    buf: 'FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED',
    categories: CSR_WIRE_JSON_WIRE,
    kind: 'removal',
    description: 'Fields are not deleted unless their number is reserved.',
    message: fieldDeleted((a) => ` without reserving the number ${q(a.number)}`),
    why: 'An unreserved field number can come back with another type and corrupt old readers.',
    example: { before: 'string note = 3;', after: 'reserved 3;' },
  }),
  buf({
    buf: 'FIELD_WIRE_COMPATIBLE_CARDINALITY',
    categories: WIRE,
    kind: 'modification',
    description: 'Fields keep a wire-compatible cardinality.',
    message: cardinalityChanged,
    why: 'Between singular, required and repeated fields the binary encoding differs.',
    example: { before: 'string tag = 1;', after: 'repeated string tag = 1;' },
  }),
  buf({
    buf: 'FIELD_WIRE_COMPATIBLE_TYPE',
    categories: WIRE,
    kind: 'modification',
    description: 'Fields keep a wire-compatible type.',
    message: (a) =>
      `${typeChanged(a)}${a.typeRenamed ? '' : ' See https://developers.google.com/protocol-buffers/docs/proto3#updating for wire compatibility rules.'}${a.bytesToString ? ' Note that while string and bytes are compatible if the data is valid UTF-8, there is no way to enforce that a bytes field is UTF-8, so these fields may be incompatible.' : ''}`,
    why: 'Values are decoded with another wire type (e.g. sint32 zig-zag vs int32 varint).',
    example: { before: 'int32 count = 2;', after: 'sint32 count = 2;' },
  }),
  buf({
    buf: 'MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT',
    categories: [],
    kind: 'modification',
    description:
      'Messages keep the same value for the message_set_wire_format option (deprecated; in no category).',
    message: (a) =>
      `Message option "message_set_wire_format" changed from ${q(a.before)} to ${q(a.after)}.`,
    why: 'MessageSet messages encode their extensions in a different wire format.',
    deprecated: true,
  }),
];

function addition(id: string, description: string, message: (a: A) => string): RuleDef<A> {
  return {
    id,
    formats: ['protobuf'],
    severity: 'info',
    description,
    kind: 'addition',
    modes: MODES.none,
    equivalents: {},
    message,
  };
}

/** Additions: not breaking, but they make a minor version and a changelog entry. */
export const PROTOBUF_ADDITION_RULES: readonly RuleDef<A>[] = [
  addition('proto-file-added', 'A .proto file was added.', (a) => `File ${q(a.file)} was added.`),
  addition('proto-message-added', 'A message was added.', (a) => `Message ${q(a.name)} was added.`),
  addition(
    'proto-field-added',
    'A field was added to a message.',
    (a) => `${fieldDescription(a)} was added.`,
  ),
  addition('proto-enum-added', 'An enum was added.', (a) => `Enum ${q(a.name)} was added.`),
  addition(
    'proto-enum-value-added',
    'A value was added to an enum.',
    (a) => `Enum value ${q(a.number)} with name ${q(a.name)} was added to enum ${q(a.enum)}.`,
  ),
  addition('proto-service-added', 'A service was added.', (a) => `Service ${q(a.name)} was added.`),
  addition(
    'proto-rpc-added',
    'An RPC was added to a service.',
    (a) => `RPC ${q(a.name)} was added to service ${q(a.service)}.`,
  ),
];

// Explanations kept in explain.ts, merged into the declarations above.
withExplain(PROTOBUF_ADDITION_RULES, PROTOBUF_EXPLAIN, 'protobuf');

/** `Field "2" with name "note" on message "Order"`, `RPC "Cancel" of service "Orders"`, ... */
function elementDescription(a: A): string {
  switch (a.element) {
    case 'Field':
      return `Field ${q(a.name)} with name ${q(a.field)} on message ${q(a.message)}`;
    case 'Enum value':
      return `Enum value ${q(a.name)} of enum ${q(a.enum)}`;
    case 'RPC':
      return `RPC ${q(a.name)} of service ${q(a.service)}`;
    default:
      return `${String(a.element)} ${q(a.name)}`;
  }
}

/**
 * Deprecation (`deprecated = true` on messages, fields, enums, values, services, methods) and the
 * `@sunset YYYY-MM-DD` comment tag. Not in buf (buf does not look at deprecation).
 */
export const PROTOBUF_LIFECYCLE_RULES: readonly RuleDef<A>[] = [
  {
    id: 'proto-element-deprecated',
    formats: ['protobuf'],
    severity: 'info',
    description:
      'A message, field, enum, enum value, service or RPC was marked deprecated = true (with the sunset of its @sunset comment tag, if any).',
    kind: 'deprecation',
    modes: MODES.none,
    equivalents: {},
    message: (a) =>
      `${elementDescription(a)} was deprecated${a.sunset ? ` (sunset ${String(a.sunset)})` : ''}.`,
    explain: {
      why: 'Nothing breaks yet: consumers are told to migrate. The element may be removed once its sunset has passed (without a sunset: after the minimum deprecation period of the policy).',
      example: {
        before: 'rpc Cancel(CancelRequest) returns (Order);',
        after:
          '// @sunset 2027-01-31\nrpc Cancel(CancelRequest) returns (Order) {\n  option deprecated = true;\n}',
        language: 'protobuf',
      },
    },
  },
  {
    id: 'proto-sunset-invalid',
    formats: ['protobuf'],
    severity: 'warning',
    description: 'The @sunset comment tag of a deprecated element is not a date (YYYY-MM-DD).',
    kind: 'deprecation',
    modes: MODES.none,
    equivalents: {},
    message: (a) =>
      `${elementDescription(a)} has a @sunset tag that is not a date: ${q(a.sunset)}.`,
    explain: {
      why: 'A sunset that is not a date cannot be checked: nobody can tell when the deprecated element may be removed, so its removal is judged as if no sunset were set.',
      example: {
        before: 'string note = 2 [deprecated = true]; // @sunset 2027-01-31',
        after: 'string note = 2 [deprecated = true]; // @sunset next spring',
        language: 'protobuf',
      },
    },
  },
];

export const PROTOBUF_RULES: readonly RuleDef<A>[] = [
  ...PROTOBUF_BREAKING_RULES,
  ...PROTOBUF_ADDITION_RULES,
  ...PROTOBUF_LIFECYCLE_RULES,
];

/** buf rule id → treaty rule id, for config (`use`, `except`, `ignore_only`) and tests. */
export const BUF_TO_RULE: ReadonlyMap<string, string> = new Map(
  PROTOBUF_BREAKING_RULES.map((r) => [r.equivalents.buf![0]!, r.id]),
);
