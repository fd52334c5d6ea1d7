// Floor: read and parse both sides (JSON.parse or the yaml package), every file of a tree.
// Usage: node bench/peers/parse.mjs <base> <revision>   (files or folders)
import { statSync } from 'node:fs';
import path from 'node:path';
import { listTree } from '../lib/checksum.mjs';
import { readDoc, report } from './_read.mjs';

let files = 0;
for (const p of process.argv.slice(2)) {
  const list = statSync(p).isDirectory()
    ? listTree(p, ['.json', '.yaml', '.yml']).map((f) => path.join(p, f))
    : [p];
  for (const f of list) {
    readDoc(f);
    files++;
  }
}
report({ files });
