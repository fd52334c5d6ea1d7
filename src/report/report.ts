import type { Catalogue } from '../core/catalogue.js';
import type { Finding, FindingSummary, Format, Severity } from '../core/model.js';
import { summarise } from '../core/model.js';

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'github', 'junit', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const FAIL_ON = ['breaking', 'warning', 'info', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** One contract's outcome in a run. */
export interface ContractResult {
  id: string;
  /** The major line, when the contract provides several (one result per line). */
  line?: number;
  format: Format;
  /** Version of the revision, when the document declares one. */
  version?: string;
  /** Where the baseline came from: `registry:<id>@<version>`, `git:<ref>`, a path; absent when new. */
  baseline?: string;
  status: 'passed' | 'failed' | 'new';
  summary: FindingSummary;
}

/** What every formatter is fed: the same findings, whatever the output. */
export interface Report {
  version: 1;
  tool: { name: 'treaty'; version: string };
  failOn: FailOn;
  contracts: ContractResult[];
  /** Every finding of every severity, waived ones included (marked). */
  findings: Finding[];
  summary: FindingSummary & { contracts: number; failed: boolean };
}

const RANK: Record<Severity, number> = { breaking: 3, warning: 2, info: 1 };

/** Does this finding fail the run under `failOn`? Waived findings never do (unless expired). */
export function fails(f: Finding, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  if (f.waived && !f.waived.expired) return false;
  return RANK[f.severity] >= RANK[failOn];
}

export function buildReport(
  toolVersion: string,
  failOn: FailOn,
  contracts: Array<Omit<ContractResult, 'status' | 'summary'> & { isNew?: boolean }>,
  findings: Finding[],
): Report {
  const sorted = sortFindings(findings);
  // A finding belongs to the result of its contract and line; one about a line no result lists
  // (a major line no longer provided) to its contract's first result.
  const owner = (f: Finding) =>
    contracts.find((c) => c.id === f.contract && c.line === f.line) ??
    contracts.find((c) => c.id === f.contract);
  const results: ContractResult[] = contracts.map(({ isNew, ...c }, i) => {
    const own = sorted.filter((f) => owner(f) === contracts[i]);
    const failed = own.some((f) => fails(f, failOn));
    return { ...c, status: failed ? 'failed' : isNew ? 'new' : 'passed', summary: summarise(own) };
  });
  const failed = sorted.some((f) => fails(f, failOn));
  return {
    version: 1,
    tool: { name: 'treaty', version: toolVersion },
    failOn,
    contracts: results,
    findings: sorted,
    summary: { ...summarise(sorted), contracts: results.length, failed },
  };
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      a.contract.localeCompare(b.contract) ||
      RANK[b.severity] - RANK[a.severity] ||
      a.location.file.localeCompare(b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      a.rule.localeCompare(b.rule),
  );
}

export interface FormatterOptions {
  color: boolean;
  quiet: boolean;
  catalogue: Catalogue;
  /** Directory file paths in findings are relative to (for display); defaults to cwd. */
  cwd: string;
}

/** Every output format is one module with this signature. */
export type Formatter = (report: Report, opts: FormatterOptions) => string;
