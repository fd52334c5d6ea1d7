import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../../src/cli/common.js';
import { unchangedContract } from '../../src/engine/unchanged.js';
import { RegistryBaselines } from '../../src/registry/baseline-provider.js';
import { openRegistry } from '../../src/registry/registry.js';
import { FIXTURES, runCli } from '../helpers/cli.js';

/**
 * The unchanged-commit fast path (engine/unchanged.ts): after `treaty publish`, a check of the same
 * files answers from the manifests' hashes without loading a contract, and says exactly what the
 * full check (`--no-fast-path`) says. `--debug` tells how each contract was decided.
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'treaty-fast-path-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the demo service, published: its working tree is then byte for byte 1.1.0. */
async function published(name: string): Promise<string> {
  const repo = path.join(tmp, name);
  cpSync(path.join(FIXTURES, 'demo-service'), repo, { recursive: true });
  const r = await runCli(['publish', '--cwd', repo]);
  expect(r.code, r.stderr).toBe(0);
  return repo;
}

/** The check both ways: JSON and text must be identical; returns the fast run's debug lines. */
async function bothWays(repo: string, extra: string[] = []) {
  const fast = await runCli(['check', '--cwd', repo, '--format', 'json', '--debug', ...extra]);
  const full = await runCli([
    'check',
    '--cwd',
    repo,
    '--format',
    'json',
    '--no-fast-path',
    ...extra,
  ]);
  expect(fast.stdout).toBe(full.stdout);
  expect(fast.code).toBe(full.code);
  const text = await runCli(['check', '--cwd', repo, ...extra]);
  const fullText = await runCli(['check', '--cwd', repo, '--no-fast-path', ...extra]);
  expect(text.stdout).toBe(fullText.stdout);
  const debug = fast.stderr
    .split('\n')
    .filter((l) => l.startsWith('treaty: debug: '))
    .map((l) => l.slice('treaty: debug: '.length));
  return { code: fast.code, report: JSON.parse(fast.stdout), debug };
}

/** Adds lines after the contract entry's `path:` line in the repo's treaty.yaml. */
function configure(repo: string, pathLine: string, extra: string): void {
  const config = path.join(repo, 'treaty.yaml');
  const text = readFileSync(config, 'utf8');
  writeFileSync(config, text.replace(`    path: ${pathLine}\n`, `    path: ${pathLine}\n${extra}`));
}

const taken = (debug: string[], id: string) =>
  debug.some(
    (l) => l.startsWith(`${id}: unchanged since `) && l.endsWith('not loaded, not compared'),
  );
const reason = (debug: string[], id: string) =>
  debug.find((l) => l.startsWith(`${id}: full check (`));

describe('unchanged-commit fast path', () => {
  let repo: string;
  beforeAll(async () => {
    repo = await published('demo');
  });

  it('is taken for every contract of a freshly published repo, with the full check’s output', async () => {
    const { code, report, debug } = await bothWays(repo);
    expect(code).toBe(0);
    for (const id of ['orders-api', 'order-events', 'orders-grpc', 'order-shipped-avro']) {
      expect(taken(debug, id), debug.join('\n')).toBe(true);
    }
    expect(debug).toContain(
      'orders-api: unchanged since 1.1.0 (2 files by sha256): not loaded, not compared',
    );
    expect(report.findings).toEqual([]);
    expect(report.contracts.map((c: { id: string; next: unknown }) => [c.id, c.next])).toEqual([
      ['orders-api', { action: 'unchanged', version: '1.1.0', major: 1 }],
      ['order-events', { action: 'unchanged', version: '1.1.0', major: 1 }],
      ['orders-grpc', { action: 'unchanged', version: '1.1.0', major: 1 }],
      ['order-shipped-avro', { action: 'unchanged', version: '1.1.0', major: 1 }],
    ]);
  });

  it('is not taken with --no-fast-path, nor against a git ref or a folder', async () => {
    const r = await runCli(['check', '--cwd', repo, '--debug', '--no-fast-path']);
    expect(r.stderr).not.toMatch(/unchanged since/);
    const folder = await runCli(['check', '--cwd', repo, '--debug', '--against', repo]);
    expect(folder.stderr).not.toMatch(/unchanged since/);
  });

  it('is not taken for a contract one of whose $ref’d files changed; the others still are', async () => {
    const r = await published('ref-changed');
    appendFileSync(path.join(r, 'api/schemas/order.yaml'), '# a comment\n');
    const { debug } = await bothWays(r);
    expect(reason(debug, 'orders-api')).toBe(
      'orders-api: full check (1.1.0: schemas/order.yaml changed)',
    );
    expect(taken(debug, 'orders-grpc')).toBe(true);
  });

  it('is not taken for a folder contract that gained a file it would read', async () => {
    const r = await published('proto-added');
    writeFileSync(
      path.join(r, 'proto/acme/orders/v1/extra.proto'),
      'syntax = "proto3";\npackage acme.orders.v1;\nmessage Extra { string id = 1; }\n',
    );
    const { debug, report } = await bothWays(r);
    expect(reason(debug, 'orders-grpc')).toBe(
      'orders-grpc: full check (1.1.0: acme/orders/v1/extra.proto is new in its folder)',
    );
    expect(report.findings.map((f: { rule: string }) => f.rule)).toContain('proto-message-added');
  });

  it('is not taken when the contract’s options changed since publish', async () => {
    const r = await published('options-changed');
    configure(r, 'proto', '    categories: [WIRE]\n');
    const { debug } = await bothWays(r);
    expect(reason(debug, 'orders-grpc')).toBe(
      'orders-grpc: full check (1.1.0: its entries or options changed since it was published)',
    );
    expect(taken(debug, 'orders-api')).toBe(true);
  });

  it('is not taken for a transitive contract (compared with every version of its line)', async () => {
    const r = await published('transitive');
    configure(r, 'api/openapi.yaml', '    transitive: true\n');
    const { debug } = await bothWays(r);
    expect(reason(debug, 'orders-api')).toMatch(/transitive/);
  });

  it('is not taken when another treaty version wrote the record', async () => {
    const registry = await openRegistry(path.join(repo, 'registry'));
    const ref = {
      id: 'orders-api',
      format: 'openapi' as const,
      root: path.join(repo, 'api'),
      entries: ['openapi.yaml'],
      options: { stabilityLevel: 'beta' },
    };
    const here = await unchangedContract(ref, new RegistryBaselines(registry), VERSION);
    expect('unchanged' in here).toBe(true);
    expect(await unchangedContract(ref, new RegistryBaselines(registry), '99.0.0')).toEqual({
      reason: `1.1.0: loaded by treaty ${VERSION} when published`,
    });
  });

  it('still applies the policy and the waivers of today: expired and unused waivers are noted either way', async () => {
    const r = await published('waivers');
    writeFileSync(
      path.join(r, 'treaty-waivers.yaml'),
      [
        'waivers:',
        '  - rule: endpoint-removed',
        '    contract: orders-api',
        '    pointer: /paths/~1orders/get',
        '    reason: expired long ago',
        "    expires: '2020-01-01'",
        '  - rule: proto-field-removed',
        '    contract: orders-grpc',
        '    pointer: /Order',
        '    reason: matches nothing',
        "    expires: '2999-12-31'",
        '',
      ].join('\n'),
    );
    const config = path.join(r, 'treaty.yaml');
    writeFileSync(
      config,
      readFileSync(config, 'utf8').replace(
        'policy:\n',
        'policy:\n  waivers: treaty-waivers.yaml\n  evolution: none\n',
      ),
    );
    const { debug, report } = await bothWays(r);
    expect(taken(debug, 'orders-api')).toBe(true);
    expect(report.waivers?.length).toBeGreaterThan(0);
  });

  it('still applies today’s policy: a newer major line the repo dropped fails either way', async () => {
    const r = await published('line-dropped');
    // Another checkout publishes orders-api 2.0.0 (an endpoint removed) to the same registry.
    const other = path.join(tmp, 'line-dropped-v2');
    cpSync(r, other, { recursive: true });
    const doc = path.join(other, 'api/openapi.yaml');
    writeFileSync(doc, readFileSync(doc, 'utf8').replace(/version: 1\.1\.0/, 'version: 2.0.0'));
    const v2 = await runCli([
      'publish',
      'orders-api',
      '--cwd',
      other,
      '--registry',
      path.join(r, 'registry'),
    ]);
    expect(v2.code, v2.stderr).toBe(0);
    const { code, report, debug } = await bothWays(r);
    expect(taken(debug, 'orders-api')).toBe(true);
    expect(code).toBe(1);
    expect(report.findings.map((f: { rule: string }) => f.rule)).toContain('contract-line-removed');
  });
});
