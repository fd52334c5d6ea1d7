import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GitSource } from '../../src/core/git-source.js';

const repo = mkdtempSync(path.join(os.tmpdir(), 'treaty-git-'));
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
  }).toString();

git('init', '-q', '-b', 'main');
mkdirSync(path.join(repo, 'api', 'common'), { recursive: true });
writeFileSync(path.join(repo, 'api', 'openapi.yaml'), 'openapi: 3.0.3\n# v1\n');
writeFileSync(path.join(repo, 'api', 'common', 'pet.yaml'), 'type: object\n');
writeFileSync(path.join(repo, 'README.md'), 'x\n');
git('add', '-A');
git('commit', '-q', '-m', 'v1');
writeFileSync(path.join(repo, 'api', 'openapi.yaml'), 'openapi: 3.0.3\n# v2 working tree\n');
writeFileSync(path.join(repo, 'api', 'new.yaml'), 'new\n');

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('GitSource', () => {
  it('reads a contract root as it was at a ref, not the working tree', async () => {
    const { commit } = await GitSource.open(path.join(repo, 'api'), 'main');
    expect(commit).toMatch(/^[0-9a-f]{40}$/);
    const src = new GitSource(repo, 'main', path.join(repo, 'api'));
    expect(await src.list()).toEqual(['common/pet.yaml', 'openapi.yaml']);
    expect(await src.read('openapi.yaml')).toBe('openapi: 3.0.3\n# v1\n');
    // Several reads in flight through the one cat-file process come back in order.
    const [a, b] = await Promise.all([src.read('common/pet.yaml'), src.read('openapi.yaml')]);
    expect(a).toBe('type: object\n');
    expect(b).toContain('# v1');
    expect(await src.exists('new.yaml')).toBe(false);
    await expect(src.read('new.yaml')).rejects.toThrow('file not found at git:main');
    expect(src.absolute('openapi.yaml')).toBe('git:main:api/openapi.yaml');
    src.close();
  });

  it('names an unknown ref clearly', async () => {
    await expect(GitSource.open(repo, 'no-such-branch')).rejects.toThrow(/unknown git ref/);
  });

  it('refuses a folder outside any repository', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'treaty-nogit-'));
    try {
      await expect(GitSource.open(outside, 'main')).rejects.toThrow(/not inside a git repository/);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
