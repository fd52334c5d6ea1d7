import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.js';

describe('treaty init', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'treaty-init-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const repo = path.join(tmp, 'repo');
  for (const dir of ['api', 'events']) {
    cpSync(path.join(FIXTURES, 'demo-service', dir), path.join(repo, dir), { recursive: true });
  }

  it('writes a commented treaty.yaml for the contracts it finds, an empty registry and the workflow', async () => {
    const r = await runCli(['init', '--github', '--cwd', repo]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote treaty.yaml\nwrote .github/workflows/contracts.yml\n');
    const text = readFileSync(path.join(repo, 'treaty.yaml'), 'utf8');
    expect(text).toMatch(/^# treaty configuration/);
    const config = parse(text) as { contracts: Array<{ format: string; path: string }> };
    expect(config.contracts.map((c) => [c.format, c.path])).toEqual(
      expect.arrayContaining([
        ['openapi', 'api/openapi.yaml'],
        ['asyncapi', 'events/asyncapi.yaml'],
      ]),
    );
    expect(JSON.parse(readFileSync(path.join(repo, 'registry', 'index.json'), 'utf8'))).toEqual({
      indexVersion: 1,
      contracts: {},
    });
    const workflow = parse(
      readFileSync(path.join(repo, '.github', 'workflows', 'contracts.yml'), 'utf8'),
    ) as { on: string; jobs: Record<string, { steps: Array<{ run?: string }> }> };
    expect(workflow.on).toBe('pull_request');
    expect(workflow.jobs.treaty!.steps.some((s) => s.run?.includes('treaty check'))).toBe(true);
    // What it wrote works: every contract is new, the check passes.
    const check = await runCli(['check', '--cwd', repo]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/contract-added/);
  });

  it('refuses to overwrite anything, and writes nothing (exit 2)', async () => {
    const before = readFileSync(path.join(repo, 'treaty.yaml'), 'utf8');
    const r = await runCli(['init', '--cwd', repo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/treaty\.yaml: treaty init never overwrites/);
    expect(readFileSync(path.join(repo, 'treaty.yaml'), 'utf8')).toBe(before);
  });

  it('an existing registry folder alone is enough to refuse (near-miss: no treaty.yaml yet)', async () => {
    const other = path.join(tmp, 'other');
    mkdirSync(path.join(other, 'registry'), { recursive: true });
    const r = await runCli(['init', '--cwd', other]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/registry: treaty init never overwrites/);
    expect(existsSync(path.join(other, 'treaty.yaml'))).toBe(false);
  });
});
