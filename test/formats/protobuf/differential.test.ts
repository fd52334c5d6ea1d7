import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bufRows, rowKey, treatyFindings, treatyRows, type Row } from './harness.js';

/**
 * Differential test against buf (npm @bufbuild/buf, its own binary): every fixture pair is
 * compared by buf with all 65 rules on, and treaty's findings, mapped through equivalents.buf,
 * must be the same rows: rule, file, line and column (buf prints findings without a current file
 * — deleted files, packages, or elements of deleted files — at 1:1 without a path; treaty reports
 * them in the previous tree with line 0, which the harness maps to the same row).
 */

const ROOT = path.resolve('fixtures/protobuf');

/** Cases where treaty and buf differ on purpose, and why. */
const KNOWN: Record<string, string> = {
  'message-same-message-set-wire-format':
    'buf 1.x refuses to build MessageSet messages at all ("a legacy proto1 feature that is no longer supported"); treaty still compares the option',
};

/** A pair per rule, plus scenarios that mix changes (fixtures/protobuf/_scenarios). */
const cases = [
  ...fs.readdirSync(ROOT).filter((d) => fs.existsSync(path.join(ROOT, d, 'previous'))),
  ...fs.readdirSync(path.join(ROOT, '_scenarios')).map((d) => `_scenarios/${d}`),
].sort();

const buf = new Map<string, Row[] | Error>();

beforeAll(async () => {
  const queue = cases.filter((c) => !KNOWN[c]);
  const worker = async () => {
    for (let c = queue.shift(); c !== undefined; c = queue.shift()) {
      try {
        buf.set(c, await bufRows(path.join(ROOT, c)));
      } catch (e) {
        buf.set(c, e as Error);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}, 60_000);

describe('treaty and buf agree on every fixture pair', () => {
  it.each(cases.filter((c) => !KNOWN[c]))('%s', async (name) => {
    const theirs = buf.get(name);
    if (theirs instanceof Error) throw theirs;
    const dir = path.join(ROOT, name);
    const ours = treatyRows(dir, await treatyFindings(dir));
    expect(ours.map(rowKey)).toEqual(theirs!.map(rowKey));
    // Every buf rule fixture fires something; the additions fixtures break nothing for either tool.
    expect(ours.length > 0).toBe(!name.startsWith('proto-'));
  });

  // Scenarios with an expected.json also pin treaty's own findings (treaty ids, files under the
  // pair, line 0 where buf gives no path).
  it.each(
    cases.filter(
      (c) => c.startsWith('_scenarios/') && fs.existsSync(path.join(ROOT, c, 'expected.json')),
    ),
  )('%s: expected.json', async (name) => {
    const dir = path.join(ROOT, name);
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as {
      findings: Array<{ rule: string; file: string; line: number; column: number }>;
    };
    const actual = (await treatyFindings(dir))
      .filter((f) => f.severity !== 'info')
      .map((f) => ({
        rule: f.rule,
        file: path.relative(dir, f.location.file).split(path.sep).join('/'),
        line: f.location.line,
        column: f.location.column,
      }));
    expect(actual).toEqual(expected.findings);
  });

  it.each(Object.keys(KNOWN))('%s differs on purpose', async (name) => {
    await expect(bufRows(path.join(ROOT, name))).rejects.toThrow(/MessageSet/);
    const dir = path.join(ROOT, name);
    expect(treatyRows(dir, await treatyFindings(dir)).length).toBeGreaterThan(0);
  });
});
