import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RegistryError, UsageError } from '../core/errors.js';
import { acquireLock, type Lock } from './lock.js';
import { LOCK_FILE } from './lock.js';

/**
 * A registry kept in a git repository that many services publish to (a "contracts repository").
 * treaty keeps a cached clone outside the working tree, fetches before reading and reads the
 * registry folder of the clone like any folder registry. Publishing commits on top of the fetched
 * branch and pushes; a rejected push (someone else published first) is retried from a fresh fetch,
 * so the version is planned again against what is now published. A push is atomic on the remote:
 * a publish killed at any point leaves the remote as it was or complete.
 *
 * Written in treaty.yaml (`registry:`) or given as `--registry`:
 *   git+file:///srv/contracts.git
 *   git+ssh://git@github.com/acme/contracts.git#branch=main&path=registry
 *   git+https://github.com/acme/contracts.git#main            (a bare fragment is the branch)
 */
export interface GitRemoteSpec {
  /** What the user wrote. */
  spec: string;
  /** The URL git is given (without `git+` and the fragment). */
  url: string;
  /** The branch; undefined: the remote's default branch (else `main`). */
  branch?: string;
  /** The registry's folder inside the repository ('' for the top). */
  subdir: string;
}

export function isRemoteRegistry(value: string): boolean {
  return /^git\+[a-z]+:\/\//i.test(value);
}

/** Parses `git+<url>[#<branch>|#branch=<b>&path=<dir>]`; a usage error names what is wrong. */
export function parseRemoteSpec(spec: string): GitRemoteSpec {
  if (!isRemoteRegistry(spec)) {
    throw new UsageError(
      `'${spec}' is not a git registry (expected git+file://, git+ssh:// or git+https://)`,
    );
  }
  const hash = spec.indexOf('#');
  const url = spec.slice(4, hash < 0 ? undefined : hash);
  const fragment = hash < 0 ? '' : spec.slice(hash + 1);
  let branch: string | undefined;
  let subdir = '';
  if (fragment.includes('=')) {
    for (const pair of fragment.split('&')) {
      const eq = pair.indexOf('=');
      const key = pair.slice(0, eq);
      const value = decodeURIComponent(pair.slice(eq + 1));
      if (key === 'branch') branch = value;
      else if (key === 'path') subdir = value;
      else {
        throw new UsageError(
          `git registry '${spec}': unknown '${key}' after '#' (use branch=<name>&path=<folder>)`,
        );
      }
    }
  } else if (fragment) branch = decodeURIComponent(fragment);
  if (!/^(file|ssh|https?|git):\/\/./i.test(url)) {
    throw new UsageError(`git registry '${spec}': '${url}' is not a git URL`);
  }
  if (branch !== undefined && !/^[A-Za-z0-9._/-]+$/.test(branch)) {
    throw new UsageError(`git registry '${spec}': '${branch}' is not a branch name`);
  }
  subdir = subdir.replace(/^\/+|\/+$/g, '');
  if (subdir.split('/').some((s) => s === '..' || s === '.') || path.isAbsolute(subdir)) {
    throw new UsageError(
      `git registry '${spec}': path '${subdir}' must be a folder inside the repository`,
    );
  }
  return { spec, url, ...(branch ? { branch } : {}), subdir };
}

/** Where cached clones live: $TREATY_CACHE_DIR, else $XDG_CACHE_HOME/treaty, else ~/.cache/treaty. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TREATY_CACHE_DIR) return path.resolve(env.TREATY_CACHE_DIR);
  const xdg = env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(xdg, 'treaty');
}

export interface SyncResult {
  /** The registry folder inside the clone. */
  dir: string;
  /** Set when the fetch failed and the last fetched state is read instead. */
  offline?: string;
}

export interface RemotePublishOutcome<T> {
  value: T;
  /** The commit pushed, when something was published. */
  commit?: string;
  attempts: number;
}

export interface RemoteOptions {
  cacheDir?: string;
  /** Publish attempts before giving up (default 8). */
  maxAttempts?: number;
  /** First backoff in ms, doubled each attempt with jitter (default 100). */
  backoffMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A git remote registry, read and written through its cached clone. */
export class GitRegistry {
  /** The clone's work tree. */
  readonly repo: string;
  private lock?: Lock;
  private branch?: string;

  private constructor(
    readonly remote: GitRemoteSpec,
    /** The cache folder of this remote: holds the clone and the lock that guards it. */
    readonly home: string,
    private readonly opts: RemoteOptions,
  ) {
    this.repo = path.join(home, 'repo');
  }

  static async open(spec: string, opts: RemoteOptions = {}): Promise<GitRegistry> {
    const remote = parseRemoteSpec(spec);
    const key = createHash('sha256')
      .update(`${remote.url}\n${remote.branch ?? ''}`)
      .digest('hex')
      .slice(0, 16);
    const name = (remote.url.split('/').filter(Boolean).pop() ?? 'registry')
      .replace(/\.git$/, '')
      .replace(/[^A-Za-z0-9._-]/g, '_');
    const home = path.join(opts.cacheDir ?? cacheRoot(), 'registries', `${name}-${key}`);
    await fs.mkdir(home, { recursive: true });
    return new GitRegistry(remote, home, opts);
  }

  /** The registry folder inside the clone. */
  get dir(): string {
    return path.join(this.repo, this.remote.subdir);
  }

  /**
   * Takes the clone's lock (one treaty process uses a clone at a time), clones or fetches, and
   * resets the clone to the remote branch. `offline: 'allow'` reads the last fetched state when the
   * remote cannot be reached (with a message); `'refuse'` makes that an error (publishing).
   */
  async sync(offline: 'allow' | 'refuse' = 'allow'): Promise<SyncResult> {
    this.lock ??= await acquireLock(this.home, {
      timeoutMs: 120_000,
      command: `treaty (git registry ${this.remote.url})`,
    });
    const cloned = await exists(path.join(this.repo, '.git'));
    if (!cloned) {
      await fs.rm(this.repo, { recursive: true, force: true });
      const r = await git(this.home, [
        'clone',
        '--quiet',
        '--no-checkout',
        this.remote.url,
        'repo',
      ]);
      if (r.code !== 0) {
        await fs.rm(this.repo, { recursive: true, force: true });
        throw new RegistryError(
          `cannot clone the git registry ${this.remote.url}: ${firstLine(r.stderr)}`,
        );
      }
    }
    const branch = await this.branchName();
    const fetch = await git(this.repo, [
      'fetch',
      '--quiet',
      '--prune',
      'origin',
      `+refs/heads/*:refs/remotes/origin/*`,
    ]);
    let offlineMessage: string | undefined;
    if (fetch.code !== 0) {
      if (offline === 'refuse' || !cloned) {
        throw new RegistryError(
          `cannot fetch the git registry ${this.remote.url}: ${firstLine(fetch.stderr)}`,
        );
      }
      const when = await git(this.repo, [
        'log',
        '-1',
        '--format=%cI',
        `refs/remotes/origin/${branch}`,
      ]);
      offlineMessage = `cannot fetch the git registry ${this.remote.url} (${firstLine(fetch.stderr)}); reading the state fetched last${when.code === 0 && when.stdout.trim() ? ` (commit of ${when.stdout.trim()})` : ''}`;
    }
    const tracked = await git(this.repo, [
      'rev-parse',
      '--verify',
      '-q',
      `refs/remotes/origin/${branch}`,
    ]);
    if (tracked.code === 0) {
      await mustGit(this.repo, [
        'checkout',
        '-q',
        '-f',
        '-B',
        branch,
        `refs/remotes/origin/${branch}`,
      ]);
      await mustGit(this.repo, ['reset', '-q', '--hard', `refs/remotes/origin/${branch}`]);
    } else {
      // An empty remote, or a branch that does not exist yet: start it with the first publish.
      await mustGit(this.repo, ['symbolic-ref', 'HEAD', `refs/heads/${branch}`]);
      await git(this.repo, ['update-ref', '-d', `refs/heads/${branch}`]);
      await git(this.repo, ['rm', '-r', '-q', '--cached', '--ignore-unmatch', '.']);
    }
    await mustGit(this.repo, ['clean', '-q', '-f', '-d', '-x']);
    await fs.mkdir(this.dir, { recursive: true });
    return { dir: this.dir, ...(offlineMessage ? { offline: offlineMessage } : {}) };
  }

  /** Releases the clone's lock. */
  async close(): Promise<void> {
    const lock = this.lock;
    this.lock = undefined;
    await lock?.release();
  }

  /**
   * Publishes: fetch, run `apply` on the registry folder (it plans and writes the new versions),
   * commit what changed in the registry folder and push. A push rejected because the branch moved
   * is retried from a fresh fetch (so `apply` plans again against what others published), with
   * exponential backoff, up to `maxAttempts`. `apply` returns the commit message, or undefined
   * when it published nothing.
   */
  async publish<T>(
    apply: (dir: string) => Promise<{ value: T; message?: string }>,
  ): Promise<RemotePublishOutcome<T>> {
    const max = this.opts.maxAttempts ?? 10;
    const backoff = this.opts.backoffMs ?? 100;
    let lastReason = '';
    for (let attempt = 1; attempt <= max; attempt++) {
      const { dir } = await this.sync('refuse');
      const { value, message } = await apply(dir);
      if (!message) return { value, attempts: attempt };
      const rel = this.remote.subdir || '.';
      await mustGit(this.repo, [
        'add',
        '-A',
        '--',
        rel,
        `:(exclude)${path.posix.join(rel, LOCK_FILE)}*`,
        `:(exclude)${path.posix.join(rel, '.treaty-tmp')}`,
      ]);
      const staged = await git(this.repo, ['diff', '--cached', '--quiet']);
      if (staged.code === 0) return { value, attempts: attempt };
      await mustGit(this.repo, [...(await identity(this.repo)), 'commit', '-q', '-m', message]);
      const branch = await this.branchName();
      const push = await git(this.repo, [
        'push',
        '--porcelain',
        'origin',
        `HEAD:refs/heads/${branch}`,
      ]);
      if (push.code === 0) {
        const commit = (await mustGit(this.repo, ['rev-parse', 'HEAD'])).trim();
        return { value, commit, attempts: attempt };
      }
      const out = `${push.stdout}\n${push.stderr}`;
      if (!isRaceRejection(out)) {
        throw new RegistryError(
          `cannot push to the git registry ${this.remote.url}: ${firstLine(rejectionLine(out))}`,
        );
      }
      lastReason = firstLine(rejectionLine(out));
      // Someone else published first: plan again on top of what they pushed.
      await sleep(Math.min(backoff * 2 ** (attempt - 1), 3000) * (0.5 + Math.random()));
    }
    throw new RegistryError(
      `gave up publishing to the git registry ${this.remote.url} after ${max} attempts: the branch moved each time (${lastReason}); nothing was published, try again`,
    );
  }

  /** The branch to use: the spec's, else the remote's default branch, else `main`. */
  private async branchName(): Promise<string> {
    if (this.branch) return this.branch;
    if (this.remote.branch) return (this.branch = this.remote.branch);
    // A clone remembers the remote's default branch; an empty remote has none yet.
    const local = await git(this.repo, [
      'symbolic-ref',
      '-q',
      '--short',
      'refs/remotes/origin/HEAD',
    ]);
    const fromClone = local.code === 0 ? local.stdout.trim().replace(/^origin\//, '') : '';
    if (fromClone) return (this.branch = fromClone);
    const head = await git(this.repo, ['ls-remote', '--symref', 'origin', 'HEAD']);
    const m = /^ref: refs\/heads\/(\S+)\s+HEAD/m.exec(head.stdout);
    this.branch = m?.[1] ?? 'main';
    return this.branch;
  }
}

/** A push refused because the branch moved under us (retry), not for a reason of the remote's. */
function isRaceRejection(out: string): boolean {
  return (
    /\[rejected\].*\((fetch first|non-fast-forward)\)/.test(out) ||
    /\[remote rejected\].*\((failed to update ref|cannot lock ref|incorrect old value|failed to lock)/.test(
      out,
    ) ||
    /cannot lock ref|failed to update ref|incorrect old value provided/.test(out)
  );
}

function rejectionLine(out: string): string {
  return (
    out
      .split('\n')
      .find((l) => /rejected|error|fatal/.test(l))
      ?.trim() ?? out.trim()
  );
}

async function identity(repo: string): Promise<string[]> {
  const email = await git(repo, ['config', 'user.email']);
  return email.code === 0 && email.stdout.trim()
    ? []
    : ['-c', 'user.name=treaty', '-c', 'user.email=treaty@localhost'];
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

function firstLine(s: string): string {
  return (
    s
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? 'no message'
  );
}

interface GitResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs git without a terminal: a remote that asks for a password fails at once instead of hanging. */
function git(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      {
        cwd,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      },
      (err, stdout, stderr) =>
        resolve({
          code: err ? (typeof err.code === 'number' ? err.code : 1) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        }),
    );
  });
}

async function mustGit(cwd: string, args: string[]): Promise<string> {
  const r = await git(cwd, args);
  if (r.code !== 0) {
    throw new RegistryError(`git ${args[0]} failed in the registry clone: ${firstLine(r.stderr)}`, {
      file: cwd,
    });
  }
  return r.stdout;
}
