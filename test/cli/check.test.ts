import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.js';

/** A service repo in a temp git repo: the demo's OpenAPI contract, no registry. */
const repo = mkdtempSync(path.join(os.tmpdir(), 'treaty-check-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));
const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: repo,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    },
  });

cpSync(path.join(FIXTURES, 'demo-service', 'api'), path.join(repo, 'api'), { recursive: true });
writeFileSync(
  path.join(repo, 'treaty.yaml'),
  'contracts:\n  - id: orders-api\n    format: openapi\n    path: api/openapi.yaml\n',
);
git('init', '-q', '-b', 'main');
git('add', '-A');
git('commit', '-q', '-m', 'orders api');

interface Report {
  contracts: Array<{ id: string; status: string; baseline?: string }>;
  findings: Array<{ rule: string; severity: string; location: { file: string; line: number } }>;
}
const json = (stdout: string) => JSON.parse(stdout) as Report;

describe('treaty check baselines', () => {
  it('a contract never published is reported as new (info) and passes', async () => {
    const r = await runCli(['check', '--cwd', repo, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = json(r.stdout);
    expect(report.contracts).toMatchObject([{ id: 'orders-api', status: 'new' }]);
    expect(report.findings.map((f) => [f.rule, f.severity, f.location.file])).toEqual([
      ['contract-added', 'info', 'api/openapi.yaml'],
    ]);
  });

  it('--against git:<ref> reads the baseline from git objects, not the working tree', async () => {
    const spec = path.join(repo, 'api', 'openapi.yaml');
    const text = execFileSync('git', ['show', 'HEAD:api/openapi.yaml'], { cwd: repo }).toString();
    // Remove the cancel endpoint: deprecated, but its sunset (2027-06-30) has not passed.
    writeFileSync(
      spec,
      text.replace(/\n {4}delete:[\s\S]*?(?=\n {2}\/orders\/\{orderId\}\/cancel:)/, ''),
    );
    const r = await runCli(['check', '--cwd', repo, '--against', 'git:main', '--format', 'json']);
    expect(r.code).toBe(1);
    const report = json(r.stdout);
    expect(report.contracts[0]).toMatchObject({
      id: 'orders-api',
      baseline: 'git:main',
      status: 'failed',
    });
    expect(report.findings.filter((f) => f.severity === 'breaking').map((f) => f.rule)).toEqual([
      'api-removed-before-sunset',
    ]);
    writeFileSync(spec, text);
  });

  it('--against git:<unknown> exits 2 with a clear line', async () => {
    const r = await runCli(['check', '--cwd', repo, '--against', 'git:no-such-ref']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown git ref/);
  });

  it('--against <dir> takes the baseline from a folder laid out like the repository', async () => {
    const r = await runCli([
      'check',
      '--cwd',
      repo,
      '--against',
      path.join(FIXTURES, 'demo-service-breaking'),
      '--format',
      'json',
    ]);
    // The breaking twin as the base: the working tree (the demo) restores what the twin broke.
    const report = json(r.stdout);
    expect(report.contracts[0]!.baseline).toBe(
      path.join(FIXTURES, 'demo-service-breaking', 'api').replace(repo + '/', ''),
    );
    expect(report.findings.map((f) => f.rule)).toContain('response-required-property-added');
  });
});
