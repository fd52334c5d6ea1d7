import { parseSunset, type SunsetResult } from '../../core/lifecycle.js';
import type { Deprecation, SourceLocation } from '../../core/model.js';
import { defineRule, MODES } from '../../core/rule.js';

/**
 * Deprecation of channels, operations and messages. AsyncAPI has no `deprecated` keyword there
 * (only on schemas, which the JSON Schema comparator reports), so treaty reads the extensions:
 * `x-deprecated: true`, and `x-sunset: YYYY-MM-DD` (a sunset alone also deprecates). Documented in
 * docs/asyncapi.md.
 */

export type AsyncElement = 'channel' | 'operation' | 'message';

export interface Lifecycle {
  deprecated: boolean;
  sunset: SunsetResult;
}

export function lifecycleOf(node: object): Lifecycle {
  const n = node as Record<string, unknown>;
  const sunset = parseSunset(n['x-sunset']);
  return {
    deprecated: n['x-deprecated'] === true || n.deprecated === true || sunset.kind !== 'none',
    sunset,
  };
}

/** What a removal finding carries when the removed element was deprecated in the base. */
export function deprecationOf(node: object): Deprecation | undefined {
  const l = lifecycleOf(node);
  if (!l.deprecated) return undefined;
  return l.sunset.kind === 'date' ? { sunset: l.sunset.date } : {};
}

type Args = { element: AsyncElement; name: string; sunset: string };

export const asyncapiElementDeprecated = defineRule<Args>({
  id: 'asyncapi-element-deprecated',
  formats: ['asyncapi'],
  severity: 'info',
  kind: 'deprecation',
  modes: MODES.none,
  description:
    'A channel, operation or message was deprecated (x-deprecated: true, or an x-sunset date).',
  equivalents: {},
  message: ({ element, name, sunset }) =>
    `${element} '${name}' was deprecated${sunset ? ` with sunset ${sunset}` : ''}`,
  explain: {
    why: 'Nothing breaks yet: producers and consumers are told to migrate. The element may be removed once its sunset has passed (without a sunset: after the minimum deprecation period of the policy).',
    example: {
      before: 'channels:\n  orderPlaced:\n    address: orders.placed.v1',
      after: "channels:\n  orderPlaced:\n    address: orders.placed.v1\n    x-sunset: '2027-01-31'",
    },
  },
});

export const asyncapiSunsetInvalid = defineRule<Args>({
  id: 'asyncapi-sunset-invalid',
  formats: ['asyncapi'],
  severity: 'warning',
  kind: 'deprecation',
  modes: MODES.none,
  description: 'The x-sunset of a channel, operation or message is not an RFC 3339 date.',
  equivalents: {},
  message: ({ element, name, sunset }) =>
    `${element} '${name}' has an x-sunset that is not a date: '${sunset}'`,
  explain: {
    why: 'A sunset that is not a date cannot be checked: nobody can tell when the element may be removed, so its removal is judged as if no sunset were set.',
    example: {
      before: "x-sunset: '2027-01-31'",
      after: 'x-sunset: next spring',
    },
  },
});

export const ASYNCAPI_LIFECYCLE_RULES = [asyncapiElementDeprecated, asyncapiSunsetInvalid];

/** The findings of an element present on both sides whose deprecation changed. */
export function lifecycleChange(
  element: AsyncElement,
  name: string,
  base: object,
  rev: object,
  locate: (node: object, key: string) => SourceLocation | undefined,
  at: { location: SourceLocation; baseLocation: SourceLocation },
): Array<{ rule: typeof asyncapiElementDeprecated; args: Args; location: SourceLocation }> {
  const b = lifecycleOf(base);
  const r = lifecycleOf(rev);
  const out: Array<{
    rule: typeof asyncapiElementDeprecated;
    args: Args;
    location: SourceLocation;
  }> = [];
  const sunsetAt = locate(rev, 'x-sunset') ?? at.location;
  if (r.deprecated && !b.deprecated) {
    out.push({
      rule: asyncapiElementDeprecated,
      args: { element, name, sunset: r.sunset.kind === 'date' ? r.sunset.date : '' },
      location: r.sunset.kind === 'none' ? (locate(rev, 'x-deprecated') ?? at.location) : sunsetAt,
    });
  }
  const bRaw = (base as Record<string, unknown>)['x-sunset'];
  const rRaw = (rev as Record<string, unknown>)['x-sunset'];
  if (r.sunset.kind === 'invalid' && String(bRaw) !== String(rRaw)) {
    out.push({
      rule: asyncapiSunsetInvalid,
      args: { element, name, sunset: r.sunset.raw },
      location: sunsetAt,
    });
  }
  return out;
}
