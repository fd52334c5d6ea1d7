import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RegistryError } from '../../src/core/errors.js';
import { LOCK_FILE, acquireLock, isProcessAlive, readLockInfo } from '../../src/registry/lock.js';
import { tmpDir } from './helpers.js';

/** A pid that is not running: a child that has exited. */
async function deadPid(): Promise<number> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.on('exit', r));
  expect(isProcessAlive(child.pid!)).toBe(false);
  return child.pid!;
}

describe('publish lock', () => {
  it('is created with its owner and removed on release', async () => {
    const dir = await tmpDir();
    const lock = await acquireLock(dir, { command: 'publish x' });
    const info = await readLockInfo(path.join(dir, LOCK_FILE));
    expect(info).toEqual({ ...lock.info, command: 'publish x' });
    expect(lock.info).toMatchObject({ pid: process.pid, host: os.hostname() });
    await lock.release();
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('a live owner makes the next one wait; it gives up with who holds it', async () => {
    const dir = await tmpDir();
    const first = await acquireLock(dir);
    const err = await acquireLock(dir, { timeoutMs: 50, pollMs: 5 }).catch((e) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect(err.oneLine()).toBe(
      `${path.join(dir, LOCK_FILE)}: the registry is locked by pid ${process.pid} on host ${os.hostname()} since ${first.info.startedAt}; another publish is running (if it is not, remove this file)`,
    );
    // Waiting succeeds once the owner releases.
    const waiting = acquireLock(dir, { timeoutMs: 10_000, pollMs: 5 });
    await first.release();
    const second = await waiting;
    expect(second.info.token).not.toBe(first.info.token);
    await second.release();
  });

  it('a lock of a dead process on this host is stale and broken', async () => {
    const dir = await tmpDir();
    const pid = await deadPid();
    await fs.writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid, host: os.hostname(), startedAt: '2026-01-01T00:00:00Z', token: 'old' }),
    );
    const lock = await acquireLock(dir, { timeoutMs: 1000 });
    expect(((await readLockInfo(path.join(dir, LOCK_FILE))) as { token: string }).token).toBe(
      lock.info.token,
    );
    await lock.release();
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('a stale breaker left by a dead process does not block breaking', async () => {
    const dir = await tmpDir();
    const pid = await deadPid();
    const stale = { pid, host: os.hostname(), startedAt: 'x', token: 't' };
    await fs.writeFile(path.join(dir, LOCK_FILE), JSON.stringify(stale));
    await fs.writeFile(
      path.join(dir, '.treaty.lock.break'),
      JSON.stringify({ ...stale, token: 'b' }),
    );
    const lock = await acquireLock(dir, { timeoutMs: 1000, pollMs: 1 });
    await lock.release();
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('a lock from another host is never broken automatically', async () => {
    const dir = await tmpDir();
    const pid = await deadPid();
    await fs.writeFile(
      path.join(dir, LOCK_FILE),
      JSON.stringify({ pid, host: `not-${os.hostname()}`, startedAt: 'then', token: 'x' }),
    );
    await expect(acquireLock(dir, { timeoutMs: 30, pollMs: 5 })).rejects.toThrow(
      `the registry is locked by pid ${pid} on host not-${os.hostname()} since then`,
    );
  });

  it('a lock on a folder that does not exist is a RegistryError', async () => {
    const dir = path.join(await tmpDir(), 'missing');
    await expect(acquireLock(dir)).rejects.toThrow('the registry folder does not exist');
  });
});
