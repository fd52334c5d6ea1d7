import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { resolveContracts } from '../engine/discover.js';
import { FolderBaselines, GitBaselines, type BaselineProvider } from '../core/baseline.js';
import { checkContract, type ContractOutcome } from '../engine/check.js';
import { UsageError } from '../core/errors.js';
import type { ContractRef, Finding } from '../core/model.js';
import { applyPolicy, policyContext } from '../policy/index.js';
import { todayUtc, waiverNotes } from '../policy/waivers.js';
import { getCatalogue } from '../formats/index.js';
import { openRegistry } from '../registry/registry.js';
import { RegistryBaselines } from '../registry/baseline-provider.js';
import { registryFolder } from '../registry/location.js';
import { nextVersion } from '../registry/next.js';
import { buildReport, versionFields, type ContractResult } from '../report/report.js';
import { compareWithPublished } from './planner.js';
import { VERSION, setExit } from './common.js';
import { parseEvolution, parseFailOn } from './diff.js';
import { globalsOf } from './globals.js';
import type { CliIO } from './io.js';
import { printReport } from './output.js';

interface CheckOptions {
  against?: string;
  failOn?: string;
  evolution?: string;
  strict?: boolean;
}

/** `treaty check [contract…]`: the main job. */
export function registerCheck(program: Command, io: CliIO): void {
  program
    .command('check')
    .description(
      'compare every contract of the repository with its baseline (the registry by default) and apply the policy',
    )
    .argument('[contract...]', 'only these contract ids (default: all)')
    .option(
      '--against <baseline>',
      'baseline: git:<ref> (read from git objects, no checkout) or a folder laid out like the repository',
    )
    .option('--fail-on <severity>', 'lowest severity that fails: breaking, warning, info, never')
    .option(
      '--strict',
      'a document that fails validation against its specification is an input error (exit 2), not a warning',
    )
    .option(
      '--evolution <mode>',
      'evolution mode for every contract (default: treaty.yaml, else expansion): expansion, backward, forward, full, none',
    )
    .action(async (ids: string[], opts: CheckOptions, cmd: Command) => {
      const g = globalsOf(cmd, io);
      const config = await loadConfig(g.cwd, g.config);
      const failOn = opts.failOn ? parseFailOn(opts.failOn) : config.policy.failOn;
      const evolution = opts.evolution ? parseEvolution(opts.evolution) : undefined;
      let refs = await resolveContracts(config);
      if (ids.length) {
        const unknown = ids.filter((id) => !refs.some((r) => r.id === id));
        if (unknown.length) {
          throw new UsageError(
            `unknown contract ${unknown.map((u) => `'${u}'`).join(', ')} (known: ${refs.map((r) => r.id).join(', ') || 'none'})`,
          );
        }
        refs = refs.filter((r) => ids.includes(r.id));
      }
      if (!refs.length) {
        throw new UsageError(
          `no contracts found in ${config.root} (list them in treaty.yaml, or run treaty in the repository)`,
        );
      }

      refs = refs.map((r) => warnInvalid(r, opts.strict === true));
      // Without --against the baseline is the registry, and each contract's next version (what
      // `treaty publish` would do) is reported too.
      const registry = opts.against
        ? undefined
        : await openRegistry(await registryFolder(config.registry, io));
      const baselines = registry
        ? new RegistryBaselines(registry)
        : await baselineProvider(opts.against!, g.cwd, config.root);
      const findings: Finding[] = [];
      const outcomes: Array<{ outcome: ContractOutcome; transitive: boolean }> = [];
      const deprecationSince = !!config.policy.deprecation?.minDays;
      const sunsets = new Map<string, string>();
      for (const ref of refs) {
        const transitive = config.contracts?.find((c) => c.id === ref.id)?.transitive ?? false;
        const outcome = await checkContract(ref, baselines, { transitive, deprecationSince });
        if (outcome.baseline?.sunset) sunsets.set(ref.id, outcome.baseline.sunset);
        findings.push(...outcome.findings);
        outcomes.push({ outcome, transitive });
      }
      const catalogue = getCatalogue();
      const policy = {
        ...(await policyContext(config, catalogue)),
        lineSunset: (id: string) => sunsets.get(id),
      };
      if (evolution) policy.evolution = () => evolution;
      const policed = applyPolicy(findings, policy);
      const contracts: Array<Omit<ContractResult, 'status' | 'summary'> & { isNew?: boolean }> = [];
      for (const { outcome, transitive } of outcomes) {
        const { ref, rev, baseline } = outcome;
        const next = registry
          ? await nextVersion({
              registry,
              contract: rev,
              // The check's own findings are publish's against the same version (not when
              // transitive: those include earlier versions).
              compare: async (entry) =>
                !transitive && baseline?.version === entry.version
                  ? policed.filter((f) => f.contract === ref.id)
                  : compareWithPublished(registry, rev, policy)(entry),
              kindOf: (rule) => catalogue.get(rule)?.kind,
              cwd: g.cwd,
            })
          : undefined;
        contracts.push({
          id: ref.id,
          format: ref.format,
          ...versionFields(rev, next),
          ...(baseline ? { baseline: baseline.label } : { isNew: true }),
          ...(baseline?.version ? { baselineVersion: baseline.version } : {}),
          ...(next ? { next } : {}),
        });
      }
      const report = buildReport(VERSION, failOn, contracts, policed);
      if (policy.waivers) {
        const notes = waiverNotes(policed, policy.waivers, policy.today ?? todayUtc(), {
          contracts: refs.map((r) => r.id),
          all: ids.length === 0,
        });
        if (notes.length) report.waivers = notes;
      }
      printReport(report, g, io);
      setExit(cmd, report.summary.failed ? 1 : 0);
    });
}

/**
 * The first run just works: a document that fails validation against its specification is still
 * compared, its problems reported as warnings at file:line — unless `--strict` or the contract's
 * `strict: true`. What cannot be read (syntax, missing files, unresolvable `$ref`s) stays exit 2.
 */
function warnInvalid(ref: ContractRef, strict: boolean): ContractRef {
  if (strict || ref.options?.strict === true) return ref;
  return { ...ref, options: { validation: 'warn', ...(ref.options ?? {}) } };
}

async function baselineProvider(
  against: string,
  cwd: string,
  root: string,
): Promise<BaselineProvider> {
  if (against.startsWith('git:')) {
    const ref = against.slice(4);
    if (!ref) throw new UsageError('--against git:<ref> needs a ref, e.g. git:main');
    return new GitBaselines(root, ref);
  }
  return new FolderBaselines(root, path.resolve(cwd, against));
}
