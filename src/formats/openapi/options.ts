import { UsageError } from '../../core/errors.js';
import type { LifecyclePolicy } from './compare/context.js';
import type { StabilityLevel } from './lifecycle.js';
import { STABILITY_LEVELS, todayIso } from './lifecycle.js';

/** The lifecycle options of an OpenAPI contract (treaty.yaml `options:`), validated, with defaults. */
export function lifecyclePolicy(options: Record<string, unknown> = {}): LifecyclePolicy {
  const days = (k: string): number => {
    const v = options[k];
    if (v === undefined) return 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw new UsageError(`openapi option '${k}' must be a whole number of days`);
    }
    return v;
  };
  const level = options.stabilityLevel ?? 'beta';
  if (!(STABILITY_LEVELS as readonly unknown[]).includes(level)) {
    throw new UsageError(
      `openapi option 'stabilityLevel' must be one of ${STABILITY_LEVELS.join(', ')}`,
    );
  }
  const today = options.today ?? todayIso();
  if (typeof today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw new UsageError(`openapi option 'today' must be a date (YYYY-MM-DD)`);
  }
  return {
    today,
    minSunsetStableDays: days('minSunsetStableDays'),
    minSunsetBetaDays: days('minSunsetBetaDays'),
    stabilityLevel: level as StabilityLevel,
  };
}
