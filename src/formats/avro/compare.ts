import type { CompareContext, LoadedContract } from '../../core/adapter.js';
import { findingFactory } from '../../core/catalogue.js';
import type { Finding } from '../../core/model.js';
import { matchBy } from '../../core/match.js';
import { AvroDiff } from './diff.js';
import type { AvroModel } from './load.js';
import { isNamed, type AvroSchema } from './model.js';
import { schemaAdded, schemaRemoved } from './rules.js';

/**
 * Compares two Avro contracts: schemas paired by full name (then by an alias of the old name,
 * then by file), each pair through the resolution-based engine. A named type shared by several
 * schemas is compared once.
 */
export function compareAvro(
  base: LoadedContract<AvroModel>,
  rev: LoadedContract<AvroModel>,
  ctx: CompareContext,
): Finding[] {
  const make = findingFactory(ctx.catalogue, ctx.contract, 'avro');
  const B = base.model;
  const R = rev.model;
  const out: Finding[] = [];
  const diff = new AvroDiff();
  const single = B.single && R.single && B.schemas.length === 1 && R.schemas.length === 1;
  const m = matchBy(B.schemas, R.schemas, (s) => (single ? '' : s.key));
  let removed = m.removed.map((x) => x.base);
  let added = m.added.map((x) => x.rev);
  const pairs: Array<[AvroSchema, AvroSchema]> = m.both.map((x) => [x.base, x.rev]);
  const pairUp = (test: (b: AvroSchema, r: AvroSchema) => boolean) => {
    for (const r of [...added]) {
      const b = removed.find((x) => test(x, r));
      if (!b) continue;
      pairs.push([b, r]);
      removed = removed.filter((x) => x !== b);
      added = added.filter((x) => x !== r);
    }
  };
  pairUp((b, r) => isNamed(r.type) && r.type.aliases.includes(b.key));
  pairUp((b, r) => b.file === r.file);
  for (const s of removed) {
    out.push(make(schemaRemoved, { args: { schema: s.key }, location: s.type.at }));
  }
  for (const s of added) {
    out.push(make(schemaAdded, { args: { schema: s.key }, location: s.type.at }));
  }
  for (const [b, r] of pairs) diff.compare(b.type, r.type, `schema '${r.key}'`);
  for (const c of diff.changes) {
    out.push(
      make(c.rule, {
        args: c.args,
        location: c.location,
        ...(c.baseLocation ? { baseLocation: c.baseLocation } : {}),
        ...(c.before !== undefined ? { before: c.before } : {}),
        ...(c.after !== undefined ? { after: c.after } : {}),
      }),
    );
  }
  return out;
}
