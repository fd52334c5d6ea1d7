import type { Finding, Severity, SourceLocation } from '../core/model.js';
import { visible, waiverState, waiverText, wasAt } from './findings.js';
import { displayPath, position } from './paths.js';
import type { Formatter } from './report.js';

/**
 * GitHub Actions workflow commands: one annotation per finding at its file, line and column,
 * `::error` for breaking, `::warning` for warning, `::notice` for info and for waived findings.
 */
export const github: Formatter = (report, opts) => {
  const lines = visible(report, report.findings, opts.quiet).map((f) =>
    annotation(f, opts.cwd, wasAt(f, opts.catalogue)),
  );
  return lines.length ? lines.join('\n') + '\n' : '';
};

const LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = {
  breaking: 'error',
  warning: 'warning',
  info: 'notice',
};

export function annotation(f: Finding, cwd: string, was?: SourceLocation): string {
  const level = waiverState(f) === 'waived' ? 'notice' : LEVEL[f.severity];
  const props: Array<[string, string]> = [['file', displayPath(f.location.file, cwd)]];
  if (f.location.line > 0) {
    props.push(['line', String(f.location.line)]);
    if (f.location.column > 0) props.push(['col', String(f.location.column)]);
  }
  props.push(['title', f.rule]);
  const body = [f.message];
  if (was) body.push(`Was at ${position(was, cwd)}`);
  if (f.affects?.length) body.push(`Affects: ${f.affects.join(', ')}`);
  const waiver = waiverText(f);
  if (waiver) body.push(waiver.charAt(0).toUpperCase() + waiver.slice(1));
  const propText = props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',');
  return `::${level} ${propText}::${escapeData(body.join('\n'))}`;
}

/** Escaping of a command's message, as @actions/core does it. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a command's property value: the message's, plus `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
