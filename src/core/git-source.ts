import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { InputError } from './errors.js';
import { checkFileCount, type FileSource } from './source.js';
import { decodeText } from './text.js';

const exec = promisify(execFile);

/**
 * A contract's files as they are at a git ref, read from git objects (no checkout), so a baseline
 * can come from `--against git:<ref>` in a shallow CI clone where that ref was fetched.
 * Blobs are read through one `git cat-file --batch` process.
 */
export class GitSource implements FileSource {
  readonly label: string;
  private files?: Map<string, string>; // rel path -> blob id
  private batch?: CatFileBatch;

  /**
   * @param repo the repository's top folder
   * @param ref any revision git understands (branch, tag, sha, HEAD~1)
   * @param root the contract root, absolute (must be inside `repo`)
   */
  constructor(
    private readonly repo: string,
    private readonly ref: string,
    private readonly root: string,
  ) {
    this.label = `git:${ref}`;
  }

  /** Finds the repository containing `dir` and checks that `ref` names a commit. */
  static async open(dir: string, ref: string): Promise<{ repo: string; commit: string }> {
    let repo: string;
    try {
      repo = (await exec('git', ['rev-parse', '--show-toplevel'], { cwd: dir })).stdout.trim();
    } catch {
      throw new InputError(`--against git:${ref}: not inside a git repository`, { file: dir });
    }
    try {
      const commit = (
        await exec('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd: repo })
      ).stdout.trim();
      return { repo, commit };
    } catch {
      throw new InputError(
        `--against git:${ref}: unknown git ref (in a shallow clone, fetch it first: git fetch origin ${ref})`,
        { file: repo },
      );
    }
  }

  private get prefix(): string {
    const rel = path.relative(this.repo, this.root).split(path.sep).join('/');
    return rel === '' ? '' : rel + '/';
  }

  /**
   * `git:<ref>:<path from the repository top>` (git's own `<rev>:<path>` naming): a file at a ref
   * is never mistaken for the working-tree file of the same path, whose lines differ.
   */
  absolute(rel: string): string {
    return `git:${this.ref}:${path.posix.normalize(this.prefix + rel).replace(/^\.\/?$/, '')}`;
  }

  private async tree(): Promise<Map<string, string>> {
    if (this.files) return this.files;
    const prefix = this.prefix;
    const { stdout } = await exec('git', ['ls-tree', '-r', '-z', this.ref, '--', prefix || '.'], {
      cwd: this.repo,
      maxBuffer: 512 * 1024 * 1024,
    });
    const files = new Map<string, string>();
    for (const entry of stdout.split('\0')) {
      if (!entry) continue;
      const tab = entry.indexOf('\t');
      const [, type, oid] = entry.slice(0, tab).split(' ');
      const full = entry.slice(tab + 1);
      if (type !== 'blob' || !full.startsWith(prefix)) continue;
      files.set(full.slice(prefix.length), oid!);
    }
    this.files = files;
    return files;
  }

  async read(rel: string): Promise<string> {
    const oid = (await this.tree()).get(rel);
    if (!oid)
      throw new InputError(`file not found at git:${this.ref}`, { file: this.absolute(rel) });
    this.batch ??= new CatFileBatch(this.repo);
    return decodeText(await this.batch.read(oid), this.absolute(rel));
  }

  async exists(rel: string): Promise<boolean> {
    return (await this.tree()).has(rel);
  }

  async list(): Promise<string[]> {
    const skip = /(^|\/)(node_modules|\.git|dist)\//;
    const files = [...(await this.tree()).keys()].filter((f) => !skip.test(f));
    checkFileCount(files.length, this.label);
    return files.sort();
  }

  /** Ends the cat-file process. Safe to call more than once. */
  close(): void {
    this.batch?.close();
    this.batch = undefined;
  }
}

/** One long-lived `git cat-file --batch`, answering reads in order. */
class CatFileBatch {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buf = Buffer.alloc(0);
  private readonly queue: Array<{ resolve: (b: Buffer) => void; reject: (e: Error) => void }> = [];

  constructor(repo: string) {
    this.proc = spawn('git', ['cat-file', '--batch'], { cwd: repo });
    this.proc.stdout.on('data', (chunk: Buffer) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      this.drain();
    });
    this.proc.on('error', (e) => this.failAll(e));
    this.proc.unref();
    (this.proc.stdout as unknown as { unref?: () => void }).unref?.();
    (this.proc.stdin as unknown as { unref?: () => void }).unref?.();
  }

  read(oid: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      this.proc.stdin.write(oid + '\n');
    });
  }

  private drain(): void {
    for (;;) {
      const nl = this.buf.indexOf(10);
      if (nl < 0 || !this.queue.length) return;
      const header = this.buf.subarray(0, nl).toString();
      const parts = header.split(' ');
      if (parts[1] === 'missing') {
        this.buf = this.buf.subarray(nl + 1);
        this.queue.shift()!.reject(new Error(`git object ${parts[0]} is missing`));
        continue;
      }
      const size = Number(parts[2]);
      if (this.buf.length < nl + 1 + size + 1) return;
      const body = Buffer.from(this.buf.subarray(nl + 1, nl + 1 + size));
      this.buf = this.buf.subarray(nl + 1 + size + 1);
      this.queue.shift()!.resolve(body);
    }
  }

  private failAll(e: Error): void {
    while (this.queue.length) this.queue.shift()!.reject(e);
  }

  close(): void {
    this.proc.stdin.end();
  }
}
