import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { resolveContracts } from '../engine/discover.js';
import { FolderBaselines, GitBaselines, type BaselineProvider } from '../core/baseline.js';
import { checkContract, type ContractOutcome } from '../engine/check.js';
import { loadLines, missingLines, multiLine, runLines } from '../engine/lines.js';
import { unchangedContracts, type Unchanged } from '../engine/unchanged.js';
import { UsageError } from '../core/errors.js';
import type { ContractRef, Finding } from '../core/model.js';
import { applyPolicy, policyContext } from '../policy/index.js';
import { todayUtc, waiverNotes } from '../policy/waivers.js';
import { getCatalogue } from '../formats/index.js';
import { openRegistry } from '../registry/registry.js';
import { RegistryBaselines } from '../registry/baseline-provider.js';
import { registryFolder } from '../registry/location.js';
import { nextVersion } from '../registry/next.js';
import { compareWithPublished } from './planner.js';
import { buildReport, versionFields, type ContractResult } from '../report/report.js';
import { VERSION, setExit } from './common.js';
import { parseEvolution, parseFailOn } from './diff.js';
import { globalsOf } from './globals.js';
import type { CliIO } from './io.js';
import { printReport } from './output.js';
import { select } from './select.js';

interface CheckOptions {
  against?: string;
  failOn?: string;
  evolution?: string;
  strict?: boolean;
  /** `--no-fast-path`: load and compare every contract, unchanged or not. */
  fastPath?: boolean;
}

/** `treaty check [contract…]`: the main job. */
export async function check(
  io: CliIO,
  ids: string[],
  opts: CheckOptions,
  cmd: Command,
): Promise<void> {
  const g = globalsOf(cmd, io);
  const config = await loadConfig(g.cwd, g.config);
  const failOn = opts.failOn ? parseFailOn(opts.failOn) : config.policy.failOn;
  const evolution = opts.evolution ? parseEvolution(opts.evolution) : undefined;
  let refs = select(await resolveContracts(config), ids, config.root);

  refs = refs.map((r) => warnInvalid(r, opts.strict === true));
  const baselines = await baselineProvider(opts.against, g.cwd, config.root, config.registry, io);
  const findings: Finding[] = [];
  const outcomes: Array<{
    outcome: ContractOutcome;
    transitive: boolean;
    line: number | undefined;
  }> = [];
  const deprecationSince = !!config.policy.deprecation?.minDays;
  const sunsets = new Map<string, string>();
  const transitiveOf = (id: string) =>
    config.contracts?.find((c) => c.id === id)?.transitive ?? false;
  // Contracts whose files are those of their baseline are answered for without loading them.
  const unchanged =
    baselines instanceof RegistryBaselines && opts.fastPath !== false
      ? await unchangedContracts(refs, baselines, {
          treaty: VERSION,
          transitive: transitiveOf,
          ...(g.debug ? { note: (line: string) => io.err(`treaty: debug: ${line}\n`) } : {}),
        })
      : new Map<ContractRef, Unchanged>();
  const revs = await loadLines(refs, unchanged);
  const lined = multiLine(revs);
  for (const rev of revs) {
    const ref = rev.ref;
    const line = lined.has(ref.id) ? rev.major : undefined;
    const transitive = transitiveOf(ref.id);
    const known = unchanged.get(ref);
    const outcome: ContractOutcome = known
      ? { ref, rev, baseline: known.baseline, findings: [] }
      : await checkContract(ref, baselines, { transitive, deprecationSince, rev });
    if (outcome.baseline?.sunset) sunsets.set(lineKey(ref.id, line), outcome.baseline.sunset);
    findings.push(
      ...(line === undefined ? outcome.findings : outcome.findings.map((f) => ({ ...f, line }))),
    );
    outcomes.push({ outcome, transitive, line });
  }
  if (baselines instanceof RegistryBaselines) {
    findings.push(...missingLines(revs, baselines.registry));
  }
  const policy = await policyContext(config, getCatalogue());
  const ctx = {
    ...policy,
    lineSunset: (id: string, line?: number) => sunsets.get(lineKey(id, line)),
  };
  if (evolution) ctx.evolution = () => evolution;
  const policed = applyPolicy(findings, ctx);
  // With the registry as baseline, each contract's next version (what `treaty publish` would
  // do), computed as publish computes it.
  const registry = baselines instanceof RegistryBaselines ? baselines.registry : undefined;
  const catalogue = getCatalogue();
  const contracts: Array<Omit<ContractResult, 'status' | 'summary'> & { isNew?: boolean }> = [];
  for (const { outcome, transitive, line } of outcomes) {
    const { ref, rev, baseline } = outcome;
    const next = registry
      ? await nextVersion({
          registry,
          contract: rev,
          // The check's own findings are publish's against the same version (not when
          // transitive: those include earlier versions).
          compare: async (entry) =>
            !transitive && baseline?.version === entry.version
              ? policed.filter(
                  (f) => f.contract === ref.id && (line === undefined || f.line === line),
                )
              : compareWithPublished(registry, rev, ctx)(entry),
          kindOf: (rule) => catalogue.get(rule)?.kind,
          cwd: g.cwd,
          runLines: runLines(revs, ref.id),
        })
      : undefined;
    contracts.push({
      id: ref.id,
      ...(line !== undefined ? { line } : {}),
      format: ref.format,
      ...versionFields(rev, next),
      ...(baseline ? { baseline: baseline.label } : { isNew: true }),
      ...(baseline?.version ? { baselineVersion: baseline.version } : {}),
      ...(next ? { next } : {}),
    });
  }
  const report = buildReport(VERSION, failOn, contracts, policed);
  if (ctx.waivers) {
    const notes = waiverNotes(policed, ctx.waivers, ctx.today ?? todayUtc(), {
      contracts: refs.map((r) => r.id),
      all: ids.length === 0,
    });
    if (notes.length) report.waivers = notes;
  }
  printReport(report, g, io);
  setExit(cmd, report.summary.failed ? 1 : 0);
}

const lineKey = (id: string, line: number | undefined) =>
  line === undefined ? id : `${id}@${line}`;

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
  against: string | undefined,
  cwd: string,
  root: string,
  registry: string,
  io: CliIO,
): Promise<BaselineProvider> {
  if (!against)
    return new RegistryBaselines(await openRegistry(await registryFolder(registry, io)));
  if (against.startsWith('git:')) {
    const ref = against.slice(4);
    if (!ref) throw new UsageError('--against git:<ref> needs a ref, e.g. git:main');
    return new GitBaselines(root, ref);
  }
  return new FolderBaselines(root, path.resolve(cwd, against));
}
