import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.js';

interface JsonFinding {
  rule: string;
  severity: string;
  fails: boolean;
  waived?: { reason: string; expires?: string; expired?: boolean };
}

describe('waivers', () => {
  it('mark matched findings as waived, report expired waivers, and never match another rule', async () => {
    const r = await runCli([
      'check',
      '--format',
      'json',
      '--cwd',
      path.join(FIXTURES, 'policy', 'waivers'),
    ]);
    const report = JSON.parse(r.stdout) as { findings: JsonFinding[]; summary: { waived: number } };
    const byRule = new Map(report.findings.map((f) => [f.rule, f]));
    expect(byRule.get('new-required-request-parameter')).toMatchObject({
      severity: 'breaking',
      fails: false,
      waived: { reason: expect.stringContaining('customerId'), expires: '2999-12-31' },
    });
    expect(byRule.get('new-required-request-parameter')!.waived!.expired).toBeUndefined();
    expect(byRule.get('response-required-property-removed')).toMatchObject({
      severity: 'breaking',
      fails: true,
      waived: { expires: '2020-01-01', expired: true },
    });
    expect(report.summary.waived).toBe(1);
    // The expired waiver leaves one breaking finding: the check still fails.
    expect(r.code).toBe(1);
  });

  it('an invalid waivers file exits 2 with file, line and key', async () => {
    const dir = path.join(FIXTURES, 'policy', 'bad-waivers');
    const r = await runCli(['check', '--cwd', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `treaty: ${path.join(dir, 'treaty-waivers.yaml')}:5:5: invalid waivers: 'expires' must match pattern "^\\d{4}-\\d{2}-\\d{2}$"\n`,
    );
  });
});
