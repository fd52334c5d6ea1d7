import type { TreatyConfig } from '../config/types.js';
import type { LoadedContract } from '../core/adapter.js';
import { UsageError } from '../core/errors.js';
import type { ContractRef, Finding } from '../core/model.js';
import type { ChangeKind } from '../core/rule.js';
import { compareContracts, loadContract } from '../engine/run.js';
import { getCatalogue } from '../formats/index.js';
import { applyPolicy, policyContext, type PolicyContext } from '../policy/index.js';
import { gitSource } from '../registry/git.js';
import { planPublish, type PublishPlan } from '../registry/plan.js';
import type { Registry } from '../registry/registry.js';
import type { VersionEntry } from '../registry/types.js';
import type { CliIO } from './io.js';

export interface Planner {
  kindOf: (rule: string) => ChangeKind | undefined;
  /**
   * Plans publishing one contract of the working tree (`treaty publish`, `treaty changelog
   * --pending`). `onCompared` sees the findings against the baseline, even when the plan is then
   * refused.
   */
  plan(
    registry: Registry,
    ref: ContractRef,
    rev: LoadedContract,
    o?: {
      version?: string;
      onCompared?: (base: VersionEntry, findings: Finding[]) => void;
      /** The major lines of this contract planned in the same run. */
      runLines?: readonly number[];
    },
  ): Promise<PublishPlan>;
}

export async function publishPlanner(
  config: TreatyConfig,
  cwd: string,
  now: Date,
): Promise<Planner> {
  const catalogue = getCatalogue();
  const kindOf = (rule: string) => catalogue.get(rule)?.kind;
  const policy = await policyContext(config, catalogue);
  return {
    kindOf,
    async plan(registry, ref, rev, o = {}) {
      return planPublish({
        registry,
        contract: rev,
        compare: async (entry) => {
          // The published copy is loaded as the revision's line (a document carrying several).
          const major = ref.major ?? rev.major;
          const baseRef = {
            ...(await registry.ref(ref.id, entry.version, ref.options)),
            ...(major !== undefined ? { major } : {}),
          };
          const base = await loadContract(baseRef, registry.source(ref.id, entry.version));
          const findings = applyPolicy(compareContracts(base, rev), policy);
          o.onCompared?.(entry, findings);
          return findings;
        },
        kindOf,
        ...(o.version !== undefined ? { version: o.version } : {}),
        ...(o.runLines ? { runLines: o.runLines } : {}),
        now,
        cwd,
        source: await gitSource(ref.root, [...new Set([...ref.entries, ...rev.files])]),
      });
    },
  };
}

/** Compares a revision with one of its published versions, policy applied (publish and check). */
export function compareWithPublished(
  registry: Registry,
  rev: LoadedContract,
  policy: PolicyContext,
): (entry: VersionEntry) => Promise<Finding[]> {
  return async (entry) => {
    const ref = rev.ref;
    // The published copy is loaded as the revision's line (a document carrying several).
    const major = ref.major ?? rev.major;
    const baseRef = {
      ...(await registry.ref(ref.id, entry.version, ref.options)),
      ...(major !== undefined ? { major } : {}),
    };
    const base = await loadContract(baseRef, registry.source(ref.id, entry.version));
    return applyPolicy(compareContracts(base, rev), policy);
  };
}

/**
 * The time a publish is stamped with: now, or `SOURCE_DATE_EPOCH` (seconds since 1970, the
 * reproducible-builds convention) so a registry can be rebuilt byte for byte.
 */
export function publishTime(io: CliIO): Date {
  const epoch = io.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date();
  if (!/^\d{1,12}$/.test(epoch)) {
    throw new UsageError(
      `SOURCE_DATE_EPOCH '${epoch}' is not a number of seconds since 1970-01-01 (unset it to use the current time)`,
    );
  }
  return new Date(Number(epoch) * 1000);
}
