import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../../src/core/errors.js';
import { MemorySource } from '../../../src/core/source.js';
import {
  expandIds,
  isUnstablePackage,
  loadConfig,
  packageMajor,
} from '../../../src/formats/protobuf/config.js';
import { bufRows, bufRowsOwnConfig, rowKey, treatyFindings, treatyRows } from './harness.js';

/**
 * Configuration: buf.yaml files (v1beta1, v1, v2, v2 modules) and buf.work.yaml workspaces are honoured exactly as buf honours them
 * (checked against buf itself on fixtures/protobuf/_config), and treaty options override them
 * with buf's semantics (checked against buf given the same settings inline).
 */

const ROOT = path.resolve('fixtures/protobuf/_config');
const cases = fs.readdirSync(ROOT).sort();

describe('buf.yaml is honoured like buf does', () => {
  it.each(cases)('%s', async (name) => {
    const dir = path.join(ROOT, name);
    const [theirs, ours] = await Promise.all([
      bufRowsOwnConfig(dir),
      treatyFindings(dir, {}).then((f) => treatyRows(dir, f)),
    ]);
    expect(ours.map(rowKey)).toEqual(theirs.map(rowKey));
  });

  // Pairs with an expected.json also pin treaty's findings (treaty ids, files under the pair).
  it.each(cases.filter((c) => fs.existsSync(path.join(ROOT, c, 'expected.json'))))(
    '%s: expected.json',
    async (name) => {
      const dir = path.join(ROOT, name);
      const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as {
        findings: Array<{ rule: string; file: string; line: number; column: number }>;
      };
      const actual = (await treatyFindings(dir, {}))
        .filter((f) => f.severity !== 'info')
        .map((f) => ({
          rule: f.rule,
          file: path.relative(dir, f.location.file).split(path.sep).join('/'),
          line: f.location.line,
          column: f.location.column,
        }));
      expect(actual).toEqual(expected.findings);
    },
  );
});

describe('treaty options override buf.yaml with buf semantics', () => {
  const dir = path.join(ROOT, 'v2-defaults');
  const settings: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ['categories WIRE', { categories: ['WIRE'] }, { use: ['WIRE'] }],
    ['categories WIRE_JSON', { categories: ['WIRE_JSON'] }, { use: ['WIRE_JSON'] }],
    ['categories PACKAGE', { categories: ['PACKAGE'] }, { use: ['PACKAGE'] }],
    [
      'rule ids, buf or treaty style, with except',
      { categories: ['FIELD_NO_DELETE', 'field-same-type'], except: ['FIELD_SAME_TYPE'] },
      { use: ['FIELD_NO_DELETE', 'FIELD_SAME_TYPE'], except: ['FIELD_SAME_TYPE'] },
    ],
    ['ignore', { ignore: ['legacy', 'acme/v1beta1'] }, { ignore: ['legacy', 'acme/v1beta1'] }],
    [
      'ignore_only',
      { ignore_only: { FIELD_NO_DELETE: ['acme'], FILE: ['legacy/old.proto'] } },
      { ignore_only: { FIELD_NO_DELETE: ['acme'], FILE: ['legacy/old.proto'] } },
    ],
    [
      'ignore_unstable_packages',
      { ignore_unstable_packages: true },
      { ignore_unstable_packages: true },
    ],
  ];
  it.each(settings)('%s', async (_, options, breaking) => {
    const [theirs, ours] = await Promise.all([
      bufRows(dir, breaking),
      treatyFindings(dir, options).then((f) => treatyRows(dir, f)),
    ]);
    expect(ours.map(rowKey)).toEqual(theirs.map(rowKey));
  });

  it('rejects options of the wrong shape', async () => {
    await expect(treatyFindings(dir, { categories: 'FILE' })).rejects.toThrow(UsageError);
    await expect(treatyFindings(dir, { ignore_unstable_packages: 'yes' })).rejects.toThrow(
      UsageError,
    );
    await expect(treatyFindings(dir, { categories: ['NOT_A_RULE'] })).rejects.toThrow(
      /unknown breaking rule or category 'NOT_A_RULE'/,
    );
  });
});

describe('rule ids and categories', () => {
  it('expands categories per config version', () => {
    const v2 = expandIds(['FILE'], 'v2', 'x');
    expect(v2).toContain('field-same-default');
    expect(v2).toContain('extension-no-delete');
    expect(v2).toHaveLength(51);
    const v1 = expandIds(['FILE'], 'v1', 'x');
    expect(v1).not.toContain('field-same-default');
    expect(v1).not.toContain('extension-no-delete');
    expect(expandIds(['CSR'], 'v1', 'x')).toEqual([]);
    expect(expandIds(['WIRE'], 'v2', 'x')).toHaveLength(15);
    expect(expandIds(['WIRE_JSON'], 'v2', 'x')).toHaveLength(22);
    expect(expandIds(['CSR'], 'v2', 'x')).toHaveLength(32);
    expect(expandIds(['PACKAGE'], 'v2', 'x')).toHaveLength(51);
    expect(expandIds(['WIRE'], 'v1beta1', 'x')).toContain('field-same-type');
  });

  it('maps the deprecated v1 ids to their replacements', () => {
    expect(expandIds(['FIELD_SAME_CTYPE'], 'v1', 'x')).toEqual(['field-same-cpp-string-type']);
    expect(expandIds(['FIELD_SAME_LABEL'], 'v1', 'x')).toEqual(['field-same-cardinality']);
    expect(expandIds(['FILE_SAME_PHP_GENERIC_SERVICES'], 'v1', 'x')).toEqual([]);
  });

  it('rejects unknown ids with the file that named them', () => {
    expect(() => expandIds(['FIELD_SAME_NOTHING'], 'v2', '/p/buf.yaml')).toThrow(InputError);
  });

  it('reads a buf.yaml without a version as v1beta1 and rejects an unknown version', async () => {
    const load = (yaml: string) =>
      loadConfig(
        { id: 'c', format: 'protobuf', root: '/r', entries: [], options: {} },
        new MemorySource('/r', new Map([['buf.yaml', yaml]])),
      );
    const unversioned = await load('breaking:\n  use: [WIRE]\n');
    expect(unversioned.breaking[0]!.rules.has('field-same-type')).toBe(true);
    const v2 = await load('version: v2\nbreaking:\n  use: [WIRE]\n');
    expect(v2.breaking[0]!.rules.has('field-same-type')).toBe(false);
    const err = await load('version: v3\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).position.file).toBe('/r/buf.yaml');
  });

  it('knows buf unstable package versions', () => {
    for (const p of [
      'a.v1alpha1',
      'a.v1beta',
      'a.v2beta3',
      'a.v1test',
      'a.v1testfoo',
      'a.v1p1alpha1',
    ]) {
      expect(isUnstablePackage(p), p).toBe(true);
    }
    for (const p of ['a.v1', 'v1beta1', 'a.b', 'a.v0alpha1', 'a.valpha1', '']) {
      expect(isUnstablePackage(p), p).toBe(false);
    }
  });

  it('reads the major version from the package suffix', () => {
    expect(packageMajor('acme.orders.v2')).toBe(2);
    expect(packageMajor('acme.orders.v1beta1')).toBe(1);
    expect(packageMajor('acme.orders')).toBeUndefined();
    expect(packageMajor('acme.v0')).toBeUndefined();
  });
});
