import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { explainRule, fallbackWhy } from '../../src/core/rule-explain.js';
import { fixtureExamples } from '../../src/core/rule-examples.js';
import { EXPLAINED_KINDS } from '../../src/core/jsonschema/explain.js';
import { KINDS } from '../../src/core/jsonschema/kinds.js';
import { schemaRules } from '../../src/core/jsonschema/rules.js';
import { getCatalogue } from '../../src/formats/index.js';
import { OPENAPI_RULES } from '../../src/formats/openapi/rules.js';
import { FIXTURES, ROOT, runCli } from '../helpers/cli.js';

/**
 * `treaty rules <id>` explains every rule: a `why` declared with the rule (or its format's table,
 * or generated from the schema change kind) and a before/after example (declared, generated from
 * the kind, or cut from the rule's fixture pair by scripts/rule-examples.mjs at build time into
 * dist/rule-examples.json — these tests need `npm run build` first, as `npm test` does).
 */

const EXAMPLES = path.join(ROOT, 'dist', 'rule-examples.json');
const catalogue = getCatalogue();

describe('every rule is explained', () => {
  it('dist/rule-examples.json was built', () => {
    expect(existsSync(EXAMPLES), 'run `npm run build` first').toBe(true);
    expect(Object.keys(fixtureExamples()).length).toBeGreaterThan(200);
  });

  it('every rule has its own why (none falls back to the generic sentence)', () => {
    const generic = catalogue
      .all()
      .filter((r) => explainRule(r).whyFrom !== 'rule')
      .map((r) => r.id);
    expect(generic).toEqual([]);
    for (const r of catalogue.all()) expect(explainRule(r).why.length, r.id).toBeGreaterThan(20);
  });

  it('every rule has a before/after example', () => {
    const missing = catalogue
      .all()
      .filter((r) => {
        const ex = explainRule(r).example;
        // A declared removal example may show nothing after (protobuf: `enum Gone {}` → ``).
        return !ex || (!ex.before.trim() && !ex.after.trim());
      })
      .map((r) => r.id);
    expect(missing).toEqual([]);
  });

  it('every schema change kind has a row in the explanation table', () => {
    const rows = new Set(EXPLAINED_KINDS);
    expect(KINDS.map((k) => k.kind).filter((k) => !rows.has(k))).toEqual([]);
  });

  it('every example from a fixture names an existing fixture pair', () => {
    for (const [id, ex] of Object.entries(fixtureExamples())) {
      expect(ex.source, id).toMatch(/^fixtures\//);
      expect(existsSync(path.join(ROOT, ex.source)), ex.source).toBe(true);
      expect(ex.before.split('\n').length, id).toBeLessThanOrEqual(8);
      expect(ex.after.split('\n').length, id).toBeLessThanOrEqual(8);
    }
  });
});

/** Trimmed lines of one fixture file that the other does not have. */
function changedLines(dir: string): { removed: string[]; added: string[] } {
  const read = (f: string) =>
    readFileSync(path.join(FIXTURES, 'openapi', dir, f), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  const base = read('base.yaml');
  const rev = read('revision.yaml');
  return {
    removed: base.filter((l) => !rev.includes(l)),
    added: rev.filter((l) => !base.includes(l)),
  };
}

describe('examples from fixture pairs', () => {
  it.each([
    'request-body-became-required',
    'api-operation-id-removed',
    'request-parameter-removed',
    'response-success-status-removed',
    'api-security-component-type-changed',
  ])('%s: the example holds the changed line of its fixture pair', (id) => {
    expect(OPENAPI_RULES.some((r) => r.id === id)).toBe(true);
    const ex = explainRule(catalogue.require(id)).example!;
    expect(ex.source).toBe(`fixtures/openapi/${id}`);
    expect(ex.language).toBe('yaml');
    const { removed, added } = changedLines(id);
    const before = ex.before.split('\n').map((l) => l.trim());
    const after = ex.after.split('\n').map((l) => l.trim());
    expect([...removed, ...added].length).toBeGreaterThan(0);
    for (const line of removed) expect(before).toContain(line);
    for (const line of added) expect(after).toContain(line);
  });

  it('request-body-became-required: exact excerpt, de-indented', () => {
    const ex = explainRule(catalogue.require('request-body-became-required')).example!;
    expect(ex.before).toBe('requestBody:\n  content:');
    expect(ex.after).toBe('requestBody:\n  required: true\n  content:');
  });

  it('a protobuf rule shows the changed fields of its fixture', () => {
    const ex = explainRule(catalogue.require('proto-field-added')).example!;
    expect(ex).toMatchObject({
      source: 'fixtures/protobuf/proto-field-added',
      language: 'protobuf',
      before: 'message Order {\n  string id = 1;',
    });
    expect(ex.after.split('\n').slice(0, 3)).toEqual([
      'message Order {',
      '  string id = 1;',
      '  string note = 2;',
    ]);
  });

  it('a protobuf deletion reported at the message shows the deleted fields', () => {
    // buf reports field deletions at the message: the excerpt follows the changed lines inside it.
    const ex = fixtureExamples()['field-no-delete']!;
    expect(ex.before.split('\n')).toContain('  int32 count = 3;');
    expect(ex.after.split('\n')).toContain('  reserved 3;');
  });

  it('a removed protobuf file shows the file before and its absence after', () => {
    const ex = explainRule(catalogue.require('file-no-delete')).example!;
    expect(ex.before).toContain('message B {}');
    expect(ex.after).toBe('// (no file b.proto)');
  });

  it('a rule fired by swapping a pair says so', () => {
    const ex = explainRule(catalogue.require('api-security-removed')).example!;
    expect(ex).toMatchObject({ source: 'fixtures/openapi/api-security-added', swapped: true });
    expect(ex.before).toContain('- key: []');
    expect(ex.after).not.toContain('- key: []');
  });
});

describe('schema rules: why and example generated from the change kind', () => {
  it('a request rule explains the writer side, in the request body', () => {
    const e = explainRule(catalogue.require('request-property-enum-value-removed'));
    expect(e.why).toBe('Clients may still send the removed value, which is now rejected.');
    expect(e.example).toEqual({
      before:
        '# request body schema\nproperties:\n  status:\n    type: string\n    enum: [active, closed, archived]',
      after:
        '# request body schema\nproperties:\n  status:\n    type: string\n    enum: [active, closed]',
      language: 'yaml',
    });
  });

  it('a response rule explains the reader side', () => {
    const e = explainRule(catalogue.require('response-property-max-length-increased'));
    expect(e.why).toMatch(/^Clients may receive strings beyond the old maxLength/);
    expect(e.example!.before).toContain('maxLength: 32');
    expect(e.example!.after).toContain('maxLength: 64');
  });

  it('a parameter rule places the schema under the parameter', () => {
    const e = explainRule(catalogue.require('request-parameter-became-enum'));
    expect(e.example!.after).toBe(
      'parameters:\n  - name: size\n    in: query\n    schema:\n      type: string\n      enum: [small, large]',
    );
  });

  it('an AsyncAPI or JSON Schema rule explains both directions with their levels', () => {
    const e = explainRule(catalogue.require('message-required-property-added'));
    expect(e.why).toMatch(/^Where consumers send the data \(breaking\): Senders built against/);
    expect(e.why).toContain('Where they read it (compatible): Readers receive one more property');
    expect(e.example!.after).toContain('required: [name, owner]');
    expect(explainRule(catalogue.require('schema-type-changed')).example!.before).toBe(
      'properties:\n  count:\n    type: integer',
    );
  });

  it('readOnly variants say that clients do not send the property', () => {
    const e = explainRule(catalogue.require('request-read-only-property-enum-value-removed'));
    expect(e.why).toMatch(/^The property is readOnly: clients do not send it/);
  });

  it('every schema rule carries its explanation in the declaration (SARIF help uses it)', () => {
    expect(
      schemaRules()
        .filter((r) => !r.explain?.example)
        .map((r) => r.id),
    ).toEqual([]);
  });
});

describe('treaty rules <id>', () => {
  it('text: why and the example, naming the fixture it comes from', async () => {
    const r = await runCli(['rules', 'api-path-removed-with-deprecation']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Why: The path was deprecated and its sunset');
    expect(r.stdout).toContain(
      'Example (from fixtures/openapi/api-path-removed-with-deprecation):\nBefore:\n    paths:\n',
    );
    expect(r.stdout).toContain('After:\n    paths:\n');
  });

  it('text: a schema rule shows its generated example', async () => {
    const r = await runCli(['rules', 'request-property-type-changed']);
    expect(r.stdout).toContain(
      'Why: Values of the old type are rejected, so clients built against it fail validation.',
    );
    expect(r.stdout).toContain('Example:\nBefore:\n    # request body schema\n');
    expect(r.stdout).toContain('        type: string\n');
  });

  it('json: one rule carries why and example', async () => {
    const r = await runCli(['rules', 'package-message-no-delete', '--format', 'json']);
    expect(r.code).toBe(0);
    const rule = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(rule).toMatchObject({
      id: 'package-message-no-delete',
      severity: 'breaking',
      why: expect.stringMatching(/./),
      example: { language: 'protobuf', source: 'fixtures/protobuf/package-message-no-delete' },
    });
    const declared = JSON.parse(
      (await runCli(['rules', 'field-same-type', '--format', 'json'])).stdout,
    ) as { example: Record<string, unknown> };
    expect(declared.example).toEqual({
      before: 'int32 count = 2;',
      after: 'int64 count = 2;',
      language: 'protobuf',
    });
  });

  it('a rule without a why gets one from its kind and modes', () => {
    const why = fallbackWhy({
      ...catalogue.require('contract-removed'),
      explain: undefined,
    });
    expect(why).toBe(
      'Consumers relying on the old contract still use what was removed and fail when it is gone. It fails a check in expansion, backward, full modes.',
    );
  });
});

describe('scripts/rule-examples.mjs', () => {
  const tmp = mkdtempSync(path.join(tmpdir(), 'treaty-rule-examples-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('skips a broken fixture pair with a warning and keeps the others', async () => {
    const fixtures = path.join(tmp, 'fixtures');
    const copy = (from: string, to: string) => {
      mkdirSync(path.join(fixtures, 'openapi', to), { recursive: true });
      for (const f of ['base.yaml', 'revision.yaml']) {
        writeFileSync(
          path.join(fixtures, 'openapi', to, f),
          readFileSync(path.join(FIXTURES, 'openapi', from, f)),
        );
      }
    };
    copy('request-body-became-required', 'request-body-became-required');
    copy('request-body-became-required', 'broken');
    writeFileSync(path.join(fixtures, 'openapi', 'broken', 'revision.yaml'), 'openapi: [3.0\n');
    const out = path.join(tmp, 'examples.json');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'scripts', 'rule-examples.mjs')],
      { env: { ...process.env, RULE_EXAMPLES_FIXTURES: fixtures, RULE_EXAMPLES_OUT: out } },
    );
    expect(stdout).toMatch(/from 2 fixture pairs/);
    expect(stdout).toContain('warning: 1 fixture pair(s) could not be compared');
    const examples = JSON.parse(readFileSync(out, 'utf8')) as Record<string, { source: string }>;
    expect(examples['request-body-became-required']).toEqual({
      before: 'requestBody:\n  content:',
      after: 'requestBody:\n  required: true\n  content:',
      language: 'yaml',
      source: 'fixtures/openapi/request-body-became-required',
    });
  });
});
