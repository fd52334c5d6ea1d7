import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../../helpers/cli.js';

describe('treaty diff on Avro schemas', () => {
  it('a BACKWARD break fails (exit 1) at file:line:col', async () => {
    const dir = path.join(FIXTURES, 'avro', 'avro-field-added-without-default');
    const r = await runCli(['diff', path.join(dir, 'base.avsc'), path.join(dir, 'revision.avsc')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('revision.avsc:7:5  breaking  avro-field-added-without-default');
  });

  it('two folders of .avsc files are compared as one contract each', async () => {
    const dir = path.join(FIXTURES, 'avro-folder');
    const r = await runCli([
      'diff',
      path.join(dir, 'base'),
      path.join(dir, 'revision'),
      '--format',
      'json',
    ]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { findings: Array<{ rule: string; format: string }> };
    expect(report.findings.map((f) => [f.rule, f.format])).toEqual([
      ['avro-field-added-without-default', 'avro'],
    ]);
  });

  it('a default of the wrong type is an input error: one line, file:line:col, exit 2', async () => {
    const bad = path.join(FIXTURES, 'avro-invalid', 'default-wrong-type.avsc');
    const good = path.join(FIXTURES, 'avro', 'avro-field-added', 'base.avsc');
    const r = await runCli(['diff', good, bad]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${bad}:6:38: invalid default of Avro field 'Order.count'`);
  });
});
