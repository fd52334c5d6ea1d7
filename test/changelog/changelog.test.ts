import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { sha256 } from '../../src/registry/read.js';
import { FIXTURES, ROOT, runCli } from '../helpers/cli.js';
import { buildShop, SHOP, STEP_DATES, type Shop } from './shop.js';

const addFormats = addFormatsModule as unknown as (ajv: object) => void;
const GOLDEN = path.join(import.meta.dirname, 'golden');
const CONTRACTS = ['customer-schema', 'inventory-grpc', 'shop-api', 'shop-events'];

let shop: Shop;
beforeAll(async () => {
  shop = await buildShop();
});

const changelog = (args: string[], cwd?: string) =>
  runCli(['changelog', ...args, '--cwd', cwd ?? shop.repo]);

describe('treaty changelog over a registry with three versions of each format', () => {
  it('publishes 1.0.0, 1.1.0 and 2.0.0 of each contract', () => {
    expect(shop.published.join('')).toMatch(/published shop-api 2\.0\.0/);
    for (const id of CONTRACTS) {
      for (const v of ['1.0.0', '1.1.0', '2.0.0']) {
        expect(shop.published.join('')).toContain(`published ${id} ${v} `);
      }
    }
  });

  it.each([
    ['markdown', 'all.md'],
    ['json', 'all.json'],
    ['html', 'all.html'],
    ['text', 'all.txt'],
  ])('--all --format %s matches its golden file', async (format, file) => {
    const r = await changelog(['--all', '--format', format]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(path.join(GOLDEN, file));
  });

  it('one contract, Markdown, is byte for byte its CHANGELOG.md', async () => {
    for (const id of CONTRACTS) {
      const r = await changelog([id]);
      expect(r.code).toBe(0);
      const file = await fs.readFile(path.join(shop.registry, id, 'CHANGELOG.md'), 'utf8');
      expect(r.stdout).toBe(file);
    }
    await expect(
      await fs.readFile(path.join(shop.registry, 'shop-api', 'CHANGELOG.md'), 'utf8'),
    ).toMatchFileSnapshot(path.join(GOLDEN, 'shop-api.CHANGELOG.md'));
  });

  it('every CHANGELOG.md regenerates byte-identically from the manifests', async () => {
    const copy = path.join(shop.repo, 'registry-copy');
    await fs.cp(shop.registry, copy, { recursive: true });
    const before = new Map<string, string>();
    for (const id of CONTRACTS) {
      const f = path.join(copy, id, 'CHANGELOG.md');
      before.set(id, await fs.readFile(f, 'utf8'));
      await fs.rm(f);
    }
    const repaired = await runCli(['registry', 'verify', '--repair', '--registry', copy]);
    expect(repaired.code).toBe(0);
    for (const id of CONTRACTS) {
      expect(await fs.readFile(path.join(copy, id, 'CHANGELOG.md'), 'utf8')).toBe(before.get(id));
    }
    // …and every format renders the same bytes from the copy as from the original.
    for (const format of ['markdown', 'json', 'html', 'text']) {
      const a = await changelog(['--all', '--format', format]);
      const b = await changelog(['--all', '--format', format, '--registry', copy]);
      expect(b.stdout).toBe(a.stdout);
    }
    await fs.rm(copy, { recursive: true });
  });

  it('the JSON output matches schemas/changelog.schema.json; manifests keep the change list', async () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(
      JSON.parse(readFileSync(path.join(ROOT, 'schemas/changelog.schema.json'), 'utf8')),
    );
    const r = await changelog(['--all', '--format', 'json']);
    const doc = JSON.parse(r.stdout);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    const manifest = JSON.parse(
      await fs.readFile(path.join(shop.registry, 'shop-api', '2.0.0', 'manifest.json'), 'utf8'),
    );
    const api = doc.contracts.find((c: { contract: string }) => c.contract === 'shop-api');
    expect(api.versions[0].changes).toEqual(manifest.changeList);
  });

  it('groups by the rule kind: a shared schema change is one line naming what it affects', async () => {
    const r = await changelog(['shop-api', '--format', 'json']);
    const [v2, v11, v1] = JSON.parse(r.stdout).contracts[0].versions;
    expect([v2.version, v11.version, v1.version]).toEqual(['2.0.0', '1.1.0', '1.0.0']);
    expect(v2.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(v2.date).toBe(STEP_DATES[2]!.slice(0, 10));
    const shared = v2.changes.filter(
      (c: { rule: string }) => c.rule === 'response-required-property-removed',
    );
    expect(shared).toEqual([
      expect.objectContaining({
        group: 'breaking',
        affects: ['GET /products', 'GET /products/{id}', 'POST /products'],
      }),
    ]);
    // The breaking removal of a deprecated operation carries its sunset.
    expect(v2.changes).toContainEqual(
      expect.objectContaining({
        group: 'breaking',
        rule: 'api-path-removed-before-sunset',
        sunset: '2099-12-31',
      }),
    );
    expect(v11.changes.map((c: { group: string }) => c.group)).toEqual([
      'added',
      'added',
      'added',
      'changed',
      'deprecated',
    ]);
  });

  it('--from/--to pick versions of one contract; --since picks by date', async () => {
    const r = await changelog(['shop-api', '--from', '1.1.0', '--to', '1.1.0']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('## 1.1.0 (2026-02-02)');
    expect(r.stdout).not.toContain('## 2.0.0');
    expect(r.stdout).not.toContain('## 1.0.0');
    expect(r.stdout).toContain('(from 1.1.0, to 1.1.0)');

    const since = await changelog(['--all', '--since', '2026-02-01', '--format', 'json']);
    const doc = JSON.parse(since.stdout);
    expect(doc.scope).toEqual({ kind: 'contracts', since: '2026-02-01' });
    for (const c of doc.contracts) {
      expect(c.versions.map((v: { version: string }) => v.version)).toEqual(['2.0.0', '1.1.0']);
    }
    const none = await changelog(['--all', '--since', '2026-06-01']);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No version was published since 2026-06-01.');
  });

  it.each([
    [['shop-api', '--from', '9.9.9'], "--from 9.9.9: 'shop-api' has no published version 9.9.9"],
    [['--all', '--from', '1.0.0'], '--from/--to need exactly one contract'],
    [['shop-api', '--from', '2.0.0', '--to', '1.0.0'], '--from 2.0.0 is higher than --to 1.0.0'],
    [['--since', '2026-13-01'], "--since: '2026-13-01' is not a date (YYYY-MM-DD)"],
    [['--pending', '--all'], 'cannot be combined with --all'],
    [['--all', 'shop-api'], '--all shows every contract of the registry'],
    [['nope'], "contract 'nope' was never published"],
    [['--format', 'sarif'], "unknown --format 'sarif' (expected markdown, json, html, text)"],
    [['shop-api', '--to', 'latest'], "--to 'latest' is not a version"],
  ])('%j is a usage error (exit 2, one line)', async (args, message) => {
    const r = await changelog(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a corrupt registry is an error naming the file (exit 2), never a partial changelog', async () => {
    const copy = path.join(shop.repo, 'registry-corrupt');
    await fs.cp(shop.registry, copy, { recursive: true });
    const file = path.join(copy, 'shop-api', '1.1.0', 'manifest.json');
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace('"minor"', '"major"'));
    const r = await changelog(['shop-api', '--registry', copy]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `treaty: ${file}: manifest.json was changed after it was published (its sha256 differs from index.json)\n`,
    );
  });

  it('a manifest without the change list (older treaty) is shown from its messages, and says so', async () => {
    const copy = path.join(shop.repo, 'registry-legacy');
    await fs.cp(shop.registry, copy, { recursive: true });
    const file = path.join(copy, 'shop-api', '1.1.0', 'manifest.json');
    const m = JSON.parse(await fs.readFile(file, 'utf8'));
    delete m.changeList;
    const text = JSON.stringify(m, null, 2) + '\n';
    await fs.writeFile(file, text);
    const indexFile = path.join(copy, 'index.json');
    const index = JSON.parse(await fs.readFile(indexFile, 'utf8'));
    index.contracts['shop-api'].versions.find(
      (v: { version: string }) => v.version === '1.1.0',
    ).manifestSha256 = sha256(text);
    await fs.writeFile(indexFile, JSON.stringify(index, null, 2) + '\n');

    const r = await changelog(['shop-api', '--registry', copy]);
    expect(r.code).toBe(0);
    const entry = r.stdout.slice(r.stdout.indexOf('## 1.1.0'), r.stdout.indexOf('## 1.0.0'));
    expect(entry).toContain('Published before treaty kept a structured change list');
    expect(entry).toContain("- GET /products: the optional query parameter 'q' was added.\n");
    expect(entry).not.toContain('`new-optional-request-parameter`');
    // The other versions keep their rule ids.
    expect(r.stdout).toContain('(`response-required-property-removed`)');
    const json = JSON.parse(
      (await changelog(['shop-api', '--registry', copy, '-f', 'json'])).stdout,
    );
    expect(json.contracts[0].versions[1]).toMatchObject({ version: '1.1.0', structured: false });
  });
});

describe('treaty changelog --pending', () => {
  it('the breaking demo lists its four breaking changes first', async () => {
    const r = await runCli([
      'changelog',
      '--pending',
      '--cwd',
      path.join(FIXTURES, 'demo-service-breaking'),
    ]);
    expect(r.code).toBe(0);
    const items = r.stdout.split('\n').filter((l) => l.startsWith('- '));
    expect(items.slice(0, 4).map((l) => /\(`([a-z0-9-]+)`\)$/.exec(l)?.[1])).toEqual([
      'new-required-request-parameter',
      'response-required-property-removed',
      'message-type-changed',
      'field-no-delete',
    ]);
    expect(r.stdout.indexOf('## Breaking changes first (4)')).toBeLessThan(
      r.stdout.indexOf('## orders-api'),
    );
    // Publish would refuse these changes inside major line 1: the entry says why.
    expect(r.stdout).toMatch(
      /### Unreleased \(\d{4}-\d{2}-\d{2}\)\n\nThe working tree compared with 1\.0\.0\.\n\nNot publishable as it is: /,
    );
  });

  it('reads as the next version will: the same changes publish then writes', async () => {
    const two = await buildShop(2);
    for (const d of ['api', 'events', 'proto', 'schemas']) {
      await fs.rm(path.join(two.repo, d), { recursive: true });
      await fs.cp(path.join(SHOP, '3', d), path.join(two.repo, d), { recursive: true });
    }
    const r = await runCli(['changelog', '--pending', '--cwd', two.repo, '-f', 'json']);
    expect(r.code).toBe(0);
    const pending = JSON.parse(r.stdout);
    expect(pending.scope).toEqual({ kind: 'pending' });
    const published = JSON.parse((await changelog(['--all', '-f', 'json'])).stdout);
    for (const c of pending.contracts) {
      const [v] = c.versions;
      expect(v).toMatchObject({ pending: true, version: '2.0.0', previous: '1.1.0' });
      const after = published.contracts.find(
        (p: { contract: string }) => p.contract === c.contract,
      );
      expect(v.changes).toEqual(after.versions[0].changes);
    }
    // Never published: the first version.
    const empty = path.join(two.repo, 'empty-registry');
    const first = await runCli([
      'changelog',
      '--pending',
      'inventory-grpc',
      '--cwd',
      two.repo,
      '--registry',
      empty,
    ]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^# Changelog\n\nChanges in the working tree that are not published yet/,
    );
    expect(first.stdout).toMatch(
      /## inventory-grpc \(protobuf\)\n\n### Unreleased: 1\.0\.0 \(\d{4}-\d{2}-\d{2}\)\n\nThe working tree; never published · source [0-9a-f]{12} \(with uncommitted changes\)\.\n$/,
    );
    // Nothing changed in the working tree: nothing to publish.
    const same = await changelog(['--pending', 'shop-api']);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('Nothing to publish: no file changed since 2.0.0.');
  });
});

describe('SOURCE_DATE_EPOCH', () => {
  it('stamps publishes (the shop registry above); a value that is not seconds is a usage error that writes nothing', async () => {
    const two = await buildShop(1);
    await fs.cp(path.join(SHOP, '2', 'api'), path.join(two.repo, 'api'), { recursive: true });
    let err = '';
    const code = await main(['node', 'treaty', 'publish', '--cwd', two.repo], {
      out: () => {},
      err: (t) => (err += t),
      isTTY: false,
      cwd: two.repo,
      env: { SOURCE_DATE_EPOCH: 'yesterday' },
    });
    expect(code).toBe(2);
    expect(err).toBe(
      "treaty: SOURCE_DATE_EPOCH 'yesterday' is not a number of seconds since 1970-01-01 (unset it to use the current time)\n",
    );
    expect(await fs.readdir(path.join(two.registry, 'shop-api'))).toEqual([
      '1.0.0',
      'CHANGELOG.md',
    ]);
  });
});
