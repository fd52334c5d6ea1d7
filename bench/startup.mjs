#!/usr/bin/env node
// Start-up and the unchanged-commit fast path (issue 12): whole-process wall time and peak RSS of
//   node -e 0                         the floor: Node itself
//   node empty.cjs                    the floor of any CLI: Node running a script file
//   treaty --version, treaty --help   commander and the command declarations only
//   treaty check (demo)               fixtures/demo-service: all four formats loaded and compared
//   treaty check (unchanged)          a published copy of the demo: answered from manifest hashes
//   treaty check --no-fast-path       the same unchanged copy, loaded and compared in full
// Every case runs once to warm the file cache, then the cases alternate (A B C … A B C …) so load
// on a shared machine hits them alike; the table shows medians. CPU (user + system) is shown too:
// on a loaded machine it moves less than the wall time.
//   node bench/startup.mjs [--runs 9] [--readme]
// --readme also writes the table into README.md (between the bench:startup markers).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { replaceBetween } from './lib/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'treaty.js');
const demo = path.join(root, 'fixtures', 'demo-service');
const at = process.argv.indexOf('--runs');
const runs = at > 0 ? Number(process.argv[at + 1]) : 9;
const hasTime = existsSync('/usr/bin/time');
const readme = process.argv.includes('--readme');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'treaty-bench-startup-'));
const unchanged = path.join(tmp, 'demo');
cpSync(demo, unchanged, { recursive: true });
execFileSync(process.execPath, [bin, 'publish', '--cwd', unchanged], { stdio: 'ignore' });
const empty = path.join(tmp, 'empty.cjs');
writeFileSync(empty, '');

const MACHINE_CASES = [
  { label: 'node -e 0 (floor)', argv: ['-e', '0'], again: true },
  { label: 'node empty.cjs (floor)', argv: [empty] },
  { label: 'treaty --version', argv: [bin, '--version'], goal: 0.08, again: true },
  { label: 'treaty --help', argv: [bin, '--help'] },
  { label: 'treaty check (demo)', argv: [bin, 'check', '--cwd', demo], goal: 0.25, again: true },
  { label: 'treaty check (unchanged)', argv: [bin, 'check', '--cwd', unchanged], again: true },
  {
    label: 'same, --no-fast-path',
    argv: [bin, 'check', '--no-fast-path', '--cwd', unchanged],
  },
];

// NODE_EXTRA_CA_CERTS makes Node read and parse that certificate file before running anything
// (tens of milliseconds on this machine, for every Node process): where it is set, the floor and
// treaty's short runs (`again`) are measured once more without it.
const extraCa = process.env.NODE_EXTRA_CA_CERTS;
const withoutCa = { ...process.env };
delete withoutCa.NODE_EXTRA_CA_CERTS;
const CASES = [
  ...MACHINE_CASES,
  ...(extraCa
    ? MACHINE_CASES.filter((c) => c.again).map((c) => ({
        ...c,
        label: `${c.label}, no extra CA`,
        env: withoutCa,
      }))
    : []),
];

/** One whole-process run: wall seconds (hrtime around the spawn), CPU seconds, peak RSS in MB. */
function once({ argv, env }) {
  const cmd = hasTime ? '/usr/bin/time' : process.execPath;
  const args = hasTime ? ['-f', 'TREATY_BENCH %M %U %S', process.execPath, ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: env ?? process.env });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}\n${r.stderr}`);
  const m = /TREATY_BENCH (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return {
    wall,
    rss: m ? Number(m[1]) / 1024 : NaN,
    cpu: m ? Number(m[2]) + Number(m[3]) : NaN,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const README_START = '<!-- bench:startup:start -->';
const README_END = '<!-- bench:startup:end -->';
const COLUMNS = [
  { title: 'case', right: false },
  { title: 'median s', right: true },
  { title: 'min s', right: true },
  { title: 'max s', right: true },
  { title: 'cpu s', right: true },
  { title: 'peak MB', right: true },
  { title: 'goal', right: false },
];

/** Rows padded to their columns' widths: plain text, or Markdown as prettier pads it. */
function render(rows, markdown) {
  const esc = (c) => (markdown ? c.replaceAll('|', '\\|') : c);
  const body = rows.map((r) => r.map(esc));
  const w = COLUMNS.map((c, i) =>
    Math.max(markdown ? 3 : 0, c.title.length, ...body.map((r) => r[i].length)),
  );
  const pad = (c, i) => (COLUMNS[i].right ? c.padStart(w[i]) : c.padEnd(w[i]));
  if (!markdown)
    return [COLUMNS.map((c) => c.title), ...body]
      .map((r) => r.map(pad).join('  ').trimEnd())
      .join('\n');
  const line = (r) => `| ${r.map(pad).join(' | ')} |`;
  const rule = `| ${w.map((n, i) => (COLUMNS[i].right ? `${'-'.repeat(n - 1)}:` : '-'.repeat(n))).join(' | ')} |`;
  return [line(COLUMNS.map((c) => c.title)), rule, ...body.map(line)].join('\n');
}

try {
  for (const c of CASES) once(c); // warm-up
  const results = CASES.map(() => []);
  for (let i = 0; i < runs; i++) CASES.forEach((c, k) => results[k].push(once(c)));
  const cpu = os.cpus();
  const header = `Start-up measured ${new Date().toISOString().slice(0, 10)} on ${cpu[0]?.model.split(' ').slice(0, 2).join(' ') ?? '?'}, ${cpu.length} cores, Node ${process.version}; ${runs} alternating runs per case after a warm-up, each a separate process (load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}).`;
  const rows = CASES.map((c, k) => {
    const walls = results[k].map((r) => r.wall);
    const m = median(walls);
    return [
      c.label,
      m.toFixed(3),
      Math.min(...walls).toFixed(3),
      Math.max(...walls).toFixed(3),
      median(results[k].map((r) => r.cpu)).toFixed(2),
      median(results[k].map((r) => r.rss)).toFixed(0),
      c.goal ? `≤ ${c.goal} s: ${m <= c.goal ? 'met' : 'not met'}` : '',
    ];
  });
  const note = extraCa
    ? `NODE_EXTRA_CA_CERTS is set here (${extraCa}): Node reads that file before running anything, in every process. The rows marked "no extra CA" are the same runs without it.`
    : '';
  console.log(`${header}\n\n${render(rows, false)}${note ? `\n\n${note}` : ''}`);
  if (readme) {
    const file = path.join(root, 'README.md');
    const table = `${header}\n\n${render(rows, true)}${note ? `\n\n${note}` : ''}`;
    writeFileSync(
      file,
      replaceBetween(readFileSync(file, 'utf8'), README_START, README_END, table),
    );
    console.log('rewrote the start-up table in README.md');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
