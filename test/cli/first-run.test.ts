import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.js';

/**
 * The first run on a real repository just works: references (operation-level `$ref`s to files
 * included) are resolved before validation, and a specification problem is a warning at
 * file:line in `check` — exit 2 only with --strict / `strict: true`, or for what cannot be read.
 */
const SCENARIO = path.join(FIXTURES, 'openapi', 'scenarios', 'operation-refs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'treaty-first-run-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Report {
  findings: Array<{
    rule: string;
    severity: string;
    message: string;
    location: { file: string; line: number };
  }>;
}
const findings = (stdout: string) =>
  (JSON.parse(stdout) as Report).findings.map((f) => [
    f.rule,
    `${f.location.file}:${f.location.line}`,
  ]);

/** A copy of the scenario's revision (and its base beside it) to edit. */
function copy(name: string): string {
  cpSync(SCENARIO, path.join(tmp, name), { recursive: true });
  return path.join(tmp, name, 'revision');
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

// The scenario removes optional response properties: that fails the default mode (expansion);
// these tests are about resolving and validating, so they judge in backward, where it passes.
describe('a multi-file OpenAPI tree whose operations are $refs to files', () => {
  it('is compared: findings in the operation and model files of the working tree', async () => {
    const r = await runCli([
      'check',
      '--cwd',
      path.join(SCENARIO, 'revision'),
      '--against',
      '../base',
      '--format',
      'json',
      '--evolution',
      'backward',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(findings(r.stdout)).toEqual([
      ['response-optional-property-removed', 'resources/droplets/models/droplet.yml:3'],
      ['response-optional-property-removed', 'resources/droplets/models/droplet.yml:15'],
      ['new-optional-request-parameter', 'resources/droplets/parameters.yml:9'],
    ]);
  });

  it('validates after resolving: --strict accepts it (it is valid once resolved)', async () => {
    const r = await runCli([
      'check',
      '--strict',
      '--cwd',
      path.join(SCENARIO, 'revision'),
      '--against',
      '../base',
      '--evolution',
      'backward',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('specification problems in check', () => {
  it('are warnings at file:line (openapi-invalid-document), and the contract is still compared', async () => {
    const rev = copy('invalid');
    edit(
      path.join(rev, 'resources/droplets/droplets_get.yml'),
      'tags:',
      'externalDocs:\n  description: no url\ntags:',
    );
    const r = await runCli([
      'check',
      '--cwd',
      rev,
      '--against',
      '../base',
      '--format',
      'json',
      '--evolution',
      'backward',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    const invalid = report.findings.filter((f) => f.rule === 'openapi-invalid-document');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toMatchObject({
      severity: 'warning',
      location: { file: 'resources/droplets/droplets_get.yml', line: 3 },
    });
    expect(invalid[0]!.message).toContain("/get/externalDocs: missing required property 'url'");
    // The comparison still ran: the other changes are there.
    expect(report.findings.some((f) => f.rule === 'new-optional-request-parameter')).toBe(true);
  });

  it('are an input error (exit 2, file:line) with --strict or strict: true on the contract', async () => {
    const rev = copy('strict');
    edit(
      path.join(rev, 'resources/droplets/droplets_get.yml'),
      'tags:',
      'externalDocs:\n  description: no url\ntags:',
    );
    const flag = await runCli(['check', '--strict', '--cwd', rev, '--against', '../base']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(
      /^treaty: .*resources\/droplets\/droplets_get\.yml:3:\d+: invalid OpenAPI document .*'url'/,
    );
    writeFileSync(
      path.join(rev, 'treaty.yaml'),
      'contracts:\n  - id: droplets\n    format: openapi\n    path: openapi.yaml\n    strict: true\n',
    );
    const config = await runCli(['check', '--cwd', rev, '--against', '../base']);
    expect(config.code).toBe(2);
    expect(config.stderr).toBe(flag.stderr);
  });

  it('what cannot be read stays exit 2: an unresolvable $ref (near-miss)', async () => {
    const rev = copy('unresolvable');
    edit(path.join(rev, 'openapi.yaml'), 'droplets_get.yml', 'droplets_gone.yml');
    const r = await runCli(['check', '--cwd', rev, '--against', '../base']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/openapi\.yaml:\d+:\d+: .*droplets_gone\.yml/);
  });

  it('AsyncAPI: the same — a warning in check, exit 2 with --strict', async () => {
    const dir = path.join(tmp, 'asyncapi');
    cpSync(path.join(FIXTURES, 'demo-service', 'events'), dir, { recursive: true });
    edit(path.join(dir, 'asyncapi.yaml'), '    action: send\n', '    action: emit\n');
    const r = await runCli(['check', '--cwd', dir, '--against', dir, '--format', 'json']);
    expect(r.code).toBe(0);
    const rules = (JSON.parse(r.stdout) as Report).findings.map((f) => f.rule);
    expect(rules).toContain('asyncapi-document-invalid');
    const strict = await runCli(['check', '--strict', '--cwd', dir, '--against', dir]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toMatch(/asyncapi\.yaml:\d+:\d+: invalid AsyncAPI 3\.0\.0 document/);
  });
});
