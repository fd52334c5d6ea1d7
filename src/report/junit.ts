import type { Finding } from '../core/model.js';
import {
  changeText,
  groupByContract,
  nextText,
  waiverText,
  type ContractGroup,
} from './findings.js';
import { position } from './paths.js';
import type { Formatter, Report } from './report.js';
import { fails } from './report.js';

/**
 * JUnit XML for CI test dashboards: one testsuite, one testcase per contract, one <failure> per
 * finding that fails the policy. Findings that do not fail are listed in the testcase's
 * <system-out>, so the dashboard still shows them.
 */
export const junit: Formatter = (report, opts) => {
  const groups = groupByContract(report);
  const cases = groups.map((g) => testcase(g, report, opts.cwd));
  const failures = cases.filter((c) => c.failed).length;
  const counts = `tests="${groups.length}" failures="${failures}" errors="0" skipped="0"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="treaty" tests="${groups.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="treaty" ${counts}>`,
    ...properties(report),
    ...cases.map((c) => c.xml),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};

/**
 * The next version of each contract as suite properties (`treaty.next-version.<id>` = the version,
 * or `refused`), for dashboards that show properties; the sentence is in each testcase's output.
 */
function properties(report: Report): string[] {
  const next = report.contracts.filter((c) => c.next);
  if (!next.length) return [];
  return [
    '    <properties>',
    ...next.map(
      (c) =>
        `      <property name="${attr(`treaty.next-version.${c.id}`)}" value="${attr(c.next!.action === 'refused' ? 'refused' : (c.next!.version ?? ''))}" />`,
    ),
    '    </properties>',
  ];
}

function testcase(g: ContractGroup, report: Report, cwd: string): { xml: string; failed: boolean } {
  const format = g.contract?.format ?? g.findings[0]?.format ?? 'unknown';
  const open = `    <testcase classname="treaty.${attr(format)}" name="${attr(g.id)}">`;
  const failing = g.findings.filter((f) => fails(f, report.failOn));
  const others = g.findings.filter((f) => !fails(f, report.failOn));
  const next = g.contract?.next ? [nextText(g.contract.next)] : [];
  if (failing.length === 0 && others.length === 0 && next.length === 0) {
    return { xml: open.replace(/>$/, ' />'), failed: false };
  }
  const body: string[] = [];
  for (const f of failing) {
    body.push(
      `      <failure type="${attr(f.rule)}" message="${attr(f.message)}">${text(details(f, cwd))}</failure>`,
    );
  }
  if (others.length || next.length) {
    const out = [...next, ...others.map((f) => details(f, cwd))];
    body.push(`      <system-out>${text(out.join('\n\n'))}</system-out>`);
  }
  return { xml: [open, ...body, '    </testcase>'].join('\n'), failed: failing.length > 0 };
}

function details(f: Finding, cwd: string): string {
  const lines = [`${position(f.location, cwd)} ${f.severity} ${f.rule}: ${f.message}`];
  if (f.baseLocation) lines.push(`baseline: ${position(f.baseLocation, cwd)}`);
  const change = changeText(f, 200);
  if (change) lines.push(`change: ${change}`);
  if (f.affects?.length) lines.push(`affects: ${f.affects.join(', ')}`);
  const waiver = waiverText(f);
  if (waiver) lines.push(waiver);
  return lines.join('\n');
}

/** Characters XML 1.0 cannot hold at all (control characters other than tab, LF, CR; lone surrogates). */
// eslint-disable-next-line no-control-regex
const INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function text(s: string): string {
  return s
    .replace(INVALID, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** An attribute value: line breaks and tabs kept as character references so parsers keep them. */
export function attr(s: string): string {
  return text(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
