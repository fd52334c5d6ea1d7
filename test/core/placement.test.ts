import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ContractRef, Finding, Format } from '../../src/core/model.js';
import { compareContracts, loadContract } from '../../src/engine/run.js';
import { FIXTURES, runCli } from '../helpers/cli.js';
import { gitIn } from '../helpers/git.js';

/**
 * Every finding lands in the revision (the working tree): a removal on its nearest surviving
 * ancestor, or on the contract's entry document when its file is gone; the old place is kept as
 * `baseLocation`. Real files, every format that reads YAML/JSON, and a git baseline.
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'treaty-placement-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function pair(name: string, from: string): { base: string; rev: string } {
  const base = path.join(tmp, name, 'base');
  const rev = path.join(tmp, name, 'rev');
  cpSync(from, base, { recursive: true });
  cpSync(from, rev, { recursive: true });
  return { base, rev };
}

function edit(file: string, from: RegExp | string, to: string): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(file, next);
}

async function compare(
  format: Format,
  base: string,
  rev: string,
  entries: string[],
): Promise<Finding[]> {
  const ref = (root: string): ContractRef => ({ id: 'c', format, root, entries });
  return compareContracts(await loadContract(ref(base)), await loadContract(ref(rev)));
}

const lineOf = (file: string, text: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text)) + 1;

describe('findings are placed in the revision', () => {
  it('OpenAPI: a removed response property sits on the properties of its schema, in the same file', async () => {
    const { base, rev } = pair('openapi', path.join(FIXTURES, 'demo-service', 'api'));
    edit(
      path.join(rev, 'openapi.yaml'),
      /\n {18}next:\n {20}type: string\n {20}nullable: true/,
      '',
    );
    const found = await compare('openapi', base, rev, ['openapi.yaml']);
    const removed = found.find((f) => f.rule.includes('property-removed'))!;
    expect(removed.location).toMatchObject({
      file: path.join(rev, 'openapi.yaml'),
      pointer: ['paths', '/orders', 'get', 'responses', '200', 'content'].concat([
        'application/json',
        'schema',
        'properties',
      ]),
    });
    expect(removed.location.line).toBe(lineOf(path.join(rev, 'openapi.yaml'), 'properties:'));
    expect(removed.baseLocation).toMatchObject({
      file: path.join(base, 'openapi.yaml'),
      line: lineOf(path.join(base, 'openapi.yaml'), '  next:'),
    });
    expect(found.every((f) => f.location.file.startsWith(rev + path.sep))).toBe(true);
  });

  it('AsyncAPI: a removed channel sits on `channels` of the revision', async () => {
    const { base, rev } = pair('asyncapi', path.join(FIXTURES, 'demo-service', 'events'));
    const spec = path.join(rev, 'asyncapi.yaml');
    edit(spec, /\n {2}orderShipped:\n {4}address[\s\S]*?(?=\noperations:)/, '');
    edit(spec, /\n {2}publishOrderShipped:[\s\S]*?(?=\ncomponents:)/, '');
    const found = await compare('asyncapi', base, rev, ['asyncapi.yaml']);
    const channel = found.find((f) => f.rule === 'channel-removed')!;
    expect(channel.location).toMatchObject({ file: spec, pointer: ['channels'] });
    expect(channel.location.line).toBe(lineOf(spec, 'channels:'));
    expect(channel.baseLocation!.file).toBe(path.join(base, 'asyncapi.yaml'));
    expect(channel.baseLocation!.pointer).toEqual(['channels', 'orderShipped']);
    expect(found.every((f) => f.location.file === spec)).toBe(true);
  });

  it('JSON Schema: a deleted file is reported on the contract (its first file), not in the base', async () => {
    const dir = path.join(FIXTURES, 'jsonschema', 'schema-file-removed');
    const found = await compare(
      'jsonschema',
      path.join(dir, 'base'),
      path.join(dir, 'revision'),
      [],
    );
    expect(
      found.map((f) => [f.rule, path.relative(dir, f.location.file), f.location.line]),
    ).toEqual([['schema-file-removed', 'revision/customer.json', 1]]);
    expect(path.relative(dir, found[0]!.baseLocation!.file)).toBe('base/order-cancelled.yaml');
  });

  it('a change in place keeps its location (near-miss: nothing moves)', async () => {
    const { base, rev } = pair('in-place', path.join(FIXTURES, 'demo-service', 'events'));
    edit(path.join(rev, 'asyncapi.yaml'), /(total:\n {12}type:) number/, '$1 string');
    const found = await compare('asyncapi', base, rev, ['asyncapi.yaml']);
    const changed = found.find((f) => f.rule === 'message-type-changed')!;
    expect(changed.location.pointer).toEqual(changed.baseLocation!.pointer);
  });
});

describe('a git baseline', () => {
  const repo = path.join(tmp, 'repo');
  const git = gitIn(repo);

  it('names the base file git:<ref>:<path>, never the working-tree file with old lines', async () => {
    cpSync(path.join(FIXTURES, 'demo-service', 'api'), path.join(repo, 'api'), { recursive: true });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    const schemas = path.join(repo, 'api', 'schemas', 'order.yaml');
    edit(schemas, '    trackingUrl:\n      type: string\n      format: uri\n', '');
    const r = await runCli(['check', '--cwd', repo, '--against', 'git:main', '--format', 'json']);
    const report = JSON.parse(r.stdout) as {
      findings: Array<{
        rule: string;
        location: { file: string };
        baseLocation?: { file: string };
      }>;
    };
    const removed = report.findings.find((f) => f.rule.includes('property-removed'))!;
    expect(removed.location.file).toBe('api/schemas/order.yaml');
    expect(removed.baseLocation!.file).toBe('git:main:api/schemas/order.yaml');
    const text = await runCli(['check', '--cwd', repo, '--against', 'git:main']);
    expect(text.stdout).toMatch(/\n {4}was at: git:main:api\/schemas\/order\.yaml:\d+:\d+\n/);
  });
});
