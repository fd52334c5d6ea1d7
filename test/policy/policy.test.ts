import { describe, expect, it } from 'vitest';
import { findingFactory } from '../../src/core/catalogue.js';
import type { EvolutionMode, Finding } from '../../src/core/model.js';
import { getCatalogue } from '../../src/formats/index.js';
import { applyPolicy, policyContext } from '../../src/policy/index.js';
import type { TreatyConfig } from '../../src/config/types.js';

const catalogue = getCatalogue();
const make = findingFactory(catalogue, 'orders-api', 'openapi');
const at = (line: number) => ({
  file: '/r/api.yaml',
  line,
  column: 1,
  pointer: ['paths', String(line)],
});

// Real catalogue rules: a consumer-breaking one, a compatible in-place change, an addition.
const breaking = make('new-required-request-property', { args: { name: 'x' }, location: at(1) });
const inPlace = make('response-property-became-required', { args: { name: 'y' }, location: at(2) });
const added = make('endpoint-added', { args: { name: 'z' }, location: at(3) });
const all = [breaking, inPlace, added];

function config(
  evolution: EvolutionMode,
  extra: Partial<TreatyConfig['policy']> = {},
): TreatyConfig {
  return {
    root: '/r',
    registry: '/r/registry',
    allowRemoteRefs: false,
    policy: { failOn: 'breaking', evolution, severity: {}, stability: 'beta', ...extra },
  };
}

const severities = (fs: Finding[]) => fs.map((f) => [f.rule, f.severity, f.defaultSeverity]);

describe('policy: evolution modes', () => {
  it('backward keeps the catalogue severities', async () => {
    expect(
      severities(applyPolicy(all, await policyContext(config('backward'), catalogue))),
    ).toEqual([
      ['new-required-request-property', 'breaking', undefined],
      ['response-property-became-required', 'info', undefined],
      ['endpoint-added', 'info', undefined],
    ]);
  });

  it('expansion (the default) also fails on a compatible change in place, never on an addition', async () => {
    expect(
      severities(applyPolicy(all, await policyContext(config('expansion'), catalogue))),
    ).toEqual([
      ['new-required-request-property', 'breaking', undefined],
      ['response-property-became-required', 'breaking', 'info'],
      ['endpoint-added', 'info', undefined],
    ]);
  });

  it('none reports everything as info', async () => {
    expect(severities(applyPolicy(all, await policyContext(config('none'), catalogue)))).toEqual([
      ['new-required-request-property', 'info', 'breaking'],
      ['response-property-became-required', 'info', undefined],
      ['endpoint-added', 'info', undefined],
    ]);
  });

  it('a contract-level mode wins over the policy default', async () => {
    const cfg = config('expansion');
    cfg.contracts = [
      { id: 'orders-api', format: 'openapi', path: 'api.yaml', evolution: 'backward' },
    ];
    expect(applyPolicy([inPlace], await policyContext(cfg, catalogue))[0]!.severity).toBe('info');
  });
});

describe('policy: severity overrides', () => {
  it('win over the evolution mode, keep the default severity, and off removes the rule', async () => {
    const cfg = config('expansion', {
      severity: { 'response-property-became-required': 'warning', 'endpoint-added': 'off' },
    });
    expect(severities(applyPolicy(all, await policyContext(cfg, catalogue)))).toEqual([
      ['new-required-request-property', 'breaking', undefined],
      ['response-property-became-required', 'warning', 'info'],
    ]);
  });
});
