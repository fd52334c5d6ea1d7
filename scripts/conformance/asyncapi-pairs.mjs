#!/usr/bin/env node
// Real AsyncAPI document pairs from public repositories' histories, judged by hand
// (asyncapi-pairs.tsv: repo, base commit, base path, revision commit, revision path, expected,
// reason). The documents are not committed: they are read from local git mirrors of those
// repositories (`/work/.mirror/<owner>+<name>/repo`, or MIRRORS=<dir>), so the pairs are exactly
// the stored commits. Each pair runs `treaty diff base rev --format json --fail-on never` (lenient,
// as a real run) and the verdict (any breaking finding) is compared with the judgement.
//
//   node scripts/conformance/asyncapi-pairs.mjs [--list owner/name path] [--verbose]
//
// `--list` prints the consecutive changed versions of one file (following renames) to pick from.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const TREATY = process.env.TREATY ?? path.resolve(here, '../../bin/treaty.js');
const MIRRORS = process.env.MIRRORS ?? '/work/.mirror';
const git = (repo, ...args) =>
  execFileSync('git', ['--git-dir', path.join(MIRRORS, repo.replace('/', '+'), 'repo'), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });

const argv = process.argv.slice(2);
if (argv[0] === '--list') {
  const [repo, file] = argv.slice(1);
  const lines = git(repo, 'log', '--follow', '--name-only', '--format=%H %cs', '--', file)
    .split('\n')
    .filter((l) => l.trim());
  const versions = [];
  for (const l of lines) {
    const m = /^([0-9a-f]{40}) (\S+)$/.exec(l);
    if (m) versions.push({ commit: m[1], date: m[2] });
    else if (versions.length && !versions[versions.length - 1].path) {
      versions[versions.length - 1].path = l.trim();
    }
  }
  const spec = (v) => {
    try {
      return (
        /asyncapi['"]?\s*:\s*['"]?([0-9.]+)/.exec(
          git(repo, 'show', `${v.commit}:${v.path}`),
        )?.[1] ?? '?'
      );
    } catch {
      return 'gone';
    }
  };
  for (let i = versions.length - 1; i > 0; i--) {
    const b = versions[i];
    const r = versions[i - 1];
    const sv = `${spec(b)}->${spec(r)}`;
    if (!/^[23]/.test(sv) || sv.includes('gone')) continue;
    console.log(
      [repo, b.commit.slice(0, 10), b.path, r.commit.slice(0, 10), r.path, sv, r.date].join('\t'),
    );
  }
  process.exit(0);
}
const verbose = argv.includes('--verbose');

const rows = fs
  .readFileSync(path.join(here, 'asyncapi-pairs.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [repo, bc, bp, rc, rp, expected, reason, options] = l.split('\t');
    return { repo, bc, bp, rc, rp, expected, reason, options };
  });

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-pairs-'));
let agree = 0;
let judged = 0;
let addOnlyBreaking = 0;
for (const [i, r] of rows.entries()) {
  const dir = path.join(tmp, String(i));
  const ext = (p) => (p.endsWith('.json') ? '.json' : '.yaml');
  fs.mkdirSync(path.join(dir, 'base'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'rev'), { recursive: true });
  const b = path.join(dir, 'base', 'asyncapi' + ext(r.bp));
  const v = path.join(dir, 'rev', 'asyncapi' + ext(r.rp));
  fs.writeFileSync(b, git(r.repo, 'show', `${r.bc}:${r.bp}`));
  fs.writeFileSync(v, git(r.repo, 'show', `${r.rc}:${r.rp}`));
  let out;
  try {
    out = execFileSync('node', [TREATY, 'diff', b, v, '--format', 'json', '--fail-on', 'never'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    out = e.stdout || '';
    if (!out) {
      console.log(`${i + 1}\tERROR\t${r.repo} ${r.bp}: ${(e.stderr || '').split('\n')[0]}`);
      continue;
    }
  }
  const report = JSON.parse(out);
  const findings = (report.contracts ?? report.results ?? []).flatMap((c) => c.findings ?? []);
  const all = findings.length ? findings : (report.findings ?? []);
  const breaking = all.filter((f) => f.severity === 'breaking');
  const verdict = breaking.length ? 'breaking' : 'ok';
  if (r.expected === 'breaking' || r.expected === 'ok' || r.expected === 'adds') {
    judged++;
    const want = r.expected === 'adds' ? 'ok' : r.expected;
    if (want === verdict) agree++;
    if (r.expected === 'adds' && breaking.length) addOnlyBreaking++;
  }
  const mark =
    r.expected === 'skip' || r.expected === 'unclear'
      ? '-'
      : (r.expected === 'adds' ? 'ok' : r.expected) === verdict
        ? '='
        : 'X';
  console.log(`${i + 1}\t${mark}\t${r.expected}\t${verdict}\t${r.repo} ${r.rp} ${r.bc}..${r.rc}`);
  if (verbose || mark === 'X') {
    for (const f of all.filter((f) => f.severity !== 'info')) {
      console.log(`\t\t${f.severity} ${f.rule}: ${f.message}`);
    }
  }
}
console.log(
  `\n${agree}/${judged} judged pairs agree (${((100 * agree) / Math.max(judged, 1)).toFixed(1)} %); ` +
    `${addOnlyBreaking} add-only pairs with a breaking finding; ${rows.length} pairs`,
);
fs.rmSync(tmp, { recursive: true, force: true });
