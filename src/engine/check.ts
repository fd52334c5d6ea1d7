import path from 'node:path';
import type { LoadedContract } from '../core/adapter.js';
import type { Baseline, BaselineProvider } from '../core/baseline.js';
import { findingFactory } from '../core/catalogue.js';
import type { ContractRef, Finding } from '../core/model.js';
import type { MessageArgs, RuleDef } from '../core/rule.js';
import { contractAdded } from '../core/rules.js';
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
  opts: { transitive?: boolean; deprecationSince?: boolean; rev?: LoadedContract } = {},
): Promise<ContractOutcome> {
  const rev = opts.rev ?? (await loadContract(ref));
  const all =
    opts.transitive && baselines.findAll
      ? await baselines.findAll(ref, rev)
      : [await baselines.find(ref, rev)].filter((b): b is Baseline => !!b);
  const baseline = all[0];
  if (!baseline) {
    const finding = contractFinding(contractAdded, ref);
    return { ref, rev, findings: [...(rev.problems ?? []), finding] };
  }
  // Transitive: every version of the line, latest first; a change already found against a later
  // version is reported once (its fingerprint), against the latest version where it shows.
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let latestBase: LoadedContract | undefined;
  for (const b of all) {
    try {
      const base = await loadContract(b.ref, b.source);
      latestBase ??= base;
      for (const f of compareContracts(base, rev)) {
        if (seen.has(f.fingerprint)) continue;
        seen.add(f.fingerprint);
        // Transitive: name the published version the finding comes from.
        findings.push(opts.transitive ? { ...f, from: b.label } : f);
      }
    } finally {
      b.close?.();
    }
  }
  if (opts.deprecationSince) await deprecatedSince(findings, rev, baselines, all);
  const label = all.length > 1 ? `${baseline.label} (+${all.length - 1} earlier)` : baseline.label;
  return { ref, rev, baseline: { ...baseline, label }, base: latestBase, findings };
}

/**
 * For removals of deprecated elements (policy.deprecation.minDays): since when the element was
 * deprecated — the date of the earliest state of the baseline's history (the registry's published
 * versions of the line; a git ref's commits that changed the contract) from which on it was
 * deprecated. The states are compared with the revision from the latest back; the element was
 * deprecated in a state when that comparison reports the same removal (fingerprint) with a
 * deprecation. When the baseline has no dates (a folder), or its history ends while the element
 * is still deprecated (a shallow clone: `since` is then a lower bound), `sinceUnknown` says so
 * and the policy reports the period as unverified rather than guessing.
 */
async function deprecatedSince(
  findings: Finding[],
  rev: LoadedContract,
  baselines: BaselineProvider,
  compared: Baseline[],
): Promise<void> {
  const pending = new Map(findings.filter((f) => f.deprecation).map((f) => [f.fingerprint, f]));
  const latest = compared[0];
  if (!pending.size || !latest) return;
  if (!baselines.history) {
    for (const f of pending.values()) {
      f.deprecation = {
        ...f.deprecation,
        sinceUnknown: `the baseline ${latest.label} has no history or dates (compare with the registry or a git: ref)`,
      };
    }
    return;
  }
  const history = await baselines.history(rev.ref, rev);
  // The latest state is the baseline itself: every pending removal was deprecated there.
  let first = true;
  for (const b of history.states) {
    if (!pending.size || !b.publishedAt) {
      b.close?.();
      continue;
    }
    try {
      const still = first
        ? new Set(pending.keys())
        : new Set(
            compareContracts(await loadContract(b.ref, b.source), rev)
              .filter((f) => f.deprecation)
              .map((f) => f.fingerprint),
          );
      first = false;
      for (const [key, f] of pending) {
        if (still.has(key)) f.deprecation = { ...f.deprecation, since: day(b) };
        else pending.delete(key);
      }
    } catch {
      // A state that no longer loads (an older, broken commit) ends the history here.
      for (const f of pending.values()) {
        f.deprecation = {
          ...f.deprecation,
          sinceUnknown: `${b.label} could not be read, so the history ends there`,
        };
      }
      pending.clear();
    } finally {
      b.close?.();
    }
  }
  // Still deprecated in the oldest state read: only a lower bound when the history ends early.
  if (!history.complete) {
    for (const f of pending.values()) {
      f.deprecation = {
        ...f.deprecation,
        sinceUnknown: `deprecated at least since ${f.deprecation?.since ?? 'an unknown date'}, but ${history.note ?? 'the history ends there'}`,
      };
    }
  }
}

const day = (b: Baseline) => b.publishedAt!.slice(0, 10);

/**
 * A finding about a whole contract (added, removed): at line 1 of its entry document, or at its
 * root folder (line 0) for a tree of files.
 */
export function contractFinding<A extends MessageArgs = { contract: string }>(
  rule: RuleDef<A>,
  ref: ContractRef,
  args?: A,
  pointer: string[] = [],
): Finding {
  const make = findingFactory(getCatalogue(), ref.id, ref.format);
  const entry = ref.entries[0];
  return make(rule, {
    args: args ?? ({ contract: ref.id } as unknown as A),
    location: {
      file: entry ? path.join(ref.root, entry) : ref.root,
      line: entry ? 1 : 0,
      column: entry ? 1 : 0,
      pointer,
    },
  });
}
