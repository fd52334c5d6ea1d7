import path from 'node:path';
import type { LoadedContract } from './adapter.js';
import type { Baseline, BaselineProvider } from './baseline.js';
import { findingFactory } from './catalogue.js';
import type { ContractRef, Finding } from './model.js';
import { contractAdded } from './rules.js';
import { compareContracts, loadContract } from './run.js';
import { getCatalogue } from '../formats/index.js';

/** One contract compared with its baseline, before policy. */
export interface ContractOutcome {
  ref: ContractRef;
  rev: LoadedContract;
  baseline?: Baseline;
  base?: LoadedContract;
  /** Raw findings of the comparison (a `contract-added` info finding when there is no baseline). */
  findings: Finding[];
}

/**
 * The main job's comparison stage for one contract: load the working-tree revision, find its
 * baseline, load and compare. Used by `treaty check` and by `treaty publish` (which needs the same
 * findings to compute the next version).
 */
export async function checkContract(
  ref: ContractRef,
  baselines: BaselineProvider,
): Promise<ContractOutcome> {
  const rev = await loadContract(ref);
  const baseline = await baselines.find(ref, rev);
  if (!baseline) {
    const make = findingFactory(getCatalogue(), ref.id, ref.format);
    const entry = ref.entries[0];
    const finding = make(contractAdded, {
      args: { contract: ref.id },
      location: {
        file: entry ? path.join(ref.root, entry) : ref.root,
        line: entry ? 1 : 0,
        column: entry ? 1 : 0,
        pointer: [],
      },
    });
    return { ref, rev, findings: [...(rev.problems ?? []), finding] };
  }
  try {
    const base = await loadContract(baseline.ref, baseline.source);
    return { ref, rev, baseline, base, findings: compareContracts(base, rev) };
  } finally {
    baseline.close?.();
  }
}
