import { FORMATS } from '../core/model.js';
import { defineRule } from '../core/rule.js';

/**
 * Rules the policy itself raises, in every format: a removal that breaks a deprecation promise.
 * The deprecation pass (deprecation.ts) puts them in place of the removal finding they judge,
 * keeping its location; `args.removal` names that finding's rule and `args.change` its sentence.
 */

type Args = {
  change: string;
  removal: string;
  sunset: string;
  since: string;
  days: number;
  minDays: number;
  reason: string;
};

/** Every checking mode: a promise made to consumers is broken, whatever the mode. */
const CHECKING = ['expansion', 'backward', 'forward', 'full'] as const;

export const removedBeforeSunset = defineRule<Pick<Args, 'change' | 'removal' | 'sunset'>>({
  id: 'removed-before-sunset',
  formats: FORMATS,
  severity: 'breaking',
  kind: 'lifecycle',
  modes: CHECKING,
  description:
    'An element that was deprecated with a sunset date (on the element, in a @sunset tag, or in the registry) was removed before that date.',
  equivalents: {
    oasdiff: ['api-removed-before-sunset', 'request-parameter-removed-before-sunset'],
  },
  message: ({ change, sunset }) => `removed before its sunset ${sunset}: ${change}`,
  explain: {
    why: 'The sunset date promised consumers that the element keeps working until then; removing it earlier breaks that promise. Remove it on or after the date.',
    example: {
      before:
        "properties:\n  note:\n    type: string\n    deprecated: true\n    x-sunset: '2099-01-31'",
      after: 'properties: {}',
    },
  },
});

export const removedBeforeDeprecationPeriod = defineRule<Omit<Args, 'sunset' | 'reason'>>({
  id: 'removed-before-deprecation-period',
  formats: FORMATS,
  severity: 'breaking',
  kind: 'lifecycle',
  modes: CHECKING,
  description:
    'A deprecated element was removed fewer than policy.deprecation.minDays days after it was first published as deprecated.',
  equivalents: {},
  message: ({ change, since, days, minDays }) =>
    `removed ${days} day${days === 1 ? '' : 's'} after it was published as deprecated (${since}); the policy asks for ${minDays}: ${change}`,
  explain: {
    why: 'The policy promises consumers a minimum notice period between the deprecation being published and the removal; a shorter one leaves them too little time to migrate.',
    example: {
      before: 'string note = 2 [deprecated = true]; // published 10 days ago',
      after: '// field 2 removed',
      language: 'protobuf',
    },
  },
});

export const deprecationPeriodUnverified = defineRule<
  Pick<Args, 'change' | 'removal' | 'minDays' | 'reason'>
>({
  id: 'deprecation-period-unverified',
  formats: FORMATS,
  severity: 'warning',
  kind: 'lifecycle',
  modes: [],
  description:
    'A deprecated element was removed, and policy.deprecation.minDays could not be checked: the baseline does not say since when it was deprecated (a folder baseline, or a git history that ends too soon).',
  equivalents: {},
  message: ({ change, minDays, reason }) =>
    `the deprecation period of ${minDays} day${minDays === 1 ? '' : 's'} (policy.deprecation.minDays) could not be verified: ${reason}: ${change}`,
  explain: {
    why: 'The removal was deprecated first, but nothing tells since when: a folder has no dates, a shallow git clone has no history. treaty neither passes it silently nor fails it on a guess; compare with the registry, or with git:<ref> in a full clone (git fetch --unshallow), to verify the period, or fail on warnings (--fail-on warning) to require it.',
    example: {
      before: 'string note = 2 [deprecated = true];  // in the --against folder',
      after: '// field 2 removed',
      language: 'protobuf',
    },
  },
});

export const contractLineRemoved = defineRule<{
  contract: string;
  line: number;
  version: string;
  lifecycle: string;
}>({
  id: 'contract-line-removed',
  formats: FORMATS,
  severity: 'breaking',
  kind: 'removal',
  modes: CHECKING,
  description:
    'A published major line of a contract is no longer provided by the repository (its file, its packages, its versioned paths or channels are gone).',
  equivalents: {},
  message: ({ contract, line, version, lifecycle }) =>
    `major line ${line} of contract '${contract}' (published up to ${version}) is no longer provided (${lifecycle})`,
  explain: {
    why: 'Consumers still on the old major line lose it at once. A line may go only after it was deprecated (treaty registry deprecate <id>@<line> --sunset DATE) and its sunset has passed; until then it must be provided next to the new line.',
    example: {
      before:
        'contracts:\n  - { id: orders-api, path: api/v1.yaml }\n  - { id: orders-api, path: api/v2.yaml }',
      after: 'contracts:\n  - { id: orders-api, path: api/v2.yaml }',
    },
  },
});

export const POLICY_RULES = [
  removedBeforeSunset,
  removedBeforeDeprecationPeriod,
  deprecationPeriodUnverified,
  contractLineRemoved,
];
