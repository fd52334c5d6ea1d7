import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.js';

describe('treaty CLI', () => {
  it('--help lists the working commands and global options', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['check', 'diff', 'rules'])
      expect(r.stdout).toMatch(new RegExp(`^  ${cmd} `, 'm'));
    for (const opt of ['--format', '--quiet', '--no-color', '--config', '--cwd'])
      expect(r.stdout).toContain(opt);
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('an unknown option is a usage error (exit 2)', async () => {
    const r = await runCli(['check', '--frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--frobnicate'");
  });

  it('an unknown --format is a usage error (exit 2, one line)', async () => {
    const r = await runCli(['rules', '--format', 'yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain("unknown --format 'yaml'");
  });

  it('a bad treaty.yaml exits 2 naming file, line and key — never a stack trace', async () => {
    const dir = path.join(FIXTURES, 'config', 'unknown-key');
    const r = await runCli(['check', '--cwd', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `treaty: ${path.join(dir, 'treaty.yaml')}:4:3: invalid config: unknown key 'failOn' in 'policy'\n`,
    );
  });

  it('a YAML syntax error in treaty.yaml exits 2 with file:line', async () => {
    const dir = path.join(FIXTURES, 'config', 'yaml-error');
    const r = await runCli(['check', '--cwd', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^treaty: ${path.join(dir, 'treaty.yaml')}:\\d+:\\d+: invalid YAML`),
    );
  });

  it('diff of a missing file exits 2 with the path', async () => {
    const r = await runCli(['diff', 'nope-a.yaml', 'nope-b.yaml'], FIXTURES);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(path.join(FIXTURES, 'nope-a.yaml'));
  });

  it('rules --format json prints the catalogue as an array of rule objects', async () => {
    const r = await runCli(['rules', '--format', 'json']);
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(Object.keys(rule)).toEqual(
        expect.arrayContaining([
          'id',
          'formats',
          'severity',
          'description',
          'modes',
          'equivalents',
        ]),
      );
    }
    expect(rules.map((x) => x.id)).toContain('contract-removed');
  });

  it('rules <id> explains one rule; an unknown id exits 2', async () => {
    const ok = await runCli(['rules', 'contract-removed']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Why:');
    expect(ok.stdout).toContain('Before:');
    const bad = await runCli(['rules', 'no-such-rule']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("unknown rule 'no-such-rule'");
  });

  it('diff compares an invalid document with a warning by default, and exits 2 with --strict', async () => {
    const doc = path.join(FIXTURES, 'openapi', 'scenarios', 'errors', 'invalid.yaml');
    const lenient = await runCli(['diff', doc, doc, '--format', 'json']);
    expect(lenient.code).toBe(0);
    const report = JSON.parse(lenient.stdout) as {
      findings: Array<{ rule: string; severity: string }>;
    };
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['openapi-invalid-document', 'warning'],
    ]);
    const strict = await runCli(['diff', '--strict', doc, doc]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toBe(
      `treaty: ${doc}:9:9: invalid OpenAPI document at /paths/~1pets/get/responses/200: missing required property 'description'\n`,
    );
  });

  it('diff of a YAML syntax error exits 2 with file:line:col, lenient or not', async () => {
    const doc = path.join(FIXTURES, 'openapi', 'scenarios', 'errors', 'yaml-error.yaml');
    const r = await runCli(['diff', doc, doc]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^treaty: ${doc}:9:1: invalid YAML/JSON`));
  });

  it('diff of two differently named files places a removal at its nearest surviving ancestor in the revision', async () => {
    const dir = path.join(FIXTURES, 'openapi', 'api-path-removed-without-deprecation');
    const r = await runCli([
      'diff',
      path.join(dir, 'base.yaml'),
      path.join(dir, 'revision.yaml'),
      '--format',
      'json',
      '--fail-on',
      'never',
    ]);
    const removed = JSON.parse(r.stdout).findings.find(
      (f: { rule: string }) => f.rule === 'api-path-removed-without-deprecation',
    );
    // `paths:` of revision.yaml (line 5), not the top of the file; the old place is kept.
    expect(removed.location).toMatchObject({ line: 5, column: 1, pointer: ['paths'] });
    expect(removed.location.file).toMatch(/revision\.yaml$/);
    expect(removed.baseLocation).toMatchObject({ line: 11, column: 3 });
    expect(removed.baseLocation.file).toMatch(/base\.yaml$/);
  });
});
