import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EvolutionMode } from '../../src/core/model.js';
import { loadContract } from '../../src/engine/run.js';
import { FIXTURES, runCli } from '../helpers/cli.js';
import { writeTree } from '../helpers/files.js';
import { GIT_ENV, gitIn } from '../helpers/git.js';
import { publish } from '../registry/helpers.js';

/**
 * Deprecation then removal, per format and per mode, end to end: the deprecated element is
 * published, then removed from the working tree and checked against the registry. Sunsets are
 * far in the past or far in the future, so no row depends on today's date.
 */

const PAST = '2001-01-31';
const FUTURE = '2999-01-31';

interface Format {
  name: string;
  /** treaty.yaml contract entry (without evolution). */
  contract: string;
  /** File path → text, with the element deprecated with this sunset (or not deprecated: null). */
  base: (sunset: string | null) => Record<string, string>;
  /** The same with the element removed. */
  removed: Record<string, string>;
  /** The removal's own rule (what the pass judges). */
  removal: string;
}

const openapi = (prop: string) => `openapi: 3.0.3
info: { title: Orders, version: 1.0.0 }
paths:
  /orders/{id}:
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
                required: [id]
                properties:
                  id: { type: string }
${prop}`;

const asyncapi = (channel: string) => `asyncapi: 3.0.0
info: { title: Orders, version: 1.0.0 }
channels:
  orderPlaced:
    address: orders.placed
    messages:
      OrderPlaced: { payload: { type: object, properties: { id: { type: string } } } }
${channel}operations:
  sendOrderPlaced:
    action: send
    channel: { $ref: '#/channels/orderPlaced' }
`;

const proto = (field: string) => `syntax = "proto3";

package acme.orders.v1;

message Order {
  string id = 1;
${field}}
`;

const schema = (prop: string) => `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "object",
  "properties": {
    "id": { "type": "string" }${prop}
  }
}
`;

const FORMATS: Format[] = [
  {
    name: 'openapi response property',
    contract: 'id: orders\n    format: openapi\n    path: openapi.yaml',
    base: (s) => ({
      'openapi.yaml': openapi(
        `                  note:\n                    type: string\n` +
          (s ? `                    deprecated: true\n                    x-sunset: '${s}'\n` : ''),
      ),
    }),
    removed: { 'openapi.yaml': openapi('') },
    removal: 'response-optional-property-removed',
  },
  {
    name: 'asyncapi channel',
    contract: 'id: events\n    format: asyncapi\n    path: asyncapi.yaml',
    base: (s) => ({
      'asyncapi.yaml': asyncapi(
        `  orderVoided:\n    address: orders.voided\n` + (s ? `    x-sunset: '${s}'\n` : ''),
      ),
    }),
    removed: { 'asyncapi.yaml': asyncapi('') },
    removal: 'channel-removed',
  },
  {
    name: 'protobuf field',
    contract: 'id: grpc\n    format: protobuf\n    path: proto',
    base: (s) => ({
      'proto/acme/orders/v1/orders.proto': proto(
        s ? `  // @sunset ${s}\n  string note = 2 [deprecated = true];\n` : '  string note = 2;\n',
      ),
    }),
    removed: { 'proto/acme/orders/v1/orders.proto': proto('') },
    removal: 'field-no-delete',
  },
  {
    name: 'json schema property',
    contract: 'id: schemas\n    format: jsonschema\n    path: order.schema.json',
    base: (s) => ({
      'order.schema.json': schema(
        `,\n    "note": { "type": "string"${s ? `, "deprecated": true, "x-sunset": "${s}"` : ''} }`,
      ),
    }),
    removed: { 'order.schema.json': schema('') },
    removal: 'schema-optional-property-removed',
  },
];

const MODES: EvolutionMode[] = ['expansion', 'backward', 'forward', 'full', 'none'];

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface JsonFinding {
  rule: string;
  severity: string;
  args: Record<string, unknown>;
  deprecation?: { sunset?: string; since?: string; sinceUnknown?: string; why?: string };
}

/** Publishes the base, removes the element, checks in `mode`. */
async function scenario(
  f: Format,
  sunset: string | null,
  mode: EvolutionMode,
  extraPolicy = '',
): Promise<{ code: number; findings: JsonFinding[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'treaty-deprecation-'));
  dirs.push(dir);
  writeTree(dir, {
    'treaty.yaml': `contracts:\n  - ${f.contract}\npolicy:\n  evolution: ${mode}\n${extraPolicy}`,
    ...f.base(sunset),
  });
  const pub = await runCli(['publish', '--cwd', dir]);
  expect(pub.code, pub.stderr).toBe(0);
  for (const rel of Object.keys(f.base(sunset))) rmSync(path.join(dir, rel));
  writeTree(dir, f.removed);
  const r = await runCli(['check', '--cwd', dir, '--format', 'json']);
  expect(r.stderr).toBe('');
  return { code: r.code, findings: (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings };
}

describe.each(FORMATS)('deprecation then removal: $name', (f) => {
  it.each(MODES)('after the sunset: allowed in %s', async (mode) => {
    const { code, findings } = await scenario(f, PAST, mode);
    expect(code).toBe(0);
    const removal = findings.find((x) => x.rule === f.removal)!;
    expect(removal.severity).toBe('info');
    expect(removal.deprecation).toEqual({
      sunset: PAST,
      why: 'deprecated-sunset-passed',
    });
    expect(findings.filter((x) => x.rule === 'removed-before-sunset')).toEqual([]);
  });

  it.each(MODES)('before the sunset: removed-before-sunset in %s', async (mode) => {
    const { code, findings } = await scenario(f, FUTURE, mode);
    expect(code).toBe(mode === 'none' ? 0 : 1);
    const judged = findings.filter((x) => x.rule === 'removed-before-sunset');
    expect(judged).toHaveLength(1);
    expect(judged[0]!.severity).toBe(mode === 'none' ? 'info' : 'breaking');
    expect(judged[0]!.args.removal).toBe(f.removal);
    expect(judged[0]!.args.sunset).toBe(FUTURE);
    expect(judged[0]!.deprecation!.why).toBe('removed-before-sunset');
    // The removal itself is replaced, not reported twice.
    expect(findings.filter((x) => x.rule === f.removal)).toEqual([]);
  });

  it('never deprecated: a failing removal says why (never-deprecated)', async () => {
    const { code, findings } = await scenario(f, null, 'expansion');
    const removal = findings.find((x) => x.rule === f.removal)!;
    expect(code).toBe(removal.severity === 'breaking' ? 1 : 0);
    expect(removal.deprecation).toEqual(
      removal.severity === 'breaking' ? { why: 'never-deprecated' } : undefined,
    );
  });

  it('deprecated for fewer than policy.deprecation.minDays: removed-before-deprecation-period', async () => {
    const { code, findings } = await scenario(
      f,
      PAST,
      'expansion',
      '  deprecation:\n    minDays: 30\n',
    );
    expect(code).toBe(1);
    const judged = findings.filter((x) => x.rule === 'removed-before-deprecation-period');
    expect(judged).toHaveLength(1);
    expect(judged[0]!.args).toMatchObject({ removal: f.removal, minDays: 30 });
    expect(judged[0]!.args.days).toBeLessThan(30);
    expect(judged[0]!.deprecation!.why).toBe('deprecation-too-short');
  });
});

describe('deprecation: where the sunset and the date of deprecation come from', () => {
  const grpc = FORMATS.find((f) => f.name === 'protobuf field')!;
  const field = (deprecated: boolean, extra = '') =>
    proto(`  string note = 2${deprecated ? ' [deprecated = true]' : ''};\n${extra}`);

  it('the registry sunset of the line applies when the element has none', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'treaty-deprecation-'));
    dirs.push(dir);
    const file = 'proto/acme/orders/v1/orders.proto';
    writeTree(dir, { 'treaty.yaml': `contracts:\n  - ${grpc.contract}\n`, [file]: field(true) });
    expect((await runCli(['publish', '--cwd', dir])).code).toBe(0);
    const dep = await runCli(['registry', 'deprecate', 'grpc@1', '--sunset', FUTURE, '--cwd', dir]);
    expect(dep.code, dep.stderr).toBe(0);
    writeTree(dir, grpc.removed);
    const r = await runCli(['check', '--cwd', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const judged = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings.filter(
      (x) => x.rule === 'removed-before-sunset',
    );
    expect(judged.map((x) => x.args.sunset)).toEqual([FUTURE]);
  });

  it('since: the earliest published version of the line that already deprecated it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'treaty-deprecation-'));
    dirs.push(dir);
    const file = 'proto/acme/orders/v1/orders.proto';
    const ref = {
      id: 'grpc',
      format: 'protobuf' as const,
      root: path.join(dir, 'proto'),
      entries: [],
    };
    const versions: Array<[string, string, string]> = [
      ['1.0.0', '2020-01-01', field(false)],
      ['1.1.0', '2020-06-01', field(true)],
      ['1.2.0', '2020-09-01', field(true, '  string memo = 3;\n')],
    ];
    for (const [version, day, text] of versions) {
      writeTree(dir, { [file]: text });
      const res = await publish(path.join(dir, 'registry'), await loadContract(ref), {
        version,
        now: new Date(`${day}T12:00:00Z`),
      });
      expect(res.status).toBe('published');
    }
    writeTree(dir, {
      'treaty.yaml': `contracts:\n  - ${grpc.contract}\npolicy:\n  deprecation:\n    minDays: 30\n`,
      [file]: proto('  string memo = 3;\n'),
    });
    const r = await runCli(['check', '--cwd', dir, '--format', 'json']);
    const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
    // Deprecated since 1.1.0 (1.0.0 did not deprecate it), years ago: the removal is allowed.
    expect(r.code).toBe(0);
    const removal = findings.find((x) => x.rule === 'field-no-delete')!;
    expect(removal.deprecation).toEqual({ since: '2020-06-01', why: 'deprecated-sunset-passed' });
    expect(findings.filter((x) => x.rule === 'removed-before-deprecation-period')).toEqual([]);
  });
});

describe('policy.deprecation.minDays without a registry: --against git:<ref> and a folder', () => {
  const api = FORMATS[0]!;
  const MIN = '  deprecation:\n    minDays: 30\n';
  const config = `contracts:\n  - ${api.contract}\npolicy:\n${MIN}`;
  const deprecatedApi = api.base(PAST);

  /** A git repository: the element plain (2020-01-01), then deprecated (on `deprecatedOn`). */
  function history(deprecatedOn: string | undefined): string {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'treaty-deprecation-'));
    dirs.push(dir);
    const git = gitIn(dir);
    git('init', '-q');
    const commit = (day: string | undefined, message: string) => {
      git('add', '-A');
      execFileSync('git', ['commit', '-qm', message], {
        cwd: dir,
        env: {
          ...process.env,
          ...GIT_ENV,
          ...(day
            ? { GIT_AUTHOR_DATE: `${day}T12:00:00Z`, GIT_COMMITTER_DATE: `${day}T12:00:00Z` }
            : {}),
        },
      });
    };
    writeTree(dir, { 'treaty.yaml': config, ...api.base(null) });
    commit('2020-01-01', 'plain');
    writeTree(dir, deprecatedApi);
    commit(deprecatedOn, 'deprecated');
    writeTree(dir, api.removed);
    return dir;
  }

  async function check(dir: string, ...args: string[]) {
    const r = await runCli(['check', '--cwd', dir, '--format', 'json', ...args]);
    expect(r.stderr).toBe('');
    return {
      code: r.code,
      findings: (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings,
    };
  }

  it('git: since is the earliest commit of the history that deprecated it', async () => {
    const { code, findings } = await check(history('2020-06-01'), '--against', 'git:HEAD');
    expect(code).toBe(0);
    const removal = findings.find((x) => x.rule === api.removal)!;
    expect(removal.deprecation).toEqual({
      sunset: PAST,
      since: '2020-06-01',
      why: 'deprecated-sunset-passed',
    });
  });

  it('git: deprecated in the last commit (today): removed-before-deprecation-period', async () => {
    const { code, findings } = await check(history(undefined), '--against', 'git:HEAD');
    expect(code).toBe(1);
    const judged = findings.filter((x) => x.rule === 'removed-before-deprecation-period');
    expect(judged).toHaveLength(1);
    expect(judged[0]!.args.days).toBeLessThan(30);
  });

  it('git, shallow clone: an old enough bound proves the period; a recent one is unverified, saying why', async () => {
    for (const [day, verdict] of [
      ['2020-06-01', 'deprecated-sunset-passed'],
      [undefined, 'deprecation-period-unverified'],
    ] as const) {
      const full = history(day);
      gitIn(full)('add', '-A');
      gitIn(full)('commit', '-qm', 'removed');
      // The removal is the working tree of a clone holding only the deprecating commit.
      const shallow = mkdtempSync(path.join(os.tmpdir(), 'treaty-deprecation-'));
      dirs.push(shallow);
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${full}`, shallow], {
        env: { ...process.env, ...GIT_ENV },
      });
      gitIn(full)('reset', '-q', '--hard', 'HEAD~1');
      execFileSync('git', ['fetch', '-q', '--depth', '1', 'origin', 'HEAD'], {
        cwd: shallow,
        env: { ...process.env, ...GIT_ENV },
      });
      const { code, findings } = await check(shallow, '--against', 'git:FETCH_HEAD');
      expect(code).toBe(0);
      const judged = findings.find((x) => x.deprecation?.why)!;
      expect(judged.deprecation!.why).toBe(verdict);
      expect(judged.deprecation!.sinceUnknown).toMatch(
        /^deprecated at least since \d{4}-\d\d-\d\d, but the git history of git:FETCH_HEAD is shallow and ends at /,
      );
      if (verdict === 'deprecation-period-unverified') {
        expect(judged.rule).toBe('deprecation-period-unverified');
        expect(judged.severity).toBe('warning');
      }
    }
  });
});

describe('deprecation-period-unverified: fixture pair and near-miss (--against a folder)', () => {
  const FIX = path.join(FIXTURES, 'policy');
  const run = (dir: string, ...args: string[]) =>
    runCli([
      'check',
      '--cwd',
      path.join(FIX, dir, 'revision'),
      '--against',
      path.join(FIX, dir, 'base'),
      '--format',
      'json',
      ...args,
    ]);

  it('fires: the folder has no dates, so minDays cannot be verified (a warning, saying why)', async () => {
    const r = await run('deprecation-period-unverified');
    expect(r.code).toBe(0);
    const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['deprecation-period-unverified', 'warning'],
    ]);
    expect(findings[0]!.args).toMatchObject({
      removal: 'response-optional-property-removed',
      minDays: 30,
      reason: expect.stringMatching(/has no history or dates/),
    });
    expect(findings[0]!.deprecation).toMatchObject({ why: 'deprecation-period-unverified' });
    expect((await run('deprecation-period-unverified', '--fail-on', 'warning')).code).toBe(1);
  });

  it('near-miss: without policy.deprecation.minDays the removal after the sunset is allowed', async () => {
    const r = await run('deprecation-period-unverified.near-miss');
    expect(r.code).toBe(0);
    const findings = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.map((f) => [f.rule, f.deprecation?.why])).toEqual([
      ['response-optional-property-removed', 'deprecated-sunset-passed'],
    ]);
  });
});
