#!/usr/bin/env node
// Times `treaty diff` on the largest real OpenAPI spec we know of: GitHub's REST API description
// (api.github.com.json, ~12 MB, ~1 000 operations) from the npm package @octokit/openapi, in two
// versions. The packages are fetched with `npm pack` into bench/.cache (git-ignored) on first run.
// Usage: npm run build && node bench/openapi.mjs [oldVersion] [newVersion]
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fetchSpec } from './_github-spec.mjs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [oldV = '22.0.0', newV = '23.0.2'] = process.argv.slice(2);
const bin = path.join(here, '..', 'bin', 'treaty.js');

/** Runs treaty under /usr/bin/time -v when available, returning wall seconds and peak RSS (MB). */
function timed(args) {
  const hasTime = existsSync('/usr/bin/time');
  const cmd = hasTime ? '/usr/bin/time' : process.execPath;
  const argv = hasTime ? ['-v', process.execPath, bin, ...args] : [bin, ...args];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return { wall, rssMb: rss ? Number(rss[1]) / 1024 : NaN, status: r.status, stdout: r.stdout };
}

const a = fetchSpec(oldV);
const b = fetchSpec(newV);
const mb = (f) => (statSync(f).size / 1e6).toFixed(1);
console.log(`openapi: @octokit/openapi ${oldV} (${mb(a)} MB) -> ${newV} (${mb(b)} MB)`);

for (const [label, base, rev] of [
  ['diff old -> new', a, b],
  ['diff new -> new (self)', b, b],
]) {
  const r = timed(['diff', base, rev, '--format', 'json', '--fail-on', 'never']);
  let summary = '';
  try {
    const s = JSON.parse(r.stdout).summary;
    summary = `${s.breaking} breaking, ${s.warning} warning, ${s.info} info`;
  } catch {
    summary = `exit ${r.status}, no JSON report`;
  }
  console.log(
    `  ${label.padEnd(24)} ${r.wall.toFixed(2)} s wall, ${r.rssMb.toFixed(0)} MB peak RSS — ${summary}`,
  );
}
