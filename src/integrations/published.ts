import path from 'node:path';
import type { LoadedContract } from '../core/adapter.js';
import { readContractFiles } from '../registry/plan.js';
import type { Registry } from '../registry/registry.js';
import { collate } from '../core/collate.js';

/** Is a contract about to be deployed exactly a published version? */
export interface PublishedState {
  contract: string;
  /** The published version whose files are these bytes, when there is one. */
  version?: string;
  /** Compared with: the latest published version, when no version matches. */
  latest?: string;
  /** What differs from the latest published version: each file (absolute) and how. */
  differs: Array<{ file: string; change: 'changed' | 'added' | 'removed' }>;
}

/**
 * The deploy gate: a contract passes when its files — entry and every referenced or imported file
 * — are byte for byte (by sha256) the files of one published version of it. Nothing is loaded
 * from the registry but manifests, whose hashes `treaty registry verify` checks against the bytes.
 */
export async function publishedState(
  contract: LoadedContract,
  registry: Registry,
): Promise<PublishedState> {
  const id = contract.ref.id;
  const files = await readContractFiles(contract);
  const mine = new Map(files.map((f) => [f.path, f.sha256]));
  const versions = registry.has(id) ? registry.versions(id) : [];
  for (const v of [...versions].reverse()) {
    const m = await registry.manifest(id, v.version);
    const theirs = new Map(m.files.map((f) => [f.path, f.sha256]));
    if (theirs.size === mine.size && [...mine].every(([p, h]) => theirs.get(p) === h)) {
      return { contract: id, version: v.version, differs: [] };
    }
  }
  const latest = registry.has(id) ? registry.latest(id) : undefined;
  if (!latest) return { contract: id, differs: [] };
  const theirs = new Map(
    (await registry.manifest(id, latest.version)).files.map((f) => [f.path, f.sha256]),
  );
  const differs: PublishedState['differs'] = [];
  const at = (p: string) => path.join(contract.ref.root, ...p.split('/'));
  for (const [p, h] of mine) {
    if (!theirs.has(p)) differs.push({ file: at(p), change: 'added' });
    else if (theirs.get(p) !== h) differs.push({ file: at(p), change: 'changed' });
  }
  for (const p of theirs.keys()) if (!mine.has(p)) differs.push({ file: at(p), change: 'removed' });
  differs.sort((a, b) => collate(a.file, b.file));
  return { contract: id, latest: latest.version, differs };
}
