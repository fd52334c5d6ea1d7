// Checksums of the benchmark corpus: sha256 of one file, a digest of a whole tree (the sorted list
// of its files' paths and sha256s), and the comparison against the committed manifest.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** sha256 (hex) of a file's bytes, or of a string / Buffer. */
export function sha256(bytes) {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sha256File(file) {
  return sha256(readFileSync(file));
}

/** The files under `dir` whose name ends in one of `exts` (all files when empty), sorted, '/'-separated. */
export function listTree(dir, exts = [], skip = ['node_modules']) {
  const out = [];
  const walk = (rel) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!skip.includes(e.name)) walk(r);
      } else if (!exts.length || exts.some((x) => e.name.endsWith(x))) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

/**
 * One digest for a set of files: sha256 over `<path>\0<sha256>\n` lines, sorted by path. `files` maps
 * a relative path to its bytes (or its sha256 when `hashed`).
 */
export function treeDigest(files, hashed = false) {
  const lines = [...files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([p, v]) => `${p}\0${hashed ? v : sha256(v)}\n`);
  return { files: lines.length, sha256: sha256(lines.join('')) };
}

/** The digest of the files under a folder (see listTree, treeDigest). */
export function dirDigest(dir, exts = []) {
  return treeDigest(
    new Map(listTree(dir, exts).map((f) => [f, sha256File(path.join(dir, f))])),
    true,
  );
}

/**
 * Compares actual checksums with the expected ones: `expected` and `actual` map a name to a sha256.
 * Returns one line per problem (a name missing on either side, or a different checksum); empty when
 * everything matches.
 */
export function checksumProblems(expected, actual) {
  const problems = [];
  for (const [name, want] of Object.entries(expected)) {
    const got = actual[name];
    if (got === undefined) problems.push(`${name}: missing`);
    else if (got !== want) problems.push(`${name}: sha256 ${got}, expected ${want}`);
  }
  for (const name of Object.keys(actual)) {
    if (!(name in expected)) problems.push(`${name}: not in the manifest`);
  }
  return problems;
}
