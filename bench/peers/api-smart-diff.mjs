// Peer: api-smart-diff (npm, installed into bench/.cache/peers) on two OpenAPI documents.
// Usage: node bench/peers/api-smart-diff.mjs [--bundle] <base> <revision>
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { args, loadOpenApi, main } from './_read.mjs';

const peers = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '.cache',
  'peers',
  'package.json',
);
const { apiCompare } = createRequire(peers)('api-smart-diff');
const { base, revision, bundle } = args();
await main(async () => {
  const before = await loadOpenApi(base, bundle);
  const after = await loadOpenApi(revision, bundle);
  const { diffs } = apiCompare(before, after);
  return { breaking: diffs.filter((d) => d.type === 'breaking').length };
});
