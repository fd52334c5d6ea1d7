import type { Catalogue } from '../core/catalogue.js';
import type { EvolutionMode, Finding, FindingSummary, Format, Severity } from '../core/model.js';
import { summarise } from '../core/model.js';
import type { NextVersion } from '../policy/next-version.js';
import type { WaiverNote } from '../policy/waivers.js';
import { collate } from '../core/collate.js';

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'github', 'junit', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const FAIL_ON = ['breaking', 'warning', 'info', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/**
 * One contract's outcome in a run. One notion of version in every report: `version` is what the
 * revision is (or would be) published as, `baselineVersion` the published version it is compared
 * with; `major` is the major line (a protobuf package's `vN` suffix is a line, never a version);
 * `documentVersion` is what the document itself says.
 */
export interface ContractResult {
  id: string;
  /** The major line, when the contract provides several (one result per line). */
  line?: number;
  format: Format;
  /** The version the revision is or would be published as (from `next`), when known. */
  version?: string;
  /** The major line of the revision, when it declares one (or of `version`). */
  major?: number;
  /** The version the document declares, as written (`info.version`, a JSON Schema `version`/`$id`). */
  documentVersion?: string;
  /** Where the baseline came from: `registry:<id>@<version>`, `git:<ref>`, a path; absent when new. */
  baseline?: string;
  /** The published version the baseline is (registry baselines). */
  baselineVersion?: string;
  /** What `treaty publish` would do: the next version and why, or why it would refuse. */
  next?: NextVersion;
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
  /** Waivers that expired or matched no finding (`check` with a waivers file). */
  waivers?: WaiverNote[];
}

/** The version fields of a contract's result: the revision's line and declared version, the next version. */
export function versionFields(
  rev: { version?: string; major?: number },
  next?: NextVersion,
): Pick<ContractResult, 'version' | 'major' | 'documentVersion'> {
  const version = next && next.action !== 'refused' ? next.version : undefined;
  const major = next?.major ?? rev.major;
  return {
    ...(version !== undefined ? { version } : {}),
    ...(major !== undefined ? { major } : {}),
    ...(rev.version !== undefined ? { documentVersion: rev.version } : {}),
  };
}

const RANK: Record<Severity, number> = { breaking: 3, warning: 2, info: 1 };

/** Whether a finding fails the run, and what decided it. */
export interface Decision {
  fails: boolean;
  /** What decided: the evolution mode, a severity override, fail-on, a waiver, an exemption. */
  by: 'mode' | 'override' | 'fail-on' | 'waiver' | 'stability' | 'exempt';
  /** The evolution mode the finding was judged in (absent when no mode applied). */
  mode?: EvolutionMode;
  /** One short phrase: "fails in expansion", "waived: <reason>", "beta is below …". */
  text: string;
}

/**
 * Does this finding fail the run under `failOn`, and why? Waived findings never fail (unless the
 * waiver expired); exempt ones (stability, sunset) never do; otherwise a `breaking` finding fails
 * (its rule lists the mode, or an override says so), and a lower severity fails when `failOn`
 * reaches it.
 */
export function decide(f: Finding, failOn: FailOn): Decision {
  const v = f.verdict;
  const mode = v ? { mode: v.mode } : {};
  if (f.waived && !f.waived.expired)
    return { fails: false, by: 'waiver', ...mode, text: `waived: ${f.waived.reason}` };
  if (failOn === 'never') return { fails: false, by: 'fail-on', ...mode, text: 'fail-on: never' };
  const expired = f.waived?.expired ? ` (waiver expired ${f.waived.expires})` : '';
  if (v && (v.by === 'stability' || v.by === 'exempt'))
    return { fails: false, by: v.by, ...mode, text: `exempt: ${v.detail ?? v.by}` };
  const reached = RANK[f.severity] >= RANK[failOn];
  if (v?.by === 'override')
    return { fails: reached, by: 'override', ...mode, text: `${v.detail ?? 'override'}${expired}` };
  if (v?.modeFails)
    return { fails: true, by: 'mode', ...mode, text: `fails in ${v.mode}${expired}` };
  if (reached) return { fails: true, by: 'fail-on', ...mode, text: `fail-on: ${failOn}${expired}` };
  return v
    ? { fails: false, by: 'mode', ...mode, text: `passes in ${v.mode}` }
    : { fails: false, by: 'fail-on', text: `below fail-on: ${failOn}` };
}

/**
 * The decision in a few words for text and markdown, when it is news: a failing finding (which
 * mode, override or fail-on), an exemption, or a severity the policy changed. Nothing for the
 * plain additions that pass.
 */
export function policyText(f: Finding, failOn: FailOn | Report): string | undefined {
  if (!f.verdict) return undefined; // no policy was applied (a formatter test, a bare diff)
  const d = decide(f, typeof failOn === 'string' ? failOn : failOn.failOn);
  if (d.by === 'waiver') return undefined; // the waiver line says it
  if (d.fails || d.by === 'stability' || d.by === 'exempt' || d.by === 'override') return d.text;
  if (f.defaultSeverity && f.defaultSeverity !== f.severity) return d.text;
  return undefined;
}

/** Does this finding fail the run under `failOn`? */
export function fails(f: Finding, failOn: FailOn): boolean {
  return decide(f, failOn).fails;
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
      collate(a.contract, b.contract) ||
      RANK[b.severity] - RANK[a.severity] ||
      collate(a.location.file, b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      collate(a.rule, b.rule),
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
