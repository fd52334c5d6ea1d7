#!/usr/bin/env node
// Fetches and verifies the benchmark corpus (bench/corpus.json) without running anything.
// Usage: node bench/corpus.mjs            fetch what is missing, verify every checksum
//        node bench/corpus.mjs --update   record the checksums of what is fetched (after a version bump)
import path from 'node:path';
import { ChecksumError, installPeers, prepareCorpus } from './lib/corpus.mjs';

const update = process.argv.includes('--update');
try {
  const { manifest, packages, generated } = prepareCorpus({ update, log: (m) => console.log(m) });
  for (const [spec, dir] of Object.entries(packages))
    console.log(`ok ${spec} → ${path.relative(process.cwd(), dir)}`);
  for (const [name, dir] of Object.entries(generated))
    console.log(`ok generated ${name} → ${path.relative(process.cwd(), dir)}`);
  const peers = installPeers(manifest.peers, { log: (m) => console.log(m) });
  for (const [name, v] of Object.entries(peers)) console.log(`ok peer ${name}@${v}`);
  if (update) console.log('bench/corpus.json updated');
} catch (e) {
  if (!(e instanceof ChecksumError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
