import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { resolveContracts } from '../engine/discover.js';
import { hasHead, installHook, stagedFiles, touchedContracts } from '../integrations/hook.js';
import { displayPath } from '../report/paths.js';
import { setExit } from './common.js';
import { globalsOf } from './globals.js';
import { main } from './index.js';
import type { CliIO } from './io.js';

/** The executable of this treaty, which the hook runs. */
const TREATY_BIN = fileURLToPath(new URL('../../bin/treaty.js', import.meta.url));

/** `treaty hook install` and `treaty hook run` (what the installed hook calls). */
export async function hookInstall(io: CliIO, _opts: unknown, cmd: Command): Promise<void> {
  const g = globalsOf(cmd, io);
  const { file, result } = await installHook(g.cwd, TREATY_BIN);
  const where = displayPath(file, g.cwd);
  io.out(
    result === 'chained'
      ? `treaty: installed ${where}; the existing hook is kept as pre-commit.before-treaty and runs first\n`
      : `treaty: ${result} ${where}\n`,
  );
}

export async function hookRun(io: CliIO, _opts: unknown, cmd: Command): Promise<void> {
  const g = globalsOf(cmd, io);
  const { top, files } = await stagedFiles(g.cwd);
  if (!files.length || !(await hasHead(top))) return;
  const config = await loadConfig(top, g.config);
  const touched = touchedContracts(await resolveContracts(config), top, files);
  if (!touched.length) return;
  const args = ['check', '--against', 'git:HEAD', '--quiet', '--cwd', top];
  if (g.config) args.push('--config', g.config);
  const code = await main(['node', 'treaty', ...args, ...touched.map((r) => r.id)], {
    ...io,
    out: io.err,
  });
  if (code === 1) {
    io.err(
      'treaty: commit blocked by the contract check above (skip once: git commit --no-verify)\n',
    );
  }
  setExit(cmd, code);
}
