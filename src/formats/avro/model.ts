import type { SourceLocation } from '../../core/model.js';

/**
 * The normalised Avro schema model: every type node keeps its source location, named types are
 * one object however often they are referenced (cycles stay cycles), and names are full names.
 */

export const PRIMITIVES = [
  'null',
  'boolean',
  'int',
  'long',
  'float',
  'double',
  'bytes',
  'string',
] as const;
export type PrimitiveName = (typeof PRIMITIVES)[number];

export interface LogicalType {
  name: string;
  precision?: number;
  scale?: number;
}

interface Node {
  /** Where the type is written (its definition, for a named type). */
  at: SourceLocation;
  /** A logical type the spec recognises on this underlying type (invalid ones are ignored). */
  logical?: LogicalType;
}

export interface PrimitiveType extends Node {
  kind: 'primitive';
  name: PrimitiveName;
}

interface NamedNode extends Node {
  /** Full name: `namespace.name`, or `name` without a namespace. */
  fullName: string;
  name: string;
  namespace: string;
  /** Full names. */
  aliases: string[];
  doc?: string;
  /** Location of the `name` key, and of each alias (same order). */
  nameAt: SourceLocation;
}

export interface RecordType extends NamedNode {
  kind: 'record';
  /** `error` in a protocol; resolves like a record. */
  error: boolean;
  fields: Field[];
  /** The `fields` key: where a removed field is reported in the revision. */
  fieldsAt: SourceLocation;
}

export interface Field {
  name: string;
  type: AvroType;
  /** The default, when the field declares one (already checked against the type). */
  default?: { value: unknown };
  aliases: string[];
  doc?: string;
  order?: string;
  at: SourceLocation;
}

export interface EnumType extends NamedNode {
  kind: 'enum';
  symbols: string[];
  symbolAt: SourceLocation[];
  default?: string;
}

export interface FixedType extends NamedNode {
  kind: 'fixed';
  size: number;
}

export interface ArrayType extends Node {
  kind: 'array';
  items: AvroType;
}

export interface MapType extends Node {
  kind: 'map';
  values: AvroType;
}

export interface UnionType extends Node {
  kind: 'union';
  branches: AvroType[];
}

export type NamedType = RecordType | EnumType | FixedType;
export type AvroType = PrimitiveType | NamedType | ArrayType | MapType | UnionType;

export function isNamed(t: AvroType): t is NamedType {
  return t.kind === 'record' || t.kind === 'enum' || t.kind === 'fixed';
}

/** One schema of a contract: the root of an `.avsc` file, or a named type of a protocol. */
export interface AvroSchema {
  /** Matching key: the full name of a named root, else the file (and index). */
  key: string;
  /** The file it comes from, relative to the contract root. */
  file: string;
  type: AvroType;
}

/** A short name for messages: the full name of named types, the Avro type name otherwise. */
export function typeLabel(t: AvroType): string {
  switch (t.kind) {
    case 'primitive':
      return t.logical ? `${t.name} (${t.logical.name})` : t.name;
    case 'array':
      return `array<${typeLabel(t.items)}>`;
    case 'map':
      return `map<${typeLabel(t.values)}>`;
    case 'union':
      return `[${t.branches.map(typeLabel).join(', ')}]`;
    default:
      return t.fullName;
  }
}

/** The key a union branch is known by: its full name, or its type name (a union holds one of each). */
export function branchKey(t: AvroType): string {
  return isNamed(t) ? t.fullName : t.kind === 'primitive' ? t.name : t.kind;
}
