import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/paths.js';
import { reportValidator } from '../report/schemas.js';
import { loadWaivers } from '../../src/policy/waivers.js';

const FP = 'response-optional-property-removed|orders-api|/Order/properties/note|';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A repository with treaty.yaml pointing at a commented waivers file. */
function repo(waivers?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'treaty-waive-'));
  dirs.push(dir);
  writeFileSync(
    path.join(dir, 'treaty.yaml'),
    waivers === undefined ? 'version: 1\n' : 'policy:\n  waivers: waivers.yaml\n',
  );
  if (waivers) writeFileSync(path.join(dir, 'waivers.yaml'), waivers);
  return dir;
}

const COMMENTED = `# Accepted findings. Keep the reasons honest.
waivers:
  # the mobile app never sent it
  - rule: new-required-request-parameter
    contract: orders-api
    reason: every client already sends customerId
    expires: '2999-12-31' # reviewed quarterly
`;

describe('treaty waive', () => {
  it('appends one waiver, keeping the comments and layout, and the file stays valid', async () => {
    const dir = repo(COMMENTED);
    const r = await runCli([
      'waive',
      FP,
      '--reason',
      'no client reads note',
      '--expires',
      '2999-01-31',
      '--cwd',
      dir,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'waived response-optional-property-removed until 2999-01-31: waivers.yaml:8\n',
    );
    const text = readFileSync(path.join(dir, 'waivers.yaml'), 'utf8');
    expect(text.startsWith(COMMENTED)).toBe(true);
    expect(text.slice(COMMENTED.length)).toBe(
      [
        '  - rule: response-optional-property-removed',
        '    contract: orders-api',
        `    fingerprint: ${FP}`,
        '    reason: no client reads note',
        "    expires: '2999-01-31'",
        '',
      ].join('\n'),
    );
    const loaded = await loadWaivers(path.join(dir, 'waivers.yaml'), dir);
    expect(loaded.entries.at(-1)).toMatchObject({ fingerprint: FP, expires: '2999-01-31' });
    expect(loaded.lines).toEqual([4, 8]);
  });

  it('creates the waivers file when it does not exist yet', async () => {
    const dir = repo('');
    rmSync(path.join(dir, 'waivers.yaml'), { force: true });
    const r = await runCli(['waive', FP, '--reason', 'r', '--expires', '2999-01-31', '-C', dir]);
    expect(r.code).toBe(0);
    expect(parse(readFileSync(path.join(dir, 'waivers.yaml'), 'utf8'))).toEqual({
      waivers: [
        {
          rule: 'response-optional-property-removed',
          contract: 'orders-api',
          fingerprint: FP,
          reason: 'r',
          expires: '2999-01-31',
        },
      ],
    });
  });

  it.each([
    [['waive', FP, '--reason', 'r', '--expires', '2999-02-30'], /is not a date/],
    [['waive', FP, '--reason', 'r', '--expires', '2001-01-01'], /is in the past/],
    [['waive', 'nope|orders-api|/x|', '--reason', 'r', '--expires', '2999-01-01'], /unknown rule/],
    [
      ['waive', 'not a fingerprint', '--reason', 'r', '--expires', '2999-01-01'],
      /not a finding fingerprint/,
    ],
    [['waive', FP, '--reason', ' ', '--expires', '2999-01-01'], /--reason must say why/],
  ])('refuses %j (exit 2, file unchanged)', async (args, message) => {
    const dir = repo(COMMENTED);
    const r = await runCli([...args, '-C', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(readFileSync(path.join(dir, 'waivers.yaml'), 'utf8')).toBe(COMMENTED);
  });

  it('refuses a second waiver for the same fingerprint, and says where the file is missing', async () => {
    const dir = repo(COMMENTED);
    const args = ['waive', FP, '--reason', 'r', '--expires', '2999-01-31', '-C', dir];
    expect((await runCli(args)).code).toBe(0);
    const again = await runCli(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already waives/);

    const bare = repo();
    const none = await runCli([
      'waive',
      FP,
      '--reason',
      'r',
      '--expires',
      '2999-01-31',
      '-C',
      bare,
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no waivers file: set policy.waivers/);
  });

  it('a malformed waivers file is an input error with its line, and is left alone', async () => {
    const broken = 'waivers:\n  - rule: x\n    reason: [unclosed\n';
    const dir = repo(broken);
    const r = await runCli(['waive', FP, '--reason', 'r', '--expires', '2999-01-31', '-C', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/waivers\.yaml:\d+:\d+: invalid waivers/);
    expect(readFileSync(path.join(dir, 'waivers.yaml'), 'utf8')).toBe(broken);
  });
});

describe('check reports expired and unused waivers', () => {
  it('with the file and line of each, in text and JSON', async () => {
    const cwd = path.join(FIXTURES, 'policy/waivers');
    const json = await runCli(['check', '-f', 'json', '-C', cwd]);
    const report = JSON.parse(json.stdout);
    expect(reportValidator()(report)).toBe(true);
    expect(report.waivers).toEqual([
      {
        file: 'treaty-waivers.yaml',
        line: 9,
        rule: 'response-required-property-removed',
        state: 'expired',
        expires: '2020-01-01',
      },
      {
        file: 'treaty-waivers.yaml',
        line: 15,
        rule: 'response-property-type-changed',
        state: 'unused',
      },
    ]);
    const text = await runCli(['check', '-C', cwd]);
    expect(text.stdout).toContain(
      'treaty-waivers.yaml:9  waiver  waiver for response-required-property-removed expired on 2020-01-01: it no longer waives',
    );
    expect(text.stdout).toContain(
      'treaty-waivers.yaml:15  waiver  waiver for response-property-type-changed matched no finding: remove it',
    );
  });
});
