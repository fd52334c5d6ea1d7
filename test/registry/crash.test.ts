import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openRegistry } from '../../src/registry/registry.js';
import { verifyRegistry } from '../../src/registry/verify.js';
import { buildChild } from './child/build.js';
import { writeCrashContract } from './child/contract.js';
import { publish, tmpDir } from './helpers.js';

/**
 * Publishing is killed (SIGKILL, a real child process) at every step and at random moments: the
 * registry must always verify clean (notes about an interrupted publish allowed, never an error)
 * and every version a publish reported as published must still be there, intact.
 */

let main: string;
beforeAll(async () => {
  ({ main } = await buildChild(path.resolve(import.meta.dirname, 'child/publisher.ts')));
}, 60_000);

interface Run {
  child: ChildProcess;
  published: string[];
  ready: Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  after: (n: number) => Promise<void>;
}

function start(registry: string, work: string, ...args: string[]): Run {
  const child = spawn(process.execPath, [main, registry, work, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const published: string[] = [];
  const events: Array<() => void> = [];
  let seen = 0;
  let out = '';
  let stderr = '';
  let onReady!: () => void;
  const ready = new Promise<void>((r) => (onReady = r));
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    let i: number;
    while ((i = out.indexOf('\n')) >= 0) {
      const line = out.slice(0, i);
      out = out.slice(i + 1);
      if (line === 'ready') onReady();
      const m = /^published (\S+)$/.exec(line);
      if (m) published.push(m[1]!);
      if (m || line.startsWith('step ')) {
        seen++;
        events.splice(0).forEach((f) => f());
      }
    }
  });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  exit.then(onReady);
  /** Resolves once `n` steps/publishes were printed (or the child ended). */
  const after = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () => (seen >= n ? resolve() : events.push(check));
      check();
      exit.then(() => resolve());
    });
  return { child, published, ready, exit, after };
}

/** Verify passes (no error-level problem) and every reported version is there, readable and intact. */
async function assertSound(
  registry: string,
  published: Iterable<string>,
  readAll = false,
): Promise<number> {
  const result = await verifyRegistry(registry);
  expect(result.problems.filter((p) => p.level === 'error')).toEqual([]);
  const reg = await openRegistry(registry);
  const have = new Set(reg.versions('crash').map((v) => v.version));
  for (const v of published) {
    expect(have.has(v), `published ${v} was lost`).toBe(true);
    if (!readAll) continue;
    const source = reg.source('crash', v);
    for (const f of await source.list()) await source.read(f); // hashes checked on read
  }
  return result.problems.length;
}

// A small seeded PRNG, so a failing sequence can be replayed.
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('publish survives SIGKILL', () => {
  it('killed at every step of a publish: previous state intact, the next publish heals', async () => {
    const dir = await tmpDir();
    const registry = path.join(dir, 'registry');
    const first = await publish(
      registry,
      await writeCrashContract(path.join(dir, 'first'), 'first'),
    );
    const published: string[] = [first.plan.version];
    expect(published).toEqual(['1.0.0']);
    for (const step of ['locked', 'staged', 'renamed', 'changelog', 'index']) {
      const run = start(registry, dir, '1', '--die-at', step);
      const { signal } = await run.exit;
      expect(signal, step).toBe('SIGKILL');
      await assertSound(registry, published);
      const versions = (await openRegistry(registry)).versions('crash').map((v) => v.version);
      // Killed before the rename: nothing new; after it: the version is published.
      expect(versions.length, step).toBe(
        published.length + (['locked', 'staged'].includes(step) ? 0 : 1),
      );
      published.splice(0, published.length, ...versions);
      // The next publish cleans up (stale lock, staging leftovers, index, changelog).
      const contract = await writeCrashContract(path.join(dir, 'heal'), step);
      const { plan, status } = await publish(registry, contract);
      expect(status).toBe('published');
      published.push(plan.version);
      expect(await assertSound(registry, published, true), `problems left after ${step}`).toBe(0);
    }
  }, 60_000);

  it('killed at random moments, many times: verify passes and no published version is lost', async () => {
    const seed = Date.now() % 100000;
    const random = prng(seed);
    const dir = await tmpDir();
    const registry = path.join(dir, 'registry');
    const first = await publish(
      registry,
      await writeCrashContract(path.join(dir, 'first'), 'first'),
    );
    const published = new Set<string>([first.plan.version]);
    let interrupted = 0;
    // 24 kills, or fewer (at least 6) when the machine is slow: the test stays within seconds.
    const started = Date.now();
    let kills = 0;
    for (let i = 0; i < 24 && (i < 6 || Date.now() - started < 6000); i++) {
      kills++;
      const run = start(registry, dir, 'forever', '--steps');
      await run.ready;
      // Kill at a random step of the first two publishes (7 events each), a few ms after it.
      await run.after(Math.floor(random() * 14));
      await new Promise((r) => setTimeout(r, Math.floor(random() * 4)));
      run.child.kill('SIGKILL');
      const { signal, stderr } = await run.exit;
      expect(signal, `iteration ${i} (seed ${seed}): ${stderr}`).toBe('SIGKILL');
      for (const v of run.published) published.add(v);
      if ((await assertSound(registry, published)) > 0) interrupted++;
    }
    const last = await publish(registry, await writeCrashContract(path.join(dir, 'last'), 'last'));
    published.add(last.plan.version);
    expect(await assertSound(registry, published, true)).toBe(0);
    expect(published.size).toBeGreaterThan(1);
    console.log(
      `crash test (seed ${seed}): ${kills} kills, ${published.size} versions published, ${interrupted} kills left an interrupted publish behind`,
    );
  }, 60_000);
});

describe('concurrent publishes', () => {
  it('two publishes started together never interleave and lose nothing', async () => {
    const dir = await tmpDir();
    const registry = path.join(dir, 'registry');
    const log = path.join(dir, 'steps.log');
    const runs = [start(registry, dir, '4', '--log', log), start(registry, dir, '4', '--log', log)];
    const exits = await Promise.all(runs.map((r) => r.exit));
    expect(exits.map((e) => [e.code, e.stderr])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    const published = runs.flatMap((r) => r.published);
    expect(published).toHaveLength(8);
    expect(new Set(published).size).toBe(8);
    // From `locked` to `unlocking`, one process's steps are never mixed with another's.
    const lines = (await fs.readFile(log, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => l.split(' '));
    let owner: string | undefined;
    for (const [pid, step] of lines) {
      if (step === 'locked') {
        expect(owner, 'a lock was taken while another publish held it').toBeUndefined();
        owner = pid;
      } else expect(pid).toBe(owner);
      if (step === 'unlocking') owner = undefined;
    }
    expect(lines.filter(([, s]) => s === 'index')).toHaveLength(8);
    expect(await assertSound(registry, published)).toBe(0);
    expect((await openRegistry(registry)).versions('crash').map((v) => v.version)).toEqual(
      Array.from({ length: 8 }, (_, i) => `1.0.${i}`),
    );
  }, 60_000);
});
