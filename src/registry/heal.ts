import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TMP_DIR } from './atomic.js';
import { renderChangelog } from './changelog.js';
import { LOCK_FILE, isStale, readLockInfo } from './lock.js';
import { CHANGELOG_FILE, openRegistry } from './registry.js';
import { repairRegistry } from './verify.js';

/**
 * What a publish interrupted after its version folder was renamed into place leaves (a version
 * missing from index.json, a stale CHANGELOG.md, a dead process's lock, staging leftovers) is
 * completed by the next `treaty publish` even when that publish has nothing new to write: the same
 * repair as `treaty registry verify --repair`, run only when one of these cheap checks finds
 * something. Returns what was done (empty when the registry was in order).
 */
export async function completeInterrupted(root: string): Promise<string[]> {
  const st = await fs.stat(root).catch(() => undefined);
  if (!st?.isDirectory()) return [];
  const reg = await openRegistry(root);
  const lock = await readLockInfo(path.join(root, LOCK_FILE));
  const staleLock = lock !== undefined && lock !== 'invalid' && isStale(lock);
  const leftovers = await fs
    .stat(path.join(root, TMP_DIR))
    .then(() => true)
    .catch(() => false);
  let needed =
    staleLock ||
    leftovers ||
    reg.unindexed.length > 0 ||
    (!reg.hasIndex && reg.contracts().length > 0);
  for (const id of needed ? [] : reg.contracts()) {
    const manifests = await Promise.all(reg.versions(id).map((v) => reg.manifest(id, v.version)));
    const want = renderChangelog(id, manifests);
    const have = await fs.readFile(path.join(root, id, CHANGELOG_FILE), 'utf8').catch(() => '');
    if (want !== have) {
      needed = true;
      break;
    }
  }
  if (!needed) return [];
  const done = await repairRegistry(root);
  return staleLock ? ['removed the stale lock of a dead process', ...done] : done;
}
