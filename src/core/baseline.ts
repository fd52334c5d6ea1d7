import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { LoadedContract } from './adapter.js';
import { GitSource } from './git-source.js';
import type { ContractRef } from './model.js';
import { DirSource, type FileSource } from './source.js';

/** The version a contract is compared against, and where its files are read from. */
export interface Baseline {
  /** For reports: `registry:orders-api@1.2.0`, `git:main`, a folder. */
  label: string;
  /** The base contract: same id and format, root/entries where the baseline keeps them. */
  ref: ContractRef;
  source: FileSource;
  /** Published version, for registry baselines. */
  version?: string;
  /** When it was published (ISO timestamp), for registry baselines. */
  publishedAt?: string;
  /** The registry's sunset of the version (its major line), if one was set. */
  sunset?: string;
  /** Releases resources (a git cat-file process). */
  close?: () => void;
}

/**
 * Finds the baseline of a contract. `undefined` means the contract has none (never published,
 * absent at the git ref or from the folder): it is reported as new.
 */
export interface BaselineProvider {
  find(ref: ContractRef, rev: LoadedContract): Promise<Baseline | undefined>;
  /**
   * Every baseline of the revision's major line, latest first (`transitive: true`). Providers
   * with a single baseline (git, folder) leave it out.
   */
  findAll?(ref: ContractRef, rev: LoadedContract): Promise<Baseline[]>;
  /**
   * The dated states of the baseline, latest first (the registry: the published versions of the
   * line; git: the commits of the ref's history that changed the contract's files), for
   * `policy.deprecation.minDays`: since when a removed element was deprecated. `complete: false`
   * says the history ends before the first state (`note` says why: a shallow clone). Providers
   * without dates (a folder) leave it out.
   */
  history?(ref: ContractRef, rev: LoadedContract): Promise<BaselineHistory>;
}

export interface BaselineHistory {
  states: Baseline[];
  complete: boolean;
  note?: string;
}

/** How many commits of a git baseline's history are read at most for a deprecation date. */
export const GIT_HISTORY_LIMIT = 200;

const exec = promisify(execFile);

/** `--against git:<ref>`: the contract files at that ref, read from git objects. */
export class GitBaselines implements BaselineProvider {
  private opened?: Promise<{ repo: string; commit: string }>;
  constructor(
    private readonly cwd: string,
    private readonly gitRef: string,
  ) {}

  async find(ref: ContractRef): Promise<Baseline | undefined> {
    this.opened ??= GitSource.open(this.cwd, this.gitRef);
    const { repo } = await this.opened;
    const source = new GitSource(repo, this.gitRef, ref.root);
    const present = ref.entries.length
      ? (await Promise.all(ref.entries.map((e) => source.exists(e)))).every(Boolean)
      : (await source.list()).length > 0;
    if (!present) {
      source.close();
      return undefined;
    }
    return { label: `git:${this.gitRef}`, ref, source, close: () => source.close() };
  }

  /** The commits of the ref's history that changed the contract's files, newest first, dated. */
  async history(ref: ContractRef, rev: LoadedContract): Promise<BaselineHistory> {
    this.opened ??= GitSource.open(this.cwd, this.gitRef);
    const { repo, commit } = await this.opened;
    const paths = (rev.files.length ? rev.files : ['.']).map(
      (f) => path.relative(repo, path.join(ref.root, f)).split(path.sep).join('/') || '.',
    );
    const run = (args: string[]) =>
      exec('git', args, { cwd: repo, maxBuffer: 64 * 1024 * 1024 }).then((r) => r.stdout.trim());
    const log = await run([
      'log',
      `--max-count=${GIT_HISTORY_LIMIT + 1}`,
      '--format=%H %cI',
      commit,
      '--',
      ...paths,
    ]);
    const commits = log ? log.split('\n').map((l) => l.split(' ') as [string, string]) : [];
    const capped = commits.length > GIT_HISTORY_LIMIT;
    const shallow = (await run(['rev-parse', '--is-shallow-repository'])) === 'true';
    const states = commits.slice(0, GIT_HISTORY_LIMIT).map(([sha, date]): Baseline => {
      const source = new GitSource(repo, sha, ref.root);
      return {
        label: `git:${sha.slice(0, 12)}`,
        ref,
        source,
        publishedAt: new Date(date).toISOString(),
        close: () => source.close(),
      };
    });
    const oldest = states[states.length - 1]?.publishedAt?.slice(0, 10);
    if (capped) {
      return {
        states,
        complete: false,
        note: `only the last ${GIT_HISTORY_LIMIT} commits of git:${this.gitRef} that changed it were read (back to ${oldest})`,
      };
    }
    if (shallow) {
      return {
        states,
        complete: false,
        note: `the git history of git:${this.gitRef} is shallow${oldest ? ` and ends at ${oldest}` : ''} (git fetch --unshallow to verify it)`,
      };
    }
    return { states, complete: true };
  }
}

/**
 * `--against <dir>`: a folder laid out like the repository (e.g. a checkout of the base branch);
 * each contract is looked for at the same relative path.
 */
export class FolderBaselines implements BaselineProvider {
  constructor(
    private readonly repoRoot: string,
    private readonly dir: string,
  ) {}

  async find(ref: ContractRef): Promise<Baseline | undefined> {
    const root = path.join(this.dir, path.relative(this.repoRoot, ref.root));
    const source = new DirSource(root);
    const present = ref.entries.length
      ? (await Promise.all(ref.entries.map((e) => source.exists(e)))).every(Boolean)
      : (await source.list()).length > 0;
    if (!present) return undefined;
    const rel = path.relative(this.repoRoot, root);
    const label = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? root : rel;
    return { label, ref: { ...ref, root }, source };
  }
}
