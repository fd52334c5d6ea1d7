import path from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/report.js';
import type { CliIO } from './io.js';

/** The global options every command sees, resolved once. */
export interface GlobalOptions {
  format: ReportFormat;
  /** Was --format given explicitly (commands with their own default honour it). */
  formatGiven: boolean;
  quiet: boolean;
  color: boolean;
  config?: string;
  cwd: string;
  debug: boolean;
}

export function globalsOf(cmd: Command, io: CliIO): GlobalOptions {
  const o = cmd.optsWithGlobals() as {
    format?: string;
    quiet?: boolean;
    color?: boolean;
    config?: string;
    cwd?: string;
    debug?: boolean;
  };
  const format = (o.format ?? 'text') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    throw new UsageError(`unknown --format '${o.format}' (expected ${REPORT_FORMATS.join(', ')})`);
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
