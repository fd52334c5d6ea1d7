import { InputError } from '../../core/errors.js';
import type { SourceLocation } from '../../core/model.js';
import { checkDefault } from './defaults.js';
import { logicalTypeOf } from './logical.js';
import {
  PRIMITIVES,
  isNamed,
  type AvroType,
  type EnumType,
  type Field,
  type NamedType,
  type PrimitiveName,
  type RecordType,
  branchKey,
} from './model.js';

/**
 * Reads Avro schemas (the JSON form of the specification, 1.11) into the model, checking what the
 * specification requires: names, attributes, unions, enum symbols, fixed sizes and defaults. Named
 * types are registered by full name across every schema given to one parser (the files of a
 * contract), so a file may use a type another file defines; references are resolved by `finish()`.
 * Every problem is an InputError at the file, line and column of the offending element.
 */

/** Location of a JSON pointer below the schema's root. */
export type Locate = (pointer: string[]) => SourceLocation;

interface Ref {
  kind: 'ref';
  /** Candidate full names, in lookup order. */
  names: string[];
  at: SourceLocation;
}

type Parsed = AvroType | Ref;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Pointer segments below a schema's root: bounds the recursion on hostile input. */
const MAX_DEPTH = 512;
const COMPLEX = new Set(['record', 'error', 'enum', 'fixed', 'array', 'map']);

export class AvroParser {
  private readonly named = new Map<string, NamedType>();
  private readonly roots: Array<{ holder: { type: AvroType } }> = [];
  private readonly defaults: Array<() => void> = [];
  private readonly unions: Array<{
    branches: AvroType[];
    at: SourceLocation;
    locate: Locate;
    pointer: string[];
  }> = [];

  /** Named types defined so far, by full name. */
  types(): ReadonlyMap<string, NamedType> {
    return this.named;
  }

  /** Parses one schema; the returned holder's `type` is final after `finish()`. */
  parse(value: unknown, locate: Locate, namespace = ''): { type: AvroType } {
    const holder = { type: this.node(value, locate, [], namespace) as AvroType };
    this.roots.push({ holder });
    return holder;
  }

  /** Resolves references, then checks unions and defaults (which need resolved types). */
  finish(): void {
    const seen = new Set<object>();
    const fix = (t: Parsed): AvroType => {
      if (t.kind === 'ref') {
        for (const n of t.names) {
          const found = this.named.get(n);
          if (found) return found;
        }
        throw new InputError(`unknown Avro type '${t.names[0]}'`, t.at);
      }
      if (seen.has(t)) return t;
      seen.add(t);
      if (t.kind === 'record') for (const f of t.fields) f.type = fix(f.type);
      else if (t.kind === 'array') t.items = fix(t.items);
      else if (t.kind === 'map') t.values = fix(t.values);
      else if (t.kind === 'union') t.branches = t.branches.map(fix);
      return t;
    };
    for (const { holder } of this.roots) holder.type = fix(holder.type);
    for (const t of this.named.values()) fix(t);
    for (const u of this.unions) checkUnion(u.branches, u.locate, u.pointer);
    for (const check of this.defaults) check();
  }

  private node(value: unknown, locate: Locate, ptr: string[], ns: string): Parsed {
    const at = locate(ptr);
    if (ptr.length > MAX_DEPTH) {
      throw new InputError(`Avro schema nested more than ${MAX_DEPTH} levels deep`, at);
    }
    if (typeof value === 'string') {
      if ((PRIMITIVES as readonly string[]).includes(value)) {
        return { kind: 'primitive', name: value as PrimitiveName, at };
      }
      if (!value.split('.').every((s) => NAME.test(s))) {
        throw new InputError(`invalid Avro type name '${value}'`, at);
      }
      const names = value.includes('.') ? [value] : ns ? [`${ns}.${value}`, value] : [value];
      const known = names.map((n) => this.named.get(n)).find((t) => t);
      return known ?? { kind: 'ref', names, at };
    }
    if (Array.isArray(value)) {
      const branches = value.map((v, i) => this.node(v, locate, [...ptr, String(i)], ns));
      const union = { kind: 'union' as const, branches: branches as AvroType[], at };
      this.unions.push({ branches: union.branches, at, locate, pointer: ptr });
      return union;
    }
    if (typeof value !== 'object' || value === null) {
      throw new InputError(
        `invalid Avro schema: expected a type name, an object or a union, not ${JSON.stringify(value)}`,
        at,
      );
    }
    const o = value as Record<string, unknown>;
    const type = o.type;
    if (typeof type !== 'string') {
      if (Array.isArray(type) || (typeof type === 'object' && type !== null)) {
        // `{"type": {...}}` or `{"type": [...]}`: the nested schema is the type.
        return this.node(type, locate, [...ptr, 'type'], ns);
      }
      throw new InputError(`invalid Avro schema: missing 'type'`, at);
    }
    if ((PRIMITIVES as readonly string[]).includes(type)) {
      const t: AvroType = { kind: 'primitive', name: type as PrimitiveName, at };
      const logical = logicalTypeOf(o, t);
      if (logical) t.logical = logical;
      return t;
    }
    if (!COMPLEX.has(type)) {
      // A named type written as `{"type": "com.example.Money"}`.
      return this.node(type, () => locate([...ptr, 'type']), [], ns);
    }
    if (type === 'array') {
      if (!('items' in o)) throw new InputError(`invalid Avro array: missing 'items'`, at);
      return {
        kind: 'array',
        items: this.node(o.items, locate, [...ptr, 'items'], ns) as AvroType,
        at,
      };
    }
    if (type === 'map') {
      if (!('values' in o)) throw new InputError(`invalid Avro map: missing 'values'`, at);
      return {
        kind: 'map',
        values: this.node(o.values, locate, [...ptr, 'values'], ns) as AvroType,
        at,
      };
    }
    return this.namedType(o, type, locate, ptr, ns);
  }

  private namedType(
    o: Record<string, unknown>,
    type: string,
    locate: Locate,
    ptr: string[],
    enclosing: string,
  ): NamedType {
    const at = locate(ptr);
    if (typeof o.name !== 'string') {
      throw new InputError(`invalid Avro ${type}: missing 'name'`, at);
    }
    const nameAt = locate([...ptr, 'name']);
    if (!o.name.split('.').every((s) => NAME.test(s))) {
      throw new InputError(`invalid Avro name '${o.name}'`, nameAt);
    }
    if (o.namespace !== undefined && o.namespace !== null && typeof o.namespace !== 'string') {
      throw new InputError(
        `invalid Avro namespace: must be a string`,
        locate([...ptr, 'namespace']),
      );
    }
    const declared = typeof o.namespace === 'string' ? o.namespace : enclosing;
    if (declared && !declared.split('.').every((s) => NAME.test(s))) {
      throw new InputError(`invalid Avro namespace '${declared}'`, locate([...ptr, 'namespace']));
    }
    const dot = o.name.lastIndexOf('.');
    const name = dot >= 0 ? o.name.slice(dot + 1) : o.name;
    const namespace = dot >= 0 ? o.name.slice(0, dot) : declared;
    const fullName = namespace ? `${namespace}.${name}` : name;
    if ((PRIMITIVES as readonly string[]).includes(fullName)) {
      throw new InputError(`invalid Avro name '${fullName}': a primitive type name`, nameAt);
    }
    if (this.named.has(fullName)) {
      const first = this.named.get(fullName)!.at;
      throw new InputError(
        `Avro type '${fullName}' is defined twice (first at ${first.file}:${first.line})`,
        nameAt,
      );
    }
    const aliases = stringList(o.aliases, 'aliases', locate([...ptr, 'aliases'])).map((a) =>
      a.includes('.') || !namespace ? a : `${namespace}.${a}`,
    );
    const base = {
      fullName,
      name,
      namespace,
      aliases,
      at,
      nameAt,
      ...(typeof o.doc === 'string' ? { doc: o.doc } : {}),
    };
    if (type === 'fixed') {
      const size = o.size;
      if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) {
        throw new InputError(
          `invalid Avro fixed '${fullName}': 'size' must be a non-negative integer`,
          at,
        );
      }
      const t: NamedType = { kind: 'fixed', size, ...base };
      const logical = logicalTypeOf(o, t);
      if (logical) t.logical = logical;
      this.named.set(fullName, t);
      return t;
    }
    if (type === 'enum') {
      if (!Array.isArray(o.symbols)) {
        throw new InputError(`invalid Avro enum '${fullName}': 'symbols' must be an array`, at);
      }
      const symbols: string[] = [];
      o.symbols.forEach((s, i) => {
        const sAt = locate([...ptr, 'symbols', String(i)]);
        if (typeof s !== 'string' || !NAME.test(s)) {
          throw new InputError(`invalid Avro enum symbol ${JSON.stringify(s)}`, sAt);
        }
        if (symbols.includes(s)) throw new InputError(`duplicate Avro enum symbol '${s}'`, sAt);
        symbols.push(s);
      });
      const t: EnumType = {
        kind: 'enum',
        symbols,
        symbolAt: symbols.map((_, i) => locate([...ptr, 'symbols', String(i)])),
        ...base,
      };
      if (o.default !== undefined) {
        if (typeof o.default !== 'string' || !symbols.includes(o.default)) {
          throw new InputError(
            `invalid Avro enum '${fullName}': default ${JSON.stringify(o.default)} is not one of its symbols`,
            locate([...ptr, 'default']),
          );
        }
        t.default = o.default;
      }
      this.named.set(fullName, t);
      return t;
    }
    if (!Array.isArray(o.fields)) {
      throw new InputError(`invalid Avro ${type} '${fullName}': 'fields' must be an array`, at);
    }
    const t: RecordType = {
      kind: 'record',
      error: type === 'error',
      fields: [],
      fieldsAt: locate([...ptr, 'fields']),
      ...base,
    };
    // Registered before its fields, so a field may refer to the record itself.
    this.named.set(fullName, t);
    o.fields.forEach((f, i) => {
      const fPtr = [...ptr, 'fields', String(i)];
      t.fields.push(this.field(f, locate, fPtr, namespace, t));
    });
    return t;
  }

  private field(f: unknown, locate: Locate, ptr: string[], ns: string, record: RecordType): Field {
    const at = locate(ptr);
    if (typeof f !== 'object' || f === null || Array.isArray(f)) {
      throw new InputError(`invalid Avro field in '${record.fullName}': must be an object`, at);
    }
    const o = f as Record<string, unknown>;
    if (typeof o.name !== 'string' || !NAME.test(o.name)) {
      throw new InputError(
        `invalid Avro field name ${JSON.stringify(o.name)} in '${record.fullName}'`,
        locate([...ptr, 'name']),
      );
    }
    const name = o.name;
    if (record.fields.some((x) => x.name === name)) {
      throw new InputError(`duplicate Avro field '${name}' in '${record.fullName}'`, at);
    }
    if (!('type' in o)) {
      throw new InputError(`invalid Avro field '${record.fullName}.${name}': missing 'type'`, at);
    }
    const field: Field = {
      name,
      type: this.node(o.type, locate, [...ptr, 'type'], ns) as AvroType,
      aliases: stringList(o.aliases, 'aliases', locate([...ptr, 'aliases'])),
      at,
    };
    if (typeof o.doc === 'string') field.doc = o.doc;
    if (o.order !== undefined) {
      if (o.order !== 'ascending' && o.order !== 'descending' && o.order !== 'ignore') {
        throw new InputError(
          `invalid Avro field '${record.fullName}.${name}': 'order' must be ascending, descending or ignore`,
          locate([...ptr, 'order']),
        );
      }
      field.order = o.order;
    }
    if ('default' in o) {
      const value = o.default;
      field.default = { value };
      const where = locate([...ptr, 'default']);
      this.defaults.push(() => {
        const problem = checkDefault(field.type, value);
        if (problem) {
          throw new InputError(
            `invalid default of Avro field '${record.fullName}.${name}': ${problem}`,
            where,
          );
        }
      });
    }
    return field;
  }
}

/** A union holds no union directly, and at most one branch of each unnamed type and name. */
function checkUnion(branches: AvroType[], locate: Locate, ptr: string[]): void {
  const seen = new Set<string>();
  branches.forEach((b, i) => {
    const at = locate([...ptr, String(i)]);
    if (b.kind === 'union')
      throw new InputError('invalid Avro union: a union directly inside a union', at);
    const key = branchKey(b);
    if (seen.has(key)) {
      throw new InputError(
        `invalid Avro union: '${key}' appears twice${isNamed(b) ? '' : ' (one branch per unnamed type)'}`,
        at,
      );
    }
    seen.add(key);
  });
}

function stringList(v: unknown, what: string, at: SourceLocation): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) {
    throw new InputError(`invalid Avro ${what}: must be an array of names`, at);
  }
  for (const x of v as string[]) {
    if (!x.split('.').every((s) => NAME.test(s))) {
      throw new InputError(`invalid Avro name '${x}' in ${what}`, at);
    }
  }
  return v as string[];
}
