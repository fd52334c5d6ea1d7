import { FORMATS } from './model.js';
import { defineRule, MODES } from './rule.js';

/** Rules about whole contracts, shared by every format. */
export const contractRemoved = defineRule<{ contract: string }>({
  id: 'contract-removed',
  formats: FORMATS,
  severity: 'breaking',
  kind: 'removal',
  modes: MODES.breaking,
  description: 'A contract present in the baseline is gone from the revision.',
  equivalents: {},
  message: ({ contract }) => `contract '${contract}' was removed`,
  explain: {
    why: 'Every consumer of the contract loses the whole API or event stream at once.',
    example: { before: 'contracts: orders-api, billing-events', after: 'contracts: orders-api' },
  },
});

export const contractAdded = defineRule<{ contract: string }>({
  id: 'contract-added',
  formats: FORMATS,
  severity: 'info',
  kind: 'addition',
  modes: MODES.none,
  description: 'A contract that was never published (or is absent from the baseline) is new.',
  equivalents: {},
  message: ({ contract }) => `contract '${contract}' is new`,
  explain: {
    why: 'A new contract breaks nobody: it has no consumers yet. Publishing it makes its first version.',
    example: { before: 'contracts: orders-api', after: 'contracts: orders-api, billing-events' },
  },
});

export const CORE_RULES = [contractRemoved, contractAdded];
