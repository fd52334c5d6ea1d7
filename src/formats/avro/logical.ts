import type { AvroType, LogicalType } from './model.js';

/**
 * The logical type of a schema object, as the specification defines them on their underlying
 * types. An unknown or invalid logical type is ignored (the schema is its underlying type), as the
 * specification requires of implementations.
 */
const ON: Record<string, ReadonlyArray<string>> = {
  uuid: ['string', 'fixed'],
  date: ['int'],
  'time-millis': ['int'],
  'time-micros': ['long'],
  'timestamp-millis': ['long'],
  'timestamp-micros': ['long'],
  'timestamp-nanos': ['long'],
  'local-timestamp-millis': ['long'],
  'local-timestamp-micros': ['long'],
  'local-timestamp-nanos': ['long'],
  duration: ['fixed'],
  decimal: ['bytes', 'fixed'],
};

export function logicalTypeOf(o: Record<string, unknown>, t: AvroType): LogicalType | undefined {
  const name = o.logicalType;
  if (typeof name !== 'string') return undefined;
  const underlying = t.kind === 'primitive' ? t.name : t.kind;
  if (!ON[name]?.includes(underlying)) return undefined;
  if (name === 'duration' && t.kind === 'fixed' && t.size !== 12) return undefined;
  if (name === 'uuid' && t.kind === 'fixed' && t.size !== 16) return undefined;
  if (name !== 'decimal') return { name };
  const precision = o.precision;
  const scale = o.scale ?? 0;
  if (typeof precision !== 'number' || !Number.isInteger(precision) || precision <= 0)
    return undefined;
  if (typeof scale !== 'number' || !Number.isInteger(scale) || scale < 0 || scale > precision) {
    return undefined;
  }
  if (t.kind === 'fixed') {
    // The most digits a two's-complement number of `size` bytes holds.
    const max = Math.floor(Math.log10(2) * (8 * t.size - 1));
    if (precision > max) return undefined;
  }
  return { name, precision, scale };
}

export function logicalLabel(l: LogicalType | undefined): string {
  if (!l) return 'none';
  return l.name === 'decimal' ? `decimal(${l.precision}, ${l.scale})` : l.name;
}
