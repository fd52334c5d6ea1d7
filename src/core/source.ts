import { promises as fs, readFileSync, readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.js';

/**
 * Where a contract's files are read from: the working tree, a registry version folder, or a git
 * ref (read from git objects, no checkout). Paths are posix and relative to the contract root.
 * Format adapters read only through this, so they never know where a baseline came from.
 */
export interface FileSource {
  /** A label for messages, e.g. the folder or `git:main`. */
  readonly label: string;
  read(rel: string): Promise<string>;
  exists(rel: string): Promise<boolean>;
  /** Every file below the root (posix relative paths), skipping node_modules, .git and dist. */
  list(): Promise<string[]>;
  /** Absolute path for display and for libraries that need one; virtual for git sources. */
  absolute(rel: string): string;
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist']);

export class DirSource implements FileSource {
  readonly label: string;
  constructor(
    readonly root: string,
    private readonly skip: (rel: string) => boolean = () => false,
  ) {
    this.label = root;
  }

  absolute(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  async read(rel: string): Promise<string> {
    const abs = this.absolute(rel);
    try {
      // Synchronous on purpose: one libuv round trip per call instead of four (open, stat, read,
      // close); reading a tree of thousands of files is 2-3x faster this way.
      return readFileSync(abs, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(code === 'ENOENT' ? 'file not found' : `cannot read file (${code})`, {
        file: abs,
      });
    }
  }

  async exists(rel: string): Promise<boolean> {
    try {
      return (await fs.stat(this.absolute(rel))).isFile();
    } catch {
      return false;
    }
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    const walk = async (dir: string, relDir: string): Promise<void> => {
      let ents: Dirent[];
      try {
        ents = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      ents.sort((a, b) => a.name.localeCompare(b.name));
      for (const e of ents) {
        const rel = relDir ? `${relDir}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (SKIP_DIRS.has(e.name) || this.skip(rel)) continue;
          await walk(path.join(dir, e.name), rel);
        } else if (e.isFile() && !this.skip(rel)) out.push(rel);
      }
    };
    await walk(this.root, '');
    return out;
  }
}

/** An in-memory source (tests, git objects already read, single files). */
export class MemorySource implements FileSource {
  constructor(
    readonly label: string,
    private readonly files: ReadonlyMap<string, string>,
    private readonly virtualRoot = label,
  ) {}
  absolute(rel: string): string {
    return path.posix.join(this.virtualRoot, rel);
  }
  async read(rel: string): Promise<string> {
    const v = this.files.get(rel);
    if (v === undefined) throw new InputError('file not found', { file: this.absolute(rel) });
    return v;
  }
  async exists(rel: string): Promise<boolean> {
    return this.files.has(rel);
  }
  async list(): Promise<string[]> {
    return [...this.files.keys()].sort();
  }
}
