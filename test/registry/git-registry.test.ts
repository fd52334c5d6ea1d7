import { execFileSync, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { parseRemoteSpec } from '../../src/registry/remote.js';
import { openRegistry } from '../../src/registry/registry.js';
import { verifyRegistry } from '../../src/registry/verify.js';
import { tmpDir } from './helpers.js';

/**
 * A registry shared by many services, kept in a git repository: local bare repositories stand in
 * for the remote (`git+file://`). Every command runs with its own cache folder, so each "service"
 * has its own clone, as on separate CI machines.
 */

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

async function bareRemote(): Promise<{ dir: string; spec: string }> {
  const dir = path.join(await tmpDir('treaty-remote-'), 'contracts.git');
  git(path.dirname(dir), 'init', '-q', '--bare', '-b', 'main', dir);
  return { dir, spec: `git+file://${dir}` };
}

function doc(title: string, version: string, paths: string[]): string {
  return [
    'openapi: 3.0.3',
    `info: { title: ${title}, version: ${version} }`,
    'paths:',
    ...paths.flatMap((p) => [
      `  /${p}:`,
      '    get:',
      '      responses:',
      "        '200':",
      '          description: ok',
    ]),
    '',
  ].join('\n');
}

/** A service folder with one OpenAPI contract and treaty.yaml pointing at `spec`. */
async function service(spec: string, id: string, text: string): Promise<string> {
  const dir = await tmpDir('treaty-service-');
  await fs.writeFile(
    path.join(dir, 'treaty.yaml'),
    `version: 1\nregistry: '${spec}'\ncontracts:\n  - id: ${id}\n    path: api.yaml\n    format: openapi\n`,
  );
  await fs.writeFile(path.join(dir, 'api.yaml'), text);
  return dir;
}

async function run(args: string[], cache: string, cwd?: string) {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'treaty', ...args, ...(cwd ? ['--cwd', cwd] : [])], {
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
    isTTY: false,
    cwd: cwd ?? process.cwd(),
    env: { TREATY_CACHE_DIR: cache },
  });
  return { code, stdout, stderr };
}

/** A fresh clone of the remote's branch: what a consumer sees. */
async function cloneOf(remote: string, branch = 'main'): Promise<string> {
  const dir = path.join(await tmpDir('treaty-clone-'), 'c');
  git(path.dirname(dir), 'clone', '-q', '--branch', branch, remote, dir);
  return dir;
}

describe('git registry spec', () => {
  it('reads the URL, the branch and the folder', () => {
    expect(parseRemoteSpec('git+file:///srv/c.git')).toEqual({
      spec: 'git+file:///srv/c.git',
      url: 'file:///srv/c.git',
      subdir: '',
    });
    expect(parseRemoteSpec('git+ssh://git@host/acme/c.git#branch=prod&path=registry/')).toEqual({
      spec: 'git+ssh://git@host/acme/c.git#branch=prod&path=registry/',
      url: 'ssh://git@host/acme/c.git',
      branch: 'prod',
      subdir: 'registry',
    });
    expect(parseRemoteSpec('git+https://host/c.git#release').branch).toBe('release');
  });

  it('refuses a folder escaping the repository, unknown keys and bad branch names', () => {
    expect(() => parseRemoteSpec('git+file:///c.git#path=../x')).toThrow(/inside the repository/);
    expect(() => parseRemoteSpec('git+file:///c.git#ref=x')).toThrow(/unknown 'ref'/);
    expect(() => parseRemoteSpec('git+file:///c.git#a b')).toThrow(/not a branch name/);
  });

  it('a config naming a git registry that cannot be reached is an input error (exit 2)', async () => {
    const cache = await tmpDir('treaty-cache-');
    const svc = await service(
      'git+file:///nonexistent/contracts.git',
      'a',
      doc('A', '1.0.0', ['a']),
    );
    const r = await run(['check'], cache, svc);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /cannot clone the git registry file:\/\/\/nonexistent\/contracts\.git/,
    );
  });
});

describe('publish to and read from a git registry', () => {
  it('publishes, reads back, shows a line, exports it, and checks offline with a warning', async () => {
    const remote = await bareRemote();
    const spec = `${remote.spec}#branch=main&path=registry`;
    const cacheA = await tmpDir('treaty-cache-');
    const svc = await service(spec, 'orders-api', doc('Orders', '1.0.0', ['orders']));

    // An empty remote: everything is new, publish starts the branch.
    expect((await run(['check'], cacheA, svc)).code).toBe(0);
    const pub = await run(['publish'], cacheA, svc);
    expect(pub.stderr).toBe('');
    expect(pub.code).toBe(0);
    expect(pub.stdout).toMatch(
      /published orders-api 1\.0\.0 → file:\/\/.*contracts\.git orders-api\/1\.0\.0/,
    );
    expect(pub.stdout).toMatch(/pushed [0-9a-f]{12}/);
    expect(git(remote.dir, 'log', '--format=%s', 'main').trim()).toBe(
      'treaty publish: orders-api 1.0.0',
    );

    // A consumer with another clone reads exactly what was published.
    const cacheB = await tmpDir('treaty-cache-');
    const show = await run(
      ['registry', 'show', 'orders-api@1', '--registry', spec, '--file', 'api.yaml'],
      cacheB,
    );
    expect(show.code).toBe(0);
    expect(show.stdout).toBe(doc('Orders', '1.0.0', ['orders']));
    const out = path.join(await tmpDir('treaty-export-'), 'v1');
    const exp = await run(
      ['registry', 'show', 'orders-api@1', '--registry', spec, '--export', out],
      cacheB,
    );
    expect(exp.code).toBe(0);
    expect(await fs.readFile(path.join(out, 'api.yaml'), 'utf8')).toBe(
      doc('Orders', '1.0.0', ['orders']),
    );
    expect(
      (await run(['registry', 'show', 'orders-api@3', '--registry', spec], cacheB)).stderr,
    ).toMatch(/no published major line 3/);

    // A breaking change in the working tree is found against the git registry.
    await fs.writeFile(path.join(svc, 'api.yaml'), doc('Orders', '1.1.0', ['other']));
    const broken = await run(['check'], cacheA, svc);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/GET \/orders/);

    // Offline: the last fetched state is read, with a warning; publishing refuses and writes nothing.
    const head = git(remote.dir, 'rev-parse', 'main');
    await fs.rename(remote.dir, `${remote.dir}.away`);
    const offline = await run(['check'], cacheA, svc);
    expect(offline.code).toBe(1);
    expect(offline.stderr).toMatch(
      /warning: cannot fetch the git registry .*reading the state fetched last/,
    );
    await fs.writeFile(path.join(svc, 'api.yaml'), doc('Orders', '1.1.0', ['orders', 'more']));
    const refused = await run(['publish'], cacheA, svc);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/cannot fetch the git registry/);
    await fs.rename(`${remote.dir}.away`, remote.dir);
    expect(git(remote.dir, 'rev-parse', 'main')).toBe(head);

    // Back online: the publish goes through, on top of what is there.
    const again = await run(['publish'], cacheA, svc);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/published orders-api 1\.1\.0/);
    const list = await run(['registry', 'list', '--registry', spec], cacheB);
    expect(list.stdout).toMatch(/1\.x\s+latest 1\.1\.0/);
  });

  it('deprecating a line is committed and pushed; verify reads the remote', async () => {
    const remote = await bareRemote();
    const cache = await tmpDir('treaty-cache-');
    const svc = await service(remote.spec, 'pets', doc('Pets', '1.0.0', ['pets']));
    expect((await run(['publish'], cache, svc)).code).toBe(0);
    const dep = await run(
      ['registry', 'deprecate', 'pets@1', '--sunset', '2027-06-30', '--registry', remote.spec],
      cache,
    );
    expect(dep.code).toBe(0);
    expect(git(remote.dir, 'log', '-1', '--format=%s', 'main').trim()).toBe(
      'treaty registry deprecate pets@1 --sunset 2027-06-30',
    );
    const index = JSON.parse(git(remote.dir, 'show', 'main:index.json'));
    expect(index.contracts.pets.versions[0].sunset).toBe('2027-06-30');
    const verify = await run(
      ['registry', 'verify', '--registry', remote.spec],
      await tmpDir('treaty-cache-'),
    );
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/registry verified: .*1 version\(s\)/);
  });

  it('two services publishing the same version with different bytes: exactly one wins', async () => {
    const remote = await bareRemote();
    const a = await service(remote.spec, 'shared', doc('Shared', '1.0.0', ['a']));
    const b = await service(remote.spec, 'shared', doc('Shared', '1.0.0', ['b']));
    const [ra, rb] = await Promise.all([
      run(['publish'], await tmpDir('treaty-cache-'), a),
      run(['publish'], await tmpDir('treaty-cache-'), b),
    ]);
    const codes = [ra.code, rb.code].sort();
    // The loser's document says 1.0.0, now published with other files: publish refuses its
    // version (exit 1, naming what to set).
    expect(codes).toEqual([0, 1]);
    const loser = ra.code === 1 ? ra : rb;
    expect(loser.stderr).toMatch(/1\.0\.0/);
    expect(git(remote.dir, 'rev-list', '--count', 'main').trim()).toBe('1');
    const clone = await cloneOf(remote.dir);
    const reg = await openRegistry(clone);
    expect(reg.versions('shared').map((v) => v.version)).toEqual(['1.0.0']);
    const winner = ra.code === 0 ? 'a' : 'b';
    expect(await fs.readFile(path.join(clone, 'shared', '1.0.0', 'api.yaml'), 'utf8')).toContain(
      `/${winner}:`,
    );
  });
});

describe('many publishers, separate processes and clones', () => {
  const publisher = path.resolve(import.meta.dirname, 'child/git-publisher.mjs');

  function start(spec: string, work: string, contract: string, major: number, count: string) {
    const child = spawn(process.execPath, [publisher, spec, work, contract, String(major), count], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exit = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
      child.on('exit', (code) => resolve({ code, out, err })),
    );
    return { child, exit, output: () => out };
  }

  it('8 publishers × 20 versions across 4 contracts: every version exactly once, verify clean, linear history', async () => {
    const remote = await bareRemote();
    const work = await tmpDir('treaty-stress-');
    const contracts = ['alpha', 'beta', 'gamma', 'delta'];
    // Two publishers per contract, one per major line: both lines of a contract grow at once.
    const runs = Array.from({ length: 8 }, (_, p) =>
      start(remote.spec, work, contracts[p % 4]!, Math.floor(p / 4) + 1, '20'),
    );
    const results = await Promise.all(runs.map((r) => r.exit));
    for (const r of results) expect(r.out, r.out + r.err).not.toMatch(/^failed/m);
    for (const r of results) expect(r.code).toBe(0);
    const published = results.flatMap((r) => r.out.match(/^published .*$/gm) ?? []);
    expect(published).toHaveLength(160);

    expect(git(remote.dir, 'rev-list', '--count', 'main').trim()).toBe('160');
    expect(git(remote.dir, 'rev-list', '--merges', 'main').trim()).toBe('');
    expect(git(remote.dir, 'fsck', '--no-progress', '--no-dangling').trim()).toBe('');

    const clone = await cloneOf(remote.dir);
    const verify = await verifyRegistry(clone);
    expect(verify.problems).toEqual([]);
    const reg = await openRegistry(clone);
    for (const id of contracts) {
      const versions = reg.versions(id).map((v) => v.version);
      const expected = [1, 2].flatMap((m) => Array.from({ length: 20 }, (_, i) => `${m}.${i}.0`));
      expect([...versions].sort()).toEqual([...expected].sort());
      expect(new Set(versions).size).toBe(40);
    }
  }, 600_000);

  it('a publish killed at any moment (SIGKILL) leaves the remote untouched or complete, and the next one recovers', async () => {
    const remote = await bareRemote();
    const work = await tmpDir('treaty-kill-');
    let rounds = 0;
    for (const delay of [40, 120, 200, 300, 450, 650, 900, 1300]) {
      const r = start(remote.spec, work, 'victim', 1, 'forever');
      await new Promise((res) => setTimeout(res, delay + Math.random() * 100));
      r.child.kill('SIGKILL');
      await r.exit;
      rounds++;
      // The remote is always a complete registry: every commit on main verifies.
      expect(git(remote.dir, 'fsck', '--no-progress', '--no-dangling').trim()).toBe('');
      // SIGKILL stops treaty, not a `git push` it started: that push may still land after the
      // kill. Commits and versions are therefore counted in one snapshot, the clone.
      const pushed = Number(git(remote.dir, 'rev-list', '--count', '--all').trim() || '0');
      if (pushed > 0) {
        const clone = await cloneOf(remote.dir);
        const count = Number(git(clone, 'rev-list', '--count', 'HEAD').trim());
        const verify = await verifyRegistry(clone);
        expect(verify.problems.filter((p) => p.level === 'error')).toEqual([]);
        const reg = await openRegistry(clone);
        expect(reg.versions('victim').length).toBe(count);
      }
    }
    expect(rounds).toBe(8);
    // The same service (same cache, its clone possibly half-way through a commit) publishes again.
    const last = start(remote.spec, work, 'victim', 1, '1');
    const done = await last.exit;
    expect(done.code, done.out + done.err).toBe(0);
  }, 300_000);
});
