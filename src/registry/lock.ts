import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RegistryError } from '../core/errors.js';

/**
 * The publish lock: `<registry>/.treaty.lock`, holding who owns it (pid, host, start time, a random
 * token). It is created atomically with its full content (a temp file hard-linked into place, so
 * it is never seen empty) and only one process can create it. A lock whose owner is a dead process
 * on this host is stale and is broken; breaking happens under a short-lived second lock
 * (`.treaty.lock.break`) and re-checks the owner token first, so two processes breaking the same
 * stale lock can never remove a fresh one. A lock from another host is never broken
 * automatically: its pid cannot be checked from here.
 */

export const LOCK_FILE = '.treaty.lock';
const BREAK_FILE = '.treaty.lock.break';
/** The breaker is held for a few milliseconds; older than this, its owner is gone. */
const BREAKER_MAX_AGE_MS = 30_000;

export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  token: string;
  command?: string;
}

export interface LockOptions {
  /** How long to wait for a live lock to be released (default 30 s). */
  timeoutMs?: number;
  /** Poll interval while waiting (default 25 ms). */
  pollMs?: number;
  /** Recorded in the lock file for people reading it. */
  command?: string;
}

export interface Lock {
  readonly file: string;
  readonly info: LockInfo;
  release(): Promise<void>;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function newInfo(command?: string): LockInfo {
  return {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    token: randomBytes(12).toString('hex'),
    ...(command ? { command } : {}),
  };
}

/** Creates `file` with `content` atomically; false when it already exists. */
async function createExclusive(file: string, content: string): Promise<boolean> {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await fs.writeFile(tmp, content, { flag: 'wx' });
  try {
    await fs.link(tmp, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

export async function readLockInfo(file: string): Promise<LockInfo | 'invalid' | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const v = JSON.parse(text) as Partial<LockInfo>;
    if (
      typeof v.pid === 'number' &&
      typeof v.host === 'string' &&
      typeof v.token === 'string' &&
      typeof v.startedAt === 'string'
    ) {
      return v as LockInfo;
    }
  } catch {
    // fall through
  }
  return 'invalid';
}

/** Stale: the owner is a process of this host that no longer runs. */
export function isStale(info: LockInfo): boolean {
  return info.host === os.hostname() && !isProcessAlive(info.pid);
}

async function breakStale(dir: string, stale: LockInfo): Promise<void> {
  const breaker = path.join(dir, BREAK_FILE);
  const mine = newInfo('break stale lock');
  if (!(await createExclusive(breaker, JSON.stringify(mine)))) {
    const other = await readLockInfo(breaker);
    if (other === undefined) return;
    const st = await fs.stat(breaker).catch(() => undefined);
    const old = !st || Date.now() - st.mtimeMs > BREAKER_MAX_AGE_MS;
    if (old || (other !== 'invalid' && isStale(other))) {
      const again = await readLockInfo(breaker);
      if (JSON.stringify(again) === JSON.stringify(other)) await fs.rm(breaker, { force: true });
    }
    return;
  }
  try {
    const cur = await readLockInfo(path.join(dir, LOCK_FILE));
    if (cur && cur !== 'invalid' && cur.token === stale.token) {
      await fs.rm(path.join(dir, LOCK_FILE), { force: true });
    }
  } finally {
    await fs.rm(breaker, { force: true });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Takes the registry's publish lock, waiting for a live owner to finish. */
export async function acquireLock(dir: string, opts: LockOptions = {}): Promise<Lock> {
  const file = path.join(dir, LOCK_FILE);
  const st = await fs.stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) {
    throw new RegistryError('the registry folder does not exist', { file: dir });
  }
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const pollMs = opts.pollMs ?? 25;
  const deadline = Date.now() + timeoutMs;
  const info = newInfo(opts.command);
  const content = JSON.stringify(info, null, 2) + '\n';
  for (;;) {
    if (await createExclusive(file, content)) {
      return {
        file,
        info,
        release: async () => {
          const cur = await readLockInfo(file);
          if (cur && cur !== 'invalid' && cur.token === info.token) await fs.rm(file);
        },
      };
    }
    const owner = await readLockInfo(file);
    if (owner === undefined) continue;
    if (owner !== 'invalid' && isStale(owner)) {
      await breakStale(dir, owner);
      continue;
    }
    if (Date.now() >= deadline) {
      const who =
        owner === 'invalid'
          ? 'an unreadable lock file'
          : `pid ${owner.pid} on host ${owner.host} since ${owner.startedAt}`;
      throw new RegistryError(
        `the registry is locked by ${who}; another publish is running (if it is not, remove this file)`,
        { file },
      );
    }
    await sleep(pollMs);
  }
}

/** Removes lock temp files left by processes killed between writing and linking them. */
export async function cleanLockLeftovers(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^\.treaty\.lock(?:\.break)?\.(\d+)\.[0-9a-f]+$/.exec(name);
    if (m && Number(m[1]) !== process.pid && !isProcessAlive(Number(m[1]))) {
      await fs.rm(path.join(dir, name), { force: true });
    }
  }
}
