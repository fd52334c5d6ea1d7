import {
  promises as fs,
  closeSync,
  constants,
  fstatSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  realpathSync,
  type Dirent,
} from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.js';
import { inputLimits, limitHint } from './limits.js';
import { checkSize, decodeText } from './text.js';
import { collate } from './collate.js';

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
/** A path `path.join` would change: absolute, empty or `.`/`..` segments, doubled or trailing `/`. */
const NOT_PLAIN = /^\/|\/$|\/\/|(^|\/)\.\.?(\/|$)/;

export class DirSource implements FileSource {
  readonly label: string;
  /** The normalised root with a trailing separator, where `absolute` may just append. */
  private readonly prefix: string | undefined;
  constructor(
    readonly root: string,
    private readonly skip: (rel: string) => boolean = () => false,
  ) {
    this.label = root;
    this.prefix =
      path.sep === '/' && path.isAbsolute(root)
        ? path.normalize(root).replace(/\/?$/, '/')
        : undefined;
  }

  absolute(rel: string): string {
    // A plain relative path below an absolute root needs no normalising (most calls: every file
    // of a tree is named once to read it and once in messages).
    if (this.prefix !== undefined && rel && !NOT_PLAIN.test(rel)) return this.prefix + rel;
    return path.join(this.root, ...rel.split('/'));
  }

  private realRoot?: string;
  /** Files `list()` found as plain files in plain folders: no symlink on their way from the root. */
  private listed?: Set<string>;
  /** Texts the caller read already (see `readAlready`), each handed out once. */
  private known?: Map<string, string>;

  /**
   * The text of a file below the root that the caller has read whole already (`readTextFile`, to
   * sniff its format): the next `read` of it still opens the file (where it is, its size) but
   * neither reads nor decodes it again.
   */
  readAlready(rel: string, text: string): void {
    (this.known ??= new Map()).set(rel, text);
  }

  /**
   * Reads a UTF-8 file below the root. A symlink may point elsewhere inside the tree but is never
   * followed out of it; a file past the size limit is refused before it is read.
   */
  async read(rel: string): Promise<string> {
    const abs = this.absolute(rel);
    let bytes: Buffer;
    try {
      // Synchronous on purpose: one libuv round trip per call instead of four (open, stat, read,
      // close); reading a tree of thousands of files is 2-3x faster this way.
      const fd = this.open(rel, abs);
      try {
        const size = fstatSync(fd).size;
        checkSize(size, abs);
        const text = this.known?.get(rel);
        if (text !== undefined) {
          this.known!.delete(rel);
          return text;
        }
        bytes = size > 0 ? readExactly(fd, size) : readFileSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      if (e instanceof InputError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(code === 'ENOENT' ? 'file not found' : `cannot read file (${code})`, {
        file: abs,
      });
    }
    return decodeText(bytes, abs);
  }

  /**
   * Opens a file for reading. A listed file was reached through folders that are no symlinks, so
   * only its last component needs the check, which O_NOFOLLOW makes (a symlink put there since the
   * listing fails to open and takes the full check); any other path is resolved first (realpath
   * costs a system call per path component, the most expensive part of reading a small file).
   */
  private open(rel: string, abs: string): number {
    if (this.listed?.has(rel) && constants.O_NOFOLLOW) {
      try {
        return openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ELOOP') throw e;
      }
    }
    const real = realpathSync.native(abs);
    if (real !== abs) this.assertInside(real, abs);
    return openSync(abs, 'r');
  }

  private assertInside(real: string, abs: string): void {
    this.realRoot ??= realpathSync.native(this.root);
    const r = path.relative(this.realRoot, real);
    if (r.startsWith('..') || path.isAbsolute(r)) {
      throw new InputError(
        `is a symlink to ${real}, outside the contract folder ${this.root}; symlinks are not followed out of it`,
        { file: abs },
      );
    }
  }

  async exists(rel: string): Promise<boolean> {
    try {
      return (await fs.stat(this.absolute(rel))).isFile();
    } catch {
      return false;
    }
  }

  /**
   * Every file below the root, walked once per source: a caller that discovers contracts and then
   * loads them from the same source lists the folder once.
   */
  async list(): Promise<string[]> {
    if (this.listed) return [...this.listed];
    const out: string[] = [];
    const walk = async (dir: string, relDir: string): Promise<void> => {
      let ents: Dirent[];
      try {
        ents = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      ents.sort((a, b) => collate(a.name, b.name));
      for (const e of ents) {
        const rel = relDir ? `${relDir}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (SKIP_DIRS.has(e.name) || this.skip(rel)) continue;
          await walk(path.join(dir, e.name), rel);
        } else if (e.isFile() && !this.skip(rel)) {
          out.push(rel);
          checkFileCount(out.length, this.root);
        }
      }
    };
    await walk(this.root, '');
    this.listed = new Set(out);
    return out;
  }
}

/** `size` bytes from an open file (fewer if it shrank meanwhile), without a second fstat. */
function readExactly(fd: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  let pos = 0;
  for (;;) {
    const n = readSync(fd, buffer, pos, size - pos, null);
    pos += n;
    if (n === 0 || pos >= size) break;
  }
  return pos < size ? buffer.subarray(0, pos) : buffer;
}

/** A tree with more files than the limit is refused (a runaway folder, not a contract). */
export function checkFileCount(count: number, root: string): void {
  if (count > inputLimits().files) {
    throw new InputError(`more files than treaty reads in one tree ${limitHint('files')}`, {
      file: root,
    });
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
