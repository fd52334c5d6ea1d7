#!/usr/bin/env node
// CommonJS (bin/package.json), so Node starts the CLI without its ES module loader: `--version`
// answers from package.json alone, and every other command runs dist/boot/start.cjs, which runs
// the bundle `npm run build` makes (dist/treaty.cjs) through its recorded code cache, or the ES
// modules of dist/ without one (src/boot/start.ts). A build that stopped after tsc has no
// start.cjs: then the ES module dist/boot/start.js does the same.
'use strict';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // What commander prints for the program's version.
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  let start;
  try {
    start = require('../dist/boot/start.cjs').start;
  } catch (e) {
    if (e.code !== 'MODULE_NOT_FOUND') throw e;
  }
  (start
    ? start(process.argv)
    : import('../dist/boot/start.js').then((m) => m.start(process.argv))
  ).then((code) => {
    process.exitCode = code;
  });
}
