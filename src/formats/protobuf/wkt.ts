import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import protobuf from 'protobufjs';
import { SCALARS, type EnumNode, type FieldNode, type FileNode, type MessageNode } from './ast.js';
import { parseProto } from './parser.js';

/**
 * The well-known types (`google/protobuf/*.proto`), available to every tree without vendoring, as
 * buf and protoc provide them. protobufjs ships most of them: descriptor, api, type,
 * source_context and compiler/plugin as .proto files, and any, duration, timestamp, empty, struct,
 * wrappers and field_mask as its "common" JSON definitions. The editions feature files it lacks
 * (cpp/java/go features) are declared here, with what imports and options need of them.
 * A tree that contains its own copy of one of these files uses that copy.
 */

const require = createRequire(import.meta.url);

const SHIPPED_PROTO = [
  'google/protobuf/descriptor.proto',
  'google/protobuf/api.proto',
  'google/protobuf/type.proto',
  'google/protobuf/source_context.proto',
  'google/protobuf/compiler/plugin.proto',
];

const FEATURE_FILES: Record<string, string> = {
  'google/protobuf/cpp_features.proto': `edition = "2023";
package pb;
import "google/protobuf/descriptor.proto";
extend google.protobuf.FeatureSet { CppFeatures cpp = 1000; }
message CppFeatures {
  bool legacy_closed_enum = 1;
  enum StringType { STRING_TYPE_UNKNOWN = 0; VIEW = 1; CORD = 2; STRING = 3; }
  StringType string_type = 2;
  bool enum_name_uses_string_view = 3;
}`,
  'google/protobuf/java_features.proto': `edition = "2023";
package pb;
import "google/protobuf/descriptor.proto";
extend google.protobuf.FeatureSet { JavaFeatures java = 1001; }
message JavaFeatures {
  bool legacy_closed_enum = 1;
  enum Utf8Validation { UTF8_VALIDATION_UNKNOWN = 0; DEFAULT = 1; VERIFY = 2; }
  Utf8Validation utf8_validation = 2;
  bool large_enum = 3;
  bool use_old_outer_classname_default = 4;
  message NestInFileClassFeature {
    enum NestInFileClass { NEST_IN_FILE_CLASS_UNKNOWN = 0; NO = 1; YES = 2; LEGACY = 3; }
  }
  NestInFileClassFeature.NestInFileClass nest_in_file_class = 5;
}`,
  'google/protobuf/go_features.proto': `edition = "2023";
package pb;
import "google/protobuf/descriptor.proto";
extend google.protobuf.FeatureSet { GoFeatures go = 1002; }
message GoFeatures {
  bool legacy_unmarshal_json_enum = 1;
  enum APILevel { API_LEVEL_UNSPECIFIED = 0; API_OPEN = 1; API_HYBRID = 2; API_OPAQUE = 3; }
  APILevel api_level = 2;
  enum StripEnumPrefix { STRIP_ENUM_PREFIX_UNSPECIFIED = 0; STRIP_ENUM_PREFIX_KEEP = 1; STRIP_ENUM_PREFIX_GENERATE_BOTH = 2; STRIP_ENUM_PREFIX_STRIP = 3; }
  StripEnumPrefix strip_enum_prefix = 3;
}`,
};

export interface WellKnownFile {
  path: string;
  text: string;
  ast: FileNode;
}

let cache: Map<string, WellKnownFile> | undefined;

/** The well-known file at an import path, or undefined. */
export function wellKnown(importPath: string): WellKnownFile | undefined {
  return wellKnownFiles().get(importPath);
}

export function wellKnownFiles(): ReadonlyMap<string, WellKnownFile> {
  if (cache) return cache;
  const out = new Map<string, WellKnownFile>();
  for (const rel of SHIPPED_PROTO) {
    const file = require.resolve(`protobufjs/${rel}`);
    const text = readFileSync(file, 'utf8');
    out.set(rel, { path: rel, text, ast: parseProto(text, file) });
  }
  for (const [rel, text] of Object.entries(FEATURE_FILES)) {
    out.set(rel, { path: rel, text, ast: parseProto(text, rel) });
  }
  const common = protobuf.common as unknown as Record<string, unknown> & {
    get(file: string): JsonNamespace | null;
  };
  for (const rel of Object.keys(common)) {
    if (!rel.endsWith('.proto') || out.has(rel)) continue;
    const json = common.get(rel);
    if (json) out.set(rel, { path: rel, text: '', ast: fromJson(json) });
  }
  cache = out;
  return out;
}

interface JsonNamespace {
  nested?: Record<string, JsonNamespace>;
  fields?: Record<string, { type: string; id: number; rule?: string; keyType?: string }>;
  values?: Record<string, number>;
  oneofs?: Record<string, { oneof: string[] }>;
}

/** protobufjs JSON (a namespace tree) to a proto3 FileNode; offsets are 0 (no source text). */
function fromJson(json: JsonNamespace): FileNode {
  const file: FileNode = {
    syntax: 'proto3',
    package: '',
    imports: [],
    messages: [],
    enums: [],
    services: [],
    extensions: [],
  };
  const walk = (ns: JsonNamespace, scope: string): void => {
    for (const [name, child] of Object.entries(ns.nested ?? {})) {
      const full = scope ? `${scope}.${name}` : name;
      if (child.values) file.enums.push(jsonEnum(name, full, child));
      else if (child.fields) file.messages.push(jsonMessage(name, full, child));
      else {
        file.package = full;
        walk(child, full);
      }
    }
  };
  walk(json, '');
  return file;
}

function jsonEnum(name: string, fullName: string, json: JsonNamespace): EnumNode {
  return {
    name,
    fullName,
    at: 0,
    end: 0,
    values: Object.entries(json.values ?? {}).map(([vname, number]) => ({
      name: vname,
      number,
      at: 0,
      numberAt: 0,
    })),
    reserved: [],
    reservedNames: [],
  };
}

function jsonMessage(name: string, fullName: string, json: JsonNamespace): MessageNode {
  const msg: MessageNode = {
    name,
    fullName,
    at: 0,
    end: 0,
    fields: [],
    oneofs: [],
    messages: [],
    enums: [],
    extensions: [],
    reserved: [],
    reservedNames: [],
    extensionRanges: [],
  };
  const oneofOf = new Map<string, number>();
  for (const [oname, o] of Object.entries(json.oneofs ?? {})) {
    oneofOf.set(oname, msg.oneofs.length);
    for (const f of o.oneof) oneofOf.set(`field:${f}`, msg.oneofs.length);
    msg.oneofs.push({ name: oname, at: 0 });
  }
  for (const [fname, f] of Object.entries(json.fields ?? {})) {
    const field: FieldNode = {
      name: fname,
      number: f.id,
      type: f.type,
      scalar: SCALARS.has(f.type),
      at: 0,
      typeAt: 0,
      nameAt: 0,
      numberAt: 0,
    };
    if (f.rule === 'repeated') field.label = 'repeated';
    const oneof = oneofOf.get(`field:${fname}`);
    if (oneof !== undefined) field.oneof = oneof;
    if (f.keyType) {
      const entry = jsonMessage(`${fname[0]!.toUpperCase()}${fname.slice(1)}Entry`, '', {});
      entry.fullName = `${fullName}.${entry.name}`;
      entry.mapEntry = true;
      entry.fields.push(
        { ...field, name: 'key', number: 1, type: f.keyType, scalar: true },
        { ...field, name: 'value', number: 2 },
      );
      msg.messages.push(entry);
      field.type = '.' + entry.fullName;
      field.scalar = false;
      field.map = true;
      field.label = 'repeated';
    }
    msg.fields.push(field);
  }
  return msg;
}
