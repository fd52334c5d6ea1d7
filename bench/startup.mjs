#!/usr/bin/env node
// Start-up and the unchanged-commit fast path (issue 12): whole-process wall time and peak RSS of
//   node -e 0                         the floor: Node itself
//   treaty --version, treaty --help   commander and the command declarations only
//   treaty check (demo)               fixtures/demo-service: all four formats loaded and compared
//   treaty check (unchanged)          a published copy of the demo: answered from manifest hashes
//   treaty check --no-fast-path       the same unchanged copy, loaded and compared in full
// Every case runs once to warm the file cache, then the cases alternate (A B C … A B C …) so load
// on a shared machine hits them alike; the table shows medians. CPU (user + system) is shown too:
// on a loaded machine it moves less than the wall time.
//   node bench/startup.mjs [--runs 9]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'treaty.js');
const demo = path.join(root, 'fixtures', 'demo-service');
const at = process.argv.indexOf('--runs');
const runs = at > 0 ? Number(process.argv[at + 1]) : 9;
const hasTime = existsSync('/usr/bin/time');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'treaty-bench-startup-'));
const unchanged = path.join(tmp, 'demo');
cpSync(demo, unchanged, { recursive: true });
execFileSync(process.execPath, [bin, 'publish', '--cwd', unchanged], { stdio: 'ignore' });

const CASES = [
  { label: 'node -e 0 (floor)', argv: ['-e', '0'] },
  { label: 'treaty --version', argv: [bin, '--version'], goal: 0.08 },
  { label: 'treaty --help', argv: [bin, '--help'] },
  { label: 'treaty check (demo)', argv: [bin, 'check', '--cwd', demo], goal: 0.25 },
  { label: 'treaty check (unchanged)', argv: [bin, 'check', '--cwd', unchanged] },
  {
    label: 'same, --no-fast-path',
    argv: [bin, 'check', '--no-fast-path', '--cwd', unchanged],
  },
];

/** One whole-process run: wall seconds (hrtime around the spawn), CPU seconds, peak RSS in MB. */
function once({ argv }) {
  const cmd = hasTime ? '/usr/bin/time' : process.execPath;
  const args = hasTime ? ['-f', 'TREATY_BENCH %M %U %S', process.execPath, ...argv] : argv;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
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

try {
  for (const c of CASES) once(c); // warm-up
  const results = CASES.map(() => []);
  for (let i = 0; i < runs; i++) CASES.forEach((c, k) => results[k].push(once(c)));
  console.log(
    `start-up, ${runs} alternating runs each, ${os.cpus().length} cores, Node ${process.version}, load ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(
    `${'case'.padEnd(28)} ${'median s'.padStart(9)} ${'min s'.padStart(7)} ${'max s'.padStart(7)} ${'cpu s'.padStart(7)} ${'peak MB'.padStart(8)}  goal`,
  );
  CASES.forEach((c, k) => {
    const walls = results[k].map((r) => r.wall);
    const m = median(walls);
    const goal = c.goal ? `≤ ${c.goal} s: ${m <= c.goal ? 'met' : 'not met'}` : '';
    console.log(
      `${c.label.padEnd(28)} ${m.toFixed(3).padStart(9)} ${Math.min(...walls)
        .toFixed(3)
        .padStart(7)} ${Math.max(...walls)
        .toFixed(3)
        .padStart(7)} ${median(results[k].map((r) => r.cpu))
        .toFixed(2)
        .padStart(7)} ${median(results[k].map((r) => r.rss))
        .toFixed(0)
        .padStart(8)}  ${goal}`,
    );
  });
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
