import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, runCli } from '../helpers/cli.js';
import { GIT_ENV, gitIn } from '../helpers/git.js';

/** The pre-commit hook in a temporary git repository, run by real `git commit`s. */
describe('treaty hook install', () => {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'treaty-hook-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  const git = gitIn(repo);
  cpSync(path.join(FIXTURES, 'demo-service', 'api'), path.join(repo, 'api'), { recursive: true });
  writeFileSync(
    path.join(repo, 'treaty.yaml'),
    'contracts:\n  - id: orders-api\n    format: openapi\n    path: api/openapi.yaml\n',
  );
  writeFileSync(path.join(repo, 'README.md'), 'service\n');
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const hooks = path.join(repo, '.git', 'hooks');
  // A hook the team already had: it must keep running.
  writeFileSync(
    path.join(hooks, 'pre-commit'),
    '#!/bin/sh\necho ran >> "$(git rev-parse --show-toplevel)/.git/earlier-hook"\n',
    { mode: 0o755 },
  );

  const commit = (message: string) =>
    spawnSync('git', ['commit', '-q', '-m', message], {
      cwd: repo,
      env: { ...process.env, ...GIT_ENV },
      encoding: 'utf8',
    });

  it('installs, keeping the existing hook (chained, it runs first)', async () => {
    const r = await runCli(['hook', 'install', '--cwd', repo]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('the existing hook is kept as pre-commit.before-treaty');
    expect(readFileSync(path.join(hooks, 'pre-commit'), 'utf8')).toContain('hook run');
    expect(existsSync(path.join(hooks, 'pre-commit.before-treaty'))).toBe(true);
    // Installing again rewrites treaty's hook and leaves the kept one alone.
    expect((await runCli(['hook', 'install', '--cwd', repo])).stdout).toContain('updated');
  });

  it('a commit touching no contract passes silently', () => {
    writeFileSync(path.join(repo, 'README.md'), 'service, documented\n');
    git('add', 'README.md');
    const r = commit('docs');
    expect(r.status).toBe(0);
    expect(r.stdout + r.stderr).toBe('');
    expect(readFileSync(path.join(repo, '.git', 'earlier-hook'), 'utf8')).toBe('ran\n');
  });

  it('a breaking staged change blocks the commit, naming file and line', () => {
    cpSync(path.join(FIXTURES, 'demo-service-breaking', 'api'), path.join(repo, 'api'), {
      recursive: true,
    });
    git('add', '-A');
    const r = commit('break the api');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(
      /^api\/openapi\.yaml:\d+:\d+ +breaking +request-parameter-became-required/m,
    );
    expect(r.stderr).toMatch(
      /^api\/schemas\/order\.yaml:\d+:\d+ +breaking +response-required-property-removed/m,
    );
    expect(r.stderr).toContain('treaty: commit blocked');
    expect(git('rev-list', '--count', 'HEAD').trim()).toBe('2');
  });

  it('an additive staged change passes (near-miss)', () => {
    git('checkout', '-q', 'HEAD', '--', 'api');
    const spec = path.join(repo, 'api', 'openapi.yaml');
    writeFileSync(
      spec,
      readFileSync(spec, 'utf8').replace(
        /(\n {4}get:\n {6}operationId: listOrders\n)/,
        '$1      description: Lists the orders, newest first.\n',
      ),
    );
    git('add', '-A');
    const r = commit('document listOrders');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^0 findings in 1 contract: .*Passed/m);
  });

  it('refuses outside a git repository (exit 2)', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'treaty-nohook-'));
    try {
      const r = await runCli(['hook', 'install', '--cwd', outside]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/not inside a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('declares a hook whose entry is the command the installed hook runs', async () => {
    const { parse } = await import('yaml');
    const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<
      Record<string, unknown>
    >;
    expect(hooks).toMatchObject([
      { id: 'treaty', entry: 'treaty hook run', language: 'node', pass_filenames: false },
    ]);
    const help = await runCli(['hook', 'run', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('git:HEAD');
  });
});
