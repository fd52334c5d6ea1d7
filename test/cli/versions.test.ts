import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

/**
 * The version publish takes and check reports, over every format, through the CLI with real
 * documents: the document's version when consistent with the findings, refused (exit 1, findings
 * named) when too small, completed or computed when partial, missing or not a version, dates
 * compared as dates.
 */

let repo: string;
beforeEach(async () => {
  repo = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'treaty-versions-')));
});

const write = async (rel: string, text: string) => {
  const p = path.join(repo, ...rel.split('/'));
  await fs.mkdir(path.dirname(p), { recursive: true });
  await fs.writeFile(p, text);
};
const config = (contract: string) => write('treaty.yaml', `version: 1\ncontracts:\n${contract}`);
const check = async () => {
  const r = await runCli(['check'], repo);
  expect(r.stderr).toBe('');
  return r.stdout;
};
const nextOf = async () =>
  JSON.parse((await runCli(['check', '--format', 'json'], repo)).stdout).contracts[0];
const publish = (...args: string[]) => runCli(['publish', ...args], repo);
const published = async (id: string) =>
  (await fs.readdir(path.join(repo, 'registry', id))).filter((f) => /^\d/.test(f)).sort();

const openapi = (version: string, paths: string[]) =>
  [
    'openapi: 3.0.3',
    'info:',
    '  title: Orders',
    `  version: '${version}'`,
    'paths:',
    ...paths.flatMap((p) => [
      `  /${p}:`,
      '    get:',
      `      operationId: get${p}`,
      '      responses:',
      "        '200':",
      '          description: ok',
    ]),
    '',
  ].join('\n');

describe('openapi: info.version', () => {
  beforeEach(async () => {
    await config('  - id: orders\n    format: openapi\n    path: openapi.yaml\n');
    await write('openapi.yaml', openapi('1.0.0', ['a']));
    expect((await publish()).stdout).toBe(
      'published orders 1.0.0 → registry/orders/1.0.0 (first published version)\n',
    );
  });

  it('consistent → used; check says so first', async () => {
    await write('openapi.yaml', openapi('1.1.0', ['a', 'b']));
    expect(await check()).toContain(
      "orders (openapi, major line 1) vs registry:orders@1.0.0: passed\n  would publish as 1.1.0: 1 addition against 1.0.0 (the document's version)\n",
    );
    expect(await nextOf()).toMatchObject({
      version: '1.1.0',
      major: 1,
      documentVersion: '1.1.0',
      baselineVersion: '1.0.0',
      next: { action: 'publish', version: '1.1.0', source: 'document', bump: 'minor' },
    });
    expect((await publish()).code).toBe(0);
    expect(await published('orders')).toEqual(['1.0.0', '1.1.0']);
    expect(await check()).toContain('  already published as 1.1.0: no file changed\n');
  });

  it('too small → refused with the findings named, exit 1, nothing written', async () => {
    await write('openapi.yaml', openapi('1.0.1', ['a', 'b']));
    const why =
      'info.version 1.0.1 is a patch release — 1 addition against 1.0.0 needs a minor release (openapi.yaml:13:5 endpoint-added: GET /b: the operation was added): set info.version to 1.1.0 or later';
    expect(await check()).toContain(`  publish would refuse: ${why}\n`);
    expect(await publish('--dry-run')).toEqual({
      code: 1,
      stdout: '',
      stderr: `treaty: orders: ${why}\n`,
    });
    expect(await publish()).toMatchObject({ code: 1 });
    // --version is checked the same way.
    expect((await publish('--version', '1.0.2')).stderr).toMatch(
      /^treaty: orders: --version 1\.0\.2 is a patch release — 1 addition .*: pass --version 1\.1\.0 or later\n$/,
    );
    expect(await published('orders')).toEqual(['1.0.0']);
    // The same version again, with other files.
    await write('openapi.yaml', openapi('1.0.0', ['a', 'b']));
    expect((await publish()).stderr).toMatch(
      /^treaty: orders: info\.version 1\.0\.0 is already published with other files, and published versions never change — .*: set info\.version to 1\.1\.0 or later\n$/,
    );
  });

  it('a breaking change under the same major → refused; the next major → a new line', async () => {
    await write('openapi.yaml', openapi('1.1.0', ['b']));
    const r = await publish();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^treaty: orders: info\.version 1\.1\.0 stays in major line 1, but 1 breaking change against 1\.0\.0 needs a major release \((registry\/orders\/1\.0\.0\/)?openapi\.yaml:\d+:\d+ api-path-removed-without-deprecation: .*\): set info\.version to 2\.0\.0 \(a new major line; 1\.x stays published\)\n$/,
    );
    await write('openapi.yaml', openapi('2.0.0', ['b']));
    const out = await check();
    // Line 1 is no longer provided: the coexistence policy fails the check, publish takes 2.0.0.
    expect(out).toContain('orders (openapi, major line 2): failed\n');
    expect(out).toContain(
      "  would publish as 2.0.0: new major line 2, 1 breaking change, 1 addition against 1.0.0 (the document's version)\n",
    );
    expect((await publish()).code).toBe(0);
    expect(await published('orders')).toEqual(['1.0.0', '2.0.0']);
  });

  it('a bare major or major.minor is completed; anything else is computed, with a note', async () => {
    await write('openapi.yaml', openapi('v1', ['a', 'b']));
    expect(await check()).toContain(
      "  would publish as 1.1.0: 1 addition against 1.0.0 (completed from the document's version)\n  note: info.version v1 completed as 1.1.0\n",
    );
    expect((await publish()).stdout).toBe(
      'published orders 1.1.0 → registry/orders/1.1.0 (minor release against 1.0.0: 1 addition)\n  note: info.version v1 completed as 1.1.0\n',
    );
    await write('openapi.yaml', openapi('1.1', ['a', 'b', 'c']));
    expect((await publish()).code).toBe(1);
    await write('openapi.yaml', openapi('1.2', ['a', 'b', 'c']));
    expect((await publish()).code).toBe(0);
    await write('openapi.yaml', openapi('latest', ['a', 'b', 'c', 'd']));
    expect(await check()).toContain(
      "  would publish as 1.3.0: 1 addition against 1.2.0 (computed from the changes)\n  note: info.version 'latest' is not a semantic version, a date (YYYY-MM-DD) or a major[.minor] (v3, 1.0): the version is computed\n",
    );
    expect(await published('orders')).toEqual(['1.0.0', '1.1.0', '1.2.0']);
  });

  it('versioning: computed → the document only names the line', async () => {
    await config(
      '  - id: orders\n    format: openapi\n    path: openapi.yaml\n    versioning: computed\n',
    );
    await write('openapi.yaml', openapi('1.0.0', ['a', 'b']));
    expect(await check()).toContain(
      '  would publish as 1.1.0: 1 addition against 1.0.0 (computed from the changes)\n',
    );
    await config(
      '  - id: orders\n    format: openapi\n    path: openapi.yaml\n    versioning: sometimes\n',
    );
    const bad = await runCli(['check'], repo);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/treaty\.yaml:6:5: invalid config: 'versioning' must be one of/);
  });
});

describe('openapi: date versions', () => {
  it('compare as dates; the registry version is computed', async () => {
    await config('  - id: orders\n    format: openapi\n    path: openapi.yaml\n');
    await write('openapi.yaml', openapi('2024-05-01', ['a']));
    expect((await publish()).stdout).toMatch(/^published orders 1\.0\.0 /);
    await write('openapi.yaml', openapi('2024-05-01', ['a', 'b']));
    expect(await check()).toContain(
      '  publish would refuse: info.version 2024-05-01 is not later than 2024-05-01 (published as 1.0.0); date versions compare as dates: set info.version to a later date\n',
    );
    await write('openapi.yaml', openapi('2024-06-15', ['a', 'b']));
    expect(await check()).toContain(
      '  would publish as 1.1.0: 1 addition against 1.0.0 (computed from the changes)\n',
    );
    await publish();
    // A breaking change with a later date starts the next major line by itself.
    await write('openapi.yaml', openapi('2025-01-01', ['b']));
    expect(await check()).toContain(
      '  would publish as 2.0.0: new major line 2, 1 breaking change',
    );
    expect((await publish()).code).toBe(0);
    expect(await published('orders')).toEqual(['1.0.0', '1.1.0', '2.0.0']);
  });
});

const asyncapi = (version: string, channels: string[]) =>
  [
    'asyncapi: 3.0.0',
    'info:',
    '  title: Events',
    `  version: '${version}'`,
    'channels:',
    ...channels.flatMap((c) => [
      `  ${c}:`,
      `    address: orders.${c}`,
      '    messages:',
      `      ${c}Message:`,
      '        payload:',
      '          type: object',
      '          properties:',
      '            id:',
      '              type: string',
    ]),
    'operations:',
    ...channels.flatMap((c) => [
      `  send${c}:`,
      '    action: send',
      '    channel:',
      `      $ref: '#/channels/${c}'`,
    ]),
    '',
  ].join('\n');

describe('asyncapi: info.version', () => {
  beforeEach(async () => {
    await config('  - id: events\n    format: asyncapi\n    path: asyncapi.yaml\n');
    await write('asyncapi.yaml', asyncapi('1.0.0', ['placed']));
    expect((await publish()).code).toBe(0);
  });

  it('consistent → used; too small → refused naming the findings; partial → completed', async () => {
    await write('asyncapi.yaml', asyncapi('1.0.1', ['placed', 'shipped']));
    const r = await publish();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^treaty: events: info\.version 1\.0\.1 is a patch release — 1 addition against 1\.0\.0 needs a minor release \(asyncapi\.yaml:\d+:\d+ channel-added: .*shipped.*\): set info\.version to 1\.1\.0 or later\n$/,
    );
    await write('asyncapi.yaml', asyncapi('1.1.0', ['placed', 'shipped']));
    expect(await check()).toContain(
      'events (asyncapi, major line 1) vs registry:events@1.0.0: passed\n  would publish as 1.1.0: ',
    );
    expect((await publish()).stdout).toMatch(/^published events 1\.1\.0 /);
    await write('asyncapi.yaml', asyncapi('1', ['placed', 'shipped', 'cancelled']));
    expect((await publish()).stdout).toMatch(
      /^published events 1\.2\.0 .*\n  note: info\.version 1 completed as 1\.2\.0\n$/,
    );
  });

  it('a date version compares as a date', async () => {
    await write('asyncapi.yaml', asyncapi('2024-05-01', ['placed', 'shipped']));
    expect((await nextOf()).next).toMatchObject({
      action: 'publish',
      version: '1.1.0',
      source: 'computed',
    });
  });
});

const proto = (pkg: string, fields: string[]) =>
  [
    'syntax = "proto3";',
    '',
    `package ${pkg};`,
    '',
    'message Order {',
    ...fields.map((f, i) => `  string ${f} = ${i + 1};`),
    '}',
    '',
  ].join('\n');

describe('protobuf: no document version, the package suffix is the major line', () => {
  it('computed from the findings; a breaking change must move the package to the next vN', async () => {
    await config('  - id: orders-grpc\n    format: protobuf\n    path: proto\n');
    await write('proto/acme/orders/v1/orders.proto', proto('acme.orders.v1', ['id']));
    expect((await publish()).stdout).toMatch(/^published orders-grpc 1\.0\.0 /);
    await write('proto/acme/orders/v1/orders.proto', proto('acme.orders.v1', ['id', 'note']));
    const out = await check();
    expect(out).toContain(
      'orders-grpc (protobuf, major line 1) vs registry:orders-grpc@1.0.0: passed\n  would publish as 1.1.0: 1 addition against 1.0.0 (computed from the changes)\n',
    );
    const json = await nextOf();
    expect(json).toMatchObject({ version: '1.1.0', major: 1 });
    expect(json.documentVersion).toBeUndefined();
    await publish();
    await write('proto/acme/orders/v1/orders.proto', proto('acme.orders.v1', ['id']));
    const r = await publish();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^treaty: orders-grpc: 1 breaking change against 1\.1\.0 needs a major release \(proto\/acme\/orders\/v1\/orders\.proto:\d+:\d+ field-no-delete: .*\): move the package's version suffix v1 to v2 \(a new major line; v1 stays published\)\n$/,
    );
    await fs.rm(path.join(repo, 'proto/acme/orders/v1'), { recursive: true });
    await write('proto/acme/orders/v2/orders.proto', proto('acme.orders.v2', ['id']));
    expect((await publish()).stdout).toMatch(/^published orders-grpc 2\.0\.0 .*new major line 2/);
  });
});

const schema = (extra: Record<string, unknown>, props: string[]) =>
  JSON.stringify(
    {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      ...extra,
      type: 'object',
      properties: Object.fromEntries(props.map((p) => [p, { type: 'string' }])),
    },
    null,
    2,
  ) + '\n';

describe('jsonschema: version or $id', () => {
  beforeEach(async () => {
    await config('  - id: order-event\n    format: jsonschema\n    path: order.json\n');
  });

  it('a top-level version: consistent → used, too small → refused', async () => {
    await write('order.json', schema({ version: '1.0.0' }, ['id']));
    expect((await publish()).stdout).toMatch(/^published order-event 1\.0\.0 /);
    await write('order.json', schema({ version: '1.0.1' }, ['id', 'note']));
    const r = await publish();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^treaty: order-event: version of order\.json 1\.0\.1 is a patch release — 1 addition against 1\.0\.0 needs a minor release \(order\.json:\d+:\d+ [a-z-]+: .*\): set version of order\.json to 1\.1\.0 or later\n$/,
    );
    await write('order.json', schema({ version: '1.1.0' }, ['id', 'note']));
    expect((await nextOf()).next).toMatchObject({ version: '1.1.0', source: 'document' });
  });

  it('a version in $id; without one the version is computed', async () => {
    const id = (v: string) => ({ $id: `https://acme.dev/schemas/order/${v}/order.json` });
    await write('order.json', schema(id('1.0.0'), ['id']));
    expect((await publish()).stdout).toMatch(/^published order-event 1\.0\.0 /);
    await write('order.json', schema(id('1.0.1'), ['id', 'note']));
    expect((await publish()).stderr).toMatch(
      /^treaty: order-event: the version in \$id of order\.json 1\.0\.1 is a patch release — .*: set the version in \$id of order\.json to 1\.1\.0 or later\n$/,
    );
    await write(
      'order.json',
      schema({ $id: 'https://acme.dev/schemas/order.json' }, ['id', 'note']),
    );
    expect(await check()).toContain(
      '  would publish as 1.1.0: 1 addition against 1.0.0 (computed from the changes)\n',
    );
  });
});
