// Benchmark: treaty vs buf breaking on google-proto-files 6.0.0 → 6.0.1 (~8 000 files).
// Run after `npx tsc`:  node bench/protobuf.mjs [old-dir new-dir]
// Prints wall time and peak RSS of each tool (GNU time when present) and compares the findings.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The two releases are fetched with `npm pack` into bench/.cache (git-ignored) on first run: they
// are benchmark data, not dependencies (and they declare node >= 22).
function fetchRelease(version) {
  const dir = path.join(repo, 'bench', '.cache', 'protobuf', version);
  const root = path.join(dir, 'package');
  if (existsSync(path.join(root, 'package.json'))) return root;
  mkdirSync(dir, { recursive: true });
  const tgz = execFileSync('npm', ['pack', `google-proto-files@${version}`, '--silent'], { cwd: dir })
    .toString()
    .trim()
    .split('\n')
    .pop();
  execFileSync('tar', ['xzf', path.join(dir, tgz), '-C', dir]);
  return root;
}

const [oldDir, newDir] = process.argv.slice(2).length
  ? process.argv.slice(2).map((p) => path.resolve(p))
  : ['6.0.0', '6.0.1'].map(fetchRelease);

// The same module for both tools: the package root minus node_modules (npm dependencies of the
// package) and google/protobuf (protobuf's own test protos, some of which do not compile; buf and
// treaty both supply the well-known types themselves).
const EXCLUDES = ['node_modules', 'google/protobuf'];
const bufConfig = JSON.stringify({ version: 'v2', modules: [{ path: '.', excludes: EXCLUDES }] });
// buf gets a v2 config (v2 FILE defaults); treaty without a buf.yaml would use buf's v1 defaults, so it
// is given the same category explicitly (treaty options follow v2 membership).
const treatyOptions = JSON.stringify({ excludes: EXCLUDES, categories: ['FILE'] });

function bufBinary() {
  const dir = path.join(repo, 'node_modules', '@bufbuild');
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const bin = path.join(dir, name, 'bin', process.platform === 'win32' ? 'buf.exe' : 'buf');
    if (name.startsWith('buf-') && existsSync(bin)) return bin;
  }
  return path.join(repo, 'node_modules', '.bin', 'buf');
}

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);

/** Runs a command, returns wall ms, peak RSS (kB, from GNU time) and output. */
function run(cmd, args) {
  return new Promise((resolve, reject) => {
    const argv = hasGnuTime ? ['-v', cmd, ...args] : args;
    const started = process.hrtime.bigint();
    const child = spawn(hasGnuTime ? GNU_TIME : cmd, argv, { cwd: repo });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ code, wallMs, maxRssKb: rss ? Number(rss[1]) : undefined, stdout, stderr });
    });
  });
}

const mb = (kb) => (kb === undefined ? 'n/a' : `${(kb / 1024).toFixed(0)} MB`);
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

if (!existsSync(path.join(repo, 'dist', 'formats', 'protobuf', 'adapter.js'))) {
  console.error('dist/ is missing: run `npx tsc` first');
  process.exit(2);
}
const tmp = mkdtempSync(path.join(tmpdir(), 'treaty-bench-'));
const treatyOut = path.join(tmp, 'treaty.json');
console.log(`old: ${oldDir}\nnew: ${newDir}\n`);

const treaty = await run(process.execPath, [
  path.join(repo, 'bench', '_protobuf-treaty.mjs'),
  oldDir,
  newDir,
  treatyOut,
  treatyOptions,
]);
if (treaty.code !== 0) {
  console.error(treaty.stderr);
  process.exit(1);
}
const inner = JSON.parse(treaty.stdout.trim().split('\n').pop());
console.log(
  `treaty  wall ${s(treaty.wallMs)}  peak RSS ${mb(treaty.maxRssKb ?? inner.maxRssKb)}  ` +
    `(load old ${s(inner.ms.loadOld)}, load new ${s(inner.ms.loadNew)}, compare ${s(inner.ms.compare)})`,
);

const buf = await run(bufBinary(), [
  'breaking',
  newDir,
  '--against',
  oldDir,
  '--config',
  bufConfig,
  '--against-config',
  bufConfig,
  '--error-format',
  'json',
]);
if (buf.code !== 0 && buf.code !== 100) {
  console.error(buf.stderr);
  process.exit(1);
}
console.log(`buf     wall ${s(buf.wallMs)}  peak RSS ${mb(buf.maxRssKb)}`);
console.log(
  `speed-up ${(buf.wallMs / treaty.wallMs).toFixed(1)}x, memory ${
    buf.maxRssKb && treaty.maxRssKb
      ? `${((treaty.maxRssKb / buf.maxRssKb) * 100).toFixed(0)}% of buf`
      : 'n/a'
  }\n`,
);

// Findings, as comparable rows: buf rule id, path in the new tree, line, column. buf prints
// deletions without a current file (a deleted file or package) with no path at 1:1.
const catalogue = JSON.parse(readFileSync(treatyOut, 'utf8'));
const ruleToBuf = new Map();
{
  const { PROTOBUF_BREAKING_RULES } = await import('../dist/formats/protobuf/rules.js');
  for (const r of PROTOBUF_BREAKING_RULES) ruleToBuf.set(r.id, r.equivalents.buf[0]);
}
const key = (rule, file, line, column) => `${rule} ${file}:${line}:${column}`;
const ours = [];
let infos = 0;
for (const f of catalogue) {
  const id = ruleToBuf.get(f.rule);
  if (!id) {
    infos++;
    continue;
  }
  const inNew = f.location.file.startsWith(newDir + path.sep);
  ours.push(
    inNew
      ? key(
          id,
          path.relative(newDir, f.location.file).split(path.sep).join('/'),
          f.location.line,
          f.location.column,
        )
      : key(id, '-', 1, 1),
  );
}
const theirs = buf.stdout
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l))
  .map((d) =>
    key(
      d.type,
      d.path ? path.relative(newDir, path.resolve(newDir, d.path)).split(path.sep).join('/') : '-',
      d.start_line,
      d.start_column,
    ),
  );
const count = (xs) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map());
const a = count(ours);
const b = count(theirs);
const onlyTreaty = [...a].filter(([k, n]) => (b.get(k) ?? 0) < n).map(([k]) => k);
const onlyBuf = [...b].filter(([k, n]) => (a.get(k) ?? 0) < n).map(([k]) => k);
console.log(
  `findings: treaty ${ours.length} breaking (+${infos} additions as info), buf ${theirs.length}`,
);
console.log(
  onlyTreaty.length || onlyBuf.length
    ? `DIFFERENT: ${onlyTreaty.length} only in treaty, ${onlyBuf.length} only in buf\n` +
        [
          ...onlyTreaty.slice(0, 10).map((k) => `  treaty: ${k}`),
          ...onlyBuf.slice(0, 10).map((k) => `  buf:    ${k}`),
        ].join('\n')
    : 'same findings (rule, file, line, column) as buf',
);
rmSync(tmp, { recursive: true, force: true });
process.exitCode = onlyTreaty.length || onlyBuf.length ? 1 : 0;
