import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { discoverContracts } from '../engine/discover.js';
import { configText, WORKFLOW, writeInit, type InitFile } from '../integrations/init.js';
import { displayPath } from '../report/paths.js';
import { globalsOf } from './globals.js';
import type { CliIO } from './io.js';

/** `treaty init [--github]`: a commented treaty.yaml, an empty registry, the workflow. */
export async function init(io: CliIO, opts: { github?: boolean }, cmd: Command): Promise<void> {
  const g = globalsOf(cmd, io);
  const root = g.cwd;
  const registry = path.join(root, 'registry');
  const refs = await discoverContracts(root, { skip: ['registry'] });
  const files: InitFile[] = [
    { file: path.join(root, 'treaty.yaml'), text: configText(root, refs) },
  ];
  if (opts.github) {
    files.push({
      file: path.join(root, '.github', 'workflows', 'contracts.yml'),
      text: WORKFLOW,
    });
  }
  await writeInit(files, registry);
  await loadConfig(root); // what was written is a valid config
  for (const f of [...files.map((x) => x.file), path.join(registry, 'index.json')]) {
    io.out(`wrote ${displayPath(f, g.cwd)}\n`);
  }
  io.out(
    `${refs.length} contract${refs.length === 1 ? '' : 's'} found${refs.length ? ': ' + refs.map((r) => `${r.id} (${r.format})`).join(', ') : ''}.\n` +
      'Next: treaty check, then treaty publish to publish the first versions.\n',
  );
}
