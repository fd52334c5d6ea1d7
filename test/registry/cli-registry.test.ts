import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { contractAt, copyFixture, finding, publish, tmpDir } from './helpers.js';

const FILES = ['openapi.yaml', 'schemas/pet.yaml'];

let dir: string;
let reg: string;
beforeEach(async () => {
  dir = await tmpDir();
  const src = path.join(dir, 'api');
  reg = path.join(dir, 'registry');
  await copyFixture(src);
  await publish(reg, contractAt(src, FILES, { version: '1.0.0', major: 1 }));
  const p = path.join(src, 'openapi.yaml');
  await fs.writeFile(p, (await fs.readFile(p, 'utf8')).replace('A page of pets', 'Pets'));
  await publish(reg, contractAt(src, FILES, { version: '1.1.0', major: 1 }), {
    findings: [finding('test-operation-added', '/owners')],
    now: new Date('2026-01-02T00:00:00Z'),
  });
});

describe('treaty registry', () => {
  it('list: contracts, major lines, latest and lifecycle (registry from the default ./registry)', async () => {
    const r = await runCli(['registry', 'list'], dir);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'petstore (openapi)',
        '  1.x  latest 1.1.0  active  versions: 1.0.0, 1.1.0',
        '1 contract(s), 2 version(s) in registry',
        '',
      ].join('\n'),
    });
    const json = await runCli(['--format', 'json', 'registry', 'list'], dir);
    expect(
      JSON.parse(json.stdout).contracts.petstore.versions.map(
        (v: { version: string }) => v.version,
      ),
    ).toEqual(['1.0.0', '1.1.0']);
  });

  it('show: the latest version, or one given with @version', async () => {
    const r = await runCli(['registry', 'show', 'petstore'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^petstore 1\.1\.0 \(openapi, major line 1\)\n {2}folder {6}registry\/petstore\/1\.1\.0\n/,
    );
    expect(r.stdout).toContain(
      '  previous    1.0.0 (minor): 0 breaking, 0 warning, 1 info, 0 waived\n',
    );
    expect(r.stdout).toContain(
      '  changes\n    Added\n      - operation /owners was added [test-operation-added]\n',
    );
    expect(r.stdout).toMatch(/ {4}schemas\/pet\.yaml {2}\s+\d+ B {2}sha256 [0-9a-f]{64}\n/);
    const old = await runCli(['--format', 'json', 'registry', 'show', 'petstore@1.0.0'], dir);
    expect(JSON.parse(old.stdout)).toMatchObject({
      contract: 'petstore',
      version: '1.0.0',
      bump: 'initial',
      lifecycle: { deprecated: false },
    });
    expect(await runCli(['registry', 'show', 'petstore@3.0.0'], dir)).toMatchObject({
      code: 2,
      stderr:
        "treaty: contract 'petstore' has no published version 3.0.0 (published: 1.0.0, 1.1.0)\n",
    });
    expect(await runCli(['registry', 'show', 'orders'], dir)).toMatchObject({
      code: 2,
      stderr: "treaty: contract 'orders' is not in the registry registry (published: petstore)\n",
    });
  });

  it('verify: clean → exit 0; a tampered file → its path, exit 1', async () => {
    expect(await runCli(['registry', 'verify'], dir)).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'registry verified: registry, 1 contract(s), 2 version(s), 4 file(s); 0 error(s), 0 note(s)\n',
    });
    await fs.appendFile(path.join(reg, 'petstore', '1.0.0', 'schemas', 'pet.yaml'), '# edited\n');
    const r = await runCli(['registry', 'verify'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^registry\/petstore\/1\.0\.0\/schemas\/pet\.yaml: error: content changed: sha256 [0-9a-f]{12}…, manifest\.json has [0-9a-f]{12}…\nregistry is corrupt: registry, 1 contract\(s\), 2 version\(s\), 4 file\(s\); 1 error\(s\), 0 note\(s\)\n$/,
    );
    const json = JSON.parse((await runCli(['-f', 'json', 'registry', 'verify'], dir)).stdout);
    expect(json.ok).toBe(false);
    expect(json.problems).toEqual([
      {
        level: 'error',
        path: path.join(reg, 'petstore', '1.0.0', 'schemas', 'pet.yaml'),
        message: expect.stringMatching(/^content changed/),
      },
    ]);
  });

  it('verify --repair adds an unindexed version to the index; an invalid index is exit 1 for verify, exit 2 elsewhere', async () => {
    const index = path.join(reg, 'index.json');
    const idx = JSON.parse(await fs.readFile(index, 'utf8'));
    idx.contracts.petstore.versions.pop();
    await fs.writeFile(index, JSON.stringify(idx));
    const notes = await runCli(['registry', 'verify'], dir);
    expect(notes.code).toBe(0);
    expect(notes.stdout).toContain(
      'registry/petstore/1.1.0: note: published but not listed in index.json (an interrupted publish); the next publish or verify --repair adds it\n',
    );
    const repaired = await runCli(['registry', 'verify', '--repair'], dir);
    expect(repaired.stdout).toBe(
      'repaired: rewrote registry/index.json (1 version(s) added)\nregistry verified: registry, 1 contract(s), 2 version(s), 4 file(s); 0 error(s), 0 note(s)\n',
    );
    await fs.writeFile(index, '{ "indexVersion": 1, ');
    const bad = await runCli(['registry', 'verify'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^registry\/index\.json: error: invalid JSON: /);
    const list = await runCli(['registry', 'list'], dir);
    expect(list.code).toBe(2);
    expect(list.stderr).toMatch(new RegExp(`^treaty: ${index}:\\d+:\\d+: invalid JSON: `));
  });

  it('--registry points at another folder; a missing one lists nothing and fails verify with exit 2', async () => {
    const r = await runCli(['registry', 'list', '--registry', 'elsewhere'], dir);
    expect(r).toEqual({ code: 0, stderr: '', stdout: 'no contracts published in elsewhere\n' });
    expect(await runCli(['registry', 'verify', '--registry', 'elsewhere'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: `treaty: ${path.join(dir, 'elsewhere')}: the registry folder does not exist\n`,
    });
  });

  it('deprecate: a major line gets deprecated with a sunset (index only), shown by list; --undo reverts', async () => {
    const before = await fs.readFile(path.join(reg, 'petstore', '1.0.0', 'manifest.json'), 'utf8');
    expect(
      await runCli(['registry', 'deprecate', 'petstore@1', '--sunset', '2999-06-30'], dir),
    ).toEqual({
      code: 0,
      stderr: '',
      stdout: 'petstore 1.0.0, 1.1.0: deprecated until 2999-06-30\n',
    });
    expect((await runCli(['registry', 'list'], dir)).stdout).toContain(
      '  1.x  latest 1.1.0  deprecated until 2999-06-30  versions: 1.0.0, 1.1.0\n',
    );
    const lines = JSON.parse((await runCli(['--format', 'json', 'registry', 'list'], dir)).stdout)
      .lines.petstore;
    expect(lines).toEqual([
      { major: 1, latest: '1.1.0', state: 'deprecated', sunset: '2999-06-30' },
    ]);
    // After its sunset the line is retired.
    await runCli(['registry', 'deprecate', 'petstore@1', '--sunset', '2001-01-31'], dir);
    expect((await runCli(['registry', 'list'], dir)).stdout).toContain(
      '  1.x  latest 1.1.0  retired since 2001-01-31  versions: 1.0.0, 1.1.0\n',
    );
    // Manifests are immutable; verify stays clean.
    expect(await fs.readFile(path.join(reg, 'petstore', '1.0.0', 'manifest.json'), 'utf8')).toBe(
      before,
    );
    expect((await runCli(['registry', 'verify'], dir)).code).toBe(0);
    expect((await runCli(['registry', 'deprecate', 'petstore@1.0.0', '--undo'], dir)).stdout).toBe(
      'petstore 1.0.0: active\n',
    );
    expect(
      await runCli(['registry', 'deprecate', 'petstore@1', '--sunset', '2027-02-30'], dir),
    ).toMatchObject({
      code: 2,
      stderr: "treaty: '2027-02-30' is not a date (YYYY-MM-DD)\n",
    });
    expect(await runCli(['registry', 'deprecate', 'petstore@2'], dir)).toMatchObject({
      code: 2,
      stderr: "treaty: contract 'petstore' has no published major line 2\n",
    });
    expect(await runCli(['registry', 'deprecate', 'petstore'], dir)).toMatchObject({ code: 2 });
  });
});
