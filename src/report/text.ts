import path from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, Severity } from '../core/model.js';
import {
  changeText,
  countsText,
  groupByContract,
  plural,
  visible,
  waiverState,
  waiverText,
  wasAt,
  type ContractGroup,
} from './findings.js';
import { position } from './paths.js';
import type { Formatter, FormatterOptions, Report } from './report.js';
import { fails, policyText } from './report.js';

/**
 * Plain text for terminals: one block per contract, one line per finding that starts with
 * `file:line:col` so terminals link it, details on indented lines, a summary line at the end.
 */
export const text: Formatter = (report, opts) => {
  // Colour is decided by the caller (a TTY, --no-color, NO_COLOR); never by chalk's own detection.
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const blocks: string[] = [];
  for (const group of groupByContract(report)) {
    const shown = visible(report, group.findings, opts.quiet);
    if (opts.quiet && shown.length === 0) continue;
    const lines = [header(group, c)];
    if (shown.length === 0) lines.push(c.dim('  no changes'));
    for (const f of shown) lines.push(...findingLines(f, report, opts, c));
    blocks.push(lines.join('\n'));
  }
  if (report.waivers?.length) blocks.push(waiverLines(report, opts, c));
  blocks.push(summaryLine(report, c));
  return blocks.join('\n\n') + '\n';
};

const SEVERITY_STYLE: Record<Severity, (c: ChalkInstance) => ChalkInstance> = {
  breaking: (c) => c.red.bold,
  warning: (c) => c.yellow,
  info: (c) => c.cyan,
};

function header(group: ContractGroup, c: ChalkInstance): string {
  const r = group.contract;
  if (!r) return c.bold(group.id);
  const what = [r.format, r.version].filter(Boolean).join(' ');
  const against = r.baseline ? ` vs ${r.baseline}` : '';
  const status =
    r.status === 'failed'
      ? c.red.bold('failed')
      : r.status === 'new'
        ? c.cyan('new, no baseline')
        : c.green('passed');
  return `${c.bold(r.id)} (${what})${against}: ${status}`;
}

function findingLines(
  f: Finding,
  report: Report,
  opts: FormatterOptions,
  c: ChalkInstance,
): string[] {
  const waived = waiverState(f) === 'waived';
  const sev = SEVERITY_STYLE[f.severity](c)(f.severity.padEnd(8));
  const message = oneLine(f.message);
  const first = `${c.underline(position(f.location, opts.cwd))}  ${sev}  ${c.gray(f.rule)}  ${message}`;
  const lines = [waived ? c.dim(first) : first];
  const detail = (label: string, value: string) =>
    lines.push(`    ${c.gray(label + ':')} ${value}`);
  if (f.defaultSeverity && f.defaultSeverity !== f.severity) {
    detail('severity', `${f.severity} (rule default ${f.defaultSeverity})`);
  }
  const why = policyText(f, report);
  if (why) detail('policy', why);
  if (f.from) detail('from', f.from);
  const was = wasAt(f, opts.catalogue);
  if (was) detail('was at', position(was, opts.cwd));
  const change = changeText(f);
  if (change) detail('change', change);
  if (f.affects?.length) detail('affects', f.affects.join(', '));
  const waiver = waiverText(f);
  if (waiver) {
    const indented = waiver.replace(/\r?\n/g, '\n      ');
    lines.push('    ' + (waived ? c.dim(indented) : c.magenta(indented)));
  }
  return lines;
}

/** A finding's line stays one line, whatever its message holds. */
const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ');

function waiverLines(report: Report, opts: FormatterOptions, c: ChalkInstance): string {
  return report
    .waivers!.map((w) => {
      const at = `${path.relative(opts.cwd, w.file) || w.file}:${w.line}`;
      const what =
        w.state === 'expired'
          ? `waiver for ${w.rule} expired on ${w.expires}: it no longer waives`
          : `waiver for ${w.rule} matched no finding: remove it`;
      return `${c.underline(at)}  ${c.magenta('waiver')}  ${what}`;
    })
    .join('\n');
}

function summaryLine(report: Report, c: ChalkInstance): string {
  const s = report.summary;
  const verdict = s.failed ? c.red.bold('Failed') : c.green.bold('Passed');
  const findings = plural(report.findings.length, 'finding');
  const contracts = plural(s.contracts, 'contract');
  const failing = report.findings.filter((f) => fails(f, report.failOn)).length;
  return `${findings} in ${contracts}: ${countsText(s)}. ${verdict} (fail-on ${report.failOn}: ${plural(failing, 'failing finding')}).`;
}
