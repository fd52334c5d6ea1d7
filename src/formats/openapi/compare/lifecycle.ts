import { isDeepStrictEqual } from 'node:util';
import type { MessageArgs } from '../../../core/rule.js';
import type { StabilityLevel } from '../lifecycle.js';
import { daysBetween, parseStability, parseSunset, stabilityRank } from '../lifecycle.js';
import type { Operation, Parameter } from '../model.js';
import type { Diff, LifecyclePolicy } from './context.js';

/**
 * How a removal relates to its deprecation: the rule family picks its id from this. A removal
 * `with-deprecation` also carries the deprecation, so the policy's minimum deprecation period
 * (policy.deprecation.minDays) can still fail it.
 */
export type Removal =
  | { kind: 'without-deprecation' }
  | { kind: 'with-deprecation'; sunset?: string }
  | { kind: 'before-sunset'; sunset: string }
  | { kind: 'sunset-parse'; raw: string };

export function removal(deprecated: boolean, sunset: unknown, today: string): Removal {
  if (!deprecated) return { kind: 'without-deprecation' };
  const parsed = parseSunset(sunset);
  if (parsed.kind === 'none') return { kind: 'with-deprecation' };
  if (parsed.kind === 'invalid') return { kind: 'sunset-parse', raw: parsed.raw };
  // Removing on or after the sunset date is what the date promised (oasdiff is silent; we keep
  // an info finding for the changelog).
  return today < parsed.date
    ? { kind: 'before-sunset', sunset: parsed.date }
    : { kind: 'with-deprecation', sunset: parsed.date };
}

/** Minimum deprecation period for an operation of this stability (oasdiff's getDeprecationDays). */
export function minDays(policy: LifecyclePolicy, level: StabilityLevel): number {
  if (level === 'beta') return policy.minSunsetBetaDays;
  if (level === 'stable') return policy.minSunsetStableDays;
  return 0;
}

export function stabilityOf(op: Operation): StabilityLevel | undefined {
  const s = parseStability(op.stability);
  return s.kind === 'ok' ? s.level : undefined;
}

/** Below the configured threshold: draft/alpha by default. */
export function belowThreshold(
  policy: LifecyclePolicy,
  level: StabilityLevel | undefined,
): boolean {
  return level !== undefined && stabilityRank(level) < stabilityRank(policy.stabilityLevel);
}

/** x-stability-level validity and change of a matched operation. */
export function compareStability(d: Diff, b: Operation, r: Operation, args: MessageArgs): void {
  const bs = parseStability(b.stability);
  const rs = parseStability(r.stability);
  if (bs.kind === 'invalid') {
    d.removed('api-invalid-stability-level', { ...args, stability: bs.raw }, [
      b,
      'x-stability-level',
    ]);
  }
  if (rs.kind === 'invalid') {
    d.added('api-invalid-stability-level', { ...args, stability: rs.raw }, [
      r,
      'x-stability-level',
    ]);
  }
  if (bs.kind !== 'ok' || rs.kind !== 'ok' || bs.level === rs.level) return;
  // Gate on the level the operation is leaving: an out-of-scope operation becoming stable is news
  // for nobody; a stable one becoming draft is (oasdiff does the same).
  if (belowThreshold(d.policy, bs.level)) return;
  const decreased = stabilityRank(rs.level) < stabilityRank(bs.level);
  d.changed(
    decreased ? 'api-stability-decreased' : 'api-stability-increased',
    { ...args, before: bs.level, after: rs.level },
    [b, 'x-stability-level'],
    [r, 'x-stability-level'],
    { before: bs.level, after: rs.level, severity: decreased ? 'breaking' : 'info' },
  );
}

/** deprecated / x-sunset of a matched operation. */
export function compareOperationDeprecation(
  d: Diff,
  b: Operation,
  r: Operation,
  args: MessageArgs,
): void {
  const level = stabilityOf(r);
  if (b.deprecated !== r.deprecated) {
    if (!r.deprecated) {
      d.changed('endpoint-reactivated', args, [b, 'deprecated'], r);
      return;
    }
    if (level === undefined) return; // reported as an invalid stability level
    const days = minDays(d.policy, level);
    const sunset = parseSunset(r.sunset);
    if (sunset.kind === 'none') {
      if (days > 0) d.changed('api-deprecated-sunset-missing', args, b, [r, 'deprecated']);
      else d.changed('endpoint-deprecated', args, b, [r, 'deprecated']);
    } else if (sunset.kind === 'invalid') {
      d.changed('api-deprecated-sunset-parse', { ...args, sunset: sunset.raw }, b, [r, 'x-sunset']);
    } else if (daysBetween(d.policy.today, sunset.date) < days) {
      d.changed('api-sunset-date-too-small', { ...args, sunset: sunset.date, days }, b, [
        r,
        'x-sunset',
      ]);
    } else {
      d.changed('endpoint-deprecated-with-sunset', { ...args, sunset: sunset.date }, b, [
        r,
        'x-sunset',
      ]);
    }
    return;
  }
  if (!r.deprecated) return;
  compareSunset(d, b, r, level, args, {
    deleted: 'sunset-deleted',
    parse: 'api-path-sunset-parse',
    tooSmall: 'api-sunset-date-changed-too-small',
  });
}

/** deprecated / x-sunset of a matched request parameter. */
export function compareParameterDeprecation(
  d: Diff,
  op: Operation,
  b: Parameter,
  r: Parameter,
  args: MessageArgs,
): void {
  const level = stabilityOf(op);
  if (b.deprecated !== r.deprecated) {
    if (!r.deprecated) {
      d.changed('request-parameter-reactivated', args, [b, 'deprecated'], r);
      return;
    }
    if (level === undefined) return;
    const days = minDays(d.policy, level);
    const sunset = parseSunset(r.sunset);
    if (sunset.kind === 'none') {
      if (days > 0)
        d.changed('request-parameter-deprecated-sunset-missing', args, b, [r, 'deprecated']);
      else d.changed('request-parameter-deprecated', args, b, [r, 'deprecated']);
    } else if (sunset.kind === 'invalid') {
      d.changed('request-parameter-sunset-parse', { ...args, sunset: sunset.raw }, b, [
        r,
        'x-sunset',
      ]);
    } else if (daysBetween(d.policy.today, sunset.date) < days) {
      d.changed(
        'request-parameter-sunset-date-too-small',
        { ...args, sunset: sunset.date, days },
        b,
        [r, 'x-sunset'],
      );
    } else {
      d.changed('request-parameter-deprecated', { ...args, sunset: sunset.date }, b, [
        r,
        'x-sunset',
      ]);
    }
    return;
  }
  if (!r.deprecated) return;
  compareSunset(d, b, r, level, args, {
    deleted: 'request-parameter-sunset-deleted',
    parse: 'request-parameter-sunset-parse',
    tooSmall: 'request-parameter-sunset-date-changed-too-small',
  });
}

/** The x-sunset of an element deprecated on both sides: deleted, unparseable, or moved too early. */
function compareSunset(
  d: Diff,
  b: Operation | Parameter,
  r: Operation | Parameter,
  level: StabilityLevel | undefined,
  args: MessageArgs,
  ids: { deleted: string; parse: string; tooSmall: string },
): void {
  const hadSunset = b.sunset !== undefined && b.sunset !== null;
  const hasSunset = r.sunset !== undefined && r.sunset !== null;
  if (hadSunset && !hasSunset) {
    d.changed(ids.deleted, args, [b, 'x-sunset'], r);
    return;
  }
  if (!hadSunset || !hasSunset || isDeepStrictEqual(b.sunset, r.sunset)) return;
  const rs = parseSunset(r.sunset);
  if (rs.kind !== 'date') {
    d.changed(
      ids.parse,
      { ...args, sunset: rs.kind === 'invalid' ? rs.raw : '' },
      [b, 'x-sunset'],
      [r, 'x-sunset'],
    );
    return;
  }
  const bs = parseSunset(b.sunset);
  if (bs.kind !== 'date') {
    d.removed(ids.parse, { ...args, sunset: bs.kind === 'invalid' ? bs.raw : '' }, [b, 'x-sunset']);
    return;
  }
  if (level === undefined) return;
  const days = minDays(d.policy, level);
  if (bs.date > rs.date && daysBetween(d.policy.today, rs.date) < days) {
    d.changed(
      ids.tooSmall,
      { ...args, before: bs.date, after: rs.date, days },
      [b, 'x-sunset'],
      [r, 'x-sunset'],
      { before: bs.date, after: rs.date },
    );
  }
}
