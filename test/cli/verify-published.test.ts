import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.js';

/** The deploy gate: every contract about to deploy must be byte for byte a published version. */
describe('treaty verify --published', () => {
  const repo = mkdtempSync(path.join(os.tmpdir(), 'treaty-verify-'));
  afterAll(() => rmSync(repo, { recursive: true, force: true }));
  cpSync(path.join(FIXTURES, 'demo-service', 'api'), path.join(repo, 'api'), { recursive: true });
  writeFileSync(
    path.join(repo, 'treaty.yaml'),
    'contracts:\n  - id: orders-api\n    format: openapi\n    path: api/openapi.yaml\n',
  );

  it('fails for a contract never published, naming it', async () => {
    const r = await runCli(['verify', '--published', '--cwd', repo]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('orders-api: NOT published (never published)');
  });

  it('passes once the working tree is a published version', async () => {
    expect((await runCli(['publish', '--cwd', repo])).code).toBe(0);
    const r = await runCli(['verify', '--published', '--cwd', repo]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'orders-api: published as 1.1.0\nAll 1 contracts are published versions.\n',
    );
  });

  it('fails on one changed byte in a referenced file, naming the file (near-miss of the above)', async () => {
    appendFileSync(path.join(repo, 'api', 'schemas', 'order.yaml'), '\n');
    const r = await runCli(['verify', '--published', '--cwd', repo, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      published: false,
      contracts: [
        {
          contract: 'orders-api',
          latest: '1.1.0',
          differs: [{ file: 'api/schemas/order.yaml', change: 'changed' }],
        },
      ],
    });
  });

  it('needs --published (exit 2)', async () => {
    const r = await runCli(['verify', '--cwd', repo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs --published/);
  });
});
