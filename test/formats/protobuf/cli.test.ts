import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

/**
 * `treaty diff <old-dir> <new-dir>` on proto trees: the folder given is the contract root and the
 * buf configuration found there (buf.yaml, or a buf.work.yaml workspace) is honoured, as `buf
 * breaking <new> --against <old>` does. The findings are the pair's expected.json.
 */

const ROOT = path.resolve('fixtures/protobuf/_config');
const pairs = ['v1-workspace', 'v2-module-ignore-paths', 'v2-module-breaking-override'];

describe('treaty diff on two proto trees', () => {
  it.each(pairs)('%s honours the buf config at the roots', async (name) => {
    const dir = path.join(ROOT, name);
    const r = await runCli(
      ['diff', 'previous', 'current', '--format', 'json', '--fail-on', 'never'],
      dir,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      findings: Array<{
        rule: string;
        severity: string;
        location: { file: string; line: number; column: number };
      }>;
    };
    const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as {
      findings: Array<{ rule: string; file: string; line: number; column: number }>;
    };
    const actual = report.findings
      .filter((f) => f.severity !== 'info')
      .map((f) => ({ rule: f.rule, file: f.location.file, ...pick(f.location) }));
    expect(sorted(actual)).toEqual(sorted(expected.findings));
  });

  it('fails on the breaking findings by default (exit 1)', async () => {
    const r = await runCli(['diff', 'previous', 'current'], path.join(ROOT, 'v1-workspace'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('current/vendor/other/other/o.proto:3:1');
  });
});

function pick(l: { line: number; column: number }) {
  return { line: l.line, column: l.column };
}

function sorted<T>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}
