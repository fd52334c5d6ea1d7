import path from 'node:path';
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
}

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
