import type { AvroType, NamedType, PrimitiveName } from './model.js';

/**
 * Schema resolution (Avro specification, "Schema Resolution"): can data written with `writer` be
 * read with `reader`? Named types match by unqualified name or a reader alias of the writer's full
 * name (as Avro Java and Confluent Schema Registry do); a writer union resolves when every branch
 * does, a reader union when some branch reads the writer. Logical types are not part of it.
 */

/** The writer primitive types each reader primitive reads (itself and the allowed promotions). */
const READS: Record<PrimitiveName, readonly PrimitiveName[]> = {
  null: ['null'],
  boolean: ['boolean'],
  int: ['int'],
  long: ['int', 'long'],
  float: ['int', 'long', 'float'],
  double: ['int', 'long', 'float', 'double'],
  bytes: ['bytes', 'string'],
  string: ['string', 'bytes'],
};

export function primitiveReads(reader: PrimitiveName, writer: PrimitiveName): boolean {
  return READS[reader].includes(writer);
}

/** The unqualified names are equal, or the reader aliases the writer's full name. */
export function nameMatches(reader: NamedType, writer: NamedType): boolean {
  return reader.name === writer.name || reader.aliases.includes(writer.fullName);
}

export function readable(
  reader: AvroType,
  writer: AvroType,
  assumed: Set<string> = new Set(),
): boolean {
  if (writer.kind === 'union') return writer.branches.every((w) => readable(reader, w, assumed));
  if (reader.kind === 'union') return reader.branches.some((r) => readable(r, writer, assumed));
  switch (reader.kind) {
    case 'primitive':
      return writer.kind === 'primitive' && primitiveReads(reader.name, writer.name);
    case 'array':
      return writer.kind === 'array' && readable(reader.items, writer.items, assumed);
    case 'map':
      return writer.kind === 'map' && readable(reader.values, writer.values, assumed);
    case 'fixed':
      return writer.kind === 'fixed' && nameMatches(reader, writer) && reader.size === writer.size;
    case 'enum':
      return (
        writer.kind === 'enum' &&
        nameMatches(reader, writer) &&
        (reader.default !== undefined || writer.symbols.every((s) => reader.symbols.includes(s)))
      );
    case 'record': {
      if (writer.kind !== 'record' || !nameMatches(reader, writer)) return false;
      // A recursive pair is assumed readable while it is being checked (coinduction).
      const key = `${reader.fullName}\u0000${writer.fullName}`;
      if (assumed.has(key)) return true;
      assumed.add(key);
      for (const rf of reader.fields) {
        const names = [rf.name, ...rf.aliases];
        const wf = writer.fields.filter((f) => names.includes(f.name));
        if (wf.length > 1) return false;
        if (wf.length === 0) {
          if (!rf.default) return false;
          continue;
        }
        if (!readable(rf.type, wf[0]!.type, assumed)) return false;
      }
      return true;
    }
  }
}
