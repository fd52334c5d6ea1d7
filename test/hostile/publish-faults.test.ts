import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegistry } from '../../src/registry/registry.js';
import { verifyRegistry } from '../../src/registry/verify.js';
import { runCli } from '../helpers/cli.js';
import { HOSTILE, oneLine, snapshot, tmpDir, treaty } from './run.js';

/**
 * Faults during `treaty publish`, in a real child process: the disk fills up, the registry is
 * read-only or permission is denied at any file-system step (injected by fault-inject.mjs: tests
 * run as root, where chmod denies nothing), or the process is SIGKILLed at any step. Each ends in
 * exit 2 with a one-line message that says what was published (or the kill), `treaty registry
 * verify` stays clean, and the next publish completes or cleans up.
 */

const OK = path.join(HOSTILE, 'ok', 'openapi.yaml');
const CONFIG =
  'version: 1\ncontracts:\n  - id: orders\n    format: openapi\n    path: openapi.yaml\n';
/** The revision: an optional response property added (a minor release, 1.1.0). */
const ADDED = '        note:\n          type: string\n';

let base: string;
/** File-system steps of the 1.1.0 publish below the registry (counted once, with the log on). */
let steps: string[];

beforeAll(async () => {
  base = await tmpDir();
  await fs.copyFile(OK, path.join(base, 'openapi.yaml'));
  await fs.writeFile(path.join(base, 'treaty.yaml'), CONFIG);
  const first = await runCli(['publish'], base);
  expect(first.code).toBe(0);
  await fs.appendFile(path.join(base, 'openapi.yaml'), ADDED);
  const probe = await fresh();
  const r = await treaty(['publish'], {
    cwd: probe,
    inject: true,
    env: { TREATY_FAULT_DIR: path.join(probe, 'registry'), TREATY_FAULT_LOG: '1' },
  });
  expect(r.code).toBe(0);
  steps = r.stderr.split('\n').filter((l) => l.startsWith('fault-step '));
  expect(steps.length).toBeGreaterThan(15);
}, 60_000);

/** A copy of the repository: 1.0.0 published, the working tree at 1.1.0. */
async function fresh(): Promise<string> {
  const dir = await tmpDir();
  await fs.cp(base, dir, { recursive: true });
  return dir;
}

async function versions(repo: string): Promise<string[]> {
  const reg = await openRegistry(path.join(repo, 'registry'));
  return reg.versions('orders').map((v) => v.version);
}

/** verify has no error; notes only for what an interrupted publish may leave. */
async function verifiesClean(repo: string): Promise<void> {
  const result = await verifyRegistry(path.join(repo, 'registry'));
  expect(result.problems.filter((p) => p.level === 'error')).toEqual([]);
}

/** The next publish completes the job and leaves a registry with no note at all. */
async function recovers(repo: string): Promise<void> {
  const again = await runCli(['publish'], repo);
  expect(again.stderr).toBe('');
  expect(again.code).toBe(0);
  expect(await versions(repo)).toEqual(['1.0.0', '1.1.0']);
  const result = await verifyRegistry(path.join(repo, 'registry'));
  expect(result.problems).toEqual([]);
}

function faultAt(repo: string, fault: string, at: number) {
  return treaty(['publish'], {
    cwd: repo,
    inject: true,
    env: {
      TREATY_FAULT_DIR: path.join(repo, 'registry'),
      TREATY_FAULT: fault,
      TREATY_FAULT_AT: String(at),
    },
  });
}

const stepOf = (name: RegExp) => steps.findIndex((s) => name.test(s));

describe('disk full, read-only, permission denied (injected)', () => {
  for (const [fault, what] of [
    ['ENOSPC', 'no space left on the device'],
    ['EROFS', 'the registry is on a read-only file system'],
    ['EACCES', 'permission denied'],
  ] as const) {
    it(`${fault} before the version is in place: exit 2, nothing published, verify clean`, async () => {
      for (const at of [0, stepOf(/ write .*openapi\.yaml$/), stepOf(/ rename .*publish-/)]) {
        expect(at).toBeGreaterThanOrEqual(0);
        const repo = await fresh();
        const before = await snapshot(path.join(repo, 'registry'));
        const r = await faultAt(repo, fault, at);
        expect(r.code, steps[at]).toBe(2);
        expect(oneLine(r)).toMatch(
          new RegExp(
            `^treaty: ${repo}/registry\\S*: cannot write the registry \\(${fault}: ${what}\\): nothing was published \\(orders@1\\.1\\.0\\); the registry is unchanged$`,
          ),
        );
        expect(await versions(repo)).toEqual(['1.0.0']);
        const after = await snapshot(path.join(repo, 'registry'));
        for (const [file, text] of before) expect(after.get(file), file).toBe(text);
        await verifiesClean(repo);
        await recovers(repo);
      }
    });
  }

  it('ENOSPC after the version is in place: published, the message says so, the next run completes it', async () => {
    const at = stepOf(/ write .*index\.json-/);
    const repo = await fresh();
    const r = await faultAt(repo, 'ENOSPC', at);
    expect(r.code).toBe(2);
    expect(oneLine(r)).toMatch(
      /cannot write the registry \(ENOSPC: no space left on the device\): orders@1\.1\.0 is published, but index\.json or CHANGELOG\.md was not updated; the next publish or treaty registry verify --repair completes it$/,
    );
    expect(await versions(repo)).toEqual(['1.0.0', '1.1.0']);
    await verifiesClean(repo);
    const again = await runCli(['publish'], repo);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /nothing to publish, no file changed since 1\.1\.0 \(completed an interrupted publish: .*rewrote \S+\/index\.json \(1 version\(s\) added\)/,
    );
    expect((await verifyRegistry(path.join(repo, 'registry'))).problems).toEqual([]);
  });
});

describe('killed at any point (SIGKILL at every file-system step of a publish)', () => {
  it('every step: the registry verifies clean and the next publish completes or cleans up', async () => {
    const published = stepOf(/ rename .*publish-/);
    const killAt = async (at: number) => {
      const repo = await fresh();
      const r = await faultAt(repo, 'KILL', at);
      expect(r.signal, steps[at]).toBe('SIGKILL');
      await verifiesClean(repo);
      expect(await versions(repo), steps[at]).toEqual(
        at > published ? ['1.0.0', '1.1.0'] : ['1.0.0'],
      );
      await recovers(repo);
    };
    // Three at a time: each is a child process that mostly waits on its own start-up.
    const queue = steps.map((_s, i) => i);
    await Promise.all(
      [0, 1, 2].map(async () => {
        for (let at = queue.shift(); at !== undefined; at = queue.shift()) await killAt(at);
      }),
    );
  }, 180_000);
});

/** A real full disk and a real read-only file system: a tiny tmpfs, where mount is allowed. */
const mnt = path.join(process.env.TMPDIR ?? '/tmp', `treaty-tmpfs-${process.pid}`);
let mounted = false;
try {
  execFileSync('mkdir', ['-p', mnt]);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { stdio: 'ignore' });
  mounted = true;
} catch {
  mounted = false;
}
afterAll(() => {
  if (mounted) execFileSync('umount', [mnt]);
});

describe.skipIf(!mounted)('a real 64 KB tmpfs (skipped where mount is not permitted)', () => {
  it('disk full: exit 2, nothing published; read-only: exit 2; verify clean', async () => {
    const repo = await fresh();
    const registry = path.join(mnt, 'registry');
    await fs.cp(path.join(repo, 'registry'), registry, { recursive: true });
    await fs.writeFile(
      path.join(repo, 'treaty.yaml'),
      CONFIG.replace('version: 1\n', `version: 1\nregistry: ${registry}\n`),
    );
    // A 200 KB description in the contract: the staged copy cannot fit.
    const big = `x-filler: "${'x'.repeat(200 * 1024)}"\n`;
    await fs.appendFile(path.join(repo, 'openapi.yaml'), big);
    const full = await treaty(['publish'], { cwd: repo });
    expect(oneLine(full)).toMatch(
      /cannot write the registry \(ENOSPC: no space left on the device\): nothing was published \(orders@1\.1\.0\)/,
    );
    expect(full.code).toBe(2);
    expect((await openRegistry(registry)).versions('orders').map((v) => v.version)).toEqual([
      '1.0.0',
    ]);
    expect((await verifyRegistry(registry)).problems.filter((p) => p.level === 'error')).toEqual(
      [],
    );

    execFileSync('mount', ['-o', 'remount,ro', mnt]);
    try {
      const ro = await treaty(['publish'], { cwd: repo });
      expect(oneLine(ro)).toMatch(
        /cannot write the registry \(EROFS: the registry is on a read-only file system\): nothing was published/,
      );
      expect(ro.code).toBe(2);
      expect((await verifyRegistry(registry)).problems.filter((p) => p.level === 'error')).toEqual(
        [],
      );
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mnt]);
    }
  });
});
