import { findingFactory, type Catalogue } from '../core/catalogue.js';
import { daysBetween, todayIso } from '../core/lifecycle.js';
import type { DeprecationWhy, EvolutionMode, Finding, Severity } from '../core/model.js';
import {
  deprecationPeriodUnverified,
  removedBeforeDeprecationPeriod,
  removedBeforeSunset,
} from './rules.js';

/**
 * Deprecation before removal, for every format. A removal finding whose element the baseline had
 * deprecated carries `deprecation` (its sunset, and the date it was first published deprecated
 * when the registry knows it). The pass judges it:
 * - the sunset (the element's, else the registry's sunset of the baseline's line) is still ahead
 *   → `removed-before-sunset`, breaking in every checking mode;
 * - deprecated for fewer than `policy.deprecation.minDays` days since it was first published
 *   deprecated → `removed-before-deprecation-period`, breaking;
 * - since when it was deprecated is unknown (a folder baseline), or only bounded (a shallow git
 *   history) and too recent to prove the period → `deprecation-period-unverified`, a warning
 *   saying why: never passed silently, never failed on a guess;
 * - otherwise the removal keeps its promise: it is allowed in every mode (info), why
 *   `deprecated-sunset-passed`.
 * A failing removal of an element never deprecated keeps its rule, why `never-deprecated`.
 * The new finding replaces the removal (same location, `args.removal` names the removal's rule).
 */

export type { DeprecationWhy } from '../core/model.js';

export interface DeprecationContext {
  catalogue?: Catalogue;
  evolution?: (contract: string) => EvolutionMode;
  severity: Record<string, Severity | 'off'>;
  today?: string;
  /** `policy.deprecation.minDays` (0: no minimum). */
  minDays?: number;
  /** The registry's sunset of the line a contract's baseline belongs to. */
  lineSunset?: (contract: string, line?: number) => string | undefined;
}

export function judgeDeprecations(findings: Finding[], ctx: DeprecationContext): Finding[] {
  const catalogue = ctx.catalogue;
  if (!catalogue) return findings;
  const today = ctx.today ?? todayIso();
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    const mode = ctx.evolution?.(f.contract);
    if (!f.deprecation) {
      const kind = catalogue.get(f.rule)?.kind;
      out.push(kind === 'removal' && f.severity === 'breaking' ? why(f, 'never-deprecated') : f);
      continue;
    }
    const sunset = f.deprecation.sunset ?? ctx.lineSunset?.(f.contract, f.line);
    const make = findingFactory(catalogue, f.contract, f.format);
    const carry = {
      location: f.location,
      ...(f.baseLocation ? { baseLocation: f.baseLocation } : {}),
      ...(f.affects ? { affects: f.affects } : {}),
      deprecation: { ...f.deprecation, ...(sunset ? { sunset } : {}) },
    };
    let judged: Finding | undefined;
    if (sunset && today < sunset) {
      judged = make(removedBeforeSunset, {
        args: { change: f.message, removal: f.rule, sunset },
        ...carry,
      });
    } else if (ctx.minDays && (!f.deprecation.since || f.deprecation.sinceUnknown)) {
      // Since when it was deprecated is unknown, or only a lower bound: only a bound old enough
      // proves the period.
      const since = f.deprecation.since;
      const days = since ? daysBetween(since, today) : undefined;
      if (days === undefined || days < ctx.minDays) {
        const reason = f.deprecation.sinceUnknown ?? 'the baseline does not say since when';
        judged = make(deprecationPeriodUnverified, {
          args: { change: f.message, removal: f.rule, minDays: ctx.minDays, reason },
          ...carry,
        });
      }
    } else if (ctx.minDays && f.deprecation.since) {
      const days = daysBetween(f.deprecation.since, today);
      if (days < ctx.minDays) {
        judged = make(removedBeforeDeprecationPeriod, {
          args: {
            change: f.message,
            removal: f.rule,
            since: f.deprecation.since,
            days,
            minDays: ctx.minDays,
          },
          ...carry,
        });
      }
    }
    if (!judged) {
      // The promise was kept: the removal is allowed whatever the mode.
      const allowed: Finding =
        f.severity === 'info'
          ? f
          : { ...f, severity: 'info', defaultSeverity: f.defaultSeverity ?? f.severity };
      out.push(why(allowed, 'deprecated-sunset-passed'));
      continue;
    }
    const override = ctx.severity[judged.rule];
    if (override === 'off') continue;
    // One verdict per element: a format reporting one removal under several rules (buf's
    // field-no-delete and its -unless-reserved variants) gets one finding.
    if (seen.has(judged.fingerprint)) continue;
    seen.add(judged.fingerprint);
    const severity: Severity = override ?? (mode === 'none' ? 'info' : judged.severity);
    out.push(
      why(
        severity === judged.severity
          ? judged
          : { ...judged, severity, defaultSeverity: judged.severity },
        WHY[judged.rule]!,
      ),
    );
  }
  return out;
}

const WHY: Record<string, DeprecationWhy> = {
  [removedBeforeSunset.id]: 'removed-before-sunset',
  [removedBeforeDeprecationPeriod.id]: 'deprecation-too-short',
  [deprecationPeriodUnverified.id]: 'deprecation-period-unverified',
};

/** Records why the deprecation policy judged a finding so (JSON report: `deprecation.why`). */
function why(f: Finding, reason: DeprecationWhy): Finding {
  return { ...f, deprecation: { ...(f.deprecation ?? {}), why: reason } };
}
