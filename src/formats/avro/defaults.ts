import type { AvroType } from './model.js';

/**
 * Checks a default value against its type as the Avro specification encodes defaults in JSON:
 * a union's default belongs to its first branch, bytes and fixed are strings of code points
 * 0-255, a record is an object whose fields without a default are all present. Returns the
 * problem in a few words, or undefined when the value fits.
 */
export function checkDefault(type: AvroType, value: unknown, depth = 0): string | undefined {
  if (depth > 64) return undefined;
  const want = (what: string) => `${JSON.stringify(value)} is not ${what}`;
  switch (type.kind) {
    case 'primitive':
      switch (type.name) {
        case 'null':
          return value === null ? undefined : want('null');
        case 'boolean':
          return typeof value === 'boolean' ? undefined : want('a boolean');
        case 'int':
          return Number.isInteger(value) &&
            Math.abs(value as number) <= 2 ** 31 &&
            (value as number) < 2 ** 31
            ? undefined
            : want('an int');
        case 'long':
          return Number.isInteger(value) ? undefined : want('a long');
        case 'float':
        case 'double':
          return typeof value === 'number' ? undefined : want(`a ${type.name}`);
        case 'bytes':
          return isByteString(value) ? undefined : want('a bytes string');
        case 'string':
          return typeof value === 'string' ? undefined : want('a string');
      }
      return undefined;
    case 'fixed':
      return isByteString(value) && value.length === type.size
        ? undefined
        : want(`a string of ${type.size} bytes (fixed '${type.fullName}')`);
    case 'enum':
      return typeof value === 'string' && type.symbols.includes(value)
        ? undefined
        : want(`a symbol of enum '${type.fullName}'`);
    case 'array': {
      if (!Array.isArray(value)) return want('an array');
      for (const v of value) {
        const p = checkDefault(type.items, v, depth + 1);
        if (p) return p;
      }
      return undefined;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return want('a map (an object)');
      }
      for (const v of Object.values(value)) {
        const p = checkDefault(type.values, v, depth + 1);
        if (p) return p;
      }
      return undefined;
    }
    case 'record': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return want(`a record '${type.fullName}' (an object)`);
      }
      const o = value as Record<string, unknown>;
      for (const f of type.fields) {
        if (Object.hasOwn(o, f.name)) {
          const p = checkDefault(f.type, o[f.name], depth + 1);
          if (p) return p;
        } else if (!f.default) {
          return `${JSON.stringify(value)} lacks field '${f.name}' of record '${type.fullName}'`;
        }
      }
      return undefined;
    }
    case 'union': {
      const first = type.branches[0];
      if (!first) return 'an empty union has no default';
      const p = checkDefault(first, value, depth + 1);
      return p ? `${p} (a union's default belongs to its first branch)` : undefined;
    }
  }
}

function isByteString(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  for (let i = 0; i < v.length; i++) if (v.charCodeAt(i) > 255) return false;
  return true;
}
