import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../../../src/formats/index.js';
import { PROTOBUF_BREAKING_RULES, PROTOBUF_RULES } from '../../../src/formats/protobuf/rules.js';
import { treatyFindings } from './harness.js';

/**
 * One fixture pair per rule (fixtures/protobuf/<rule-id>/{previous,current}) with the exact
 * findings of that rule in expected.json: file, line and column. Each pair also holds a near miss
 * (described in expected.json) that must not fire, so the exact list checks it too.
 */

const ROOT = path.resolve('fixtures/protobuf');

interface Expected {
  rule: string;
  buf: string | null;
  nearMiss: string;
  count: number;
  findings: Array<{ rule: string; file: string; line: number; column: number }>;
}

const cases = fs
  .readdirSync(ROOT)
  .filter((d) => fs.existsSync(path.join(ROOT, d, 'expected.json')))
  .sort();

describe('protobuf rule fixtures', () => {
  it('has a fixture for every rule of the catalogue', () => {
    expect(cases).toEqual(PROTOBUF_RULES.map((r) => r.id).sort());
  });

  it('declares the 65 buf v2 rules with buf ids and categories', () => {
    expect(PROTOBUF_BREAKING_RULES).toHaveLength(65);
    const ids = PROTOBUF_BREAKING_RULES.map((r) => r.equivalents.buf?.[0]);
    expect(new Set(ids).size).toBe(65);
    for (const r of PROTOBUF_BREAKING_RULES) {
      expect(r.id).toBe(r.equivalents.buf![0]!.toLowerCase().replace(/_/g, '-'));
      expect(getCatalogue().get(r.id)).toBe(r);
    }
    const rule = (id: string) => PROTOBUF_BREAKING_RULES.find((r) => r.id === id)!;
    expect(rule('field-same-type').categories).toEqual(['CSR', 'FILE', 'PACKAGE']);
    expect(rule('field-wire-compatible-type').categories).toEqual(['WIRE']);
    expect(rule('message-same-message-set-wire-format').categories).toEqual([]);
  });

  it.each(cases)('%s', async (name) => {
    const dir = path.join(ROOT, name);
    const expected = JSON.parse(
      fs.readFileSync(path.join(dir, 'expected.json'), 'utf8'),
    ) as Expected;
    expect(expected.findings).toHaveLength(expected.count);
    const findings = (await treatyFindings(dir)).filter((f) => f.rule === expected.rule);
    const actual = findings.map((f) => ({
      rule: f.rule,
      file: path.relative(dir, f.location.file).split(path.sep).join('/'),
      line: f.location.line,
      column: f.location.column,
    }));
    expect(actual).toEqual(expected.findings);
    const def = getCatalogue().require(expected.rule);
    for (const f of findings) {
      expect(f.severity).toBe(def.severity);
      expect(f.format).toBe('protobuf');
      expect(f.message).toMatch(/\.$/);
    }
  });
});
