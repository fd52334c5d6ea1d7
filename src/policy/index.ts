import type { Finding, Severity } from '../core/model.js';

/**
 * The policy: a chain of pure passes `(findings, ctx) => findings` in a fixed order. Nothing is
 * dropped silently: a downgraded finding keeps its `defaultSeverity`; only rules the user turned
 * `off` are removed.
 */
export interface PolicyContext {
  /** Severity overrides by rule id (config `policy.severity`, flags). */
  severity: Record<string, Severity | 'off'>;
}

export type PolicyPass = (findings: Finding[], ctx: PolicyContext) => Finding[];

export const severityOverrides: PolicyPass = (findings, ctx) => {
  const out: Finding[] = [];
  for (const f of findings) {
    const override = ctx.severity[f.rule];
    if (override === 'off') continue;
    if (override && override !== f.severity) {
      out.push({ ...f, severity: override, defaultSeverity: f.defaultSeverity ?? f.severity });
    } else out.push(f);
  }
  return out;
};

/** The passes, in order. Evolution mode, coexistence, deprecation and waivers join this list. */
const PASSES: PolicyPass[] = [severityOverrides];

export function applyPolicy(findings: Finding[], ctx: PolicyContext): Finding[] {
  return PASSES.reduce((acc, pass) => pass(acc, ctx), findings);
}
