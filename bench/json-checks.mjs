#!/usr/bin/env node
// The cost of reading JSON safely (duplicate keys, depth) on GitHub's 12 MB REST description: the
// LocationMap.parse fast path against bare JSON.parse, and the depth walk over the resolved graph.
// Usage: npm run build && node bench/json-checks.mjs (fetches and verifies the spec like the table).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fetchPackage, readManifest } from './lib/corpus.mjs';

const { LocationMap } = await import('../dist/core/locations.js');
const { assertDepth } = await import('../dist/core/depth.js');

const version = '23.0.2';
const spec = `@octokit/openapi@${version}`;
const file = path.join(
  fetchPackage(spec, readManifest().packages[spec]),
  'package/generated/api.github.com.json',
);
const text = readFileSync(file, 'utf8');
const median = (f) => {
  const times = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[3].toFixed(0);
};
const value = JSON.parse(text);
console.log(`json-checks: api.github.com.json ${version} (${(text.length / 1e6).toFixed(1)} MB)`);
console.log(
  `  JSON.parse                          ${median(() => JSON.parse(text))} ms (median of 7)`,
);
console.log(
  `  LocationMap.parse (dupes + depth)   ${median(() => LocationMap.parse('x', text))} ms`,
);
console.log(
  `  assertDepth on the parsed value     ${median(() => assertDepth(value, () => undefined, { file: 'x' }))} ms`,
);
