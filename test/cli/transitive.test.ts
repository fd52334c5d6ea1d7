import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'treaty-transitive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = (version: string, withTotal: boolean) => `openapi: 3.0.3
info: { title: Orders, version: ${version} }
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
                required: [id${withTotal ? ', total' : ''}]
                properties:
                  id: { type: string }
${withTotal ? '                  total: { type: number }\n' : ''}`;

const config = (transitive: boolean, override: boolean) => `contracts:
  - id: orders
    format: openapi
    path: openapi.yaml
    transitive: ${transitive}
${override ? 'policy:\n  severity:\n    response-required-property-removed: info\n' : ''}`;

describe('transitive: compare with every published version of the major line', () => {
  it('catches a change that slipped into the line against an earlier version', async () => {
    writeFileSync(path.join(dir, 'openapi.yaml'), spec('1.0.0', true));
    writeFileSync(path.join(dir, 'treaty.yaml'), config(false, true));
    expect((await runCli(['publish', '--cwd', dir])).code).toBe(0);
    // The removal is published inside the line while a severity override hides it.
    writeFileSync(path.join(dir, 'openapi.yaml'), spec('1.1.0', false));
    expect((await runCli(['publish', '--cwd', dir])).code).toBe(0);

    // Override gone: against the latest version (1.1.0) nothing changed…
    writeFileSync(path.join(dir, 'treaty.yaml'), config(false, false));
    const latest = await runCli(['check', '--cwd', dir, '--format', 'json']);
    expect(latest.code).toBe(0);
    expect(JSON.parse(latest.stdout).contracts[0].baseline).toBe('registry:orders@1.1.0');

    // …transitively, 1.0.0 still promised `total`.
    writeFileSync(path.join(dir, 'treaty.yaml'), config(true, false));
    const all = await runCli(['check', '--cwd', dir, '--format', 'json']);
    expect(all.code).toBe(1);
    const report = JSON.parse(all.stdout);
    expect(report.contracts[0].baseline).toBe('registry:orders@1.1.0 (+1 earlier)');
    expect(
      report.findings.map((f: { rule: string; severity: string }) => [f.rule, f.severity]),
    ).toEqual([
      ['response-required-property-removed', 'breaking'],
      ['api-major-version-not-bumped', 'info'],
    ]);
    // The finding names the published version it comes from.
    expect(report.findings[0].from).toBe('registry:orders@1.0.0');
  });
});
