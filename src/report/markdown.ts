import type { Finding, Severity, SourceLocation } from '../core/model.js';
import {
  changeText,
  countsText,
  groupByContract,
  plural,
  visible,
  waiverState,
  waiverText,
  wasAt,
} from './findings.js';
import { position } from './paths.js';
import type { ContractResult, FailOn, Formatter } from './report.js';
import { policyText } from './report.js';

/**
 * Markdown for a GitHub job summary or a pull-request comment: a verdict, a table of contracts,
 * then a table of findings per contract. Waived findings stay in the tables, marked.
 */
export const markdown: Formatter = (report, opts) => {
  const s = report.summary;
  const out: string[] = [
    `## ${s.failed ? '❌ treaty: failed' : '✅ treaty: passed'}`,
    '',
    `${plural(report.findings.length, 'finding')} in ${plural(s.contracts, 'contract')}: ${countsText(s)} (fail-on \`${report.failOn}\`).`,
    '',
  ];
  if (report.contracts.length) {
    out.push(
      '| Contract | Format | Version | Baseline | Status | Breaking | Warning | Info | Waived |',
      '| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: |',
      ...report.contracts.map(contractRow),
      '',
    );
  }
  for (const group of groupByContract(report)) {
    const shown = visible(report, group.findings, opts.quiet);
    if (shown.length === 0 && (opts.quiet || !group.contract)) continue;
    const format = group.contract?.format ?? group.findings[0]?.format;
    out.push(`### ${cell(group.id)}${format ? ` (${format})` : ''}`, '');
    if (shown.length === 0) {
      out.push('No changes.', '');
      continue;
    }
    out.push('| | Severity | Rule | Location | Message |', '| --- | --- | --- | --- | --- |');
    for (const f of shown)
      out.push(findingRow(f, opts.cwd, wasAt(f, opts.catalogue), report.failOn));
    out.push('');
  }
  return out.join('\n');
};

const STATUS: Record<ContractResult['status'], string> = {
  failed: '❌ failed',
  passed: '✅ passed',
  new: '🆕 new',
};

function contractRow(c: ContractResult): string {
  const s = c.summary;
  return row([
    cell(c.id),
    c.format,
    cell(c.version ?? ''),
    c.baseline ? code(c.baseline) : '—',
    STATUS[c.status],
    String(s.breaking),
    String(s.warning),
    String(s.info),
    String(s.waived),
  ]);
}

const ICON: Record<Severity, string> = { breaking: '🔴', warning: '🟡', info: '🔵' };

function findingRow(
  f: Finding,
  cwd: string,
  was: SourceLocation | undefined,
  failOn: FailOn,
): string {
  const state = waiverState(f);
  const details = [cell(f.message)];
  const why = policyText(f, failOn);
  if (why) details.push(`Policy: ${cell(why)}`);
  if (f.from) details.push(`From: ${code(f.from)}`);
  const change = changeText(f);
  if (change) details.push(`Change: ${code(change)}`);
  if (f.affects?.length) details.push(`Affects: ${f.affects.map(code).join(', ')}`);
  const waiver = waiverText(f);
  if (waiver) details.push(`_${cell(capitalise(waiver))}_`);
  return row([
    state === 'waived' ? '⚪' : ICON[f.severity],
    severityCell(f),
    code(f.rule),
    code(position(f.location, cwd)) + (was ? `<br>was at ${code(position(was, cwd))}` : ''),
    details.join('<br>'),
  ]);
}

function severityCell(f: Finding): string {
  const notes: string[] = [];
  if (waiverState(f) === 'waived') notes.push('waived');
  if (f.defaultSeverity && f.defaultSeverity !== f.severity) {
    notes.push(`rule default ${f.defaultSeverity}`);
  }
  return notes.length ? `${f.severity} (${notes.join(', ')})` : f.severity;
}

const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

/** Text inside a table cell: no line breaks, no raw HTML, no column separators. */
function cell(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n|\r/g, '<br>');
}

/** An inline code span inside a table cell (a longer fence when the text has backticks). */
function code(s: string): string {
  const flat = s.replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|');
  const ticks = flat.includes('`') ? '``' : '`';
  const pad = ticks.length > 1 ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
