import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { UsageError } from '../core/errors.js';
import { getCatalogue } from '../formats/index.js';
import { appendWaiver, checkExpiry, parseFingerprint } from '../policy/waive.js';
import { todayUtc } from '../policy/waivers.js';
import { globalsOf } from './globals.js';
import type { CliIO } from './io.js';

interface WaiveOptions {
  reason: string;
  expires: string;
  file?: string;
}

/** `treaty waive <fingerprint>`: accept one finding until a date, in the waivers file. */
export async function waive(
  io: CliIO,
  fingerprint: string,
  opts: WaiveOptions,
  cmd: Command,
): Promise<void> {
  const g = globalsOf(cmd, io);
  const { rule } = parseFingerprint(fingerprint);
  if (!getCatalogue().has(rule)) throw new UsageError(`unknown rule '${rule}' in ${fingerprint}`);
  if (!opts.reason.trim()) throw new UsageError('--reason must say why');
  checkExpiry(opts.expires, todayUtc());
  const config = await loadConfig(g.cwd, g.config);
  const file = opts.file ? path.resolve(g.cwd, opts.file) : config.policy.waivers;
  if (!file) {
    throw new UsageError(
      'no waivers file: set policy.waivers in treaty.yaml (e.g. treaty-waivers.yaml) or pass --file',
    );
  }
  const line = await appendWaiver(file, {
    fingerprint,
    reason: opts.reason.trim(),
    expires: opts.expires,
  });
  io.out(`waived ${rule} until ${opts.expires}: ${path.relative(g.cwd, file) || file}:${line}\n`);
}
