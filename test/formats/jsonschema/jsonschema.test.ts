import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { JSONSCHEMA_RULES } from '../../../src/formats/jsonschema/rules.js';
import { brief, diffSchemas, diffWith, FIXTURES, jsonschemaAdapter } from '../asyncapi/harness.js';

const dir = (c: string) => path.join(FIXTURES, 'jsonschema', c);
const rows = async (c: string, options?: Record<string, unknown>) =>
  brief(await diffSchemas(dir(c), options), dir(c)).map((f) => [
    f.rule,
    f.severity,
    f.file,
    f.line,
  ]);

describe('JSON Schema contracts', () => {
  it('a removed schema file is breaking, at the file in the base', async () => {
    expect(await rows('schema-file-removed')).toEqual([
      ['schema-file-removed', 'breaking', 'base/order-cancelled.yaml', 1],
    ]);
  });

  it('an added schema file is info', async () => {
    expect(await rows('schema-file-added')).toEqual([
      ['schema-file-added', 'info', 'revision/order-cancelled.yaml', 1],
    ]);
  });

  it('files outside the include globs are not documents of the contract', async () => {
    expect(await rows('schema-file-removed', { include: ['*.json'] })).toEqual([]);
  });

  it('the direction decides severity (default both = the stricter of read and write)', async () => {
    const enumAdded = ['schema-enum-value-added', 'revision/order-created.json', 10];
    expect(await rows('enum-value-added')).toEqual([[enumAdded[0], 'warning', enumAdded[1], 10]]);
    expect(await rows('enum-value-added', { direction: 'read' })).toEqual([
      [enumAdded[0], 'warning', enumAdded[1], 10],
    ]);
    expect(await rows('enum-value-added', { direction: 'write' })).toEqual([
      [enumAdded[0], 'info', enumAdded[1], 10],
    ]);
  });

  it('a schema shared through $id references is reported once, affecting every file', async () => {
    const found = await diffSchemas(dir('shared-schema-changed'));
    expect(brief(found, dir('shared-schema-changed'))).toEqual([
      {
        rule: 'schema-property-became-required',
        severity: 'breaking',
        file: 'revision/customer.json',
        line: 8,
      },
    ]);
    expect(found[0]!.affects).toEqual(['schema customer.json', 'schema order-created.json']);
    expect(await rows('shared-schema-changed', { direction: 'read' })).toEqual([
      ['schema-property-became-required', 'info', 'revision/customer.json', 8],
    ]);
  });

  it('moving a subschema to $defs and referencing by $id is not a change (near-miss)', async () => {
    expect(await rows('refactored.near-miss')).toEqual([]);
  });

  it('a remote $ref that is not fetched is not compared (never any value), naming the ref', async () => {
    // A local Address → a remote address.json, billing-v1 → billing-v2: before, address read as
    // "widened to any" (breaking when read) and its required street as removed.
    expect(await rows('ref-not-compared')).toEqual([
      ['ref-not-compared', 'warning', 'revision/order-created.json', 8],
      ['ref-not-compared', 'warning', 'revision/order-created.json', 9],
    ]);
    // Near miss: the same remote ref, and a local ref moved to a $defs entry of the same shape.
    expect(await rows('ref-not-compared.near-miss')).toEqual([]);
  });

  it('2020-12 $ref siblings apply like allOf', async () => {
    const found = await rows('ref-siblings-2020');
    expect(found.map((r) => r.slice(0, 2))).toEqual([
      ['schema-property-became-required', 'breaking'],
    ]);
  });

  it('a one-file contract compares its file whatever it is called', async () => {
    const found = await diffWith(jsonschemaAdapter, dir('single'));
    expect(brief(found, dir('single')).map((f) => [f.rule, f.severity, f.file, f.line])).toEqual([
      ['schema-property-became-optional', 'breaking', 'revision.json', 10],
    ]);
  });

  it('strict: an invalid schema is an input error at its line', async () => {
    const e = await diffSchemas(dir('invalid')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).oneLine()).toBe(
      `${dir('invalid')}/revision/a.json:4:13: invalid JSON Schema: /properties/id/type: must be one of "array", "boolean", "integer", "null", "number", "object", "string"`,
    );
  });

  it('lenient: an invalid schema is compared and its problem reported', async () => {
    const rev = await jsonschemaAdapter.load(
      {
        id: 'x',
        format: 'jsonschema',
        root: dir('invalid/revision'),
        entries: [],
        options: { lenient: true },
      },
      new (await import('../../../src/core/source.js')).DirSource(dir('invalid/revision')),
    );
    expect(rev.problems?.map((p) => [p.rule, p.severity, p.location.line])).toEqual([
      ['schema-file-invalid', 'warning', 4],
    ]);
    const valid = await jsonschemaAdapter.load(
      {
        id: 'x',
        format: 'jsonschema',
        root: dir('invalid/base'),
        entries: [],
        options: { lenient: true },
      },
      new (await import('../../../src/core/source.js')).DirSource(dir('invalid/base')),
    );
    expect(valid.problems).toBeUndefined();
  });

  it('rejects an unknown direction', async () => {
    const e = await diffSchemas(dir('schema-file-added'), { direction: 'sideways' }).catch(
      (x: unknown) => x,
    );
    expect((e as InputError).message).toMatch(/option 'direction' must be/);
  });

  it('detects JSON Schema documents by a json-schema.org $schema', () => {
    expect(
      jsonschemaAdapter.detect(
        'a.json',
        '{"$schema": "https://json-schema.org/draft/2020-12/schema"}',
      ),
    ).toBe(true);
    expect(
      jsonschemaAdapter.detect('a.yaml', '$schema: http://json-schema.org/draft-07/schema#\n'),
    ).toBe(true);
    expect(jsonschemaAdapter.detect('a.json', '{"openapi": "3.1.0"}')).toBe(false);
  });

  it('every JSON Schema file rule is exercised above', () => {
    expect(JSONSCHEMA_RULES.map((r) => r.id)).toEqual([
      'schema-file-removed',
      'schema-file-added',
      'schema-file-invalid',
    ]);
  });
});
