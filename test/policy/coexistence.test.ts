import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/files.js';
import { gitIn } from '../helpers/git.js';

/**
 * Versioned coexistence, end to end in temporary git repositories: two major lines of one
 * contract side by side, each compared with its own latest published version; a line removed
 * before its sunset fails naming the date, after the sunset it passes and the registry shows it
 * retired; a breaking change inside line 1 fails though line 2 exists. Per kind of line: two files
 * of one OpenAPI contract, two files of one AsyncAPI contract, two packages in one proto tree, one
 * OpenAPI document with `/v1/` and `/v2/` paths, one AsyncAPI document with versioned channels.
 */

interface Lines {
  name: string;
  id: string;
  /** treaty.yaml with both lines, and with line 1 gone. */
  config: { both: string; v2only: string };
  v1: Record<string, string>;
  v2: Record<string, string>;
  /** Line 1 with a breaking change. */
  v1broken: Record<string, string>;
  /** Files written when line 1 is dropped (one document carrying both lines: without line 1). */
  dropped?: Record<string, string>;
  /** The rule the breaking change in line 1 fires. */
  breaks: string;
}

const openapi = (major: number, withTotal = true) => `openapi: 3.0.3
info: { title: Orders, version: ${major}.0.0 }
paths:
  /v${major}/orders/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: the order
          content:
            application/json:
              schema:
                type: object
                required: [id${withTotal ? ', total' : ''}]
                properties:
                  id: { type: string }
${withTotal ? '                  total: { type: number }\n' : ''}`;

const asyncapi = (major: number, withTotal = true) => `asyncapi: 3.0.0
info: { title: Orders, version: ${major}.0.0 }
channels:
  orderPlaced:
    address: orders.placed.v${major}
    messages:
      OrderPlaced:
        payload:
          type: object
          required: [id${withTotal ? ', total' : ''}]
          properties:
            id: { type: string }
${withTotal ? '            total: { type: number }\n' : ''}operations:
  sendOrderPlaced:
    action: send
    channel: { $ref: '#/channels/orderPlaced' }
`;

const proto = (major: number, withTotal = true) => `syntax = "proto3";

package acme.orders.v${major};

message Order {
  string id = 1;
${withTotal ? '  double total = 2;\n' : ''}}

service Orders {
  rpc Get(Order) returns (Order);
}
`;

/**
 * One OpenAPI document carrying both lines (`/v1/…` and `/v2/…`, each with its own schema) and an
 * unversioned `/health` path, which belongs to every line.
 */
const openapiLines = (o: { v1?: boolean; total?: boolean; v3?: boolean; health?: string }) => {
  const { v1 = true, total = true, v3 = false, health = 'string' } = o;
  const path = (major: number) => `  /v${major}/orders/{id}:
    get:
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: the order
          content:
            application/json:
              schema: { $ref: '#/components/schemas/OrderV${major}' }
`;
  const schema = (major: number, withTotal: boolean) => `    OrderV${major}:
      type: object
      required: [id${withTotal ? ', total' : ''}]
      properties:
        id: { type: string }
${withTotal ? '        total: { type: number }\n' : ''}`;
  return `openapi: 3.0.3
info: { title: Orders, version: ${v3 ? 3 : 2}.0.0 }
paths:
  /health:
    get:
      responses:
        '200':
          description: up
          content:
            application/json:
              schema: { type: object, required: [status], properties: { status: { type: ${health} } } }
${v1 ? path(1) : ''}${path(2)}${v3 ? path(3) : ''}components:
  schemas:
${v1 ? schema(1, total) : ''}${schema(2, true)}${v3 ? schema(3, true) : ''}`;
};

/** One AsyncAPI 2.6 document carrying both lines: channels `orders/v1/placed` and `orders/v2/placed`. */
const asyncapiLines = (o: { v1?: boolean; total?: boolean; v3?: boolean }) => {
  const { v1 = true, total = true, v3 = false } = o;
  const channel = (major: number, withTotal: boolean) => `  orders/v${major}/placed:
    subscribe:
      operationId: orderPlacedV${major}
      message:
        name: OrderPlaced
        payload:
          type: object
          required: [id${withTotal ? ', total' : ''}]
          properties:
            id: { type: string }
${withTotal ? '            total: { type: number }\n' : ''}`;
  return `asyncapi: 2.6.0
info: { title: Orders, version: ${v3 ? 3 : 2}.0.0 }
channels:
  service/heartbeat:
    subscribe:
      operationId: heartbeat
      message:
        payload: { type: object, properties: { at: { type: string } } }
${v1 ? channel(1, total) : ''}${channel(2, true)}${v3 ? channel(3, true) : ''}`;
};

const twoEntries = (id: string, format: string, a: string, b: string) => ({
  both: `contracts:\n  - { id: ${id}, format: ${format}, path: ${a} }\n  - { id: ${id}, format: ${format}, path: ${b} }\n`,
  v2only: `contracts:\n  - { id: ${id}, format: ${format}, path: ${b} }\n`,
});

const LINES: Lines[] = [
  {
    name: 'OpenAPI: one file per line',
    id: 'orders-api',
    config: twoEntries('orders-api', 'openapi', 'api/v1.yaml', 'api/v2.yaml'),
    v1: { 'api/v1.yaml': openapi(1) },
    v2: { 'api/v2.yaml': openapi(2) },
    v1broken: { 'api/v1.yaml': openapi(1, false) },
    breaks: 'response-required-property-removed',
  },
  {
    name: 'AsyncAPI: two line files of one contract',
    id: 'order-events',
    config: twoEntries('order-events', 'asyncapi', 'events/v1.yaml', 'events/v2.yaml'),
    v1: { 'events/v1.yaml': asyncapi(1) },
    v2: { 'events/v2.yaml': asyncapi(2) },
    v1broken: { 'events/v1.yaml': asyncapi(1, false) },
    breaks: 'message-required-property-removed',
  },
  {
    name: 'protobuf: two packages in one tree',
    id: 'orders-grpc',
    config: {
      both: 'contracts:\n  - { id: orders-grpc, format: protobuf, path: proto }\n',
      v2only: 'contracts:\n  - { id: orders-grpc, format: protobuf, path: proto }\n',
    },
    v1: { 'proto/acme/orders/v1/orders.proto': proto(1) },
    v2: { 'proto/acme/orders/v2/orders.proto': proto(2) },
    v1broken: { 'proto/acme/orders/v1/orders.proto': proto(1, false) },
    breaks: 'field-no-delete',
  },
  {
    name: 'OpenAPI: one document with /v1/ and /v2/ paths',
    id: 'orders-api',
    config: {
      both: 'contracts:\n  - { id: orders-api, path: api/orders.yaml }\n',
      v2only: 'contracts:\n  - { id: orders-api, path: api/orders.yaml }\n',
    },
    v1: {},
    v2: { 'api/orders.yaml': openapiLines({}) },
    v1broken: { 'api/orders.yaml': openapiLines({ total: false }) },
    dropped: { 'api/orders.yaml': openapiLines({ v1: false }) },
    breaks: 'response-required-property-removed',
  },
  {
    name: 'AsyncAPI: one document with versioned channels',
    id: 'order-events',
    config: {
      both: 'contracts:\n  - { id: order-events, path: events/orders.yaml }\n',
      v2only: 'contracts:\n  - { id: order-events, path: events/orders.yaml }\n',
    },
    v1: {},
    v2: { 'events/orders.yaml': asyncapiLines({}) },
    v1broken: { 'events/orders.yaml': asyncapiLines({ total: false }) },
    dropped: { 'events/orders.yaml': asyncapiLines({ v1: false }) },
    breaks: 'message-required-property-removed',
  },
];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const git = (dir: string, ...args: string[]) => gitIn(dir)(...args);

interface JsonReport {
  contracts: Array<{ id: string; line?: number; baseline?: string; status: string }>;
  findings: Array<{ rule: string; severity: string; message: string; line?: number }>;
}

/** A git repository with both lines published (line 1 first, then line 2). */
async function repo(l: Lines): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'treaty-lines-'));
  dirs.push(dir);
  git(dir, 'init', '-q');
  writeTree(dir, { 'treaty.yaml': l.config.both, ...l.v1, ...l.v2 });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'two lines');
  const pub = await runCli(['publish', '--cwd', dir]);
  expect(pub.code, pub.stderr).toBe(0);
  // Two new lines in one run: each first publish names its line.
  expect(pub.stdout).toMatch(
    /\(first version of major line 1, the contract's first line\)\n.*\(first version of major line 2\)\n/,
  );
  return dir;
}

async function check(dir: string): Promise<{ code: number; report: JsonReport }> {
  const r = await runCli(['check', '--cwd', dir, '--format', 'json']);
  expect(r.stderr).toBe('');
  return { code: r.code, report: JSON.parse(r.stdout) as JsonReport };
}

function dropLine1(dir: string, l: Lines): void {
  for (const rel of Object.keys(l.v1)) rmSync(path.join(dir, rel));
  writeTree(dir, { 'treaty.yaml': l.config.v2only, ...(l.dropped ?? {}) });
}

describe.each(LINES)('versioned coexistence: $name', (l) => {
  it('publishes each line on its own; v1 and v2 side by side pass, each against its own line', async () => {
    const dir = await repo(l);
    const list = JSON.parse(
      (await runCli(['--format', 'json', 'registry', 'list'], dir)).stdout,
    ) as { lines: Record<string, Array<{ major: number; latest: string; state: string }>> };
    expect(list.lines[l.id]).toEqual([
      { major: 1, latest: expect.stringMatching(/^1\./), state: 'active' },
      { major: 2, latest: expect.stringMatching(/^2\./), state: 'active' },
    ]);
    const { code, report } = await check(dir);
    expect(code).toBe(0);
    expect(report.contracts.map((c) => [c.id, c.line, c.baseline])).toEqual([
      [l.id, 1, `registry:${l.id}@1.0.0`],
      [l.id, 2, `registry:${l.id}@2.0.0`],
    ]);
    expect(report.findings.filter((f) => f.severity === 'breaking')).toEqual([]);
  });

  it('a breaking change inside line 1 fails, though line 2 exists', async () => {
    const dir = await repo(l);
    writeTree(dir, l.v1broken);
    const { code, report } = await check(dir);
    expect(code).toBe(1);
    const broken = report.findings.filter((f) => f.severity === 'breaking');
    expect(broken.map((f) => [f.rule, f.line])).toContainEqual([l.breaks, 1]);
    expect(broken.every((f) => f.line === 1)).toBe(true);
  });

  it('removing line 1 without a sunset fails and says none was set', async () => {
    const dir = await repo(l);
    dropLine1(dir, l);
    const { code, report } = await check(dir);
    expect(code).toBe(1);
    const [f] = report.findings.filter((x) => x.severity === 'breaking');
    expect(f!.rule).toBe('contract-line-removed');
    expect(f!.message).toMatch(
      /^major line 1 of contract '.*' \(published up to 1\.0\.0\) is no longer provided \(never deprecated, no sunset was set\)$/,
    );
  });

  it('removing line 1 before its sunset fails naming the date; after the sunset it passes and the line is retired', async () => {
    const dir = await repo(l);
    dropLine1(dir, l);
    await runCli(['registry', 'deprecate', `${l.id}@1`, '--sunset', '2999-01-31'], dir);
    const before = await check(dir);
    expect(before.code).toBe(1);
    const [f] = before.report.findings.filter((x) => x.severity === 'breaking');
    expect(f!.rule).toBe('removed-before-sunset');
    expect(f!.message).toMatch(/^removed before its sunset 2999-01-31: major line 1 /);

    await runCli(['registry', 'deprecate', `${l.id}@1`, '--sunset', '2001-01-31'], dir);
    const after = await check(dir);
    expect(after.code).toBe(0);
    const line = after.report.findings.find((x) => x.rule === 'contract-line-removed')!;
    expect(line.severity).toBe('info');
    expect(line.message).toMatch(/retired: its sunset 2001-01-31 has passed\)$/);
    expect((await runCli(['registry', 'list'], dir)).stdout).toMatch(
      /\n {2}1\.x {2}latest 1\.0\.0 {2}retired since 2001-01-31 /,
    );
  });
});

describe('versioned coexistence: config errors', () => {
  it('two entries of one id in the same major line are an input error naming both files', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'treaty-lines-'));
    dirs.push(dir);
    writeTree(dir, {
      'treaty.yaml': LINES[0]!.config.both.replace('api/v2.yaml', 'api/v1b.yaml'),
      'api/v1.yaml': openapi(1),
      'api/v1b.yaml': openapi(1),
    });
    const r = await runCli(['check', '--cwd', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /v1\.yaml and .*v1b\.yaml are both in major line 1; each line needs its own entry/,
    );
  });

  it('major: in an entry names the line of a document without a version', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'treaty-lines-'));
    dirs.push(dir);
    writeTree(dir, {
      'treaty.yaml':
        'contracts:\n  - { id: s, format: jsonschema, path: v1.json, major: 1 }\n  - { id: s, format: jsonschema, path: v2.json, major: 2 }\n',
      'v1.json': '{ "type": "object" }\n',
      'v2.json': '{ "type": "string" }\n',
    });
    expect((await runCli(['publish', '--cwd', dir])).code).toBe(0);
    const list = JSON.parse((await runCli(['--format', 'json', 'registry', 'list'], dir)).stdout);
    expect(list.lines.s.map((x: { major: number }) => x.major)).toEqual([1, 2]);
    expect((await runCli(['check', '--cwd', dir])).code).toBe(0);
  });
});

describe.each([
  {
    name: 'OpenAPI',
    id: 'orders-api',
    file: 'api/orders.yaml',
    doc: openapiLines,
    /** A breaking change to the unversioned path (`/health`), which belongs to every line. */
    shared: () => openapiLines({ health: 'integer' }),
    sharedRule: 'response-property-type-changed',
  },
  {
    name: 'AsyncAPI',
    id: 'order-events',
    file: 'events/orders.yaml',
    doc: asyncapiLines,
    shared: () =>
      asyncapiLines({}).replace(
        'properties: { at: { type: string } }',
        'properties: { at: { type: integer } }',
      ),
    sharedRule: 'message-type-changed',
  },
])('several lines in one $name document', (c) => {
  async function published(): Promise<string> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'treaty-lines-'));
    dirs.push(dir);
    git(dir, 'init', '-q');
    writeTree(dir, {
      'treaty.yaml': `contracts:\n  - { id: ${c.id}, path: ${c.file} }\n`,
      [c.file]: c.doc({}),
    });
    expect((await runCli(['publish', '--cwd', dir])).code).toBe(0);
    return dir;
  }

  it('adding a /v3/ line (info.version 3.0.0) is a new line, not a breaking change; publish starts line 3', async () => {
    const dir = await published();
    writeTree(dir, { [c.file]: c.doc({ v3: true }) });
    const { code, report } = await check(dir);
    expect(code).toBe(0);
    expect(report.contracts.map((x) => [x.line, x.baseline, x.status])).toEqual([
      [1, `registry:${c.id}@1.0.0`, 'passed'],
      [2, `registry:${c.id}@2.0.0`, 'passed'],
      [3, undefined, 'new'],
    ]);
    expect(report.findings.filter((f) => f.severity === 'breaking')).toEqual([]);
    const pub = await runCli(['publish', '--cwd', dir]);
    expect(pub.code, pub.stderr).toBe(0);
    expect(pub.stdout).toMatch(
      /published .* 3\.0\.0 .*\(new major line 3, compared with 2\.0\.0\)/,
    );
    const list = JSON.parse((await runCli(['--format', 'json', 'registry', 'list'], dir)).stdout);
    expect(list.lines[c.id].map((x: { major: number }) => x.major)).toEqual([1, 2, 3]);
  });

  it('changelog --pending reads each line against its own line', async () => {
    const dir = await published();
    writeTree(dir, { [c.file]: c.doc({ total: false }) });
    const r = await runCli(['changelog', '--pending', '--format', 'text', '--cwd', dir]);
    expect(r.stdout).toMatch(/compared with 2\.0\.0 \(patch\)[^\n]*\n\s+No change to the contract/);
    expect(r.stdout).toMatch(
      /compared with 1\.0\.0\.\n\s+Not publishable as it is: 1 breaking change against 1\.0\.0 [^\n]* to v3 \(a new major line; v1 stays published\)/,
    );
  });

  it('an unversioned element belongs to every line: its breaking change fails in each', async () => {
    const dir = await published();
    writeTree(dir, { [c.file]: c.shared() });
    const { code, report } = await check(dir);
    expect(code).toBe(1);
    const broken = report.findings.filter((f) => f.severity === 'breaking');
    expect(broken.map((f) => [f.rule, f.line])).toEqual([
      [c.sharedRule, 1],
      [c.sharedRule, 2],
    ]);
  });
});
