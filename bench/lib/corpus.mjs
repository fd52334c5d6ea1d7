// The benchmark corpus: npm packages fetched with `npm pack` at the versions pinned in
// bench/corpus.json into bench/.cache (git-ignored), checked against the sha256 checksums recorded
// there (tarball, then every file used); our own generated pairs, checked the same way; and the
// peer tools that are not dependencies, installed into bench/.cache/peers.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checksumProblems, dirDigest, sha256File, treeDigest } from './checksum.mjs';
import { generate, writeSides } from '../generate.mjs';

export const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CACHE = path.join(BENCH, '.cache');
export const MANIFEST = path.join(BENCH, 'corpus.json');

export function readManifest() {
  return JSON.parse(readFileSync(MANIFEST, 'utf8'));
}

export class ChecksumError extends Error {}

/** `@scope/name@1.2.3` → `scope-name-1.2.3` (npm pack's tarball name, without `.tgz`). */
export function packName(spec) {
  const at = spec.lastIndexOf('@');
  return `${spec.slice(0, at).replace(/^@/, '').replace('/', '-')}-${spec.slice(at + 1)}`;
}

function refuse(what, problems) {
  throw new ChecksumError(
    `${what}: checksum mismatch, refusing to benchmark it\n  ${problems.join('\n  ')}\n` +
      `  (delete it from bench/.cache to fetch again; if the pinned version really changed, ` +
      `run \`node bench/corpus.mjs --update\` and review the diff of bench/corpus.json)`,
  );
}

/**
 * Fetches one pinned package (npm pack, once), verifies its tarball and extracts what the manifest
 * uses; verifies every used file on each call. Returns the extracted folder (holding `package/`).
 * With `update`, records the checksums instead of verifying them.
 */
export function fetchPackage(spec, entry, { update = false, log = () => {} } = {}) {
  const packs = path.join(CACHE, 'packs');
  const tgz = path.join(packs, `${packName(spec)}.tgz`);
  if (!existsSync(tgz)) {
    mkdirSync(packs, { recursive: true });
    log(`fetching ${spec} (npm pack)`);
    execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', packs], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (!existsSync(tgz)) throw new Error(`npm pack ${spec} did not write ${tgz}`);
  }
  const tarball = sha256File(tgz);
  if (update) entry.tarball = tarball;
  else if (tarball !== entry.tarball)
    refuse(`${spec} (${path.relative(BENCH, tgz)})`, [
      `tarball: sha256 ${tarball}, expected ${entry.tarball}`,
    ]);

  const dir = path.join(CACHE, 'corpus', packName(spec));
  const done = path.join(dir, '.extracted');
  const members = [...Object.keys(entry.files ?? {}), ...Object.keys(entry.trees ?? {})];
  if (!existsSync(done) || readFileSync(done, 'utf8') !== members.join('\n')) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['xzf', tgz, '-C', dir, ...members]);
    writeFileSync(done, members.join('\n'));
  }
  const actual = {};
  for (const f of Object.keys(entry.files ?? {})) actual[f] = sha256File(path.join(dir, f));
  const expected = { ...(entry.files ?? {}) };
  for (const [t, spec2] of Object.entries(entry.trees ?? {})) {
    const d = dirDigest(path.join(dir, t), spec2.ext);
    if (update) Object.assign(spec2, d);
    actual[`${t}/ (${spec2.ext.join(', ')} files)`] = `${d.files} files ${d.sha256}`;
    expected[`${t}/ (${spec2.ext.join(', ')} files)`] = `${spec2.files} files ${spec2.sha256}`;
  }
  if (update) {
    for (const f of Object.keys(entry.files ?? {})) entry.files[f] = actual[f];
  } else {
    const problems = checksumProblems(expected, actual);
    if (problems.length) refuse(spec, problems);
  }
  return dir;
}

/** Writes one generated pair to bench/.cache/generated/<name>/{base,revision} and verifies it. */
export function materialise(name, entry, { update = false } = {}) {
  const dir = path.join(CACHE, 'generated', name);
  const pair = generate(name, entry.seed);
  const digests = Object.fromEntries(['base', 'revision'].map((s) => [s, treeDigest(pair[s])]));
  const stale = ['base', 'revision'].some(
    (s) =>
      !existsSync(path.join(dir, s)) || dirDigest(path.join(dir, s)).sha256 !== digests[s].sha256,
  );
  if (stale) writeSides(dir, pair);
  if (update) Object.assign(entry, digests);
  else {
    const show = (d) => `${d.files} files ${d.sha256}`;
    const problems = checksumProblems(
      { base: show(entry.base), revision: show(entry.revision) },
      { base: show(digests.base), revision: show(digests.revision) },
    );
    if (problems.length) refuse(`generated pair ${name} (seed ${entry.seed})`, problems);
  }
  return dir;
}

/** Installs the pinned peers that are not dependencies into bench/.cache/peers (once). */
export function installPeers(peers, { log = () => {} } = {}) {
  const dir = path.join(CACHE, 'peers');
  const installed = (name) => {
    const pj = path.join(dir, 'node_modules', name, 'package.json');
    return existsSync(pj) && JSON.parse(readFileSync(pj, 'utf8')).version;
  };
  const missing = Object.entries(peers).filter(([name, v]) => installed(name) !== v);
  if (missing.length) {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(path.join(dir, 'package.json')))
      writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
    const specs = missing.map(([n, v]) => `${n}@${v}`);
    log(`installing ${specs.join(', ')} into ${path.relative(process.cwd(), dir)}`);
    execFileSync(
      'npm',
      ['install', '--prefix', dir, '--no-audit', '--no-fund', '--save-exact', ...specs],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
  }
  return Object.fromEntries(Object.keys(peers).map((n) => [n, installed(n) || undefined]));
}

/** Everything in the manifest, fetched and verified: `{ packages: spec → dir, generated: name → dir }`. */
export function prepareCorpus({ update = false, only, log = () => {} } = {}) {
  const manifest = readManifest();
  const packages = {};
  const generated = {};
  for (const [spec, entry] of Object.entries(manifest.packages)) {
    if (!only || only.has(spec)) packages[spec] = fetchPackage(spec, entry, { update, log });
  }
  for (const [name, entry] of Object.entries(manifest.generated)) {
    if (!only || only.has(name)) generated[name] = materialise(name, entry, { update });
  }
  if (update) writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, packages, generated };
}
