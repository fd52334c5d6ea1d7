import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/index.js';
import { FIXTURES } from '../helpers/paths.js';

/**
 * The fixture registry of the changelog tests: the "shop" service (fixtures/changelog) has an
 * OpenAPI, an AsyncAPI, a protobuf and a JSON Schema contract at three points in time (folders
 * 1, 2, 3). Each step is committed to a fresh git repository with fixed dates and published with
 * `treaty publish` under SOURCE_DATE_EPOCH, so the registry, its manifests and its changelogs are
 * the same bytes on every run.
 */
export const SHOP = path.join(FIXTURES, 'changelog');
const STEP_FILES = ['treaty.yaml', 'api', 'events', 'proto', 'schemas'];
/** When each step is committed and published. */
export const STEP_DATES = ['2026-01-05T10:00:00Z', '2026-02-02T10:00:00Z', '2026-05-04T10:00:00Z'];

export interface Shop {
  repo: string;
  registry: string;
  /** Output of each publish. */
  published: string[];
}

export async function buildShop(steps = 3): Promise<Shop> {
  const repo = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'treaty-shop-')));
  git(repo, ['init', '-q']);
  // Only the contracts are committed: each step's commit is the same whatever the registry holds.
  await fs.writeFile(path.join(repo, '.gitignore'), 'registry/\n');
  const published: string[] = [];
  for (let i = 0; i < steps; i++) {
    const date = STEP_DATES[i]!;
    for (const d of STEP_FILES) {
      await fs.rm(path.join(repo, d), { recursive: true, force: true });
      await fs.cp(path.join(SHOP, String(i + 1), d), path.join(repo, d), { recursive: true });
    }
    git(repo, ['add', '-A'], date);
    git(repo, ['commit', '-q', '-m', `step ${i + 1}`], date);
    published.push(await cli(['publish', '--cwd', repo], repo, date));
  }
  return { repo, registry: path.join(repo, 'registry'), published };
}

function git(cwd: string, args: string[], date = STEP_DATES[0]!): void {
  execFileSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', ...args], {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Shop Team',
      GIT_AUTHOR_EMAIL: 'shop@example.com',
      GIT_COMMITTER_NAME: 'Shop Team',
      GIT_COMMITTER_EMAIL: 'shop@example.com',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    },
    stdio: 'pipe',
  });
}

async function cli(args: string[], cwd: string, date: string): Promise<string> {
  let out = '';
  let err = '';
  const code = await main(['node', 'treaty', ...args], {
    out: (t) => (out += t),
    err: (t) => (err += t),
    isTTY: false,
    cwd,
    env: { SOURCE_DATE_EPOCH: String(Date.parse(date) / 1000) },
  });
  if (code !== 0) throw new Error(`treaty ${args.join(' ')} exited ${code}: ${err}`);
  return out;
}
