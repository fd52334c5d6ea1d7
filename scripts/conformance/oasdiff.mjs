#!/usr/bin/env node
// OpenAPI conformance with oasdiff: treaty's verdicts and findings on oasdiff's own test pairs.
//
//   node scripts/conformance/oasdiff.mjs <oasdiff-checkout>            run the case table
//   node scripts/conformance/oasdiff.mjs <oasdiff-checkout> --verbose  … with every disagreement's findings
//   node scripts/conformance/oasdiff.mjs extract <oasdiff-checkout>    derive the table from checker/*_test.go
//
// The checkout is any tree of oasdiff/oasdiff holding `data/` and `checker/` (a `git worktree` or
// `git archive` of a mirror). Its spec files are never copied into this repository: the table
// (`oasdiff-cases.tsv`, beside this script) names them by path. Options: `--table <tsv>`,
// `--treaty <bin/treaty.js>` (run that CLI as a child process, `--jobs <n>` at a time; default: this
// repository's built dist/ in this process, so run `npm run build` first).
//
// Table columns: base, revision (paths in the checkout), expected (oasdiff check ids the Go tests
// assert, `-` for none), level (the highest level among them: ERR, WARN, INFO or NONE), scope
// (`exact`: a test asserts every change all checks report, so the level is oasdiff's verdict;
// `asserted`: the tests assert only some checks, the verdict is inferred from them), tests (Go test
// names), note (why a disagreement is known and deliberate; empty otherwise).
//
// Agreement: verdict — treaty reports a finding of severity `breaking` (its rule's own severity,
// before the evolution mode) exactly when the level is ERR; expected check — every expected id is
// reported by some finding whose rule lists it in `equivalents.oasdiff`.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const [, value] = args.splice(i, 2);
  return value;
};
const verbose = args.includes('--verbose') && args.splice(args.indexOf('--verbose'), 1);
const tablePath = flag('--table') ?? path.join(here, 'oasdiff-cases.tsv');
const cliPath = flag('--treaty'); // default: the built dist/, in this process
const jobs = cliPath ? Number(flag('--jobs') ?? 2) : 1;

function usage() {
  console.error(
    'usage: oasdiff.mjs [extract] <oasdiff-checkout> [--verbose] [--table tsv] [--treaty bin] [--jobs n]',
  );
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// extract: the cases oasdiff's Go tests assert on two unmodified spec files

const RANK = { NONE: 0, INFO: 1, WARN: 2, ERR: 3 };
const SUBDIRS = {
  deprecationFile: 'deprecation',
  paramDeprecationFile: 'param-deprecation',
  requiredPropertyFile: 'required-properties',
};
/** Test helpers of oasdiff that diff two named files with every check. */
const PAIR_HELPERS = { nullableWrapChanges: 'INFO' };

/** oasdiff's check ids (Go constant → id) and their default levels, from its checker sources. */
function catalogue(root) {
  const dir = path.join(root, 'checker');
  const constIds = new Map();
  const levels = new Map();
  const sources = fs.readdirSync(dir).filter((f) => f.endsWith('.go'));
  for (const f of sources.filter((f) => !f.endsWith('_test.go'))) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(/^\s*(\w+Id)\s*=\s*"([^"]+)"/gm)) constIds.set(m[1], m[2]);
  }
  const rules = fs.readFileSync(path.join(dir, 'rules.go'), 'utf8');
  for (const m of rules.matchAll(/newBackwardCompatibilityRule\((\w+Id),\s*(ERR|WARN|INFO)\b/g))
    levels.set(constIds.get(m[1]), m[2]);
  return { dir, sources, constIds, levels };
}

function extract(root) {
  const { dir, sources, constIds, levels } = catalogue(root);

  const cases = new Map();
  for (const f of sources.filter((f) => f.endsWith('_test.go')).sort()) {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of text.matchAll(/^func (Test\w+)\(t \*testing\.T\) \{\n([\s\S]*?)^\}\n/gm)) {
      for (const [name, body] of subtests(m[1], m[2])) {
        const c = readTest(body, constIds, levels);
        if (!c) continue;
        const key = `${c.base}\t${c.revision}`;
        const prev = cases.get(key);
        if (!prev) cases.set(key, { ...c, tests: [name] });
        else {
          for (const id of c.expected) if (!prev.expected.includes(id)) prev.expected.push(id);
          if (RANK[c.level] > RANK[prev.level]) prev.level = c.level;
          prev.exact ||= c.exact;
          prev.tests.push(name);
        }
      }
    }
  }
  // Hand-written columns (also, note) of the current table are kept.
  const kept = new Map();
  if (fs.existsSync(tablePath))
    for (const l of fs
      .readFileSync(tablePath, 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))) {
      const f = l.split('\t');
      kept.set(`${f[0]}\t${f[1]}`, [f[6] || '-', f[7] ?? '']);
    }
  const rows = [...cases.values()].map((c) => {
    // An asserted ERR is oasdiff's verdict whatever else it reports.
    const scope = c.exact || c.level === 'ERR' ? 'exact' : 'asserted';
    const [also, note] = kept.get(`${c.base}\t${c.revision}`) ?? ['-', ''];
    return [
      c.base,
      c.revision,
      c.expected.join(',') || '-',
      c.level,
      scope,
      c.tests.join(','),
      also,
      note,
    ].join('\t');
  });
  return ['# base\trevision\texpected\tlevel\tscope\ttests\talso\tnote', ...rows].join('\n') + '\n';
}

/** A test's `t.Run` blocks as tests of their own (with the test's preamble), or the test itself. */
function subtests(name, body) {
  const starts = [...body.matchAll(/t\.Run\("([^"]+)", func\(t \*testing\.T\) \{/g)];
  if (!starts.length) return [[name, body]];
  const preamble = body.slice(0, starts[0].index);
  return starts.map((s) => {
    let depth = 1;
    let i = s.index + s[0].length;
    for (; i < body.length && depth > 0; i++)
      depth += body[i] === '{' ? 1 : body[i] === '}' ? -1 : 0;
    return [
      `${name}/${s[1].replace(/\s+/g, '_')}`,
      preamble + body.slice(s.index + s[0].length, i),
    ];
  });
}

function fileOf(expr) {
  let m;
  if ((m = /^open\("\.\.\/(data\/[^"]+)"/.exec(expr))) return m[1];
  if ((m = /^open\((\w+File)\("([^"]+)"\)/.exec(expr)) && SUBDIRS[m[1]])
    return `data/${SUBDIRS[m[1]]}/${m[2]}`;
  if ((m = /^l\(t, (\d+)\)/.exec(expr))) return `data/openapi-test${m[1]}.yaml`;
  if ((m = /LoadFromFile\("\.\.\/(data\/[^"]+)"/.exec(expr))) return m[1];
  return undefined;
}

function declares(line, v) {
  const m = /^\s*(\w+)(?:, \w+)? :?= (.*)$/.exec(line);
  return m?.[1] === v && fileOf(m[2]) !== undefined;
}

function readTest(body, constIds, levels) {
  const vars = new Map();
  for (const a of body.matchAll(/^\s*(\w+)(?:, \w+)? :?= (.*)$/gm)) {
    const file = fileOf(a[2]);
    if (file) vars.set(a[1], file);
  }
  const pairs = [];
  const wrapped = (v) => `(?:&load\\.SpecInfo\\{Spec: )?(${v})\\}?`;
  const get = new RegExp(
    `diff\\.Get\\w*\\(([^,]+),\\s*${wrapped('\\w+')},\\s*${wrapped('\\w+')}\\)`,
    'g',
  );
  for (const g of body.matchAll(get))
    pairs.push({
      config: g[1].trim(),
      base: vars.get(g[2]),
      revision: vars.get(g[3]),
      threshold: 'WARN',
    });
  for (const g of body.matchAll(/\bd\(t, ([^,]+), (\d+), (\d+)\)/g))
    pairs.push({
      config: g[1].trim(),
      base: `data/openapi-test${g[2]}.yaml`,
      revision: `data/openapi-test${g[3]}.yaml`,
      all: true,
    });
  for (const g of body.matchAll(/\b(\w+)\(t, "\.\.\/(data\/[^"]+)", "\.\.\/(data\/[^"]+)"\)/g))
    if (PAIR_HELPERS[g[1]])
      pairs.push({
        config: 'diff.NewConfig()',
        base: g[2],
        revision: g[3],
        all: true,
        threshold: PAIR_HELPERS[g[1]],
      });
  if (pairs.length !== 1 || /\btc\./.test(body)) return undefined; // table-driven tests name files in Go
  const [p] = pairs;
  if (!p.base || !p.revision || p.config !== 'diff.NewConfig()') return undefined;
  // The spec is edited in Go before the diff: the files alone are not the case.
  // (any other line that names a loaded spec edits it, or hands it to a helper that does).
  for (const v of vars.keys())
    for (const line of body.split('\n'))
      if (
        new RegExp(`\\b${v}\\b`).test(line) &&
        !declares(line, v) &&
        !/diff\.Get\w*\(|require\.NoError/.test(line)
      )
        return undefined;
  if (/\bdeleteParam\(|\bdelete\(|\bset\w+Type\(/.test(body)) return undefined;
  // Options change what oasdiff checks (deprecation days, attributes, severity levels).
  if (/checker\.With(?!SingleCheck)\w+\(/.test(body)) return undefined;
  const all = p.all || /allChecksConfig\(\)|checker\.GetAllChecks\(\)/.test(body);
  if (!all && !/singleCheckConfig\(/.test(body)) return undefined;

  // Ids a test filters on (`slices.Contains([]string{…}, id)`) are not expectations.
  body = body.replace(/slices\.Contains\(\[\]string\{[^}]*\}/g, '');
  const absent = new Set(
    [
      ...body.matchAll(
        /(?:requireNoChange\(t, \w+, |NotContains\(t, \w+, |require\.False\(t, containsId\(\w+, )checker\.(\w+Id)\)/g,
      ),
    ].map((x) => x[1]),
  );
  const expected = [];
  const add = (id) => id && levels.has(id) && !expected.includes(id) && expected.push(id);
  for (const x of body.matchAll(/checker\.(\w+Id)\b/g))
    if (!absent.has(x[1])) add(constIds.get(x[1]));
  for (const x of body.matchAll(/"([a-z0-9]+(?:-[a-z0-9]+)+)"/g)) add(x[1]);
  const empty = /require\.Empty\(t, \w+\)|require\.Len\(t, \w+, 0\)/.test(body);
  if (!expected.length && !empty) return undefined;
  if (p.base === p.revision && expected.length) return undefined; // a spec against itself: ids were filters
  // Exhaustive assertions over what every check reports: the verdict is exact.
  const exhaustive =
    empty ||
    /requireSingle(Api)?Change\(|requireApiChanges\(|require\.Len\(t, errs, \d+\)|ElementsMatch\(|require\.Equal\(t, \[\]string/.test(
      body,
    );
  const level = expected.reduce(
    (top, id) => (RANK[levels.get(id)] > RANK[top] ? levels.get(id) : top),
    'NONE',
  );
  return { base: p.base, revision: p.revision, expected, level, exact: all && exhaustive };
}

// ---------------------------------------------------------------------------------------------
// measure: run treaty on every case of the table

async function measure(root) {
  const rows = fs
    .readFileSync(tablePath, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [base, revision, expected, level, scope, tests, also = '-', note = ''] = l.split('\t');
      const list = (v) => (v === '-' || !v ? [] : v.split(','));
      return {
        base,
        revision,
        expected: list(expected),
        level,
        scope,
        tests,
        also: list(also),
        note,
      };
    });
  // `also`: checks oasdiff's code reports on the pair beyond what its tests assert (read from its
  // source, each named in the note); they count in oasdiff's verdict.
  const { levels } = catalogue(root);
  for (const row of rows) {
    for (const id of row.also) {
      if (!levels.has(id)) throw new Error(`${row.base}: unknown oasdiff id in also: ${id}`);
      if (RANK[levels.get(id)] > RANK[row.level]) row.level = levels.get(id);
    }
  }
  const stdout = await treatyRun(['rules', '--format', 'json'], repo);
  const reports = new Map(); // oasdiff id → treaty rules listing it
  for (const r of JSON.parse(stdout))
    for (const id of r.equivalents?.oasdiff ?? [])
      reports.set(id, [...(reports.get(id) ?? []), r.id]);

  const results = new Array(rows.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (next < rows.length) {
        const i = next++;
        results[i] = await judge(root, rows[i], reports);
      }
    }),
  );

  const count = (pred) => results.filter(pred).length;
  const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
  for (const r of results) {
    const marks = [
      r.crash ? 'CRASH' : r.verdictOk ? 'ok   ' : 'DIFF ',
      r.expectedOk === false ? 'missing' : '',
    ];
    if (verbose || !r.verdictOk || r.expectedOk === false || r.crash) {
      console.log(
        `${marks.join(' ')}  ${r.row.base} -> ${r.row.revision}  oasdiff ${r.row.level}${r.row.scope === 'asserted' ? '?' : ''}` +
          ` [${r.row.expected.join(', ') || '-'}]  treaty ${r.breaking ? 'breaking' : 'not breaking'}` +
          (r.missing?.length ? `  missing: ${r.missing.join(', ')}` : '') +
          (r.row.note ? `  (known: ${r.row.note})` : ''),
      );
      if (verbose || r.crash) for (const line of r.lines) console.log(`        ${line}`);
    }
  }
  const total = results.length;
  const verdict = count((r) => r.verdictOk);
  const exact = results.filter((r) => r.row.scope === 'exact');
  const withExpected = results.filter((r) => r.expectedOk !== undefined);
  const explained = results.filter(
    (r) => (!r.verdictOk || r.expectedOk === false) && r.row.note,
  ).length;
  const unexplained = results.filter(
    (r) => (!r.verdictOk || r.expectedOk === false || r.crash) && !r.row.note,
  ).length;
  console.log('');
  console.log(
    `cases: ${total} (${exact.length} exact verdicts, ${total - exact.length} inferred from asserted checks)`,
  );
  console.log(`verdict agreement (breaking <=> ERR): ${verdict}/${total} = ${pct(verdict, total)}`);
  console.log(
    `  on exact verdicts: ${exact.filter((r) => r.verdictOk).length}/${exact.length} = ${pct(exact.filter((r) => r.verdictOk).length, exact.length)}`,
  );
  console.log(
    `expected check reported (equivalents.oasdiff): ${count((r) => r.expectedOk)}/${withExpected.length} = ${pct(
      count((r) => r.expectedOk),
      withExpected.length,
    )}`,
  );
  console.log(`crashes: ${count((r) => r.crash)}`);
  console.log(`disagreements with a note: ${explained}; without: ${unexplained}`);
  process.exitCode = unexplained ? 1 : 0;
}

/** Runs `treaty <argv>` and resolves to its stdout: in this process (the built dist), or `--treaty` as a child. */
async function treatyRun(argv, cwd) {
  if (!cliPath) {
    const chunks = [];
    const errs = [];
    const io = {
      out: (t) => chunks.push(t),
      err: (t) => errs.push(t),
      isTTY: false,
      cwd,
      env: process.env,
    };
    const code = await (await cli()).main(['node', 'treaty', ...argv], io);
    if (code === 2 || errs.some((e) => /internal error/i.test(e)))
      throw Object.assign(new Error(errs.join('')), { stderr: errs.join('') });
    return chunks.join('');
  }
  return (await run(process.execPath, [cliPath, ...argv], { maxBuffer: 64 << 20, cwd })).stdout;
}

let cliModule;
const cli = async () =>
  (cliModule ??= await import(pathToFileURL(path.join(repo, 'dist/cli/index.js')).href));

async function judge(root, row, reports) {
  const base = path.join(root, row.base);
  const revision = path.join(root, row.revision);
  let out;
  try {
    out = await treatyRun(
      ['diff', base, revision, '--format', 'json', '--fail-on', 'never', '--no-color'],
      root,
    );
  } catch (e) {
    return {
      row,
      crash: true,
      verdictOk: false,
      lines: [
        String(e.stderr || e.message)
          .trim()
          .split('\n')[0],
      ],
    };
  }
  const findings = JSON.parse(out).findings ?? [];
  const breaking = findings.some((f) => (f.defaultSeverity ?? f.severity) === 'breaking');
  const rules = new Set(findings.map((f) => f.rule));
  const missing = row.expected.filter(
    (id) => !(reports.get(id) ?? []).some((rule) => rules.has(rule)),
  );
  return {
    row,
    breaking,
    verdictOk: breaking === (row.level === 'ERR'),
    expectedOk: row.expected.length ? missing.length === 0 : undefined,
    missing,
    lines: findings.map((f) => `${f.defaultSeverity ?? f.severity} ${f.rule}: ${f.message}`),
  };
}

if (args[0] === 'extract') {
  if (!args[1]) usage();
  process.stdout.write(extract(args[1]));
} else {
  if (!args[0]) usage();
  await measure(args[0]);
}
