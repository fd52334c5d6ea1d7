import { promises as fs } from 'node:fs';
import path from 'node:path';
import { RegistryError, TreatyError } from '../core/errors.js';
import { isSemver } from '../policy/semver.js';
import { TMP_DIR } from './atomic.js';
import { renderChangelog } from './changelog.js';
import { LOCK_FILE, acquireLock, isStale, readLockInfo, type LockOptions } from './lock.js';
import { isValidContractId } from './paths.js';
import { readBytes, readIndexFile, readManifestFile, sha256 } from './read.js';
import { CHANGELOG_FILE, INDEX_FILE, MANIFEST_FILE, openRegistry } from './registry.js';
import { cleanLeftovers, writeChangelog } from './apply.js';
import { replaceFile } from './atomic.js';
import type { IndexVersion, Manifest, RegistryIndex } from './types.js';
import { collate } from '../core/collate.js';

/**
 * `treaty registry verify`: every file's hash and size, every manifest against its schema, the
 * index against the folders. An `error` is corruption (exit 1): a changed or missing published
 * file, an invalid manifest or index, a version the index lists but the folders lack. A `note` is
 * what an interrupted publish may leave and the next publish (or `--repair`) tidies: a version
 * folder the index does not list yet, an out-of-date CHANGELOG.md, staging leftovers, a stale lock.
 */
export interface VerifyProblem {
  level: 'error' | 'note';
  /** Path of the offending file or folder. */
  path: string;
  message: string;
}

export interface VerifyResult {
  registry: string;
  ok: boolean;
  contracts: number;
  versions: number;
  files: number;
  problems: VerifyProblem[];
}

export async function verifyRegistry(dir: string): Promise<VerifyResult> {
  const root = path.resolve(dir);
  const st = await fs.stat(root).catch(() => undefined);
  if (!st?.isDirectory()) {
    throw new RegistryError('the registry folder does not exist', { file: root });
  }
  const problems: VerifyProblem[] = [];
  const error = (p: string, message: string) => problems.push({ level: 'error', path: p, message });
  const note = (p: string, message: string) => problems.push({ level: 'note', path: p, message });
  let versions = 0;
  let files = 0;

  // The index.
  const indexFile = path.join(root, INDEX_FILE);
  let index: RegistryIndex | undefined;
  const ist = await fs.lstat(indexFile).catch(() => undefined);
  if (!ist) {
    note(
      indexFile,
      'index.json is missing; it is rebuilt from the version folders by the next publish or verify --repair',
    );
  } else if (!ist.isFile()) {
    error(indexFile, 'is not a regular file (symlinks are never followed)');
  } else {
    try {
      index = await readIndexFile(indexFile);
    } catch (e) {
      error(indexFile, messageOf(e));
    }
  }
  const indexed = new Map<string, Map<string, IndexVersion>>();
  for (const [id, c] of Object.entries(index?.contracts ?? {})) {
    const byVersion = new Map<string, IndexVersion>();
    for (const v of c.versions) {
      if (byVersion.has(v.version)) error(indexFile, `${id}@${v.version} is listed twice`);
      if (v.format !== c.format) {
        error(indexFile, `${id}@${v.version} is ${v.format} but the contract is ${c.format}`);
      }
      byVersion.set(v.version, v);
    }
    indexed.set(id, byVersion);
  }

  // Every contract folder, indexed or not.
  const contractIds = new Set<string>(indexed.keys());
  for (const name of await readdirSafe(root)) {
    if (name.startsWith('.') || !isValidContractId(name)) continue;
    const s = await fs.lstat(path.join(root, name));
    if (s.isSymbolicLink() && indexed.has(name)) contractIds.add(name);
    else if (s.isDirectory()) contractIds.add(name);
  }

  const manifestsOf = new Map<string, Manifest[]>();
  let contracts = 0;
  for (const id of [...contractIds].sort()) {
    const cdir = path.join(root, id);
    const listed = indexed.get(id) ?? new Map<string, IndexVersion>();
    const cst = await fs.lstat(cdir).catch(() => undefined);
    if (cst?.isSymbolicLink()) {
      error(cdir, 'is a symlink; the registry never follows symlinks');
      continue;
    }
    if (!cst && listed.size) {
      error(cdir, `contract folder is missing (index.json lists ${listed.size} version(s))`);
      continue;
    }
    const good: Manifest[] = [];
    const seen = new Set<string>();
    let isContract = listed.size > 0;
    let allGood = true;
    for (const name of await readdirSafe(cdir)) {
      const p = path.join(cdir, name);
      if (name === CHANGELOG_FILE) continue;
      if (!isSemver(name)) continue;
      const vst = await fs.lstat(p);
      if (vst.isSymbolicLink()) {
        error(p, 'is a symlink; the registry never follows symlinks');
        seen.add(name);
        continue;
      }
      if (!vst.isDirectory()) continue;
      const entry = listed.get(name);
      const hasManifest = !!(await fs.lstat(path.join(p, MANIFEST_FILE)).catch(() => undefined));
      if (!entry && !hasManifest) {
        note(p, 'not a published version (no manifest.json); ignored');
        continue;
      }
      isContract = true;
      seen.add(name);
      versions++;
      const checked = await verifyVersion(p, id, name, entry, error);
      files += checked.files;
      if (checked.manifest) good.push(checked.manifest);
      else allGood = false;
      if (!entry && checked.manifest) {
        note(
          p,
          'published but not listed in index.json (an interrupted publish); the next publish or verify --repair adds it',
        );
      }
    }
    for (const v of listed.keys()) {
      if (!seen.has(v)) {
        error(path.join(cdir, v), `published version ${v} is missing (listed in index.json)`);
        allGood = false;
        versions++;
      }
    }
    if (!isContract) continue;
    contracts++;
    manifestsOf.set(id, good);
    const changelog = path.join(cdir, CHANGELOG_FILE);
    // The changelog is compared only when every version is sound (else it is noise).
    if (good.length && allGood) {
      const text = await fs.readFile(changelog, 'utf8').catch(() => undefined);
      if (text === undefined)
        note(changelog, 'CHANGELOG.md is missing; the next publish or verify --repair writes it');
      else if (text !== renderChangelog(id, good)) {
        note(
          changelog,
          'CHANGELOG.md is out of date or was edited; the next publish or verify --repair rewrites it',
        );
      }
    }
  }

  // Leftovers.
  const tmp = path.join(root, TMP_DIR);
  for (const name of await readdirSafe(tmp)) {
    note(path.join(tmp, name), 'left by an interrupted publish; removed by the next publish');
  }
  const lockFile = path.join(root, LOCK_FILE);
  const owner = await readLockInfo(lockFile).catch(() => undefined);
  if (owner) {
    note(
      lockFile,
      owner === 'invalid'
        ? 'an unreadable lock file'
        : `${isStale(owner) ? 'stale lock of a dead process' : 'locked'} (pid ${owner.pid} on ${owner.host} since ${owner.startedAt})`,
    );
  }

  problems.sort(
    (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || collate(a.level, b.level),
  );
  return {
    registry: root,
    ok: !problems.some((p) => p.level === 'error'),
    contracts,
    versions,
    files,
    problems,
  };
}

async function verifyVersion(
  dir: string,
  id: string,
  version: string,
  entry: IndexVersion | undefined,
  error: (p: string, message: string) => void,
): Promise<{ manifest?: Manifest; files: number }> {
  const file = path.join(dir, MANIFEST_FILE);
  let manifest: Manifest;
  let hash: string;
  try {
    const mst = await fs.lstat(file).catch(() => undefined);
    if (mst && !mst.isFile()) throw new RegistryError('is not a regular file', { file });
    ({ manifest, sha256: hash } = await readManifestFile(file, id, version));
  } catch (e) {
    error(file, messageOf(e));
    return { files: 0 };
  }
  let ok = true;
  if (entry) {
    if (entry.manifestSha256 !== hash) {
      error(
        file,
        'manifest.json was changed after it was published (its sha256 differs from index.json)',
      );
      ok = false;
    }
    for (const k of ['format', 'major', 'publishedAt'] as const) {
      if (entry[k] !== manifest[k]) {
        error(file, `index.json says ${k} ${entry[k]}, manifest.json says ${manifest[k]}`);
        ok = false;
      }
    }
  }
  const expected = new Map(manifest.files.map((f) => [f.path, f]));
  const found = await walk(dir);
  // Symlinks anywhere in a version folder: reported once, never followed.
  const links = found.filter((f) => f.kind === 'symlink').map((f) => f.rel);
  for (const l of links) {
    error(path.join(dir, ...l.split('/')), 'is a symlink; the registry never follows symlinks');
    ok = false;
  }
  const viaLink = (rel: string) => links.some((l) => rel === l || rel.startsWith(`${l}/`));
  for (const f of manifest.files) {
    if (viaLink(f.path)) continue;
    const p = path.join(dir, ...f.path.split('/'));
    const st = await fs.lstat(p).catch(() => undefined);
    if (!st) {
      error(p, 'published file is missing');
      ok = false;
      continue;
    }
    if (!st.isFile()) {
      error(p, 'is not a regular file');
      ok = false;
      continue;
    }
    const bytes = await readBytes(p);
    if (bytes.length !== f.size || sha256(bytes) !== f.sha256) {
      error(
        p,
        `content changed: sha256 ${sha256(bytes).slice(0, 12)}…, manifest.json has ${f.sha256.slice(0, 12)}…`,
      );
      ok = false;
    }
  }
  // Files nobody published.
  for (const f of found) {
    if (f.kind === 'symlink' || f.rel === MANIFEST_FILE || expected.has(f.rel)) continue;
    error(
      path.join(dir, ...f.rel.split('/')),
      f.kind === 'file' ? 'file is not listed in manifest.json' : 'is not a regular file',
    );
    ok = false;
  }
  return { manifest: ok ? manifest : undefined, files: manifest.files.length };
}

/** Everything below a folder that is not a real folder (posix relative paths). */
async function walk(
  dir: string,
  rel = '',
): Promise<Array<{ rel: string; kind: 'file' | 'symlink' | 'other' }>> {
  const out: Array<{ rel: string; kind: 'file' | 'symlink' | 'other' }> = [];
  let ents: import('node:fs').Dirent[];
  try {
    ents = await fs.readdir(path.join(dir, ...rel.split('/').filter(Boolean)), {
      withFileTypes: true,
    });
  } catch {
    return out;
  }
  for (const e of ents) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await walk(dir, r)));
    else out.push({ rel: r, kind: e.isSymbolicLink() ? 'symlink' : e.isFile() ? 'file' : 'other' });
  }
  return out;
}

async function readdirSafe(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).sort();
  } catch {
    return [];
  }
}

function messageOf(e: unknown): string {
  if (e instanceof TreatyError) return e.message;
  throw e;
}

/**
 * `verify --repair`: under the lock, remove staging leftovers, rewrite index.json from index.json
 * plus every valid unindexed version folder, and rewrite every CHANGELOG.md. Corruption (changed
 * published files) is never "repaired": verify keeps reporting it.
 */
export async function repairRegistry(dir: string, lock?: LockOptions): Promise<string[]> {
  const root = path.resolve(dir);
  const st = await fs.stat(root).catch(() => undefined);
  if (!st?.isDirectory()) {
    throw new RegistryError('the registry folder does not exist', { file: root });
  }
  const done: string[] = [];
  const held = await acquireLock(root, { command: 'registry verify --repair', ...lock });
  try {
    await cleanLeftovers(root);
    const reg = await openRegistry(root);
    if (reg.unindexed.length || !reg.hasIndex) {
      const index = reg.toIndex();
      await replaceFile(
        path.join(root, INDEX_FILE),
        JSON.stringify(index, null, 2) + '\n',
        path.join(root, TMP_DIR),
      );
      done.push(
        `rewrote ${path.join(root, INDEX_FILE)} (${reg.unindexed.length} version(s) added)`,
      );
    }
    for (const id of reg.contracts()) {
      const file = path.join(root, id, CHANGELOG_FILE);
      const before = await fs.readFile(file, 'utf8').catch(() => undefined);
      await writeChangelog(reg, id);
      const after = await fs.readFile(file, 'utf8');
      if (before !== after) done.push(`rewrote ${file}`);
    }
    await fs.rm(path.join(root, TMP_DIR), { recursive: true, force: true });
  } finally {
    await held.release();
  }
  return done;
}
