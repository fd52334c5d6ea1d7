/**
 * The lifecycle conventions oasdiff users write into their specs: `x-sunset` (parsed by
 * core/lifecycle.ts, shared with the other formats) and `x-stability-level` (draft < alpha < beta < stable; absent means stable).
 */

export { daysBetween, parseSunset, todayIso, type SunsetResult } from '../../core/lifecycle.js';

export const STABILITY_LEVELS = ['draft', 'alpha', 'beta', 'stable'] as const;
export type StabilityLevel = (typeof STABILITY_LEVELS)[number];

export type StabilityResult =
  { kind: 'ok'; level: StabilityLevel } | { kind: 'invalid'; raw: string };

export function parseStability(raw: unknown): StabilityResult {
  if (raw === undefined || raw === null) return { kind: 'ok', level: 'stable' };
  if (typeof raw === 'string' && (STABILITY_LEVELS as readonly string[]).includes(raw)) {
    return { kind: 'ok', level: raw as StabilityLevel };
  }
  return { kind: 'invalid', raw: typeof raw === 'string' ? raw : JSON.stringify(raw) };
}

export function stabilityRank(level: StabilityLevel): number {
  return STABILITY_LEVELS.indexOf(level);
}
