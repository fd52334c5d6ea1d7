import type { Catalogue } from '../core/catalogue.js';
import type { EvolutionMode, Finding, Severity } from '../core/model.js';
import type { TreatyConfig } from '../config/types.js';

/**
 * The policy: a chain of pure passes `(findings, ctx) => findings` in a fixed order. Nothing is
 * dropped silently: a finding whose severity a pass changes keeps its `defaultSeverity`; only
 * rules the user turned `off` are removed.
 */
export interface PolicyContext {
  /** Severity overrides by rule id (config `policy.severity`). They win over every later pass. */
  severity: Record<string, Severity | 'off'>;
  /** Evolution mode of each contract; without it, the catalogue's severities stand as declared. */
  evolution?: (contract: string) => EvolutionMode;
  catalogue?: Catalogue;
}

export type PolicyPass = (findings: Finding[], ctx: PolicyContext) => Finding[];

const withSeverity = (f: Finding, severity: Severity): Finding =>
  severity === f.severity
    ? f
    : { ...f, severity, defaultSeverity: f.defaultSeverity ?? f.severity };

export const severityOverrides: PolicyPass = (findings, ctx) => {
  const out: Finding[] = [];
  for (const f of findings) {
    const override = ctx.severity[f.rule];
    if (override === 'off') continue;
    out.push(override ? withSeverity(f, override) : f);
  }
  return out;
};

/**
 * Evolution modes, from each rule's `modes` (the modes in which it fails):
 * - `none`: nothing fails; every finding is reported as info.
 * - `backward`: the catalogue's severities (consumer-breaking changes are breaking).
 * - `expansion`: also fails on in-place changes and removals that are compatible but not an
 *   expansion (rules whose modes list `expansion` but not `backward` become breaking).
 * - `forward` / `full`: a finding is breaking exactly when its rule lists the mode; a breaking
 *   finding whose rule does not is reported as a warning.
 * A severity the user overrode by rule id is left as the user set it.
 */
export const evolutionMode: PolicyPass = (findings, ctx) => {
  if (!ctx.evolution || !ctx.catalogue) return findings;
  return findings.map((f) => {
    if (ctx.severity[f.rule]) return f;
    const mode = ctx.evolution!(f.contract);
    const rule = ctx.catalogue!.get(f.rule);
    if (!rule || mode === 'backward') return f;
    if (mode === 'none') return withSeverity(f, 'info');
    const fails = rule.modes.includes(mode);
    if (fails && f.severity !== 'breaking' && !rule.modes.includes('backward')) {
      return withSeverity(f, 'breaking');
    }
    if (!fails && f.severity === 'breaking' && mode !== 'expansion')
      return withSeverity(f, 'warning');
    return f;
  });
};

/** The passes, in order. Coexistence, deprecation/sunset and waivers join this list. */
const PASSES: PolicyPass[] = [severityOverrides, evolutionMode];

export function applyPolicy(findings: Finding[], ctx: PolicyContext): Finding[] {
  return PASSES.reduce((acc, pass) => pass(acc, ctx), findings);
}

/** The policy context of a run from the config: overrides, and each contract's evolution mode. */
export function policyContext(config: TreatyConfig, catalogue: Catalogue): PolicyContext {
  const modes = new Map((config.contracts ?? []).map((c) => [c.id, c.evolution]));
  return {
    severity: config.policy.severity,
    evolution: (contract) => modes.get(contract) ?? config.policy.evolution,
    catalogue,
  };
}
