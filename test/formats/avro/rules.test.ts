import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { DirSource } from '../../../src/core/source.js';
import { avroAdapter } from '../../../src/formats/avro/adapter.js';
import { AVRO_RULES } from '../../../src/formats/avro/rules.js';
import { FIXTURES } from '../asyncapi/harness.js';
import { AVRO, catalogue, diffAvro, rows } from './harness.js';

/**
 * One fixture pair per rule (fixtures/avro/<rule>/{base,revision}.avsc, or folders for whole
 * schemas) with its exact findings, and a near-miss beside it (…/near-miss) that must not fire it.
 */
const EXPECTED: Record<string, string[]> = {
  'avro-alias-added': ['avro-alias-added info revision.avsc:7:26'],
  'avro-alias-removed': ['avro-alias-removed warning revision.avsc:7:26'],
  'avro-decimal-changed': ['avro-decimal-changed breaking revision.avsc:7:24'],
  'avro-doc-changed': ['avro-doc-changed info revision.avsc:7:5'],
  'avro-enum-default-changed': ['avro-enum-default-changed warning revision.avsc:7:24'],
  'avro-enum-symbol-added': ['avro-enum-symbol-added warning revision.avsc:7:94'],
  'avro-enum-symbol-added-with-default': [
    'avro-enum-symbol-added-with-default info revision.avsc:7:94',
  ],
  'avro-enum-symbol-removed': ['avro-enum-symbol-removed breaking revision.avsc:7:24'],
  'avro-enum-symbol-removed-to-default': [
    'avro-enum-symbol-removed-to-default warning revision.avsc:7:24',
  ],
  'avro-field-added': ['avro-field-added info revision.avsc:7:5'],
  'avro-field-added-without-default': [
    'avro-field-added-without-default breaking revision.avsc:7:5',
  ],
  'avro-field-default-added': ['avro-field-default-added info revision.avsc:7:5'],
  'avro-field-default-changed': ['avro-field-default-changed warning revision.avsc:7:5'],
  'avro-field-default-removed': ['avro-field-default-removed warning revision.avsc:7:5'],
  'avro-field-removed': ['avro-field-removed warning revision.avsc:5:3'],
  'avro-field-removed-without-default': [
    'avro-field-removed-without-default warning revision.avsc:5:3',
  ],
  'avro-field-renamed': ['avro-field-renamed warning revision.avsc:7:5'],
  'avro-field-renamed-without-default': [
    'avro-field-renamed-without-default warning revision.avsc:7:5',
  ],
  'avro-field-sort-order-changed': ['avro-field-sort-order-changed warning revision.avsc:7:5'],
  'avro-fixed-size-changed': ['avro-fixed-size-changed breaking revision.avsc:7:22'],
  'avro-logical-type-added': ['avro-logical-type-added warning revision.avsc:7:20'],
  'avro-logical-type-changed': ['avro-logical-type-changed breaking revision.avsc:7:20'],
  'avro-logical-type-removed': ['avro-logical-type-removed warning revision.avsc:7:20'],
  'avro-namespace-changed': ['avro-namespace-changed warning revision.avsc:7:53'],
  'avro-renamed-field-type-incompatible': [
    'avro-field-renamed warning revision.avsc:7:5',
    'avro-renamed-field-type-incompatible breaking revision.avsc:7:5',
  ],
  'avro-schema-added': ['avro-schema-added info revision/payment.avsc:1:1'],
  'avro-schema-removed': ['avro-schema-removed breaking base/payment.avsc:1:1'],
  'avro-string-bytes-swapped': ['avro-string-bytes-swapped warning revision.avsc:7:23'],
  'avro-type-changed': ['avro-type-changed breaking revision.avsc:7:24'],
  'avro-type-demoted': ['avro-type-demoted breaking revision.avsc:7:24'],
  'avro-type-promoted': ['avro-type-promoted warning revision.avsc:7:24'],
  'avro-type-renamed': ['avro-type-renamed breaking revision.avsc:7:53'],
  'avro-type-renamed-compatible': ['avro-type-renamed-compatible warning revision.avsc:7:53'],
  'avro-type-renamed-to-alias': ['avro-type-renamed-to-alias breaking revision.avsc:7:53'],
  'avro-type-renamed-with-alias': ['avro-type-renamed-with-alias warning revision.avsc:7:53'],
  'avro-union-branch-added': [
    'avro-field-default-added info revision.avsc:7:5',
    'avro-union-branch-added warning revision.avsc:7:31',
  ],
  'avro-union-branch-added-readable': ['avro-union-branch-added-readable info revision.avsc:7:36'],
  'avro-union-branch-merged': ['avro-union-branch-merged warning revision.avsc:7:19'],
  'avro-union-branch-removed': [
    'avro-field-default-changed warning revision.avsc:7:5',
    'avro-union-branch-removed breaking revision.avsc:7:22',
  ],
};

describe('Avro rules: a fixture pair and a near-miss each', () => {
  it('every rule has a fixture pair, and every pair is a rule', () => {
    expect(readdirSync(AVRO).sort()).toEqual(AVRO_RULES.map((r) => r.id).sort());
    expect(Object.keys(EXPECTED).sort()).toEqual(AVRO_RULES.map((r) => r.id).sort());
  });

  for (const [rule, expected] of Object.entries(EXPECTED)) {
    it(`${rule}: fires at its element; its near-miss does not`, async () => {
      const dir = path.join(AVRO, rule);
      expect(rows(await diffAvro(dir), dir)).toEqual(expected);
      const near = path.join(dir, 'near-miss');
      expect(existsSync(near)).toBe(true);
      expect((await diffAvro(near)).map((f) => f.rule)).not.toContain(rule);
    });
  }

  it('every finding names the base element too, and rules map to Confluent where one applies', async () => {
    const dir = path.join(AVRO, 'avro-field-added-without-default');
    const [f] = await diffAvro(dir);
    expect(f!.message).toBe("field 'note' was added to record 'shop.Order' without a default");
    expect(catalogue.require(f!.rule).equivalents.confluent).toEqual([
      'READER_FIELD_MISSING_DEFAULT_VALUE',
    ]);
    const renamed = (await diffAvro(path.join(AVRO, 'avro-type-renamed')))[0]!;
    expect(renamed.baseLocation?.line).toBe(7);
  });

  it('modes follow resolution: BACKWARD breaks fail backward, FORWARD breaks fail forward', () => {
    const modes = (id: string) => [...catalogue.require(id).modes].sort();
    expect(modes('avro-field-added-without-default')).toEqual(['backward', 'expansion', 'full']);
    expect(modes('avro-field-removed-without-default')).toEqual(['expansion', 'forward', 'full']);
    expect(modes('avro-type-changed')).toEqual(['backward', 'expansion', 'forward', 'full']);
    expect(modes('avro-field-removed')).toEqual(['expansion']);
    expect(modes('avro-field-added')).toEqual([]);
  });
});

describe('Avro contracts: files, folders, protocols', () => {
  const folder = path.join(FIXTURES, 'avro-folder');

  it('named types resolve across the files of a folder; a shared type is reported once', async () => {
    expect(rows(await diffAvro(folder), folder)).toEqual([
      'avro-field-added-without-default breaking revision/money.avsc:7:5',
    ]);
  });

  it('a protocol (.avpr) compares with its IDL (.avdl): types by full name, IDL lines', async () => {
    const dir = path.join(FIXTURES, 'avro-protocol');
    const load = (file: string) =>
      avroAdapter.load(
        { id: 'shop', format: 'avro', root: dir, entries: [file] },
        new DirSource(dir),
      );
    const found = avroAdapter.compare(await load('base.avpr'), await load('revision.avdl'), {
      catalogue,
      contract: 'shop',
    });
    expect(rows(found, dir)).toEqual([
      'avro-enum-symbol-removed breaking revision.avdl:3:8',
      'avro-field-added-without-default breaking revision.avdl:10:10',
    ]);
  });

  it('detects .avsc, .avpr and .avdl files by content', () => {
    expect(avroAdapter.detect('a.avsc', '{"type": "record"}')).toBe(true);
    expect(avroAdapter.detect('a.avsc', 'hello')).toBe(false);
    expect(avroAdapter.detect('a.avpr', '{"protocol": "P"}')).toBe(true);
    expect(avroAdapter.detect('a.avdl', 'protocol P {}')).toBe(true);
    expect(avroAdapter.detect('a.json', '{"type": "record"}')).toBe(false);
  });
});

describe('Avro bad input: one line with file:line, an InputError (exit 2)', () => {
  const bad = path.join(FIXTURES, 'avro-invalid');
  const load = (file: string) =>
    avroAdapter
      .load({ id: 'x', format: 'avro', root: bad, entries: [file] }, new DirSource(bad))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
  const cases: Array<[string, number, RegExp]> = [
    ['unknown-type.avsc', 7, /unknown Avro type 'shop\.Money'/],
    [
      'default-wrong-type.avsc',
      6,
      /invalid default of Avro field 'Order\.count': "none" is not an int/,
    ],
    ['union-default.avsc', 5, /first branch/],
    ['invalid-schema.avsc', 6, /'symbols' must be an array/],
    ['syntax.avsc', 5, /invalid YAML\/JSON/],
  ];
  for (const [file, line, message] of cases) {
    it(file, async () => {
      const e = await load(file);
      expect(e).toBeInstanceOf(InputError);
      const err = e as InputError;
      expect(err.position.file).toBe(path.join(bad, file));
      expect(err.position.line).toBe(line);
      expect(err.oneLine()).toMatch(message);
      expect(err.oneLine()).not.toContain('\n');
    });
  }
});

describe('Avro on hostile input', () => {
  it('a schema nested thousands of levels deep is an input error, not a crash', async () => {
    const text = '{"type": "array", "items": '.repeat(5000) + '"string"' + '}'.repeat(5000);
    const { MemorySource } = await import('../../../src/core/source.js');
    const source = new MemorySource('mem', new Map([['deep.avsc', text]]));
    const e = await avroAdapter
      .load({ id: 'x', format: 'avro', root: 'mem', entries: ['deep.avsc'] }, source)
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toMatch(
      /nested too deeply \(limit 256|nested more than 512 levels/,
    );
  });
});
