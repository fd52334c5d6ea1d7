#!/usr/bin/env node
// `npm run bench`: the side-by-side table (bench/table.mjs), then the pre-commit hook's cost
// (bench/hook.mjs), the JSON safety checks' cost (bench/json-checks.mjs) and start-up and the
// unchanged-commit fast path (bench/startup.mjs).
// Options go to bench/table.mjs (see there); `--only` may also name `hook`, `json-checks` or
// `startup`, and without them in the list only the named pairs run. `--readme` rewrites the
// README's side-by-side table and its start-up table.
//   npm run bench                          everything, 5 runs per tool
//   npm run bench -- --quick --only asyncapi,hook
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCRIPTS = ['hook', 'json-checks', 'startup'];
const args = process.argv.slice(2);
const i = args.indexOf('--only');
const only = i >= 0 ? (args[i + 1] ?? '').split(',') : undefined;
const tableArgs = [...args];
/** startup.mjs also writes its table into the README with `--readme`. */
const scriptArgs = (s) => (s === 'startup' && args.includes('--readme') ? ['--readme'] : []);
const runs = [];
if (only) {
  const pairs = only.filter((o) => !SCRIPTS.includes(o));
  if (pairs.length) {
    tableArgs.splice(i + 1, 1, pairs.join(','));
    runs.push(['table.mjs', tableArgs]);
  }
  for (const s of SCRIPTS) if (only.includes(s)) runs.push([`${s}.mjs`, scriptArgs(s)]);
} else {
  runs.push(['table.mjs', tableArgs], ...SCRIPTS.map((s) => [`${s}.mjs`, scriptArgs(s)]));
}
let failed = 0;
for (const [script, argv] of runs) {
  console.log(`\n== ${script} ${argv.join(' ')}`.trimEnd());
  const r = spawnSync(process.execPath, [path.join(here, script), ...argv], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
