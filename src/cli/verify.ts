import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { UsageError } from '../core/errors.js';
import { resolveContracts } from '../engine/discover.js';
import { loadContract } from '../engine/run.js';
import { publishedState, type PublishedState } from '../integrations/published.js';
import { registryFolder } from '../registry/location.js';
import { openRegistry } from '../registry/registry.js';
import { displayPath } from '../report/paths.js';
import { setExit } from './common.js';
import { globalsOf } from './globals.js';
import type { CliIO } from './io.js';
import { select } from './select.js';

/**
 * `treaty verify --published [contract…]`: the deploy gate. Exit 0 when every contract is byte for
 * byte a published version, 1 naming each one that is not (and what differs), 2 on input errors.
 */
export async function verify(
  io: CliIO,
  ids: string[],
  opts: { published?: boolean },
  cmd: Command,
): Promise<void> {
  if (!opts.published) {
    throw new UsageError('treaty verify needs --published (treaty verify --published)');
  }
  const g = globalsOf(cmd, io);
  const config = await loadConfig(g.cwd, g.config);
  const refs = select(await resolveContracts(config), ids, config.root);
  const registry = await openRegistry(await registryFolder(config.registry, io));
  const states: PublishedState[] = [];
  for (const ref of refs) states.push(await publishedState(await loadContract(ref), registry));
  const unpublished = states.filter((s) => !s.version);
  if (g.format === 'json') {
    const contracts = states.map((s) => ({
      ...s,
      differs: s.differs.map((d) => ({ ...d, file: displayPath(d.file, g.cwd) })),
    }));
    io.out(JSON.stringify({ published: !unpublished.length, contracts }, null, 2) + '\n');
  } else {
    for (const s of states) io.out(line(s, g.cwd) + '\n');
    io.out(
      unpublished.length
        ? `${unpublished.length} of ${states.length} contracts not published: publish them before deploying.\n`
        : `All ${states.length} contracts are published versions.\n`,
    );
  }
  setExit(cmd, unpublished.length ? 1 : 0);
}

function line(s: PublishedState, cwd: string): string {
  if (s.version) return `${s.contract}: published as ${s.version}`;
  if (!s.latest) return `${s.contract}: NOT published (never published)`;
  const what = s.differs.map((d) => `${displayPath(d.file, cwd)} ${d.change}`).join(', ');
  return `${s.contract}: NOT published — differs from ${s.latest}: ${what}`;
}
