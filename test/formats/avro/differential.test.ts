import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceLocation } from '../../../src/core/model.js';
import { AvroDiff } from '../../../src/formats/avro/diff.js';
import { AvroParser } from '../../../src/formats/avro/parse.js';
import { breaksBackward, breaksForward } from '../../../src/formats/avro/rules.js';
import { Generator, MUTATIONS, mutate, refreshFixedDefaults, rng, type Json } from './generate.js';
import { AVRO } from './harness.js';

/**
 * Differential test against the npm `avsc` package's schema resolution: `createResolver` throws
 * exactly when data written with the writer schema cannot be read with the reader schema. For every
 * fixture pair and for generated schema mutations (fixed seed), treaty's verdicts must equal it:
 *
 * - backward (Confluent BACKWARD): some finding's rule lists the `backward` mode ⇔ the revision
 *   cannot resolve the base (`rev.createResolver(base)` throws);
 * - forward (Confluent FORWARD): some finding's rule lists `forward` ⇔ `base.createResolver(rev)`
 *   throws.
 *
 * avsc runs with `ignoreNamespaces`: Avro Java and Confluent Schema Registry match named types by
 * their unqualified name, and so does treaty. Every case where the verdicts differ on purpose is
 * listed in EXPECTED_DIFFERENCES with the reason; any other difference fails the test.
 */

const require = createRequire(import.meta.url);
const avsc = require('avsc') as {
  Type: {
    forSchema(s: unknown, o?: unknown): { createResolver(t: unknown, o?: unknown): unknown };
  };
};

type Verdict = { backward: boolean; forward: boolean };

function oracle(base: Json, rev: Json): Verdict {
  const b = avsc.Type.forSchema(base);
  const r = avsc.Type.forSchema(rev);
  const ok = (reader: typeof b, writer: typeof b) => {
    try {
      reader.createResolver(writer, { ignoreNamespaces: true });
      return true;
    } catch {
      return false;
    }
  };
  return { backward: !ok(r, b), forward: !ok(b, r) };
}

const nowhere = (): SourceLocation => ({ file: 'x.avsc', line: 0, column: 0, pointer: [] });

function treaty(base: Json, rev: Json): Verdict & { rules: string[] } {
  const parse = (v: Json) => {
    const p = new AvroParser();
    const h = p.parse(v, nowhere);
    p.finish();
    return h.type;
  };
  const diff = new AvroDiff();
  diff.compare(parse(base), parse(rev), 'schema');
  const rules = diff.changes.map((c) => c.rule);
  return {
    backward: rules.some(breaksBackward),
    forward: rules.some(breaksForward),
    rules: [...new Set(rules.map((r) => r.id))].sort(),
  };
}

/**
 * Fixture pairs whose verdicts differ from avsc's on purpose. avsc (like the Avro resolver of the
 * underlying types) does not look at logical types; the specification says two decimals match only
 * when scale and precision are equal, and a timestamp read in another unit is a different instant.
 */
const EXPECTED_DIFFERENCES: Record<string, string> = {
  'avro-decimal-changed':
    'spec: decimals match only when precision and scale are equal; avsc resolves the bytes',
  'avro-logical-type-changed':
    'timestamp-millis → timestamp-micros reads every value in the wrong unit; avsc resolves the long',
};

function fixturePairs(): Array<{ name: string; base: Json; rev: Json }> {
  const out: Array<{ name: string; base: Json; rev: Json }> = [];
  for (const name of readdirSync(AVRO).sort()) {
    for (const [label, dir] of [
      [name, path.join(AVRO, name)],
      [`${name}/near-miss`, path.join(AVRO, name, 'near-miss')],
    ] as const) {
      const b = path.join(dir, 'base.avsc');
      if (!existsSync(b)) continue; // folder contracts: schemas added or removed, not a pair
      const read = (f: string) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Json;
      out.push({ name: label, base: read('base.avsc'), rev: read('revision.avsc') });
    }
  }
  return out;
}

describe('Avro verdicts equal avsc createResolver', () => {
  it('on every fixture pair and near-miss (differences named)', () => {
    const pairs = fixturePairs();
    expect(pairs.length).toBeGreaterThan(60);
    const differences: Record<string, string> = {};
    for (const p of pairs) {
      const want = oracle(p.base, p.rev);
      const got = treaty(p.base, p.rev);
      if (want.backward !== got.backward || want.forward !== got.forward) {
        differences[p.name] =
          `avsc backward=${want.backward} forward=${want.forward}; treaty backward=${got.backward} forward=${got.forward} (${got.rules.join(', ')})`;
      }
    }
    expect(Object.keys(differences).sort()).toEqual(Object.keys(EXPECTED_DIFFERENCES).sort());
  });

  it('a relative alias is qualified by the namespace (Avro Java, Confluent); avsc compares it unqualified', () => {
    // The one difference the generator finds over 12 000 cases (seeds 1-4): a type moved out of the
    // null namespace and renamed, aliasing its old name relatively. Avro Java qualifies the alias
    // ('other.Customer') and finds no match for the writer's 'Customer': NAME_MISMATCH. avsc with
    // ignoreNamespaces compares unqualified names and resolves it.
    const customer = (name: string, extra: Record<string, Json>) => ({
      type: 'record',
      name: 'Order',
      fields: [{ name: 'c', type: { type: 'record', name, fields: [], ...extra } }],
    });
    const base = customer('Customer', {});
    const rev = customer('Client', { namespace: 'other', aliases: ['Customer'] });
    expect(oracle(base, rev)).toEqual({ backward: false, forward: true });
    expect(treaty(base, rev)).toMatchObject({ backward: true, forward: true });
    const qualified = customer('Client', { namespace: 'other', aliases: ['.Customer'] });
    expect(() => treaty(base, qualified)).toThrow(); // '.Customer' is not a valid Avro name
    const sameNamespace = customer('Client', { aliases: ['Customer'] });
    expect(treaty(base, sameNamespace)).toMatchObject(oracle(base, sameNamespace));
  });

  it('on 400 generated schema mutations (seed 17), both directions', () => {
    const r = rng(17);
    const g = new Generator(r);
    const differences: string[] = [];
    const coverage = new Map<string, number>();
    let compared = 0;
    let verdicts = { backward: 0, forward: 0 };
    for (let i = 0; compared < 400 && i < 5000; i++) {
      const base = g.record(0, 2 + r.int(4)) as Json;
      const rev = structuredClone(base) as { [k: string]: Json };
      const applied: string[] = [];
      for (let k = 1 + r.int(2); k > 0; k--) {
        const m = r.pick(MUTATIONS);
        if (mutate(rev, m, g, r)) applied.push(m);
      }
      if (!applied.length) continue;
      refreshFixedDefaults(rev);
      compared++;
      for (const m of applied) coverage.set(m, (coverage.get(m) ?? 0) + 1);
      const want = oracle(base, rev);
      const got = treaty(base, rev);
      if (want.backward) verdicts.backward++;
      if (want.forward) verdicts.forward++;
      if (want.backward !== got.backward || want.forward !== got.forward) {
        differences.push(
          `#${i} ${applied.join('+')}: avsc ${JSON.stringify(want)} treaty backward=${got.backward} forward=${got.forward} (${got.rules.join(', ')})\n  base ${JSON.stringify(base)}\n  rev  ${JSON.stringify(rev)}`,
        );
      }
    }
    expect(compared).toBe(400);
    // Every mutation ran, and both verdicts occur both ways (the test can fail).
    for (const m of MUTATIONS) expect(coverage.get(m) ?? 0, m).toBeGreaterThan(5);
    expect(verdicts.backward).toBeGreaterThan(40);
    expect(verdicts.forward).toBeGreaterThan(40);
    expect(verdicts.backward).toBeLessThan(360);
    expect(differences).toEqual([]);
  });
});
