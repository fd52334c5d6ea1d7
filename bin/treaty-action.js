#!/usr/bin/env node
// The entry of the GitHub Action (action.yml): inputs as INPUT_* environment variables.
import { runAction } from '../dist/action/run.js';
import { processIO } from '../dist/cli/io.js';

runAction(processIO()).then((code) => {
  process.exitCode = code;
});
