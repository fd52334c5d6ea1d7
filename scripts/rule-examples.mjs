#!/usr/bin/env node
// Build step (after tsc): turns the fixture pairs of the test suite into the before/after examples
// `treaty rules <id>` shows. Every pair is compared through dist (the real adapters); for each rule
// it fires, a short excerpt of the base and the revision around the finding is kept, preferring the
// pair named after the rule. Writes dist/rule-examples.json:
//   { [ruleId]: { before, after, language, source: 'fixtures/…', swapped? } }
// A fixture that fails to load is counted and skipped: this step never fails the build.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
// Overridable for the script's own test (a fixture folder with a broken pair).
const FIXTURES = path.resolve(process.env.RULE_EXAMPLES_FIXTURES ?? path.join(ROOT, 'fixtures'));
const OUT = path.resolve(process.env.RULE_EXAMPLES_OUT ?? path.join(DIST, 'rule-examples.json'));
const MAX_LINES = 8;
const TODAY = '2025-01-01';
const PROTO_CATEGORIES = [
  'FILE',
  'PACKAGE',
  'WIRE_JSON',
  'WIRE',
  'MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT',
];

const { getAdapter, getCatalogue, sniffers } = await import(path.join(DIST, 'formats/index.js'));
const { DirSource } = await import(path.join(DIST, 'core/source.js'));

// ── Fixture pairs ─────────────────────────────────────────────────────────────────────────────────
// A pair is a folder holding base.{yaml,yml,json} + revision.… files, base/ + revision/ folders, or
// (protobuf) previous/ + current/ folders. Near misses are not examples of anything.

const DOC_EXT = ['.yaml', '.yml', '.json', '.avsc'];
const isDir = (p) => existsSync(p) && statSync(p).isDirectory();
const docFile = (dir, name) =>
  DOC_EXT.map((e) => path.join(dir, name + e)).find((p) => existsSync(p));

function* folders(dir) {
  yield dir;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory() || d.name === 'near-miss' || d.name.endsWith('.near-miss')) continue;
    yield* folders(path.join(dir, d.name));
  }
}

/** Every pair under fixtures/<format>, as `{format, dir, base, revision, kind: 'files'|'dirs'}`. */
function pairs(format) {
  const top = path.join(FIXTURES, format);
  if (!isDir(top)) return [];
  const out = [];
  for (const dir of folders(top)) {
    const [b, r] = format === 'protobuf' ? ['previous', 'current'] : ['base', 'revision'];
    if (isDir(path.join(dir, b)) && isDir(path.join(dir, r))) {
      out.push({ format, dir, base: path.join(dir, b), revision: path.join(dir, r), kind: 'dirs' });
      continue;
    }
    const bf = docFile(dir, 'base');
    const rf = docFile(dir, 'revision');
    if (bf && rf) out.push({ format, dir, base: bf, revision: rf, kind: 'files' });
  }
  return out.sort((x, y) => x.dir.localeCompare(y.dir));
}

/** Option sets tried in order until the rule the folder is named after fires. */
const OPTIONS = {
  openapi: [
    { today: TODAY },
    { today: TODAY, minSunsetStableDays: 30 },
    { today: TODAY, lenient: true },
  ],
  asyncapi: [{}, { perspective: 'client' }, { lenient: true }],
  jsonschema: [{}, { lenient: true }],
  avro: [{}],
  protobuf: [{ categories: PROTO_CATEGORIES }],
};

/** Side of a pair as a contract: root folder + entry files (detected for folder sides). */
function sideRef(pair, which, options) {
  const target = pair[which];
  const sniffer = sniffers().find((s) => s.format === pair.format);
  let root;
  let entries;
  if (pair.kind === 'files') {
    root = path.dirname(target);
    entries = [path.basename(target)];
  } else {
    root = target;
    entries = [];
    if (pair.format === 'openapi' || pair.format === 'asyncapi') {
      for (const rel of listFiles(root)) {
        if (!DOC_EXT.includes(path.extname(rel))) continue;
        if (sniffer.detect(rel, readFileSync(path.join(root, rel), 'utf8'))) entries.push(rel);
      }
    }
  }
  return {
    ref: { id: 'example', format: pair.format, root, entries, options },
    source: new DirSource(root),
  };
}

function listFiles(root, rel = '') {
  const out = [];
  for (const d of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...listFiles(root, r));
    else out.push(r);
  }
  return out.sort();
}

async function compare(pair, options, swapped) {
  const adapter = await getAdapter(pair.format);
  const load = (which) => {
    const { ref, source } = sideRef(pair, which, options);
    return adapter.load(ref, source);
  };
  const [b, r] = swapped ? ['revision', 'base'] : ['base', 'revision'];
  const base = await load(b);
  const rev = await load(r);
  return [
    ...(rev.problems ?? []),
    ...adapter.compare(base, rev, { catalogue: getCatalogue(), contract: 'example', options }),
  ];
}

// ── Excerpts ──────────────────────────────────────────────────────────────────────────────────────

const textCache = new Map();
function linesOf(file) {
  if (!file || !existsSync(file) || !statSync(file).isFile()) return null;
  if (!textCache.has(file))
    textCache.set(file, readFileSync(file, 'utf8').replace(/\r\n?/g, '\n').split('\n'));
  return textCache.get(file);
}

/**
 * Line alignment (LCS on exact lines): ops `{a, b}` with -1 on the side a line is missing from.
 * Blank lines never pair up after the common prefix: they would glue unrelated blocks together.
 */
function align(a, b) {
  const n = a.length;
  const m = b.length;
  let p = 0;
  while (p < n && p < m && a[p] === b[p]) p++;
  // No common-suffix shortcut: it would pair a closing line (`}`) with the last one of the other
  // side and push an insertion inside a block to the block after it.
  const s = 0;
  const ops = [];
  for (let i = 0; i < p; i++) ops.push({ a: i, b: i });
  const N = n - p - s;
  const M = m - p - s;
  if (N * M > 4_000_000) {
    for (let i = 0; i < N; i++) ops.push({ a: p + i, b: -1 });
    for (let j = 0; j < M; j++) ops.push({ a: -1, b: p + j });
  } else {
    const W = M + 1;
    const t = new Uint32Array((N + 1) * W);
    for (let i = N - 1; i >= 0; i--) {
      for (let j = M - 1; j >= 0; j--) {
        t[i * W + j] = same(a[p + i], b[p + j])
          ? t[(i + 1) * W + j + 1] + 1
          : Math.max(t[(i + 1) * W + j], t[i * W + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < N || j < M) {
      if (i < N && j < M && same(a[p + i], b[p + j])) ops.push({ a: p + i++, b: p + j++ });
      else if (j < M && (i === N || t[i * W + j + 1] >= t[(i + 1) * W + j]))
        ops.push({ a: -1, b: p + j++ });
      else ops.push({ a: p + i++, b: -1 });
    }
  }
  for (let k = 0; k < s; k++) ops.push({ a: n - s + k, b: m - s + k });
  return ops;
}

const same = (x, y) => x === y && x.trim() !== '';
const indentOf = (line) => line.match(/^\s*/)[0].length;
const blank = (line) => line.trim() === '';
const changed = (op) => op.a < 0 || op.b < 0;
const ellipsis = (next) => ' '.repeat(indentOf(next)) + '…';

/** An op's line (its base line when it has one). */
const lineOf = (op, A, B) => (op.a >= 0 ? A[op.a] : B[op.b]);

/** Indentation of an op's line, Infinity for blank lines. */
function opIndent(op, A, B) {
  const line = lineOf(op, A, B);
  return blank(line) ? Infinity : indentOf(line);
}

/** The nearest unchanged line above op `k` that is less indented than `than`, or -1. */
function parentOf(ops, A, B, k, than) {
  for (let j = k - 1; j >= 0; j--) if (!changed(ops[j]) && opIndent(ops[j], A, B) < than) return j;
  return -1;
}

/** The contiguous run of changed ops around `k`, without blank lines at its edges. */
function runAt(ops, A, B, k) {
  let lo = k;
  let hi = k;
  while (lo > 0 && changed(ops[lo - 1])) lo--;
  while (hi < ops.length - 1 && changed(ops[hi + 1])) hi++;
  const blankOp = (j) => opIndent(ops[j], A, B) === Infinity;
  while (lo < k && blankOp(lo)) lo++;
  while (hi > k && blankOp(hi)) hi--;
  return [lo, hi];
}

/**
 * The ops to show for an anchor (op `k`): the changed lines at or inside the anchor's block, the
 * nearest enclosing line above them, and an unchanged sibling on each side to place them. Null
 * when nothing changed around the anchor (or, with `onChange`, on its own line).
 */
function showAt(ops, A, B, k, onChange) {
  let lo = k;
  let hi = k;
  if (changed(ops[k])) [lo, hi] = runAt(ops, A, B, k);
  else if (onChange) return null;
  else {
    // Changes inside the anchor's block (a key whose value lines changed, a message whose fields
    // were deleted): from the anchor to the last change close to the first one.
    const own = opIndent(ops[k], A, B);
    let first = -1;
    for (let j = k + 1; j < ops.length && opIndent(ops[j], A, B) > own; j++) {
      if (!changed(ops[j]) || opIndent(ops[j], A, B) === Infinity) continue;
      if (first < 0) first = j;
      else if (j - first > 2 * MAX_LINES) break;
      hi = j;
    }
    if (first < 0) return null;
  }
  const inner = Math.min(...ops.slice(lo, hi + 1).map((o) => opIndent(o, A, B)));
  const parent = parentOf(ops, A, B, lo, inner);
  // An addition or a removal (one side empty) is placed between its unchanged neighbours.
  const pure =
    ops.slice(lo, hi + 1).every((o) => o.a < 0) || ops.slice(lo, hi + 1).every((o) => o.b < 0);
  if (changed(ops[k]) && pure) {
    const outer = parent >= 0 ? opIndent(ops[parent], A, B) : -1;
    const sibling = (j) => {
      const ind = opIndent(ops[j], A, B);
      return !changed(ops[j]) && ind <= inner && ind > outer;
    };
    // The nearest line before and after that is neither blank nor a lone closing bracket.
    const near = (j, step) => {
      while (j >= 0 && j < ops.length && /^[\s\]}),;]*$/.test(lineOf(ops[j], A, B))) j += step;
      return j;
    };
    const before = near(lo - 1, -1);
    const after = near(hi + 1, 1);
    if (before > parent && before >= 0 && sibling(before)) lo = before;
    if (after < ops.length && sibling(after)) hi = after;
  }
  return [...(parent >= 0 ? [parent] : []), ...range(lo, hi)];
}

const range = (lo, hi) => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

/** One side's lines of a set of ops, in order; a gap of more than two lines becomes an ellipsis. */
function render(ops, show, x, L) {
  const idx = [...new Set(show)].sort((p, q) => p - q);
  const out = [];
  let prev = -1;
  for (const k of idx) {
    if (prev >= 0) {
      const gap = ops.slice(prev + 1, k).filter((o) => o[x] >= 0);
      const text = gap.filter((o) => !blank(L[o[x]]));
      if (text.length > 2) out.push(ellipsis(L[text[0][x]]));
      else for (const o of gap) out.push(L[o[x]]);
    }
    if (ops[k][x] >= 0) out.push(L[ops[k][x]]);
    prev = k;
  }
  return out;
}

/** Trim blank edges, cap at MAX_LINES, remove the common indentation. */
function tidy(lines) {
  let ls = [...lines];
  while (ls.length && blank(ls[0])) ls.shift();
  while (ls.length && blank(ls[ls.length - 1])) ls.pop();
  if (ls.length > MAX_LINES) ls = [...ls.slice(0, MAX_LINES - 1), ellipsis(ls[MAX_LINES - 1])];
  const common = Math.min(...ls.filter((l) => !blank(l)).map(indentOf));
  return ls.map((l) => l.slice(Number.isFinite(common) ? common : 0).trimEnd()).join('\n');
}

/** The enclosing lines of a line of a file without a counterpart (or its first lines for -1). */
function window(L, line) {
  if (line < 0) return L.slice(0, MAX_LINES);
  const own = blank(L[line] ?? '') ? 0 : indentOf(L[line]);
  let start = line;
  for (let j = line - 1; j >= 0 && line - j < 3; j--) {
    if (!blank(L[j]) && indentOf(L[j]) < own) {
      start = j;
      break;
    }
  }
  const out = L.slice(start, line + 1);
  for (let j = line + 1; j < L.length && out.length < MAX_LINES - 2; j++) {
    if (!blank(L[j]) && indentOf(L[j]) <= own) break;
    out.push(L[j]);
  }
  return out;
}

const LANGUAGE = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json', '.proto': 'protobuf', '.avsc': 'json' };

/** Which side a location's file belongs to, and the same file on the other side. */
function sides(pair, swapped, file) {
  const [b, r] = swapped ? [pair.revision, pair.base] : [pair.base, pair.revision];
  if (pair.kind === 'files') {
    if (file === b) return { side: 'base', other: r };
    if (file === r) return { side: 'revision', other: b };
    return { side: 'shared', other: file };
  }
  for (const [side, root, otherRoot] of [
    ['base', b, r],
    ['revision', r, b],
  ]) {
    if (file.startsWith(root + path.sep))
      return { side, other: path.join(otherRoot, path.relative(root, file)) };
  }
  return { side: 'shared', other: file };
}

/**
 * Before/after excerpts for one finding (null when its files cannot be read), and whether they
 * show a textual change (`same` when both sides are the same lines, e.g. a version not bumped).
 */
function excerpt(pair, swapped, f) {
  const anchors = { base: null, revision: null };
  for (const loc of [f.location, f.baseLocation]) {
    if (!loc?.file) continue;
    const s = sides(pair, swapped, loc.file);
    const side = s.side === 'shared' ? (loc === f.location ? 'revision' : 'base') : s.side;
    if (anchors[side]) continue;
    anchors[side] = { file: loc.file, other: s.other, line: (loc.line ?? 0) - 1 };
  }
  const primary = anchors.revision ?? anchors.base;
  if (!primary) return null;
  const baseFile = anchors.base?.file ?? anchors.revision.other;
  const revFile = anchors.revision?.file ?? anchors.base.other;
  const A = linesOf(baseFile);
  const B = linesOf(revFile);
  if (!A && !B) return null;
  const language = LANGUAGE[path.extname(primary.file)] ?? 'text';
  const absent = (file) =>
    `${language === 'protobuf' ? '//' : '#'} (no file ${path.basename(file)})`;
  if (!A || !B) {
    // An added or removed file; a file-level finding (line 1 or none) shows its first lines.
    const present = A ? anchors.base : anchors.revision;
    const lines = window(A ?? B, present && present.line > 0 ? present.line : -1);
    return {
      before: A ? tidy(lines) : absent(baseFile),
      after: B ? tidy(lines) : absent(revFile),
      language,
    };
  }
  const ops = align(A, B);
  const at = [
    ['b', anchors.revision],
    ['a', anchors.base],
  ]
    .filter(([, anchor]) => anchor && anchor.line >= 0)
    .map(([x, anchor]) => ops.findIndex((o) => o[x] === anchor.line))
    .filter((k) => k >= 0);
  const both = (show) => ({
    before: tidy(render(ops, show, 'a', A)),
    after: tidy(render(ops, show, 'b', B)),
    language,
  });
  // 1. An anchor on a changed line, 2. changes inside an anchor's block: both sides from there.
  for (const onChange of [true, false]) {
    for (const k of at) {
      const show = showAt(ops, A, B, k, onChange);
      if (show) return both(show);
    }
  }
  // 3. The anchor did not change itself (a version not bumped, a reply that now takes every
  //    message): its line, and the nearest change below or above it.
  for (const k of at) {
    const near = ops
      .map((o, j) => j)
      .filter((j) => changed(ops[j]) && Math.abs(j - k) <= 2 * MAX_LINES)
      .sort((p, q) => Math.abs(p - k) - Math.abs(q - k))[0];
    if (near === undefined) continue;
    const own = opIndent(ops[k], A, B);
    const head = [parentOf(ops, A, B, k, own), k].filter((j) => j >= 0);
    const hunk = showAt(ops, A, B, near, true);
    const fits = (x, L) => render(ops, [...head, ...hunk], x, L).length <= MAX_LINES;
    return both(fits('a', A) && fits('b', B) ? [...head, ...hunk] : hunk);
  }
  // 4. Nothing changed textually near the anchors: their enclosing lines.
  const k = at[0];
  if (k === undefined) return null;
  const own = opIndent(ops[k], A, B);
  return { ...both([parentOf(ops, A, B, k, own), k].filter((j) => j >= 0)), same: true };
}

// ── Collect ───────────────────────────────────────────────────────────────────────────────────────

const started = Date.now();
const catalogue = getCatalogue();
/** ruleId → { rank, example }: a lower rank wins (named pair, then other pairs, then swapped). */
const best = new Map();
/** Pairs that could not be compared (with any option set, either way round). */
const failed = new Set();
let compared = 0;

async function run(pair, swapped) {
  const named = path.basename(pair.dir);
  let findings = null;
  for (const options of OPTIONS[pair.format]) {
    try {
      findings = await compare(pair, options, swapped);
      compared++;
    } catch {
      continue;
    }
    if (swapped || !catalogue.has(named) || findings.some((f) => f.rule === named)) break;
  }
  if (!findings) {
    failed.add(pair.dir);
    return;
  }
  const seen = new Set();
  for (const f of findings) {
    if (seen.has(f.rule)) continue;
    seen.add(f.rule);
    let rank = (swapped ? 2 : f.rule === named ? 0 : 1) * 1000 + Math.min(findings.length, 999);
    if ((best.get(f.rule)?.rank ?? Infinity) <= rank) continue;
    let ex;
    try {
      ex = excerpt(pair, swapped, f);
    } catch {
      ex = null;
    }
    if (!ex || (!ex.before.trim() && !ex.after.trim())) continue;
    if (ex.same || ex.before === ex.after) {
      // Kept only when nothing better turns up: the lines did not change textually.
      if ((best.get(f.rule)?.rank ?? Infinity) <= rank + 500) continue;
      rank += 500;
    }
    delete ex.same;
    const source = path.relative(path.dirname(FIXTURES), pair.dir).split(path.sep).join('/');
    best.set(f.rule, { rank, example: { ...ex, source, ...(swapped ? { swapped: true } : {}) } });
  }
}

const known = new Set(sniffers().map((s) => s.format));
const all = ['openapi', 'asyncapi', 'jsonschema', 'protobuf', 'avro'].flatMap((format) =>
  known.has(format) ? pairs(format) : [],
);
for (const pair of all) await run(pair, false);
// Swapping a pair fires the opposite rule (removed ↔ added): only for document formats.
for (const pair of all)
  if (pair.format === 'openapi' || pair.format === 'asyncapi') await run(pair, true);

const out = Object.fromEntries(
  [...best.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, v]) => [id, v.example]),
);
writeFileSync(OUT, JSON.stringify(out, null, 1) + '\n');
const total = catalogue.all().length;
console.log(
  `rule examples: ${best.size} of ${total} rules from ${all.length} fixture pairs (${compared} comparisons, ${Date.now() - started} ms) into ${path.relative(ROOT, OUT)}` +
    (failed.size ? `; warning: ${failed.size} fixture pair(s) could not be compared` : ''),
);
