import type { Catalogue } from '../core/catalogue.js';
import type { EvolutionMode, Finding, Severity, StabilityLevel } from '../core/model.js';
import { modesOf } from '../core/rule.js';
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
  /** Stability threshold of each contract: elements declared below it change freely. */
  stability?: (contract: string) => StabilityLevel | undefined;
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
 * The evolution mode decides, from one source: a finding fails exactly when its rule (or the
 * rule's variant the finding is an instance of) lists the active mode. It is then `breaking`;
 * otherwise a `breaking` finding is reported as a `warning` and the others keep their severity
 * (`none`: everything is info). `fail-on` then decides which severities fail the run. A severity
 * the user overrode by rule id stays as set. Every finding gets its `verdict`.
 */
export const evolutionMode: PolicyPass = (findings, ctx) => {
  if (!ctx.evolution || !ctx.catalogue) return findings;
  return findings.map((f) => {
    const mode = ctx.evolution!(f.contract);
    const rule = ctx.catalogue!.get(f.rule);
    const modeFails = !!rule && mode !== 'none' && modesOf(rule, f.variant).includes(mode);
    const override = ctx.severity[f.rule];
    if (override && override !== 'off') {
      return {
        ...f,
        verdict: { by: 'override', mode, modeFails, detail: `policy.severity: ${override}` },
      };
    }
    if (!rule) return f;
    const severity: Severity =
      mode === 'none'
        ? 'info'
        : modeFails
          ? 'breaking'
          : f.severity === 'breaking'
            ? 'warning'
            : f.severity;
    return { ...withSeverity(f, severity), verdict: { by: 'mode', mode, modeFails } };
  });
};

/**
 * Exempts a finding the mode fails (a reason the change is allowed: a stability below the
 * threshold, a passed sunset): it is reported as a warning, with why. Later passes (deprecation
 * and sunset) use the same helper.
 */
export function exempt(f: Finding, by: 'stability' | 'exempt', detail: string): Finding {
  if (!f.verdict || f.verdict.by === 'override' || f.severity !== 'breaking') return f;
  return { ...withSeverity(f, 'warning'), verdict: { ...f.verdict, by, detail } };
}

const RANK: Record<StabilityLevel, number> = { draft: 0, alpha: 1, beta: 2, stable: 3 };

/**
 * Stability: an element that declares a level below the threshold (`policy.stability`, default
 * beta) may change freely; its findings are reported, marked, and do not fail.
 */
export const stability: PolicyPass = (findings, ctx) => {
  if (!ctx.stability) return findings;
  return findings.map((f) => {
    const threshold = ctx.stability!(f.contract);
    if (!f.stability || !threshold || RANK[f.stability] >= RANK[threshold]) return f;
    return exempt(f, 'stability', `${f.stability} is below the stability threshold ${threshold}`);
  });
};

/**
 * Deprecation before removal (deprecation.ts): after the mode, before waivers. A removal whose
 * deprecation's sunset has passed is exempt (it never fails); the findings the pass makes
 * (removed before the sunset, or too soon) are judged in the active mode like any other.
 */
export const deprecation: PolicyPass = (findings, ctx) =>
  judgeDeprecations(findings, ctx).map((f) => {
    const why = f.deprecation?.why;
    if (!why || !ctx.evolution) return f;
    const mode = ctx.evolution(f.contract);
    if (why === 'deprecated-sunset-passed') {
      return {
        ...f,
        verdict: {
          by: 'exempt',
          mode,
          modeFails: f.verdict?.modeFails ?? false,
          detail: 'deprecated in the published version, and its sunset has passed',
        },
      };
    }
    if (f.verdict) return f;
    const override = ctx.severity[f.rule];
    return {
      ...f,
      verdict: override
        ? {
            by: 'override',
            mode,
            modeFails: f.severity === 'breaking',
            detail: `policy.severity: ${override}`,
          }
        : { by: 'mode', mode, modeFails: f.severity === 'breaking' },
    };
  });

/** Waivers last: they mark findings as accepted (or say their waiver expired), never drop them. */
export const waivers: PolicyPass = (findings, ctx) =>
  ctx.waivers ? applyWaivers(findings, ctx.waivers, ctx.today ?? todayUtc()) : findings;

/** The passes, in order. */
const PASSES: PolicyPass[] = [severityOverrides, evolutionMode, stability, deprecation, waivers];

export function applyPolicy(findings: Finding[], ctx: PolicyContext): Finding[] {
  return PASSES.reduce((acc, pass) => pass(acc, ctx), findings);
}

/** The policy context of a run from the config: overrides, evolution modes, waivers. */
export async function policyContext(
  config: TreatyConfig,
  catalogue: Catalogue,
): Promise<PolicyContext> {
  const modes = new Map((config.contracts ?? []).map((c) => [c.id, c.evolution]));
  // OpenAPI's own `stabilityLevel` option (oasdiff's knob) is the contract's threshold.
  const thresholds = new Map(
    (config.contracts ?? []).flatMap((c) =>
      typeof c.options?.stabilityLevel === 'string'
        ? [[c.id, c.options.stabilityLevel as StabilityLevel] as const]
        : [],
    ),
  );
  return {
    severity: config.policy.severity,
    evolution: (contract) => modes.get(contract) ?? config.policy.evolution,
    catalogue,
    stability: (contract) => thresholds.get(contract) ?? config.policy.stability,
    ...(config.policy.deprecation?.minDays ? { minDays: config.policy.deprecation.minDays } : {}),
    ...(config.policy.waivers
      ? { waivers: await loadWaivers(config.policy.waivers, config.root) }
      : {}),
  };
}
