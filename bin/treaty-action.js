#!/usr/bin/env node
// The entry of the GitHub Action (action.yml): inputs as INPUT_* environment variables.
// CommonJS (bin/package.json): dist/ is ES modules, imported here.
'use strict';

Promise.all([import('../dist/action/run.js'), import('../dist/cli/io.js')]).then(
  ([{ runAction }, { processIO }]) =>
    runAction(processIO()).then((code) => {
      process.exitCode = code;
    }),
);
