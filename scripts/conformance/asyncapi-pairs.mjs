#!/usr/bin/env node
// Real AsyncAPI document pairs from public repositories' histories, judged by hand
// (asyncapi-pairs.tsv: repo, base commit, base path, revision commit, revision path, expected,
// reason, options). The documents are not committed: they are read from local git mirrors of
// those repositories (`/work/.mirror/<owner>+<name>/repo`, a bare git directory or a clone with
// `.git`; or MIRRORS=<dir>), so the pairs are exactly the stored commits.
//
// Each pair runs `treaty diff base rev --format json --fail-on never` (lenient, as a real run).
// A pair with options (`perspective=client`: a document written from the client's side) runs
// `treaty check --against <base folder>` with a treaty.yaml holding those options instead. The
// verdict (any breaking finding) is compared with the judgement:
//   breaking  the change breaks a consumer           (treaty must report a breaking finding)
//   ok        nothing a consumer can notice          (no breaking finding)
//   adds      the revision only adds or loosens      (no breaking finding: the add-only count)
//   unclear   judged, but reasonable people differ   (recorded, not counted)
//   skip      a document that is not valid YAML      (must end in a clean exit 2, not counted)
//
//   node scripts/conformance/asyncapi-pairs.mjs [--verbose] [--repo owner/name] [--expected adds]
//                                               [--evolution backward]   (default: expansion)
//   node scripts/conformance/asyncapi-pairs.mjs --repos        # the mirrors the pairs need
//   node scripts/conformance/asyncapi-pairs.mjs --list owner/name path   # candidate pairs
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
const gitDir = (repo) => {
  const dir = path.join(MIRRORS, repo.replace('/', '+'), 'repo');
  return fs.existsSync(path.join(dir, '.git')) ? path.join(dir, '.git') : dir;
};
const git = (repo, ...args) =>
  execFileSync('git', ['--git-dir', gitDir(repo), ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });

const rows = fs
  .readFileSync(path.join(here, 'asyncapi-pairs.tsv'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => {
    const [repo, bc, bp, rc, rp, expected, reason, options] = l.split('\t');
    return { repo, bc, bp, rc, rp, expected, reason, options: parseOptions(options) };
  });

function parseOptions(text) {
  const out = {};
  for (const kv of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    const [k, v] = kv.split('=');
    out[k] = v ?? true;
  }
  return out;
}

const argv = process.argv.slice(2);
if (argv[0] === '--repos') {
  for (const r of [...new Set(rows.map((r) => r.repo))]) {
    const have = fs.existsSync(gitDir(r)) ? 'fetched' : 'missing';
    console.log(`${r}\t${have}\t${rows.filter((x) => x.repo === r).length} pairs`);
  }
  process.exit(0);
}
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
const only = argv.includes('--repo') ? argv[argv.indexOf('--repo') + 1] : undefined;
const label = argv.includes('--expected') ? argv[argv.indexOf('--expected') + 1] : undefined;
const evolution = argv.includes('--evolution') ? argv[argv.indexOf('--evolution') + 1] : undefined;
const mode = evolution ? ['--evolution', evolution] : [];

/** The YAML/JSON files beside (and below) `file` at `commit`, written into `into`. */
function writeSiblings(repo, commit, file, into) {
  const folder = path.posix.dirname(file);
  const listing = git(
    repo,
    'ls-tree',
    '-r',
    '-l',
    commit,
    '--',
    folder === '.' ? '.' : folder + '/',
  )
    .split('\n')
    .filter(Boolean)
    .map((l) => /^\S+ blob \S+\s+(\d+)\t(.*)$/.exec(l))
    .filter((m) => m && /\.(ya?ml|json)$/i.test(m[2]) && Number(m[1]) < 8 << 20 && m[2] !== file);
  for (const m of listing.slice(0, 300)) {
    const rel = folder === '.' ? m[2] : path.posix.relative(folder, m[2]);
    if (rel.startsWith('.')) continue;
    fs.mkdirSync(path.join(into, path.dirname(rel)), { recursive: true });
    fs.writeFileSync(path.join(into, rel), git(repo, 'show', `${commit}:${m[2]}`));
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'treaty-pairs-'));
const SPEC = 'asyncapi/spec';
// Tallies: all pairs, and the pairs from repositories other than the spec's own examples.
const tally = () => ({ pairs: 0, judged: 0, agree: 0, adds: 0, addsBreaking: 0, unclear: 0 });
const all = tally();
const wider = tally();
const disagreements = [];
for (const [i, r] of rows.entries()) {
  if ((only && r.repo !== only) || (label && r.expected !== label)) continue;
  const t = r.repo === SPEC ? [all] : [all, wider];
  t.forEach((x) => x.pairs++);
  const dir = path.join(tmp, String(i));
  fs.mkdirSync(path.join(dir, 'base'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'rev'), { recursive: true });
  // The same file name on both sides (check pairs the contract by its path), next to the
  // document's sibling files at that commit (multi-file documents refer to them).
  const name = path.basename(r.rp);
  const b = path.join(dir, 'base', name);
  const v = path.join(dir, 'rev', name);
  writeSiblings(r.repo, r.bc, r.bp, path.join(dir, 'base'));
  writeSiblings(r.repo, r.rc, r.rp, path.join(dir, 'rev'));
  fs.writeFileSync(b, git(r.repo, 'show', `${r.bc}:${r.bp}`));
  fs.writeFileSync(v, git(r.repo, 'show', `${r.rc}:${r.rp}`));
  const optionKeys = Object.keys(r.options);
  let args;
  let cwd;
  if (optionKeys.length) {
    const opts = optionKeys.map((k) => `    ${k}: ${r.options[k]}\n`).join('');
    fs.writeFileSync(
      path.join(dir, 'rev', 'treaty.yaml'),
      `contracts:\n  - id: asyncapi\n    path: ${name}\n    lenient: true\n${opts}`,
    );
    args = [
      TREATY,
      'check',
      '--against',
      '../base',
      '--format',
      'json',
      '--fail-on',
      'never',
      ...mode,
    ];
    cwd = path.join(dir, 'rev');
  } else {
    args = [TREATY, 'diff', b, v, '--format', 'json', '--fail-on', 'never', ...mode];
  }
  let out;
  try {
    out = execFileSync('node', args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(cwd ? { cwd } : {}),
    });
  } catch (e) {
    out = e.stdout || '';
    if (!out) {
      const mark = r.expected === 'skip' ? '-' : 'E';
      console.log(
        `${i + 1}\t${mark}\tERROR\t${r.repo} ${r.bp}: ${(e.stderr || '').split('\n')[0]}`,
      );
      continue;
    }
  }
  const report = JSON.parse(out);
  const findings = (report.contracts ?? report.results ?? []).flatMap((c) => c.findings ?? []);
  const found = findings.length ? findings : (report.findings ?? []);
  const breaking = found.filter((f) => f.severity === 'breaking');
  const verdict = breaking.length ? 'breaking' : 'ok';
  const want = r.expected === 'adds' ? 'ok' : r.expected;
  const clear = ['breaking', 'ok', 'adds'].includes(r.expected);
  if (clear) {
    t.forEach((x) => x.judged++);
    if (want === verdict) t.forEach((x) => x.agree++);
  }
  if (r.expected === 'adds') {
    t.forEach((x) => x.adds++);
    if (breaking.length) t.forEach((x) => x.addsBreaking++);
  }
  if (r.expected === 'unclear') t.forEach((x) => x.unclear++);
  const mark = !clear ? '-' : want === verdict ? '=' : 'X';
  if (mark === 'X') disagreements.push(i + 1);
  console.log(
    `${i + 1}\t${mark}\t${r.expected}\t${verdict}\t${r.repo} ${r.rp} ${r.bc}..${r.rc}` +
      (optionKeys.length ? ` (${optionKeys.map((k) => `${k}=${r.options[k]}`).join(' ')})` : ''),
  );
  if (verbose || mark === 'X') {
    for (const f of found.filter((f) => f.severity !== 'info')) {
      console.log(`\t\t${f.severity} ${f.rule}: ${f.message}`);
    }
  }
}
const line = (label, x) =>
  `${label}: ${x.pairs} pairs, ${x.judged} clear-cut, ${x.agree}/${x.judged} agree ` +
  `(${((100 * x.agree) / Math.max(x.judged, 1)).toFixed(1)} %); ${x.adds} add-only pairs, ` +
  `${x.addsBreaking} of them with a breaking finding; ${x.unclear} unclear`;
console.log('\n' + line('all pairs', all));
console.log(line(`beyond ${SPEC}`, wider));
if (disagreements.length) console.log(`disagreements: ${disagreements.join(', ')}`);
fs.rmSync(tmp, { recursive: true, force: true });
