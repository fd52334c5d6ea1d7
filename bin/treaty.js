#!/usr/bin/env node
// Runs the bundle `npm run build` makes (dist/treaty.cjs) through its recorded code cache, or the
// ES modules of dist/ without one: src/boot/start.ts.
import { start } from '../dist/boot/start.js';

start(process.argv).then((code) => {
  process.exitCode = code;
});
