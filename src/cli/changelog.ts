import type { Command } from 'commander';
import { publishedHistory } from '../changelog/collect.js';
import { CHANGELOG_FORMATS, renderChangelogAs } from '../changelog/index.js';
import type { Changelog, ChangelogContract } from '../changelog/model.js';
import { pendingVersion, type PendingOutcome } from '../changelog/pending.js';
import { resolveContracts } from '../engine/discover.js';
import { loadLines, runLines } from '../engine/lines.js';
import { loadConfig } from '../config/load.js';
import { InputError, RegistryError, TreatyError, UsageError } from '../core/errors.js';
import type { Finding } from '../core/model.js';
import { isSemver } from '../policy/semver.js';
import { assertDate } from '../registry/lifecycle.js';
import { registryFolder, registrySpec } from '../registry/location.js';
import { openRegistry } from '../registry/registry.js';
import { VERSION, setExit } from './common.js';
import { globalsOf } from './globals.js';
import type { CliIO } from './io.js';
import { publishPlanner, publishTime } from './planner.js';
import { select } from './select.js';

interface ChangelogOptions {
  from?: string;
  to?: string;
  pending?: boolean;
  all?: boolean;
  since?: string;
  registry?: string;
}

/**
 * `treaty changelog [contract…]`: the published history of contracts (or the pending change of
 * the working tree) in Markdown, JSON, HTML or text. Reads only; writes nothing.
 */
export async function changelog(
  io: CliIO,
  ids: string[],
  opts: ChangelogOptions,
  cmd: Command,
): Promise<void> {
  const g = globalsOf(cmd, io, CHANGELOG_FORMATS, 'markdown');
  checkOptions(ids, opts);
  const config = await loadConfig(g.cwd, g.config);
  const spec = opts.registry ? registrySpec(opts.registry, g.cwd) : config.registry;
  const registry = await openRegistry(await registryFolder(spec, io));
  let doc: Changelog;
  if (opts.pending) {
    const refs = select(await resolveContracts(config), ids, config.root);
    const now = publishTime(io);
    const planner = await publishPlanner(config, g.cwd, now);
    const contracts: ChangelogContract[] = [];
    // Each major line on its own, as publish plans it (a document may carry several).
    const revs = await loadLines(refs);
    for (const rev of revs) {
      const ref = rev.ref;
      let compared: { base: string; findings: Finding[] } | undefined;
      let outcome: PendingOutcome;
      try {
        outcome = {
          plan: await planner.plan(registry, ref, rev, {
            onCompared: (base, findings) => (compared = { base: base.version, findings }),
            runLines: runLines(revs, ref.id),
          }),
        };
      } catch (e) {
        // Publish refuses the version these changes would need (a usage or policy refusal, after
        // comparing): the entry lists them and says why. Broken inputs still fail.
        const broken = e instanceof InputError || e instanceof RegistryError;
        if (!(e instanceof TreatyError) || broken || !compared) throw e;
        // The breaking changes are listed in full below: the first one is not repeated.
        const refused = e.message.split(' — first: ')[0]!;
        outcome = { refused, previous: compared.base, findings: compared.findings };
      }
      const version = pendingVersion(outcome, planner.kindOf, now.toISOString().slice(0, 10));
      // Several lines of one contract: one entry, its lines newest first.
      const same = contracts.find((c) => c.contract === ref.id);
      if (same) same.versions.unshift(version);
      else contracts.push({ contract: ref.id, format: ref.format, versions: [version] });
    }
    doc = { scope: { kind: 'pending' }, contracts };
  } else {
    const wanted = opts.all
      ? registry.contracts()
      : ids.length
        ? ids
        : (await resolveContracts(config)).map((r) => r.id).filter((id) => registry.has(id));
    if (!wanted.length) {
      throw new UsageError(
        `no published contract to show in ${registry.root} (name one, or use --all)`,
      );
    }
    if ((opts.from || opts.to) && wanted.length !== 1) {
      throw new UsageError(
        `--from/--to need exactly one contract; name it (published: ${wanted.join(', ')})`,
      );
    }
    const filter = { from: opts.from, to: opts.to, since: opts.since };
    const contracts: ChangelogContract[] = [];
    for (const id of wanted) {
      const c = await publishedHistory(registry, id, filter);
      if (c) contracts.push(c);
    }
    doc = {
      scope: {
        kind: wanted.length === 1 && !opts.all ? 'contract' : 'contracts',
        ...(opts.from ? { from: opts.from } : {}),
        ...(opts.to ? { to: opts.to } : {}),
        ...(opts.since ? { since: opts.since } : {}),
      },
      contracts,
    };
  }
  io.out(renderChangelogAs(doc, g.format, { color: g.color, treatyVersion: VERSION }));
  setExit(cmd, 0);
}

function checkOptions(ids: string[], o: ChangelogOptions): void {
  if (o.pending) {
    const clash = (['from', 'to', 'all', 'since'] as const).find((k) => o[k] !== undefined);
    if (clash) {
      throw new UsageError(
        `--pending shows the working tree against the latest published version; it cannot be combined with --${clash}`,
      );
    }
  }
  if (o.all && ids.length) {
    throw new UsageError(
      `--all shows every contract of the registry; drop it or the contract ids (${ids.join(', ')})`,
    );
  }
  for (const [flag, v] of [
    ['--from', o.from],
    ['--to', o.to],
  ] as const) {
    if (v !== undefined && !isSemver(v)) {
      throw new UsageError(`${flag} '${v}' is not a version (MAJOR.MINOR.PATCH)`);
    }
  }
  if (o.since !== undefined) {
    try {
      assertDate(o.since);
    } catch (e) {
      throw new UsageError(`--since: ${(e as Error).message}`);
    }
  }
}
