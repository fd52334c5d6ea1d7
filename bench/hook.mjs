#!/usr/bin/env node
// The pre-commit hook's cost: `git commit` with `treaty hook install`ed, in a repository holding the
// demo service's contracts, for a commit that touches no contract (the hook must stay out of the
// way) and one that changes a contract (a full check of that contract against HEAD).
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = mkdtempSync(path.join(os.tmpdir(), 'treaty-bench-hook-'));
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@b',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@b',
};
const git = (...args) => execFileSync('git', args, { cwd: repo, env });
try {
  cpSync(path.join(root, 'fixtures', 'demo-service'), repo, { recursive: true });
  writeFileSync(path.join(repo, 'NOTES.md'), 'notes\n');
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  execFileSync(process.execPath, [path.join(root, 'bin', 'treaty.js'), 'hook', 'install'], {
    cwd: repo,
  });
  const time = (label, change) => {
    const runs = [];
    for (let i = 0; i < 5; i++) {
      change(i);
      git('add', '-A');
      const t = process.hrtime.bigint();
      const r = spawnSync('git', ['commit', '-q', '-m', `${label} ${i}`], { cwd: repo, env });
      runs.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (r.status !== 0) throw new Error(`${label}: commit failed\n${r.stderr}`);
    }
    runs.sort((a, b) => a - b);
    console.log(
      `${label}: median ${runs[2].toFixed(0)} ms (min ${runs[0].toFixed(0)}, max ${runs[4].toFixed(0)}) over 5 commits`,
    );
  };
  time('commit touching no contract', (i) => appendFileSync(path.join(repo, 'NOTES.md'), `${i}\n`));
  time('commit changing the OpenAPI contract', (i) =>
    appendFileSync(path.join(repo, 'api', 'openapi.yaml'), `# note ${i}\n`),
  );
} finally {
  rmSync(repo, { recursive: true, force: true });
}
