import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { RegistryError } from '../../src/core/errors.js';
import { openRegistry } from '../../src/registry/registry.js';
import { repairRegistry, verifyRegistry } from '../../src/registry/verify.js';
import { contractAt, copyFixture, publish, tmpDir } from './helpers.js';

const FILES = ['openapi.yaml', 'schemas/pet.yaml'];

let src: string;
let reg: string;
let v1: string;
beforeEach(async () => {
  const dir = await tmpDir();
  src = path.join(dir, 'api');
  reg = path.join(dir, 'registry');
  await copyFixture(src);
  await publish(reg, contractAt(src, FILES, { version: '1.0.0', major: 1 }));
  const p = path.join(src, 'openapi.yaml');
  await fs.writeFile(p, (await fs.readFile(p, 'utf8')).replace('A page of pets', 'Pets'));
  await publish(reg, contractAt(src, FILES, { version: '1.0.1', major: 1 }), {
    now: new Date('2026-01-02T00:00:00Z'),
  });
  v1 = path.join(reg, 'petstore', '1.0.0');
});

const problems = async () =>
  (await verifyRegistry(reg)).problems.map(
    (p) => `${p.level} ${path.relative(reg, p.path)}: ${p.message}`,
  );

describe('verify', () => {
  it('a registry written by publish verifies clean', async () => {
    const r = await verifyRegistry(reg);
    expect(r).toEqual({
      registry: reg,
      ok: true,
      contracts: 1,
      versions: 2,
      files: 4,
      problems: [],
    });
  });

  it('reports a tampered file with its path', async () => {
    await fs.appendFile(path.join(v1, 'schemas', 'pet.yaml'), '  extra: {}\n');
    const r = await verifyRegistry(reg);
    expect(r.ok).toBe(false);
    expect(await problems()).toEqual([
      expect.stringMatching(
        /^error petstore\/1\.0\.0\/schemas\/pet\.yaml: content changed: sha256 [0-9a-f]{12}…, manifest\.json has [0-9a-f]{12}…$/,
      ),
    ]);
  });

  it('a tampered file is refused when a baseline is read from the registry', async () => {
    await fs.appendFile(path.join(v1, 'openapi.yaml'), '# changed\n');
    const source = (await openRegistry(reg)).source('petstore', '1.0.0');
    expect(await source.list()).toEqual(FILES);
    expect(await source.read('schemas/pet.yaml')).toContain('type: object');
    const err = await source.read('openapi.yaml').catch((e) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect(err.oneLine()).toBe(
      `${path.join(v1, 'openapi.yaml')}: published file was changed: its sha256 differs from manifest.json (run treaty registry verify)`,
    );
  });

  it('reports missing, extra and symlinked files', async () => {
    await fs.rm(path.join(v1, 'schemas', 'pet.yaml'));
    await fs.writeFile(path.join(v1, 'notes.txt'), 'hello\n');
    await fs.symlink(path.join(src, 'openapi.yaml'), path.join(v1, 'schemas', 'pet.yaml'));
    expect(await problems()).toEqual([
      'error petstore/1.0.0/notes.txt: file is not listed in manifest.json',
      'error petstore/1.0.0/schemas/pet.yaml: is a symlink; the registry never follows symlinks',
    ]);
    await fs.rm(path.join(v1, 'schemas', 'pet.yaml'));
    expect(await problems()).toContain(
      'error petstore/1.0.0/schemas/pet.yaml: published file is missing',
    );
  });

  it('reports an edited manifest, an invalid one and a missing version', async () => {
    const mf = path.join(v1, 'manifest.json');
    const m = JSON.parse(await fs.readFile(mf, 'utf8'));
    m.files[0].sha256 = 'f'.repeat(64);
    await fs.writeFile(mf, JSON.stringify(m, null, 2) + '\n');
    expect(await problems()).toEqual([
      'error petstore/1.0.0/manifest.json: manifest.json was changed after it was published (its sha256 differs from index.json)',
      expect.stringMatching(/^error petstore\/1\.0\.0\/openapi\.yaml: content changed/),
    ]);
    await fs.writeFile(mf, '{"manifestVersion": 1, "contract": "petstore"');
    expect(await problems()).toEqual([
      expect.stringMatching(/^error petstore\/1\.0\.0\/manifest\.json: invalid JSON: /),
    ]);
    await fs.writeFile(mf, JSON.stringify({ ...m, files: 'none' }));
    expect(await problems()).toEqual([
      "error petstore/1.0.0/manifest.json: does not match registry-manifest.schema.json at /files: 'files' must be of type array",
    ]);
    await fs.rm(path.join(reg, 'petstore', '1.0.1'), { recursive: true });
    expect(await problems()).toContain(
      'error petstore/1.0.1: published version 1.0.1 is missing (listed in index.json)',
    );
  });

  it('an invalid index.json is reported by verify and refused (RegistryError with its path) by the rest', async () => {
    const index = path.join(reg, 'index.json');
    await fs.writeFile(
      index,
      JSON.stringify({ indexVersion: 1, contracts: { petstore: { format: 'openapi' } } }),
    );
    expect(await problems()).toContain(
      "error index.json: does not match registry-index.schema.json at /contracts/petstore: missing required key 'versions'",
    );
    const err = await openRegistry(reg).catch((e) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect(err.oneLine()).toBe(
      `${index}: does not match registry-index.schema.json at /contracts/petstore: missing required key 'versions'`,
    );
  });

  it('what an interrupted publish leaves is a note, and --repair tidies it', async () => {
    // Index written before the last publish, changelog lost, staging leftovers and a dead lock.
    const index = path.join(reg, 'index.json');
    const idx = JSON.parse(await fs.readFile(index, 'utf8'));
    idx.contracts.petstore.versions.pop();
    await fs.writeFile(index, JSON.stringify(idx, null, 2) + '\n');
    await fs.rm(path.join(reg, 'petstore', 'CHANGELOG.md'));
    await fs.mkdir(path.join(reg, '.treaty-tmp', 'publish-1-abc'), { recursive: true });
    await fs.writeFile(
      path.join(reg, '.treaty.lock'),
      JSON.stringify({
        pid: 999999999,
        host: (await import('node:os')).hostname(),
        startedAt: 'x',
        token: 't',
      }),
    );
    const r = await verifyRegistry(reg);
    expect(r.ok).toBe(true);
    expect(r.versions).toBe(2);
    expect(await problems()).toEqual([
      'note .treaty-tmp/publish-1-abc: left by an interrupted publish; removed by the next publish',
      'note .treaty.lock: stale lock of a dead process (pid 999999999 on ' +
        (await import('node:os')).hostname() +
        ' since x)',
      'note petstore/1.0.1: published but not listed in index.json (an interrupted publish); the next publish or verify --repair adds it',
      'note petstore/CHANGELOG.md: CHANGELOG.md is missing; the next publish or verify --repair writes it',
    ]);
    // The unindexed version is part of the registry already.
    expect((await openRegistry(reg)).latest('petstore')?.version).toBe('1.0.1');
    const done = await repairRegistry(reg);
    expect(
      done.map((d) => path.relative(reg, d.replace(/^rewrote /, '').replace(/ \(.*$/, ''))),
    ).toEqual(['index.json', 'petstore/CHANGELOG.md']);
    expect(await problems()).toEqual([]);
  });

  it('an index.json lost entirely is derived from the version folders', async () => {
    await fs.rm(path.join(reg, 'index.json'));
    expect(await problems()).toEqual([
      'note index.json: index.json is missing; it is rebuilt from the version folders by the next publish or verify --repair',
      'note petstore/1.0.0: published but not listed in index.json (an interrupted publish); the next publish or verify --repair adds it',
      'note petstore/1.0.1: published but not listed in index.json (an interrupted publish); the next publish or verify --repair adds it',
    ]);
    await repairRegistry(reg);
    expect(await problems()).toEqual([]);
  });

  it('ignores folders that are not contracts (a shared contracts repository has other content)', async () => {
    await fs.mkdir(path.join(reg, 'docs', 'guides'), { recursive: true });
    await fs.mkdir(path.join(reg, '.git'));
    await fs.writeFile(path.join(reg, 'README.md'), '# contracts\n');
    expect(await problems()).toEqual([]);
    expect((await verifyRegistry(reg)).contracts).toBe(1);
  });

  it('a registry folder that does not exist is an error', async () => {
    await expect(verifyRegistry(path.join(reg, 'nope'))).rejects.toThrow(
      'the registry folder does not exist',
    );
  });
});
