import type { Catalogue } from '../core/catalogue.js';
import type { EvolutionMode, Finding, Severity } from '../core/model.js';
import type { TreatyConfig } from '../config/types.js';
import { judgeDeprecations } from './deprecation.js';
import { applyWaivers, loadWaivers, todayUtc, type Waivers } from './waivers.js';

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
  /** Accepted findings (config `policy.waivers`). */
  waivers?: Waivers;
  /** ISO date waivers expire and sunsets pass against (default: today, UTC). */
  today?: string;
  /** `policy.deprecation.minDays`: days a deprecation must be published before a removal. */
  minDays?: number;
  /** The registry's sunset of the line each contract's baseline belongs to, if set. */
  lineSunset?: (contract: string, line?: number) => string | undefined;
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

/** Deprecation before removal (deprecation.ts): after the mode, before waivers. */
export const deprecation: PolicyPass = (findings, ctx) => judgeDeprecations(findings, ctx);

/** Waivers last: they mark findings as accepted (or say their waiver expired), never drop them. */
export const waivers: PolicyPass = (findings, ctx) =>
  ctx.waivers ? applyWaivers(findings, ctx.waivers, ctx.today ?? todayUtc()) : findings;

/** The passes, in order. */
const PASSES: PolicyPass[] = [severityOverrides, evolutionMode, deprecation, waivers];

export function applyPolicy(findings: Finding[], ctx: PolicyContext): Finding[] {
  return PASSES.reduce((acc, pass) => pass(acc, ctx), findings);
}

/** The policy context of a run from the config: overrides, evolution modes, waivers. */
export async function policyContext(
  config: TreatyConfig,
  catalogue: Catalogue,
): Promise<PolicyContext> {
  const modes = new Map((config.contracts ?? []).map((c) => [c.id, c.evolution]));
  return {
    severity: config.policy.severity,
    evolution: (contract) => modes.get(contract) ?? config.policy.evolution,
    catalogue,
    ...(config.policy.deprecation?.minDays ? { minDays: config.policy.deprecation.minDays } : {}),
    ...(config.policy.waivers
      ? { waivers: await loadWaivers(config.policy.waivers, config.root) }
      : {}),
  };
}
