import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { RegistryError, UsageError, InputError } from '../../src/core/errors.js';
import { applyPlan } from '../../src/registry/apply.js';
import { planPublish } from '../../src/registry/plan.js';
import { openRegistry } from '../../src/registry/registry.js';
import { sha256 } from '../../src/registry/read.js';
import { verifyRegistry } from '../../src/registry/verify.js';
import { contractAt, copyFixture, finding, kindOf, publish, tmpDir } from './helpers.js';

const FILES = ['openapi.yaml', 'schemas/pet.yaml'];

let dir: string;
let src: string;
let reg: string;
beforeEach(async () => {
  dir = await tmpDir();
  src = path.join(dir, 'api');
  reg = path.join(dir, 'registry');
  await copyFixture(src);
});

const edit = async (rel: string, from: string | RegExp, to: string) => {
  const p = path.join(src, rel);
  await fs.writeFile(p, (await fs.readFile(p, 'utf8')).replace(from, to));
};

describe('publish: first version', () => {
  it('publishes the document version with its tree preserved, a manifest, a changelog and the index', async () => {
    const { plan, status } = await publish(
      reg,
      contractAt(src, FILES, { version: '1.0.0', major: 1 }),
    );
    expect(status).toBe('published');
    expect(plan.version).toBe('1.0.0');
    expect(plan.manifest.bump).toBe('initial');
    const vdir = path.join(reg, 'petstore', '1.0.0');
    for (const f of FILES) {
      expect(await fs.readFile(path.join(vdir, f), 'utf8')).toBe(
        await fs.readFile(path.join(src, f), 'utf8'),
      );
    }
    const manifest = JSON.parse(await fs.readFile(path.join(vdir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      manifestVersion: 1,
      contract: 'petstore',
      version: '1.0.0',
      format: 'openapi',
      major: 1,
      documentVersion: '1.0.0',
      publishedAt: '2026-01-01T00:00:00.000Z',
      entries: ['openapi.yaml'],
      bump: 'initial',
      deprecated: false,
      summary: { breaking: 0, warning: 0, info: 0, waived: 0 },
    });
    expect(manifest.files.map((f: { path: string }) => f.path)).toEqual(FILES);
    const pet = await fs.readFile(path.join(src, 'schemas/pet.yaml'));
    expect(manifest.files[1]).toEqual({
      path: 'schemas/pet.yaml',
      sha256: sha256(pet),
      size: pet.length,
    });
    const index = JSON.parse(await fs.readFile(path.join(reg, 'index.json'), 'utf8'));
    expect(index.contracts.petstore.versions).toEqual([
      {
        version: '1.0.0',
        format: 'openapi',
        major: 1,
        publishedAt: '2026-01-01T00:00:00.000Z',
        deprecated: false,
        manifestSha256: sha256(await fs.readFile(path.join(vdir, 'manifest.json'))),
      },
    ]);
    expect(await fs.readFile(path.join(reg, 'petstore', 'CHANGELOG.md'), 'utf8')).toContain(
      '## 1.0.0 (2026-01-01)\n\nFirst published version.',
    );
    expect((await verifyRegistry(reg)).problems).toEqual([]);
  });

  it('uses <major>.0.0 when the document declares no semantic version, 1.0.0 without a major', async () => {
    const a = await publish(reg, contractAt(src, FILES, { version: '2024-05-01' }));
    expect(a.plan.version).toBe('1.0.0');
    const b = await publish(reg, contractAt(src, FILES, { id: 'billing', major: 3 }));
    expect(b.plan.version).toBe('3.0.0');
  });

  it('republishing the same bytes is a no-op, under the same or an explicit existing version', async () => {
    const c = contractAt(src, FILES, { version: '1.0.0', major: 1 });
    await publish(reg, c);
    const before = await fs.readFile(path.join(reg, 'index.json'), 'utf8');
    const again = await publish(reg, c);
    expect(again.status).toBe('unchanged');
    expect(again.plan.reason).toBe('no file changed since 1.0.0');
    const explicit = await publish(reg, c, { version: '1.0.0' });
    expect(explicit.status).toBe('unchanged');
    expect(explicit.plan.reason).toBe('1.0.0 is already published with the same files');
    expect(await fs.readFile(path.join(reg, 'index.json'), 'utf8')).toBe(before);
  });
});

describe('publish: next version from the findings', () => {
  beforeEach(async () => {
    await publish(reg, contractAt(src, FILES, { version: '1.0.0', major: 1 }));
  });

  it('additions → minor (1.1.0), with the changelog entry grouped by kind, newest first', async () => {
    await edit('openapi.yaml', 'A page of pets', 'A page of pets, newest first');
    const { plan } = await publish(reg, contractAt(src, FILES, { version: '1.0.0', major: 1 }), {
      findings: [
        finding('test-operation-added', '/owners'),
        finding('test-operation-deprecated', '/pets'),
        finding('test-description-changed', '/pets'),
      ],
      now: new Date('2026-02-01T00:00:00Z'),
    });
    expect(plan.version).toBe('1.1.0');
    expect(plan.reason).toBe('minor release against 1.0.0: 1 addition, 2 other changes');
    expect(plan.manifest).toMatchObject({
      previous: '1.0.0',
      bump: 'minor',
      summary: { breaking: 0, warning: 0, info: 3, waived: 0 },
      changes: {
        breaking: [],
        added: ['operation /owners was added'],
        deprecated: ['operation /pets was deprecated'],
        changed: ['description of /pets changed'],
      },
    });
    const changelog = await fs.readFile(path.join(reg, 'petstore', 'CHANGELOG.md'), 'utf8');
    expect(changelog).toBe(
      [
        '# Changelog: petstore',
        '',
        'Generated by treaty from the published versions in this registry, newest first.',
        '',
        '## 1.1.0 (2026-02-01)',
        '',
        'Compared with 1.0.0 (minor).',
        '',
        '### Added',
        '',
        '- Operation /owners was added. (`test-operation-added`)',
        '',
        '### Changed',
        '',
        '- Description of /pets changed. (`test-description-changed`)',
        '',
        '### Deprecated',
        '',
        '- Operation /pets was deprecated. (`test-operation-deprecated`)',
        '',
        '## 1.0.0 (2026-01-01)',
        '',
        'First published version.',
        '',
      ].join('\n'),
    );
  });

  it('other changes or only changed bytes → patch', async () => {
    await edit(
      'schemas/pet.yaml',
      'name:\n    type: string',
      'name:\n    type: string\n    description: the name',
    );
    const { plan } = await publish(reg, contractAt(src, FILES, { version: '1.0.0', major: 1 }));
    expect(plan.version).toBe('1.0.1');
    expect(plan.reason).toBe(
      'patch release against 1.0.0: files changed, no structural change detected',
    );
  });

  it('takes the document version when it is greater and bumps enough', async () => {
    await edit('openapi.yaml', 'version: 1.0.0', 'version: 1.4.0');
    const { plan } = await publish(reg, contractAt(src, FILES, { version: '1.4.0', major: 1 }), {
      findings: [finding('test-operation-added', '/owners')],
    });
    expect(plan.version).toBe('1.4.0');
    expect(plan.manifest.documentVersion).toBe('1.4.0');
  });

  it('ignores a document version that bumps too little and computes the version', async () => {
    await edit('openapi.yaml', 'version: 1.0.0', 'version: 1.0.1');
    const { plan } = await publish(reg, contractAt(src, FILES, { version: '1.0.1', major: 1 }), {
      findings: [finding('test-operation-added', '/owners')],
    });
    expect(plan.version).toBe('1.1.0');
  });

  it('refuses a breaking change in the same major line, naming the first break and the fix', async () => {
    await edit('openapi.yaml', /\n {2}\/pets\/\{petId\}:[\s\S]*$/, '\n');
    const contract = contractAt(src, FILES, { version: '1.0.0', major: 1 });
    const findings = [finding('test-operation-removed', '/pets/{petId}', '/x/openapi.yaml', 25)];
    const err = await publish(reg, contract, { findings, cwd: '/x' }).catch((e) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect(err.message).toBe(
      "1 breaking change against 1.0.0 needs a new major version: set the document's version to 2.0.0 (a new major line; 1.x stays published) — first: openapi.yaml:25:1: test-operation-removed: operation /pets/{petId} was removed",
    );
    // --version cannot force it into the line either.
    await expect(publish(reg, contract, { findings, version: '1.1.0' })).rejects.toThrow(
      /needs a new major version/,
    );
    // Nothing was written.
    expect((await openRegistry(reg)).versions('petstore').map((v) => v.version)).toEqual(['1.0.0']);
  });

  it('a new major line is published as its own line, compared with the previous line for its changelog', async () => {
    await edit('openapi.yaml', /\n {2}\/pets\/\{petId\}:[\s\S]*$/, '\n');
    await edit('openapi.yaml', 'version: 1.0.0', 'version: 2.0.0');
    const { plan } = await publish(reg, contractAt(src, FILES, { version: '2.0.0', major: 2 }), {
      findings: [finding('test-operation-removed', '/pets/{petId}')],
    });
    expect(plan.version).toBe('2.0.0');
    expect(plan.manifest).toMatchObject({ previous: '1.0.0', bump: 'major', major: 2 });
    expect(plan.manifest.changes.breaking).toEqual(['operation /pets/{petId} was removed']);
    const r = await openRegistry(reg);
    expect(r.lines('petstore')).toEqual([1, 2]);
    expect(r.latest('petstore', 1)?.version).toBe('1.0.0');
    expect(r.latest('petstore')?.version).toBe('2.0.0');
  });

  it('without a declared major line a breaking change takes the major bump itself', async () => {
    const c = contractAt(src, FILES, { id: 'events', format: 'jsonschema' });
    await publish(reg, c);
    await edit('openapi.yaml', 'A page of pets', 'Pets');
    const { plan } = await publish(reg, c, {
      findings: [finding('test-operation-removed', '/pets')],
    });
    expect(plan.version).toBe('2.0.0');
    expect(plan.manifest.bump).toBe('major');
  });

  it('--version must be greater than the latest of the line and bump at least as much as the findings', async () => {
    await edit('openapi.yaml', 'A page of pets', 'Pets');
    const c = contractAt(src, FILES, { version: '1.0.0', major: 1 });
    const added = [finding('test-operation-added', '/owners')];
    await publish(reg, c, { findings: added, version: '1.1.0' });
    await edit('openapi.yaml', 'Pets', 'Some pets');
    await expect(publish(reg, c, { findings: added, version: '1.0.5' })).rejects.toThrow(
      '--version 1.0.5 is not greater than 1.1.0, the latest published version of its major line',
    );
    await expect(publish(reg, c, { findings: added, version: '1.1.1' })).rejects.toThrow(
      '--version 1.1.1 is a patch release, but the changes against 1.1.0 need a minor release (at least 1.2.0) — e.g. operation /owners was added',
    );
    await expect(publish(reg, c, { version: '2.0.0' })).rejects.toThrow(
      "--version 2.0.0 is not in the document's major line 1 (version 1.0.0): change the document's version to start major line 2",
    );
    await expect(publish(reg, c, { version: 'v1.3' })).rejects.toThrow(/is not a semantic version/);
    expect((await publish(reg, c, { findings: added, version: '1.3.0' })).plan.version).toBe(
      '1.3.0',
    );
  });

  it('is immutable: an existing version with different bytes is refused', async () => {
    await edit('openapi.yaml', 'A page of pets', 'Pets');
    const err = await publish(reg, contractAt(src, FILES, { version: '1.0.0', major: 1 }), {
      version: '1.0.0',
    }).catch((e) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect(err.oneLine()).toBe(
      `${path.join(reg, 'petstore', '1.0.0')}: version 1.0.0 of 'petstore' is already published with different files; published versions are immutable (publish a new version)`,
    );
  });

  it('a deprecated line stays deprecated: new versions inherit deprecated and sunset', async () => {
    const index = JSON.parse(await fs.readFile(path.join(reg, 'index.json'), 'utf8'));
    index.contracts.petstore.versions[0].deprecated = true;
    index.contracts.petstore.versions[0].sunset = '2027-06-30';
    await fs.writeFile(path.join(reg, 'index.json'), JSON.stringify(index));
    await edit('openapi.yaml', 'A page of pets', 'Pets');
    const { plan } = await publish(reg, contractAt(src, FILES, { version: '1.0.0', major: 1 }));
    expect(plan.manifest).toMatchObject({
      version: '1.0.1',
      deprecated: true,
      sunset: '2027-06-30',
    });
    const r = await openRegistry(reg);
    expect(r.versions('petstore').map((v) => [v.version, v.deprecated, v.sunset])).toEqual([
      ['1.0.0', true, '2027-06-30'],
      ['1.0.1', true, '2027-06-30'],
    ]);
  });

  it('refuses a contract published under another format or an id differing only in case', async () => {
    await expect(
      publish(reg, contractAt(src, FILES, { version: '1.0.0', format: 'asyncapi' })),
    ).rejects.toThrow(
      "contract 'petstore' is published as openapi in the registry; it cannot be published as asyncapi",
    );
    await expect(publish(reg, contractAt(src, FILES, { id: 'PetStore' }))).rejects.toThrow(
      "contract id 'PetStore' differs from the published 'petstore' only in letter case",
    );
  });
});

describe('applyPlan', () => {
  it('re-checks under the lock: a plan made before another publish of the line is refused', async () => {
    await publish(reg, contractAt(src, FILES, { version: '1.0.0', major: 1 }));
    await edit('openapi.yaml', 'A page of pets', 'Pets');
    const r = await openRegistry(reg);
    const req = {
      registry: r,
      contract: contractAt(src, FILES, { version: '1.0.0', major: 1 }),
      kindOf,
      now: new Date('2026-03-01T00:00:00Z'),
    };
    const a = await planPublish({ ...req, compare: async () => [] });
    const b = await planPublish({
      ...req,
      compare: async () => [finding('test-operation-added', '/owners')],
    });
    expect([a.version, b.version]).toEqual(['1.0.1', '1.1.0']);
    // Both applied at once: the lock serialises them; the second sees the line moved.
    const results = await Promise.allSettled([applyPlan(a), applyPlan(b)]);
    const ok = results.filter((x) => x.status === 'fulfilled');
    const failed = results.filter((x): x is PromiseRejectedResult => x.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason).toBeInstanceOf(RegistryError);
    expect(failed[0]!.reason.message).toMatch(
      /^the registry changed since this publish was planned \(latest of major line 1 is now 1\.(0\.1|1\.0)\); run publish again$/,
    );
    expect((await verifyRegistry(reg)).ok).toBe(true);
  });

  it('the same plan applied twice is published once', async () => {
    const r = await openRegistry(reg);
    const plan = await planPublish({
      registry: r,
      contract: contractAt(src, FILES, { version: '1.0.0', major: 1 }),
      compare: async () => [],
      kindOf,
    });
    expect((await applyPlan(plan)).status).toBe('published');
    expect((await applyPlan(plan)).status).toBe('unchanged');
  });
});

describe('paths: nothing is written outside the registry', () => {
  it('refuses unsafe contract ids', async () => {
    for (const id of ['../evil', 'a/b', '.hidden', '', 'x'.repeat(101), 'a\\b']) {
      await expect(publish(reg, contractAt(src, FILES, { id })), id).rejects.toBeInstanceOf(
        InputError,
      );
    }
    await expect(fs.readdir(dir)).resolves.toEqual(['api']);
  });

  it('refuses files outside the contract root or with absolute paths', async () => {
    await fs.writeFile(path.join(dir, 'common.yaml'), 'type: string\n');
    for (const bad of [
      '../common.yaml',
      path.join(dir, 'common.yaml'),
      'schemas/../openapi.yaml',
      './openapi.yaml',
    ]) {
      const err = await publish(reg, contractAt(src, ['openapi.yaml', bad])).catch((e) => e);
      expect(err, bad).toBeInstanceOf(InputError);
      expect(err.message).toMatch(/is outside the contract root or not a plain relative path/);
    }
    await expect(fs.stat(reg)).rejects.toThrow();
  });

  it('refuses symlinks in the contract source', async () => {
    await fs.writeFile(path.join(dir, 'secret.yaml'), 'secret\n');
    await fs.symlink(path.join(dir, 'secret.yaml'), path.join(src, 'schemas', 'linked.yaml'));
    const err = await publish(reg, contractAt(src, ['openapi.yaml', 'schemas/linked.yaml'])).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect(err.oneLine()).toBe(
      `${path.join(src, 'schemas', 'linked.yaml')}: is a symlink; symlinks are never followed`,
    );
    await fs.rm(path.join(src, 'schemas', 'linked.yaml'));
    await fs.symlink(path.join(src, 'schemas'), path.join(src, 'linkdir'));
    await expect(
      publish(reg, contractAt(src, ['openapi.yaml', 'linkdir/pet.yaml'])),
    ).rejects.toThrow('is a symlink; symlinks are never followed');
  });

  it('refuses a contract folder in the registry that is a symlink', async () => {
    const elsewhere = path.join(dir, 'elsewhere');
    await fs.mkdir(elsewhere);
    await fs.mkdir(reg);
    await fs.symlink(elsewhere, path.join(reg, 'petstore'));
    const err = await publish(reg, contractAt(src, FILES, { version: '1.0.0' })).catch((e) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect(err.oneLine()).toBe(
      `${path.join(reg, 'petstore')}: is not a real folder (symlinks are never followed)`,
    );
    expect(await fs.readdir(elsewhere)).toEqual([]);
  });
});
