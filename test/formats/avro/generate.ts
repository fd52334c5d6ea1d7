/**
 * Seeded generation of Avro schemas and mutations of them, for the differential test against
 * avsc's resolver. Every generated schema is valid: defaults are made for the type they belong to.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** mulberry32: a small seeded PRNG, so the generated cases are the same on every run. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const PRIMS = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'] as const;
const SYMBOLS = ['A', 'B', 'C', 'D', 'E', 'F'];

export class Generator {
  private n = 0;
  constructor(private readonly r: Rng) {}

  private name(prefix: string): string {
    return `${prefix}${++this.n}`;
  }

  type(depth: number): Json {
    const r = this.r;
    const k = r.int(depth > 1 ? 4 : 10);
    if (k < 4) return r.pick(PRIMS.filter((p) => p !== 'null'));
    if (k === 4) {
      const symbols = SYMBOLS.slice(0, 2 + r.int(3));
      const e: Obj = { type: 'enum', name: this.name('E'), symbols };
      if (r.chance(0.3)) e.default = symbols[0]!;
      return e;
    }
    if (k === 5) return { type: 'fixed', name: this.name('X'), size: r.pick([4, 8, 16]) };
    if (k === 6) return { type: 'array', items: this.type(depth + 1) };
    if (k === 7) return { type: 'map', values: this.type(depth + 1) };
    if (k === 8) {
      const second = r.pick(['int', 'long', 'string', 'double', 'boolean']);
      return r.chance(0.7) ? ['null', second] : ['null', second, r.pick(['bytes', 'float'])];
    }
    return this.record(depth + 1, 1 + r.int(3));
  }

  record(depth: number, fields: number, name = this.name('R')): Obj {
    const out: Json[] = [];
    for (let i = 0; i < fields; i++) out.push(this.field(`f${i}`, depth));
    return { type: 'record', name, fields: out };
  }

  field(name: string, depth: number): Obj {
    const type = this.type(depth);
    const f: Obj = { name, type };
    if (this.r.chance(0.4)) {
      const d = defaultFor(type);
      if (d !== undefined) f.default = d;
    }
    return f;
  }
}

/** A valid default for a type (the first branch of a union), or undefined when none is simple. */
export function defaultFor(t: Json): Json | undefined {
  if (typeof t === 'string') {
    switch (t) {
      case 'null':
        return null;
      case 'boolean':
        return false;
      case 'int':
      case 'long':
        return 0;
      case 'float':
      case 'double':
        return 0.5;
      case 'bytes':
      case 'string':
        return '';
    }
    return undefined;
  }
  if (Array.isArray(t)) return t.length ? defaultFor(t[0]!) : undefined;
  if (t && typeof t === 'object') {
    const o = t as Obj;
    if (o.type === 'enum') return (o.symbols as string[])[0]!;
    if (o.type === 'fixed') return '\u0000'.repeat(o.size as number);
    if (o.type === 'array') return [];
    if (o.type === 'map') return {};
    if (o.type === 'record') {
      const v: Obj = {};
      for (const f of o.fields as Obj[]) {
        const d = defaultFor(f.type!);
        if (d === undefined) return undefined;
        v[f.name as string] = d;
      }
      return v;
    }
  }
  return undefined;
}

/** Every record, enum, fixed, field list and union below a schema, for mutations to pick from. */
function collect(
  t: Json,
  out: { records: Obj[]; enums: Obj[]; fixed: Obj[]; holders: Array<{ o: Obj; key: string }> },
) {
  if (Array.isArray(t)) {
    t.forEach((b) => collect(b, out));
    return;
  }
  if (!t || typeof t !== 'object') return;
  const o = t as Obj;
  if (o.type === 'record') {
    out.records.push(o);
    for (const f of o.fields as Obj[]) {
      out.holders.push({ o: f, key: 'type' });
      collect(f.type!, out);
    }
  } else if (o.type === 'enum') out.enums.push(o);
  else if (o.type === 'fixed') out.fixed.push(o);
  else if (o.type === 'array') {
    out.holders.push({ o, key: 'items' });
    collect(o.items!, out);
  } else if (o.type === 'map') {
    out.holders.push({ o, key: 'values' });
    collect(o.values!, out);
  }
}

export const MUTATIONS = [
  'add-field',
  'add-field-default',
  'remove-field',
  'rename-field-alias',
  'change-type',
  'make-nullable',
  'unwrap-union',
  'add-branch',
  'remove-branch',
  'enum-add-symbol',
  'enum-remove-symbol',
  'enum-toggle-default',
  'fixed-size',
  'rename-type',
  'rename-type-alias',
  'toggle-default',
  'doc',
  'namespace',
] as const;
export type Mutation = (typeof MUTATIONS)[number];

/** Applies one mutation in place; false when the schema has nothing it applies to. */
export function mutate(root: Obj, m: Mutation, g: Generator, r: Rng): boolean {
  const c = {
    records: [] as Obj[],
    enums: [] as Obj[],
    fixed: [] as Obj[],
    holders: [] as Array<{ o: Obj; key: string }>,
  };
  collect(root, c);
  const fieldsOf = (rec: Obj) => rec.fields as Obj[];
  const nonEmpty = c.records.filter((x) => fieldsOf(x).length > 0);
  switch (m) {
    case 'add-field':
    case 'add-field-default': {
      const rec = r.pick(c.records);
      const f = g.field(`n${r.int(1000)}`, 2);
      if (fieldsOf(rec).some((x) => x.name === f.name)) return false;
      if (m === 'add-field-default') {
        const d = defaultFor(f.type!);
        if (d === undefined) return false;
        f.default = d;
      } else delete f.default;
      fieldsOf(rec).push(f);
      return true;
    }
    case 'remove-field': {
      if (!nonEmpty.length) return false;
      const rec = r.pick(nonEmpty);
      fieldsOf(rec).splice(r.int(fieldsOf(rec).length), 1);
      return true;
    }
    case 'rename-field-alias': {
      if (!nonEmpty.length) return false;
      const f = r.pick(fieldsOf(r.pick(nonEmpty)));
      f.aliases = [f.name as string];
      f.name = `${f.name as string}_renamed`;
      return true;
    }
    case 'change-type': {
      if (!c.holders.length) return false;
      const h = r.pick(c.holders);
      if (typeof h.o[h.key] !== 'string') return false;
      h.o[h.key] = r.pick(PRIMS.filter((p) => p !== 'null' && p !== h.o[h.key]));
      if ('default' in h.o) {
        const d = defaultFor(h.o[h.key]!);
        if (d === undefined) delete h.o.default;
        else h.o.default = d;
      }
      return true;
    }
    case 'make-nullable': {
      const fields = c.holders.filter((h) => h.key === 'type' && !Array.isArray(h.o.type));
      if (!fields.length) return false;
      const h = r.pick(fields);
      h.o.type = ['null', h.o.type!];
      if (r.chance(0.5)) h.o.default = null;
      else delete h.o.default;
      return true;
    }
    case 'unwrap-union':
    case 'add-branch':
    case 'remove-branch': {
      const unions = c.holders.filter((h) => Array.isArray(h.o[h.key]));
      if (!unions.length) return false;
      const h = r.pick(unions);
      const u = h.o[h.key] as Json[];
      if (m === 'unwrap-union') h.o[h.key] = u[u.length - 1]!;
      else if (m === 'remove-branch') {
        if (u.length < 2) return false;
        u.splice(1 + r.int(u.length - 1), 1);
      } else {
        const extra = r.pick(PRIMS.filter((p) => !u.includes(p)));
        u.push(extra);
      }
      if ('default' in h.o) {
        const d = defaultFor(h.o[h.key]!);
        if (d === undefined) delete h.o.default;
        else h.o.default = d;
      }
      return true;
    }
    case 'enum-add-symbol': {
      if (!c.enums.length) return false;
      const e = r.pick(c.enums);
      const s = SYMBOLS.find((x) => !(e.symbols as string[]).includes(x));
      if (!s) return false;
      (e.symbols as string[]).push(s);
      return true;
    }
    case 'enum-remove-symbol': {
      const es = c.enums.filter((e) => (e.symbols as string[]).length > 1);
      if (!es.length) return false;
      const e = r.pick(es);
      const symbols = e.symbols as string[];
      // The first symbol stays: field defaults and the enum default use it.
      symbols.splice(1 + r.int(symbols.length - 1), 1);
      return true;
    }
    case 'enum-toggle-default': {
      if (!c.enums.length) return false;
      const e = r.pick(c.enums);
      if ('default' in e) delete e.default;
      else e.default = (e.symbols as string[])[0]!;
      return true;
    }
    case 'fixed-size': {
      if (!c.fixed.length) return false;
      const x = r.pick(c.fixed);
      x.size = (x.size as number) * 2;
      // Field defaults of the old size no longer fit: they are dropped by the caller's revalidation.
      return true;
    }
    case 'rename-type':
    case 'rename-type-alias': {
      const named = [...c.records.slice(1), ...c.enums, ...c.fixed];
      if (!named.length) return false;
      const t = r.pick(named);
      if (m === 'rename-type-alias') t.aliases = [t.name as string];
      t.name = `${t.name as string}Renamed`;
      return true;
    }
    case 'toggle-default': {
      const fields = c.holders.filter((h) => h.key === 'type');
      if (!fields.length) return false;
      const h = r.pick(fields);
      if ('default' in h.o) delete h.o.default;
      else {
        const d = defaultFor(h.o.type!);
        if (d === undefined) return false;
        h.o.default = d;
      }
      return true;
    }
    case 'doc': {
      const rec = r.pick(c.records);
      rec.doc = `doc ${r.int(100)}`;
      return true;
    }
    case 'namespace': {
      const named = [...c.records.slice(1), ...c.enums, ...c.fixed];
      if (!named.length) return false;
      r.pick(named).namespace = 'other';
      return true;
    }
  }
}

/** Field defaults that no longer fit after a fixed changed size are refreshed. */
export function refreshFixedDefaults(t: Json): void {
  const c = {
    records: [] as Obj[],
    enums: [] as Obj[],
    fixed: [] as Obj[],
    holders: [] as Array<{ o: Obj; key: string }>,
  };
  collect(t, c);
  for (const h of c.holders) {
    if (h.key !== 'type' || !('default' in h.o)) continue;
    const d = defaultFor(h.o.type!);
    if (d === undefined) delete h.o.default;
    else h.o.default = d;
  }
}
