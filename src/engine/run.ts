import type { LoadedContract } from '../core/adapter.js';
import { UsageError } from '../core/errors.js';
import type { ContractRef, Finding } from '../core/model.js';
import { placeInRevision } from '../core/placement.js';
import type { FileSource } from '../core/source.js';
import { DirSource } from '../core/source.js';
import { getAdapter, getCatalogue, loadedAdapter } from '../formats/index.js';

/**
 * The comparison stage, format-agnostic: load a contract with its adapter from any source and
 * compare a base with a revision. Baselines (registry, git, folder) and policy live elsewhere.
 */
export async function loadContract(ref: ContractRef, source?: FileSource): Promise<LoadedContract> {
  const adapter = await getAdapter(ref.format);
  if (!adapter)
    throw new UsageError(`contract '${ref.id}': format '${ref.format}' is not supported yet`);
  const from = source ?? new DirSource(ref.root);
  const loaded = await adapter.load(ref, from);
  loaded.absolute ??= (rel) => from.absolute(rel);
  return loaded;
}

/** Compares two contracts loaded by `loadContract` (which loaded their format's adapter). */
export function compareContracts(base: LoadedContract, rev: LoadedContract): Finding[] {
  const adapter = loadedAdapter(rev.ref.format);
  if (!adapter) throw new UsageError(`format '${rev.ref.format}' is not supported yet`);
  if (base.ref.format !== rev.ref.format) {
    throw new UsageError(
      `cannot compare a ${base.ref.format} contract with a ${rev.ref.format} contract ('${rev.ref.id}')`,
    );
  }
  const found = adapter.compare(base, rev, {
    catalogue: getCatalogue(),
    contract: rev.ref.id,
    options: rev.ref.options,
  });
  return [...(rev.problems ?? []), ...placeInRevision(found, base, rev)];
}
