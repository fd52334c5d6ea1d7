import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { runAction } from '../../src/action/run.js';
import { FIXTURES, ROOT } from '../helpers/cli.js';
import { gitIn } from '../helpers/git.js';

/** action.yml against the published action-metadata schema (SchemaStore's, kept in fixtures). */
describe('action.yml', () => {
  const schema = JSON.parse(
    readFileSync(path.join(FIXTURES, 'github', 'github-action.schema.json'), 'utf8'),
  ) as object;
  const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
  const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Record<string, any>;

  it('validates against the action-metadata JSON Schema', () => {
    expect(validate(action), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the schema check is real: a broken action.yml fails it', () => {
    const broken = structuredClone(action);
    broken.runs.using = 'node99';
    delete broken.outputs.result.value;
    expect(validate(broken)).toBe(false);
  });

  it('declares the inputs and outputs the entry reads and writes', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(
      ['against', 'config', 'evolution', 'fail-on', 'sarif-file', 'working-directory'].sort(),
    );
    expect(Object.keys(action.outputs).sort()).toEqual(['breaking', 'next-versions', 'result']);
    const step = action.runs.steps.find((s: any) => s.id === 'check');
    expect(step.run).toContain('bin/treaty-action.js');
    for (const name of Object.keys(action.inputs)) {
      const env = `INPUT_${name.toUpperCase().replace(/-/g, '_')}`;
      expect(step.env[env]).toBe(`\${{ inputs.${name} }}`);
    }
  });
});

/**
 * The action's entry in a simulated GitHub environment: a pull request whose head commit breaks
 * the demo's OpenAPI contract, on a temporary repository with a base and a head commit.
 */
describe('the action on a pull request', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'treaty-action-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const repo = path.join(tmp, 'repo');
  const git = gitIn(repo);
  cpSync(path.join(FIXTURES, 'demo-service'), repo, { recursive: true });
  writeFileSync(
    path.join(repo, 'treaty.yaml'),
    'registry: ./registry\ncontracts:\n  - id: orders-api\n    format: openapi\n    path: api/openapi.yaml\n',
  );
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  const baseSha = git('rev-parse', 'HEAD').trim();
  cpSync(path.join(FIXTURES, 'demo-service-breaking', 'api'), path.join(repo, 'api'), {
    recursive: true,
  });
  git('commit', '-q', '-am', 'head: breaks the orders api');

  const event = path.join(tmp, 'event.json');
  writeFileSync(
    event,
    JSON.stringify({
      action: 'synchronize',
      number: 7,
      pull_request: {
        number: 7,
        base: { ref: 'main', sha: baseSha },
        head: { ref: 'feature', sha: git('rev-parse', 'HEAD').trim() },
      },
    }),
  );

  async function run(inputs: Record<string, string> = {}) {
    const summary = path.join(tmp, `summary-${Math.random()}.md`);
    const output = path.join(tmp, `output-${Math.random()}.txt`);
    writeFileSync(summary, '');
    writeFileSync(output, '');
    let stdout = '';
    const code = await runAction({
      out: (t) => (stdout += t),
      err: (t) => (stdout += t),
      isTTY: false,
      cwd: tmp,
      env: {
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: repo,
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: event,
        GITHUB_STEP_SUMMARY: summary,
        GITHUB_OUTPUT: output,
        ...inputs,
      },
    });
    return {
      code,
      stdout,
      summary: readFileSync(summary, 'utf8'),
      outputs: readFileSync(output, 'utf8'),
    };
  }

  it('annotates the lines, writes the summary, the outputs and the SARIF file; fails the step', async () => {
    const r = await run({ INPUT_SARIF_FILE: 'reports/treaty.sarif' });
    expect(r.code).toBe(1);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(errors.map((l) => l.slice(0, l.indexOf('::', 2)))).toEqual([
      '::error file=api/openapi.yaml,line=21,col=11,title=request-parameter-became-required',
      '::error file=api/schemas/order.yaml,line=33,col=3,title=response-required-property-removed',
    ]);
    // The removal sits on the surviving `properties` and says where the property was.
    expect(errors[1]).toMatch(/%0AWas at git:[0-9a-f]{40}:api\/schemas\/order\.yaml:\d+:5/);
    expect(r.summary).toMatch(/^## ❌ treaty: failed\n/);
    expect(r.summary).toContain(
      `| orders-api | openapi | 1.1.0 | \`git:${baseSha}\` | ❌ failed |`,
    );
    expect(r.outputs).toBe('result=failed\nbreaking=2\nnext-versions={"orders-api":"2.0.0"}\n');
    const sarif = JSON.parse(readFileSync(path.join(repo, 'reports', 'treaty.sarif'), 'utf8'));
    const uris = sarif.runs[0].results.map(
      (x: any) => x.locations[0].physicalLocation.artifactLocation.uri,
    );
    expect(new Set(uris)).toEqual(new Set(['api/openapi.yaml', 'api/schemas/order.yaml']));
  });

  it('passes with fail-on never, and reads the inputs of working-directory and config', async () => {
    const r = await run({
      INPUT_FAIL_ON: 'never',
      INPUT_WORKING_DIRECTORY: 'api',
      INPUT_CONFIG: 'treaty.yaml',
    });
    expect(r.code).toBe(0);
    expect(r.outputs).toMatch(/^result=passed\nbreaking=2\n/);
    // Annotations stay relative to the repository root, wherever treaty ran.
    expect(r.stdout).toContain('::error file=api/schemas/order.yaml,line=33');
  });

  it('an input error is one ::error line, result=error, exit 2 (near-miss: a bad fail-on)', async () => {
    const r = await run({ INPUT_FAIL_ON: 'sometimes' });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^::error title=treaty::.*sometimes/m);
    expect(r.outputs).toBe('result=error\nbreaking=0\nnext-versions={}\n');
  });

  it('fetches the base of a shallow clone', async () => {
    const shallow = path.join(tmp, 'shallow');
    gitIn(tmp)('clone', '-q', '--depth=1', `file://${repo}`, shallow);
    expect(() => gitIn(shallow)('cat-file', '-e', `${baseSha}^{commit}`)).toThrow();
    const summary = path.join(tmp, 'shallow-summary.md');
    let stdout = '';
    const code = await runAction({
      out: (t) => (stdout += t),
      err: (t) => (stdout += t),
      isTTY: false,
      cwd: tmp,
      env: { GITHUB_WORKSPACE: shallow, GITHUB_EVENT_PATH: event, GITHUB_STEP_SUMMARY: summary },
    });
    expect(code).toBe(1);
    expect(stdout).toContain(`::group::git fetch origin ${baseSha}`);
    expect(readFileSync(summary, 'utf8')).toContain('❌ treaty: failed');
  });
});
