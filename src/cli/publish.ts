import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { resolveContracts } from '../engine/discover.js';
import { UsageError } from '../core/errors.js';
import { VersionRefusal } from '../policy/next-version.js';
import { loadLines, runLines } from '../engine/lines.js';
import { applyPlan, type ApplyResult } from '../registry/apply.js';
import { completeInterrupted } from '../registry/heal.js';
import type { PublishPlan } from '../registry/plan.js';
import { openRegistry } from '../registry/registry.js';
import { openRemote, registryFolder, registrySpec } from '../registry/location.js';
import { isRemoteRegistry } from '../registry/remote.js';
import { displayPath } from '../report/paths.js';
import { loadRecord } from '../engine/unchanged.js';
import { VERSION, setExit } from './common.js';
import { globalsOf, type GlobalOptions } from './globals.js';
import type { CliIO } from './io.js';
import { publishPlanner, publishTime } from './planner.js';
import { select } from './select.js';

interface PublishOptions {
  version?: string;
  dryRun?: boolean;
  registry?: string;
}

/**
 * `treaty publish [contract…]`: plans every publish first (nothing is written if any is refused),
 * prints the plans with `--dry-run`, else applies them.
 */
export async function publish(
  io: CliIO,
  ids: string[],
  opts: PublishOptions,
  cmd: Command,
): Promise<void> {
  const g = globalsOf(cmd, io);
  const config = await loadConfig(g.cwd, g.config);
  const refs = select(await resolveContracts(config), ids, config.root);
  // Each major line is published on its own (versioned coexistence, engine/lines.ts).
  let revs = await loadLines(refs);
  if (opts.version !== undefined && revs.length > 1) {
    // A contract with several lines: --version names the line by its major.
    const major = /^(\d+)\./.exec(opts.version)?.[1];
    const line = revs.filter((r) => r.major !== undefined && String(r.major) === major);
    if (new Set(revs.map((r) => r.ref.id)).size === 1 && line.length === 1) revs = line;
  }
  if (opts.version !== undefined && revs.length !== 1) {
    throw new UsageError(
      `--version needs exactly one contract; name it (e.g. treaty publish ${refs[0]?.id ?? '<id>'} --version ${opts.version})`,
    );
  }
  const planner = await publishPlanner(config, g.cwd, publishTime(io));
  const spec = opts.registry ? registrySpec(opts.registry, g.cwd) : config.registry;

  /** Plans every contract against the registry in `dir` (nothing is written). */
  const planAll = async (dir: string): Promise<PublishPlan[]> => {
    const registry = await openRegistry(dir);
    const plans: PublishPlan[] = [];
    for (const rev of revs) {
      const ref = rev.ref;
      const plan = await namingContract(ref.id, () =>
        planner.plan(registry, ref, rev, {
          ...(opts.version !== undefined ? { version: opts.version } : {}),
          runLines: runLines(revs, ref.id),
        }),
      );
      // What `treaty check` needs to answer for these files later without loading them.
      if (plan.action === 'publish') {
        const loaded = await loadRecord(ref, rev, VERSION);
        if (loaded) plan.manifest.loaded = loaded;
      }
      plans.push(plan);
    }
    return plans;
  };

  if (opts.dryRun) {
    const plans = await planAll(await registryFolder(spec, io));
    io.out(
      g.format === 'json'
        ? JSON.stringify({ dryRun: true, plans: plans.map((p) => planJson(p)) }, null, 2) + '\n'
        : plans.map((p) => describePlan(p, g)).join('\n'),
    );
    setExit(cmd, 0);
    return;
  }
  const publishAll = async (dir: string) => {
    const plans = await planAll(dir);
    const results: ApplyResult[] = [];
    for (const plan of plans) results.push(await applyPlan(plan));
    if (results.some((r) => r.status === 'unchanged')) {
      // Nothing new to write here, but an earlier publish may have been interrupted.
      const healed = await completeInterrupted(dir);
      if (healed.length) {
        const note = `completed an interrupted publish: ${healed.join('; ')}`;
        for (const r of results) if (r.status === 'unchanged') r.reason += ` (${note})`;
      }
    }
    return { plans, results };
  };
  let pushed: { commit?: string; remote: string } | undefined;
  let done: { plans: PublishPlan[]; results: ApplyResult[] };
  if (isRemoteRegistry(spec)) {
    // A git registry: plan, write and commit on top of the fetched branch, push; planned again
    // from a fresh fetch when someone else pushed first.
    const remote = await openRemote(spec, io.env);
    const outcome = await remote.publish(async (dir) => {
      const value = await publishAll(dir);
      return { value, message: commitMessage(value.results, value.plans) };
    });
    done = outcome.value;
    pushed = {
      remote: remote.remote.url,
      ...(outcome.commit ? { commit: outcome.commit } : {}),
    };
  } else {
    done = await publishAll(spec);
  }
  const { plans, results } = done;
  if (g.format === 'json') {
    io.out(
      JSON.stringify(
        {
          dryRun: false,
          plans: plans.map((p, i) => planJson(p, results[i]!)),
          ...(pushed ? { pushed } : {}),
        },
        null,
        2,
      ) + '\n',
    );
  } else {
    for (const r of results) {
      const note = plans.find((p) => p.contract === r.contract)?.next.message;
      io.out(
        (r.status === 'published'
          ? `published ${r.contract} ${r.version} → ${pushed ? `${pushed.remote} ${r.contract}/${r.version}` : displayPath(r.dir, g.cwd)} (${r.reason})\n`
          : `${r.contract}: nothing to publish, ${r.reason}\n`) +
          (note && r.status === 'published' ? `  note: ${note}\n` : ''),
      );
    }
    if (pushed?.commit) io.out(`pushed ${pushed.commit.slice(0, 12)} to ${pushed.remote}\n`);
  }
  setExit(cmd, 0);
}

/** A refusal names its contract: `orders-api: info.version 1.0.1 is a patch release, …`. */
async function namingContract<T>(id: string, plan: () => Promise<T>): Promise<T> {
  try {
    return await plan();
  } catch (e) {
    if (e instanceof VersionRefusal) throw new VersionRefusal(`${id}: ${e.message}`, e.required);
    throw e;
  }
}

/** The commit message of a publish to a git registry; undefined when nothing was published. */
function commitMessage(results: ApplyResult[], plans: PublishPlan[]): string | undefined {
  const published = results.filter((r) => r.status === 'published');
  if (!published.length) return undefined;
  const source = plans.find((p) => p.manifest.source)?.manifest.source;
  return [
    `treaty publish: ${published.map((r) => `${r.contract} ${r.version}`).join(', ')}`,
    '',
    ...published.map((r) => `- ${r.contract} ${r.version}: ${r.reason}`),
    ...(source
      ? ['', `source commit: ${source.commit}${source.dirty ? ' (with uncommitted changes)' : ''}`]
      : []),
  ].join('\n');
}

/** The plan as JSON: everything but the file contents. */
export function planJson(p: PublishPlan, result?: ApplyResult) {
  return {
    contract: p.contract,
    format: p.format,
    version: p.version,
    action: p.action,
    ...(result ? { status: result.status } : {}),
    reason: p.reason,
    dir: p.dir,
    ...(p.manifest.previous ? { previous: p.manifest.previous } : {}),
    bump: p.manifest.bump,
    files: p.files.map(({ path: f, sha256, size }) => ({ path: f, sha256, size })),
    manifest: p.manifest,
    changelog: p.changelog,
  };
}

function describePlan(p: PublishPlan, g: GlobalOptions): string {
  const dir = displayPath(p.dir, g.cwd);
  if (p.action === 'unchanged') {
    return `${p.contract}: nothing to publish, ${p.reason} (dry run)\n`;
  }
  const width = Math.max(...p.files.map((f) => f.path.length), 'manifest.json'.length);
  const lines = [
    `would publish ${p.contract} ${p.version} (${p.reason}) — dry run, nothing written`,
    ...(p.next.message ? [`  note: ${p.next.message}`] : []),
    `  ${dir}/`,
    ...p.files.map(
      (f) => `    ${f.path.padEnd(width)}  ${String(f.size).padStart(8)} B  sha256 ${f.sha256}`,
    ),
    `    ${'manifest.json'.padEnd(width)}  (format ${p.format}, major ${p.manifest.major}, ${p.manifest.source ? `commit ${p.manifest.source.commit.slice(0, 12)}${p.manifest.source.dirty ? ' with uncommitted changes' : ''}` : 'not in a git repository'})`,
    `  ${displayPath(path.join(path.dirname(p.dir), 'CHANGELOG.md'), g.cwd)}, new entry:`,
    ...p.changelog
      .trimEnd()
      .split('\n')
      .map((l) => (l ? `    ${l}` : '')),
  ];
  return lines.join('\n') + '\n';
}
