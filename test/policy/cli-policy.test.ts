import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/paths.js';

const demo = path.join(FIXTURES, 'demo-service');
const breaking = path.join(FIXTURES, 'demo-service-breaking');

describe('--evolution and the policy line', () => {
  it('check --evolution overrides the config: the breaking demo passes in none, fails in backward', async () => {
    expect((await runCli(['check', '-C', breaking, '--evolution', 'none'])).code).toBe(0);
    const r = await runCli(['check', '-C', breaking, '--evolution', 'backward']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('policy: fails in backward');
  });

  it('an unknown mode is a usage error', async () => {
    const r = await runCli(['check', '-C', demo, '--evolution', 'sideways']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "treaty: unknown --evolution 'sideways' (expected expansion, backward, forward, full, none)\n",
    );
  });

  it('diff judges in expansion by default, as check does', async () => {
    const pair = path.join(FIXTURES, 'policy/modes/openapi/optional-removal-read');
    const base = path.join(pair, 'base.yaml');
    const rev = path.join(pair, 'revision.yaml');
    const byDefault = await runCli(['diff', base, rev, '-f', 'json']);
    expect(byDefault.code).toBe(1);
    const finding = JSON.parse(byDefault.stdout).findings[0];
    expect(finding).toMatchObject({
      rule: 'response-optional-property-removed',
      severity: 'breaking',
      defaultSeverity: 'warning',
      fails: true,
      why: { by: 'mode', mode: 'expansion', text: 'fails in expansion' },
    });
    const backward = await runCli(['diff', base, rev, '-f', 'json', '--evolution', 'backward']);
    expect(backward.code).toBe(0);
    expect(JSON.parse(backward.stdout).findings[0]).toMatchObject({
      severity: 'warning',
      fails: false,
      why: { by: 'mode', mode: 'backward', text: 'passes in backward' },
    });
    // fail-on reaches the warning: it fails, and says so.
    const failOn = await runCli([
      'diff',
      base,
      rev,
      '-f',
      'json',
      '--evolution',
      'backward',
      '--fail-on',
      'warning',
    ]);
    expect(failOn.code).toBe(1);
    expect(JSON.parse(failOn.stdout).findings[0].why).toEqual({
      by: 'fail-on',
      mode: 'backward',
      text: 'fail-on: warning',
    });
  });

  it('treaty rules shows the variants of a rule whose outcome depends on the direction or kind', async () => {
    const r = await runCli(['rules', 'request-property-removed']);
    expect(r.stdout).toContain('Fails in modes: expansion, forward, full (by default; see below)');
    expect(r.stdout).toMatch(/when it was removed \(it was optional\): expansion\n/);
    const json = JSON.parse((await runCli(['rules', '-f', 'json', '--for', 'asyncapi'])).stdout);
    const rule = json.find((x: { id: string }) => x.id === 'message-property-became-optional');
    expect(rule.variants.write.modes).toEqual(['expansion', 'forward', 'full']);
    expect(rule.variants.read.modes).toEqual(['expansion', 'backward', 'full']);
  });

  it('treaty rules says a rule that fails in no mode does not fail by itself (not "none", a mode)', async () => {
    const r = await runCli(['rules', 'message-added']);
    expect(r.stdout).toContain(
      'Fails in modes: no mode (only a severity override or --fail-on makes it fail)\n',
    );
    expect(r.stdout).not.toMatch(/Fails in modes: none/);
  });
});
