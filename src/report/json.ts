import path from 'node:path';
import type { Finding } from '../core/model.js';
import { relativeLocation } from './paths.js';
import type { Formatter, FormatterOptions, Report } from './report.js';
import { decide, type Decision } from './report.js';

/**
 * The JSON report (schemas/report.schema.json): every finding of every severity, whatever
 * `failOn` says, each marked with whether it fails the policy. Pointers stay arrays; paths are
 * relative to the run's folder.
 */
export const json: Formatter = (report, opts) =>
  JSON.stringify(toJsonReport(report, opts), null, 2) + '\n';

export interface JsonFinding extends Omit<Finding, 'location' | 'baseLocation'> {
  location: Finding['location'];
  baseLocation?: Finding['location'];
  /** Does this finding fail the run under the report's `failOn`? */
  fails: boolean;
  /** Why it fails or passes: the mode, an override, fail-on, a waiver or an exemption. */
  why: Omit<Decision, 'fails'>;
}

export function toJsonReport(report: Report, opts: Pick<FormatterOptions, 'cwd'>) {
  return {
    version: report.version,
    tool: { ...report.tool },
    failOn: report.failOn,
    contracts: report.contracts.map((c) => ({ ...c, summary: { ...c.summary } })),
    findings: report.findings.map((f) => toJsonFinding(f, report, opts.cwd)),
    summary: { ...report.summary },
    ...(report.waivers?.length
      ? {
          waivers: report.waivers.map((w) => ({
            ...w,
            file: path.relative(opts.cwd, w.file).split(path.sep).join('/') || w.file,
          })),
        }
      : {}),
  };
}

function toJsonFinding(f: Finding, report: Report, cwd: string): JsonFinding {
  const { fails, ...why } = decide(f, report.failOn);
  // Fixed key order, so reports diff well between runs.
  const out: JsonFinding = {
    rule: f.rule,
    severity: f.severity,
    ...(f.defaultSeverity ? { defaultSeverity: f.defaultSeverity } : {}),
    contract: f.contract,
    format: f.format,
    message: f.message,
    args: { ...f.args },
    location: relativeLocation(f.location, cwd),
    fingerprint: f.fingerprint,
    fails,
    why,
  };
  if (f.variant) out.variant = f.variant;
  if (f.stability) out.stability = f.stability;
  if (f.from) out.from = f.from;
  if (f.baseLocation) out.baseLocation = relativeLocation(f.baseLocation, cwd);
  if (f.before !== undefined) out.before = f.before;
  if (f.after !== undefined) out.after = f.after;
  if (f.affects?.length) out.affects = [...f.affects];
  if (f.line !== undefined) out.line = f.line;
  if (f.deprecation) out.deprecation = { ...f.deprecation };
  if (f.waived) out.waived = { ...f.waived };
  return out;
}
