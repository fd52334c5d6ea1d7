// Child process of bench/protobuf.mjs: treaty's protobuf engine on two proto trees.
// Usage: node bench/protobuf-treaty.mjs <old-dir> <new-dir> <out.json> [options-json]
// Loads both trees (DirSource), compares them, writes the findings as JSON and prints timings.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DirSource } from '../dist/core/source.js';
import { getCatalogue } from '../dist/formats/index.js';
import { protobufAdapter } from '../dist/formats/protobuf/adapter.js';

const [oldDir, newDir, out, optionsJson] = process.argv.slice(2);
const options = optionsJson ? JSON.parse(optionsJson) : {};
const ref = (root) => ({ id: 'bench', format: 'protobuf', root, entries: [], options });

const t0 = performance.now();
const base = await protobufAdapter.load(ref(oldDir), new DirSource(oldDir));
const t1 = performance.now();
const rev = await protobufAdapter.load(ref(newDir), new DirSource(newDir));
const t2 = performance.now();
const findings = protobufAdapter.compare(base, rev, {
  catalogue: getCatalogue(),
  contract: 'bench',
  options,
});
const t3 = performance.now();

writeFileSync(out, JSON.stringify(findings));
const ms = (a, b) => Math.round(b - a);
process.stdout.write(
  JSON.stringify({
    files: { old: base.files.length, new: rev.files.length },
    findings: findings.length,
    ms: { loadOld: ms(t0, t1), loadNew: ms(t1, t2), compare: ms(t2, t3), total: ms(t0, t3) },
    maxRssKb: process.resourceUsage().maxRSS,
  }) + '\n',
);
