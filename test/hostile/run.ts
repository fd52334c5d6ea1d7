import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES, ROOT } from '../helpers/paths.js';

export { FIXTURES, ROOT };
export const HOSTILE = path.join(FIXTURES, 'hostile');
const BIN = path.join(ROOT, 'bin', 'treaty.js');
const INJECT = path.join(ROOT, 'test', 'hostile', 'fault-inject.mjs');

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Killed by the test's timeout (a hang). */
  timedOut: boolean;
}

export interface RunOptions {
  cwd?: string;
  /** V8 old-space limit in MB (a heap blow-up aborts instead of swapping). */
  heapMb?: number;
  /** Kills the child after this long: a run that hangs fails the test instead of hanging it. */
  timeoutMs?: number;
  env?: Record<string, string>;
  /** Load test/hostile/fault-inject.mjs (fault env in `env`). */
  inject?: boolean;
}

/**
 * Runs the built CLI (bin/treaty.js → dist) in a child process with a heap limit and a timeout, as
 * a pipeline would: what a hostile input does to the process (abort, hang, exit code) is visible.
 */
export function treaty(args: string[], opts: RunOptions = {}): Promise<Run> {
  const argv = [`--max-old-space-size=${opts.heapMb ?? 256}`];
  if (opts.inject) argv.push('--import', INJECT);
  argv.push(BIN, ...args);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, {
      cwd: opts.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 30_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // 'exit' can fire before the pipes are drained.
      setImmediate(() => resolve({ code, signal, stdout, stderr, timedOut }));
    });
  });
}

/** The one line an input error prints: `treaty: file:line:col: message`, nothing else. */
export function oneLine(r: Run): string {
  const lines = r.stderr.split('\n').filter(Boolean);
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got:\n${r.stderr}`);
  return lines[0]!;
}

export async function tmpDir(prefix = 'treaty-hostile-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Every file below a folder (relative paths, sorted), for "nothing changed on disk" checks. */
export async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.set(path.relative(dir, p), e.isFile() ? await fs.readFile(p, 'utf8') : 'link');
    }
  };
  await walk(dir);
  return out;
}
