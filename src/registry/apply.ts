import { promises as fs } from 'node:fs';
import path from 'node:path';
import { RegistryError } from '../core/errors.js';
import { TMP_DIR, fsyncDir, replaceFile, tmpName, writeNewFile } from './atomic.js';
import { renderChangelog } from './changelog.js';
import { acquireLock, cleanLockLeftovers, type LockOptions } from './lock.js';
import { assertContractId, assertRelPath, inside } from './paths.js';
import type { PublishPlan } from './plan.js';
import { sha256 } from './read.js';
import {
  CHANGELOG_FILE,
  INDEX_FILE,
  MANIFEST_FILE,
  indexEntryOf,
  mergeIndex,
  openRegistry,
  type Registry,
} from './registry.js';
import type { Manifest } from './types.js';

export interface ApplyResult {
  status: 'published' | 'unchanged';
  contract: string;
  version: string;
  dir: string;
  reason: string;
}

export interface ApplyOptions {
  lock?: LockOptions;
  /** Test hook: called between the steps of a publish (after the lock is held). */
  onStep?: (step: PublishStep) => void | Promise<void>;
}

export type PublishStep = 'locked' | 'staged' | 'renamed' | 'changelog' | 'index' | 'unlocking';

/**
 * Applies a publish plan. Under the registry lock, and in this order:
 *  1. remove leftovers of interrupted publishes (`.treaty-tmp/`);
 *  2. re-read the registry: the version must still be free (the same files → no-op, other files →
 *     refused) and the line's latest version must still be the planned one;
 *  3. write the files and manifest.json into `.treaty-tmp/<unique>/`, fsync them;
 *  4. rename that folder to `<contract>/<version>` (atomic: the version exists completely or not);
 *  5. rewrite `<contract>/CHANGELOG.md` and then `index.json` (each a temp file + rename).
 * A crash before 4 leaves the previous registry; after 4 the version is published and a stale
 * index/changelog is repaired by the next publish (a version folder with a valid manifest is part
 * of the registry even before the index lists it).
 */
export async function applyPlan(plan: PublishPlan, opts: ApplyOptions = {}): Promise<ApplyResult> {
  const progress: Progress = { step: 'staging' };
  try {
    return await applyPlanSteps(plan, opts, progress);
  } catch (e) {
    throw fsFailure(e, plan, progress.step);
  }
}

const FS_CODES: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the registry is on a read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'a file name is too long',
};

/**
 * A file-system failure during a publish (disk full, read-only, permission denied) as a one-line
 * RegistryError that says what state the registry is in: before the version folder's rename
 * nothing was published (staged files are removed by the next publish); after it the version is
 * published and the next publish or `registry verify --repair` brings index and changelog up.
 */
interface Progress {
  step: 'staging' | 'renamed' | 'indexed';
}

function fsFailure(e: unknown, plan: PublishPlan, step: Progress['step']): unknown {
  const err = e as NodeJS.ErrnoException;
  if (!err || typeof err.code !== 'string' || !(err.code in FS_CODES)) return e;
  const what = `${err.code}: ${FS_CODES[err.code]}`;
  const id = `${plan.contract}@${plan.version}`;
  const state =
    step === 'staging'
      ? `nothing was published (${id}); the registry is unchanged`
      : step === 'renamed'
        ? `${id} is published, but index.json or CHANGELOG.md was not updated; the next publish or treaty registry verify --repair completes it`
        : `${id} is published; the lock file could not be removed (the next publish breaks it as stale)`;
  return new RegistryError(`cannot write the registry (${what}): ${state}`, {
    file: err.path ?? plan.registry,
  });
}

async function applyPlanSteps(
  plan: PublishPlan,
  opts: ApplyOptions,
  progress: Progress,
): Promise<ApplyResult> {
  const result = (status: ApplyResult['status'], reason: string): ApplyResult => ({
    status,
    contract: plan.contract,
    version: plan.version,
    dir: plan.dir,
    reason,
  });
  if (plan.action === 'unchanged') return result('unchanged', plan.reason);
  assertContractId(plan.contract);
  for (const f of plan.files) assertRelPath(f.path, plan.registry);

  const root = plan.registry;
  await fs.mkdir(root, { recursive: true });
  const lock = await acquireLock(root, {
    command: `publish ${plan.contract}@${plan.version}`,
    ...opts.lock,
  });
  try {
    await opts.onStep?.('locked');
    await cleanLeftovers(root);
    const reg = await openRegistry(root);
    const existing = reg.find(plan.contract, plan.version);
    if (existing) {
      const m = await reg.manifest(plan.contract, plan.version);
      const same =
        m.files
          .map((f) => `${f.path}:${f.sha256}`)
          .sort()
          .join() ===
        plan.files
          .map((f) => `${f.path}:${f.sha256}`)
          .sort()
          .join();
      if (same)
        return result('unchanged', `${plan.version} is already published with the same files`);
    }
    const lineLatest = reg.latest(plan.contract, plan.manifest.major)?.version;
    if (lineLatest !== plan.lineLatest) {
      throw new RegistryError(
        `the registry changed since this publish was planned (latest of major line ${plan.manifest.major} is now ${lineLatest ?? 'none'}); run publish again`,
        { file: root },
      );
    }
    if (existing) {
      throw new RegistryError(
        `version ${plan.version} of '${plan.contract}' was published with different files meanwhile; published versions are immutable`,
        { file: existing.dir },
      );
    }

    const contractDir = inside(root, plan.contract);
    const st = await fs.lstat(contractDir).catch(() => undefined);
    if (st && (st.isSymbolicLink() || !st.isDirectory())) {
      throw new RegistryError('is not a real folder (symlinks are never followed)', {
        file: contractDir,
      });
    }

    // 3. Stage the version folder.
    const manifestText = JSON.stringify(plan.manifest, null, 2) + '\n';
    const stage = path.join(root, TMP_DIR, tmpName('publish'));
    await fs.mkdir(stage, { recursive: true });
    const dirs = new Set<string>([stage]);
    for (const f of plan.files) {
      const target = inside(stage, f.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      for (let d = path.dirname(target); d !== stage; d = path.dirname(d)) dirs.add(d);
      await writeNewFile(target, f.content);
    }
    await writeNewFile(path.join(stage, MANIFEST_FILE), manifestText);
    for (const d of [...dirs].sort((a, b) => b.length - a.length)) await fsyncDir(d);
    await opts.onStep?.('staged');

    // 4. Rename into place.
    await fs.mkdir(contractDir, { recursive: true });
    await fsyncDir(root);
    const target = inside(root, plan.contract, plan.version);
    await fs.rename(stage, target);
    progress.step = 'renamed';
    await fsyncDir(contractDir);
    await opts.onStep?.('renamed');

    // 5. Changelog, then index.
    const entry = { ...indexEntryOf(plan.manifest, sha256(manifestText)), contract: plan.contract };
    const index = mergeIndex(reg.toIndex(), [entry]);
    await writeChangelog(reg, plan.contract, [plan.manifest]);
    await opts.onStep?.('changelog');
    await replaceFile(
      path.join(root, INDEX_FILE),
      JSON.stringify(index, null, 2) + '\n',
      stageDir(root),
    );
    await opts.onStep?.('index');
    progress.step = 'indexed';
    return result('published', plan.reason);
  } finally {
    await opts.onStep?.('unlocking');
    await lock.release();
  }
}

const stageDir = (root: string) => path.join(root, TMP_DIR);

/** Rewrites a contract's CHANGELOG.md from its manifests (plus ones not yet in `reg`). */
export async function writeChangelog(
  reg: Registry,
  id: string,
  extra: readonly Manifest[] = [],
): Promise<void> {
  const manifests: Manifest[] = [...extra];
  for (const v of reg.versions(id)) {
    if (!extra.some((m) => m.version === v.version))
      manifests.push(await reg.manifest(id, v.version));
  }
  await replaceFile(
    inside(reg.root, id, CHANGELOG_FILE),
    renderChangelog(id, manifests),
    stageDir(reg.root),
  );
}

/** Removes what interrupted publishes left behind. Call only while holding the lock. */
export async function cleanLeftovers(root: string): Promise<void> {
  await fs.rm(stageDir(root), { recursive: true, force: true });
  await cleanLockLeftovers(root);
}
