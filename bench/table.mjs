#!/usr/bin/env node
// The side-by-side benchmark of issue 12: for each contract pair of the corpus (bench/corpus.json),
// treaty, the peer tools that read that format and the floors (what any tool must at least do), each
// run as its own process, alternating A B C A B C after one warm-up round, and one table of medians.
//
// Usage: npm run build && node bench/table.mjs [options]
//   --runs N        measured runs per tool (default 5)
//   --quick         one measured run (for development; numbers are noisy)
//   --only a,b      only these pairs (ids below)
//   --timeout S     give up on a run after S seconds (default 600; buf breaking and buf build get
//                   three times as long); a tool whose warm-up fails or times out is not run again
//                   and shows why
//   --readme        also rewrite the table in README.md (between the bench markers)
// Writes the table to stdout and, as Markdown with the date and machine, to bench/.cache/latest.md.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHANGES } from './generate.mjs';
import { ChecksumError, BENCH, CACHE, installPeers, prepareCorpus } from './lib/corpus.mjs';
import { hasGnuTime, measure } from './lib/measure.mjs';
import { renderMarkdown, renderText, replaceBetween, summarise } from './lib/stats.mjs';

const ROOT = path.resolve(BENCH, '..');
const TREATY = path.join(ROOT, 'bin', 'treaty.js');
const PEERS = path.join(BENCH, 'peers');
const README_START = '<!-- bench:table:start -->';
const README_END = '<!-- bench:table:end -->';

// ---------------------------------------------------------------------------------------------
// Options

function options(argv) {
  const o = { runs: 5, only: undefined, timeout: 600, readme: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--runs') o.runs = Number(value());
    else if (a === '--quick') o.runs = 1;
    else if (a === '--only') o.only = new Set(value().split(','));
    else if (a === '--timeout') o.timeout = Number(value());
    else if (a === '--readme') o.readme = true;
    else usage(`unknown option ${a}`);
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) usage('--runs takes a whole number ≥ 1');
  if (!(o.timeout > 0)) usage('--timeout takes seconds > 0');
  return o;
}

function usage(message) {
  console.error(`bench/table.mjs: ${message}`);
  console.error(
    'usage: node bench/table.mjs [--runs N | --quick] [--only pair,…] [--timeout S] [--readme]',
  );
  console.error(`pairs: ${PAIRS.map((p) => p.id).join(', ')}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Pairs and the tools that run on them

const pkgFile = (spec, file) => ({ spec, file });
const PAIRS = [
  {
    id: 'github',
    label: 'GitHub REST 22.0.0 → 23.0.2 (13 MB JSON)',
    format: 'openapi',
    base: pkgFile('@octokit/openapi@22.0.0', 'package/generated/api.github.com.json'),
    revision: pkgFile('@octokit/openapi@23.0.2', 'package/generated/api.github.com.json'),
  },
  {
    id: 'blockfrost',
    label: 'Blockfrost 0.1.92 → 0.1.93 (0.5 MB YAML)',
    format: 'openapi',
    base: pkgFile('@blockfrost/openapi@0.1.92', 'package/openapi.yaml'),
    revision: pkgFile('@blockfrost/openapi@0.1.93', 'package/openapi.yaml'),
  },
  {
    id: 'directus',
    label: 'Directus 15.1.1 → 15.2.0 (0.3 MB JSON)',
    format: 'openapi',
    base: pkgFile('@directus/specs@15.1.1', 'package/dist/openapi.json'),
    revision: pkgFile('@directus/specs@15.2.0', 'package/dist/openapi.json'),
  },
  {
    id: 'openapi-tree',
    label: 'own OpenAPI $ref tree (generated, ~380 YAML files)',
    format: 'openapi',
    generated: 'openapi-tree',
    root: 'acme-cloud.v2.yaml',
    tree: true,
  },
  {
    id: 'asyncapi',
    label: 'own AsyncAPI 2.6, 320 Kafka channels (generated, 0.9 MB)',
    format: 'asyncapi',
    generated: 'asyncapi',
    root: 'asyncapi.yaml',
  },
  {
    id: 'protobuf',
    label: 'google-proto-files 6.0.0 → 6.0.1 (~8 000 .proto)',
    format: 'protobuf',
    base: pkgFile('google-proto-files@6.0.0', 'package'),
    revision: pkgFile('google-proto-files@6.0.1', 'package'),
  },
];

// google-proto-files as one buf module: the package root minus node_modules and google/protobuf
// (protobuf's own test protos, some of which do not compile; buf and treaty both supply the
// well-known types themselves), FILE category. The same buf.yaml is read by buf and by treaty.
const BUF_YAML = `version: v2
modules:
  - path: .
    excludes: [node_modules, google/protobuf]
breaking:
  use: [FILE]
`;

function bufBinary() {
  const dir = path.join(ROOT, 'node_modules', '@bufbuild');
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const bin = path.join(dir, name, 'bin', process.platform === 'win32' ? 'buf.exe' : 'buf');
    if (name.startsWith('buf-') && existsSync(bin)) return bin;
  }
  return path.join(ROOT, 'node_modules', '.bin', 'buf');
}

const node = (script, ...args) => [process.execPath, [script, ...args]];
const lastJson = (stdout) => JSON.parse(stdout.trim().split('\n').pop());

/** The tools of one pair: `{ tool, kind, note?, cmd: [exe, args], breaking?(result) }`. */
function toolsFor(pair, base, revision) {
  const treaty = {
    tool: 'treaty',
    kind: 'treaty',
    cmd: node(TREATY, 'diff', base, revision, '--format', 'json', '--fail-on', 'never'),
    ok: (r) => r.code === 0,
    breaking: (r) => JSON.parse(r.stdout).summary.breaking,
  };
  const peerScript = (name, ...args) => node(path.join(PEERS, `${name}.mjs`), ...args);
  const bundle = pair.tree ? ['--bundle'] : [];
  const bundled = pair.tree ? 'bundled first' : undefined;
  const counted = { ok: (r) => r.code === 0, breaking: (r) => lastJson(r.stdout).breaking };
  const floor = { ok: (r) => r.code === 0 };
  if (pair.format === 'openapi') {
    return [
      treaty,
      {
        tool: 'api-smart-diff',
        kind: 'peer',
        note: bundled,
        cmd: peerScript('api-smart-diff', ...bundle, base, revision),
        ...counted,
      },
      {
        tool: 'openapi-diff',
        kind: 'peer',
        note: bundled,
        cmd: peerScript('openapi-diff', ...bundle, base, revision),
        ...counted,
      },
      {
        tool: 'parse (JSON/YAML)',
        kind: 'floor',
        cmd: peerScript(
          'parse',
          pair.tree ? path.dirname(base) : base,
          pair.tree ? path.dirname(revision) : revision,
        ),
        ...floor,
      },
      {
        tool: 'swagger-parser dereference',
        kind: 'floor',
        cmd: peerScript('dereference', base, revision),
        ...floor,
      },
    ];
  }
  if (pair.format === 'asyncapi') {
    return [
      treaty,
      {
        tool: '@asyncapi/diff',
        kind: 'peer',
        note: 'with its parser',
        cmd: peerScript('asyncapi-diff', base, revision),
        ...counted,
      },
      {
        tool: 'api-smart-diff',
        kind: 'peer',
        cmd: peerScript('api-smart-diff', base, revision),
        ...counted,
      },
      { tool: 'parse (YAML)', kind: 'floor', cmd: peerScript('parse', base, revision), ...floor },
    ];
  }
  const buf = bufBinary();
  return [
    treaty,
    {
      tool: 'buf breaking',
      kind: 'peer',
      cmd: [buf, ['breaking', revision, '--against', base, '--error-format', 'json']],
      ok: (r) => r.code === 0 || r.code === 100,
      timeoutFactor: 3,
      breaking: (r) => r.stdout.split('\n').filter((l) => l.trim()).length,
    },
    {
      tool: 'buf build (both)',
      kind: 'floor',
      cmd: ['/bin/sh', ['-c', `"${buf}" build "${base}" && "${buf}" build "${revision}"`]],
      timeoutFactor: 3,
      ...floor,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Running

/** A message with the repository's absolute path taken out (notes end up in the README). */
const relative = (text) => text.replaceAll(`${ROOT}${path.sep}`, '');

async function runOnce(t, timeoutMs) {
  const [exe, args] = t.cmd;
  timeoutMs *= t.timeoutFactor ?? 1;
  const r = await measure(exe, args, { cwd: ROOT, timeoutMs });
  if (r.timedOut) return { ...r, failure: `timeout > ${timeoutMs / 1000} s` };
  if (!t.ok(r)) {
    const lines = r.stderr.split('\n').map((l) => l.trim());
    const refused = lines.find((l) => l.startsWith('refused: '));
    if (r.code === 3 && refused)
      return { ...r, failure: 'refused', why: relative(refused.slice(9)) };
    const why = lines.find((l) => /error/i.test(l)) ?? lines.filter(Boolean).pop() ?? '';
    return { ...r, failure: `failed (exit ${r.code})`, why: relative(why) };
  }
  try {
    return { ...r, breaking: t.breaking?.(r) };
  } catch (e) {
    return { ...r, failure: 'unreadable output', why: String(e) };
  }
}

async function benchPair(pair, tools, o, log) {
  const timeoutMs = o.timeout * 1000;
  const results = tools.map((t) => ({
    pair: pair.id,
    tool: t.tool,
    kind: t.kind,
    note: t.note,
    runs: [],
  }));
  const last = new Map();
  const failures = [];
  log(`${pair.id}: warm-up`);
  const alive = [];
  for (const [i, t] of tools.entries()) {
    const r = await runOnce(t, timeoutMs);
    if (r.failure) {
      results[i].runs.push({ failure: r.failure });
      const why = `${pair.id}, ${t.tool}: ${r.failure}${r.why ? `: ${r.why.slice(0, 240)}` : ''}`;
      failures.push(why);
      log(`  ${why}`);
    } else alive.push(i);
  }
  for (let n = 1; n <= o.runs; n++) {
    log(`${pair.id}: run ${n}/${o.runs}`);
    for (const i of alive) {
      const r = await runOnce(tools[i], timeoutMs);
      results[i].runs.push({
        wall: r.wall,
        rssMb: r.rssMb,
        breaking: r.breaking,
        failure: r.failure,
      });
      if (r.failure) {
        const why = `${pair.id}, ${tools[i].tool}: ${r.failure} in run ${n}${r.why ? `: ${r.why.slice(0, 240)}` : ''}`;
        failures.push(why);
        log(`  ${why}`);
      } else last.set(tools[i].tool, r);
    }
  }
  return { results, last, failures };
}

// ---------------------------------------------------------------------------------------------
// protobuf: treaty's findings against buf's, as (buf rule id, file in the new tree, line, column)

async function compareWithBuf(last, base, revision) {
  const treaty = last.get('treaty');
  const buf = last.get('buf breaking');
  if (!treaty || !buf) return 'findings not compared (treaty or buf did not finish)';
  const { PROTOBUF_BREAKING_RULES } = await import('../dist/formats/protobuf/rules.js');
  const toBuf = new Map(PROTOBUF_BREAKING_RULES.map((r) => [r.id, r.equivalents.buf[0]]));
  const key = (rule, file, line, column) => `${rule} ${file}:${line}:${column}`;
  const rel = (file) => path.relative(revision, path.resolve(ROOT, file)).split(path.sep).join('/');
  const ours = [];
  for (const f of JSON.parse(treaty.stdout).findings) {
    const id = toBuf.get(f.rule);
    if (!id) continue;
    // buf prints a deletion that has no current file (a deleted file or package) with no path, at 1:1.
    const file = rel(f.location.file);
    ours.push(
      file.endsWith('.proto')
        ? key(id, file, f.location.line, f.location.column)
        : key(id, '-', 1, 1),
    );
  }
  const theirs = buf.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .map((d) =>
      key(d.type, d.path ? rel(path.resolve(revision, d.path)) : '-', d.start_line, d.start_column),
    );
  const count = (xs) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map());
  const a = count(ours);
  const b = count(theirs);
  const onlyTreaty = [...a].filter(([k, n]) => (b.get(k) ?? 0) < n).map(([k]) => k);
  const onlyBuf = [...b].filter(([k, n]) => (a.get(k) ?? 0) < n).map(([k]) => k);
  if (!onlyTreaty.length && !onlyBuf.length) {
    return `protobuf: treaty and buf report the same ${theirs.length} breaking findings (rule, file, line, column)`;
  }
  return [
    `protobuf: DIFFERENT findings: treaty ${ours.length}, buf ${theirs.length}; ${onlyTreaty.length} only in treaty, ${onlyBuf.length} only in buf`,
    ...onlyTreaty.slice(0, 10).map((k) => `  treaty: ${k}`),
    ...onlyBuf.slice(0, 10).map((k) => `  buf:    ${k}`),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------

export function machine() {
  const cpus = os.cpus();
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

async function main() {
  const o = options(process.argv.slice(2));
  const log = (m) => process.stderr.write(`${m}\n`);
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'index.js'))) {
    console.error('dist/ is missing: run `npm run build` first (npm run bench does)');
    process.exit(2);
  }
  const pairs = PAIRS.filter((p) => !o.only || o.only.has(p.id));
  if (o.only) for (const id of o.only) if (!PAIRS.some((p) => p.id === id)) usage(`no pair ${id}`);
  const wanted = new Set(
    pairs.flatMap((p) => (p.generated ? [p.generated] : [p.base.spec, p.revision.spec])),
  );
  let corpus;
  try {
    corpus = prepareCorpus({ only: wanted, log });
  } catch (e) {
    if (!(e instanceof ChecksumError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
  const peers = installPeers(corpus.manifest.peers, { log });
  if (!hasGnuTime)
    log('peak RSS not measured: /usr/bin/time (GNU time) is missing (apt-get install time)');

  const results = [];
  const notes = [];
  for (const pair of pairs) {
    let base;
    let revision;
    if (pair.generated) {
      const dir = corpus.generated[pair.generated];
      [base, revision] = ['base', 'revision'].map((s) => path.join(dir, s, pair.root));
    } else {
      [base, revision] = [pair.base, pair.revision].map((s) =>
        path.join(corpus.packages[s.spec], s.file),
      );
    }
    if (pair.format === 'protobuf')
      for (const d of [base, revision]) writeFileSync(path.join(d, 'buf.yaml'), BUF_YAML);
    const r = await benchPair(pair, toolsFor(pair, base, revision), o, log);
    results.push(...r.results);
    notes.push(...r.failures);
    if (pair.format === 'protobuf') notes.push(await compareWithBuf(r.last, base, revision));
  }

  const rows = summarise(results);
  const date = new Date().toISOString().slice(0, 10);
  const header =
    `Measured ${date} on ${machine()}; median of ${o.runs} run${o.runs === 1 ? '' : 's'} per tool, ` +
    `each a separate process, alternating after a warm-up${hasGnuTime ? '' : '; peak RSS not measured (no GNU time)'}.`;
  const legend = pairs.map((p) => {
    const c = p.generated && CHANGES[p.generated];
    const changes = c
      ? `; ${c.breaking.length} breaking and ${c.additive.length} additive changes by design`
      : '';
    return `- \`${p.id}\`: ${p.label}${changes}`;
  });
  const peerVersions = `Peers: api-smart-diff ${peers['api-smart-diff'] ?? '?'}, ${versionOf('openapi-diff')}, ${versionOf('@asyncapi/diff')} with ${versionOf('@asyncapi/parser')}, ${versionOf('@bufbuild/buf')}.`;
  console.log(`\n${header}\n\n${renderText(rows)}\n\n${notes.join('\n')}`);
  const markdown = [
    header,
    '',
    renderMarkdown(rows),
    '',
    ...legend,
    '',
    peerVersions,
    '',
    ...notes.map((n) => `- ${n}`),
  ]
    .join('\n')
    .trimEnd();
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(path.join(CACHE, 'latest.md'), `${markdown}\n`);
  log(`\nwrote ${path.relative(process.cwd(), path.join(CACHE, 'latest.md'))}`);
  if (o.readme) {
    const readme = path.join(ROOT, 'README.md');
    writeFileSync(
      readme,
      replaceBetween(readFileSync(readme, 'utf8'), README_START, README_END, markdown),
    );
    log('rewrote the benchmark table in README.md');
  }
  if (notes.some((n) => n.includes('DIFFERENT'))) process.exitCode = 1;
}

function versionOf(name) {
  try {
    return `${name} ${JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version}`;
  } catch {
    return `${name} (not installed)`;
  }
}

await main();
