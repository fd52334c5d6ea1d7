import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/report.js';
import type { CliIO } from './io.js';

/** The global options every command sees, resolved once. */
export interface GlobalOptions<F extends string = ReportFormat> {
  format: F;
  /** Was --format given explicitly (commands with their own default honour it). */
  formatGiven: boolean;
  quiet: boolean;
  color: boolean;
  config?: string;
  cwd: string;
  debug: boolean;
}

/**
 * `formats`/`fallback`: a command with other outputs than the report's (`treaty changelog`)
 * passes its own list and default.
 */
export function globalsOf<F extends string = ReportFormat>(
  cmd: Command,
  io: CliIO,
  formats: readonly F[] = REPORT_FORMATS as readonly string[] as readonly F[],
  fallback: F = 'text' as F,
): GlobalOptions<F> {
  const o = cmd.optsWithGlobals() as {
    format?: string;
    quiet?: boolean;
    color?: boolean;
    config?: string;
    cwd?: string;
    debug?: boolean;
  };
  const format = (o.format ?? fallback) as F;
  if (!formats.includes(format)) {
    throw new UsageError(`unknown --format '${o.format}' (expected ${formats.join(', ')})`);
  }
  const noColorEnv = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return {
    format,
    formatGiven: o.format !== undefined,
    quiet: !!o.quiet,
    color: o.color !== false && io.isTTY && !noColorEnv,
    config: o.config,
    cwd: path.resolve(io.cwd, o.cwd ?? '.'),
    debug: !!o.debug,
  };
}
