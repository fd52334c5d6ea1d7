import { describe, expect, it } from 'vitest';
import {
  bumpBetween,
  bumpFor,
  compareSemver,
  increment,
  parseSemver,
  sortVersions,
} from '../../src/policy/semver.js';
import { finding, kindOf } from './helpers.js';

describe('semver', () => {
  it('parses MAJOR.MINOR.PATCH with an optional prerelease only', () => {
    expect(parseSemver('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: [] });
    expect(parseSemver('1.0.0-rc.1')?.prerelease).toEqual(['rc', 1]);
    for (const bad of [
      '1.2',
      'v1.2.3',
      '01.2.3',
      '1.2.3+build',
      '1.2.3-',
      '1.2.3-01',
      '',
      '1.2.3.4',
    ]) {
      expect(parseSemver(bad), bad).toBeUndefined();
    }
  });

  it('orders versions by semver precedence (the spec example)', () => {
    const spec = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.10.0',
      '2.0.0',
    ];
    expect(sortVersions([...spec].reverse())).toEqual(spec);
    expect(compareSemver('1.10.0', '1.9.0')).toBe(1);
    expect(compareSemver('2.0.0', '2.0.0')).toBe(0);
  });

  it('increments and names the bump between two versions', () => {
    expect(increment('1.2.3', 'major')).toBe('2.0.0');
    expect(increment('1.2.3', 'minor')).toBe('1.3.0');
    expect(increment('1.2.3', 'patch')).toBe('1.2.4');
    expect(increment('1.3.0-rc.1', 'patch')).toBe('1.3.1');
    expect(bumpBetween('1.2.3', '2.0.0')).toBe('major');
    expect(bumpBetween('1.2.3', '1.4.0')).toBe('minor');
    expect(bumpBetween('1.2.3', '1.2.9')).toBe('patch');
    expect(bumpBetween('1.3.0-rc.1', '1.3.0')).toBe('release');
  });

  it('derives the bump from the findings: breaking → major, addition → minor, else patch', () => {
    const removed = finding('test-operation-removed', '/pets');
    const added = finding('test-operation-added', '/owners');
    const changed = finding('test-description-changed', '/pets');
    expect(bumpFor([added, removed, changed], kindOf)).toEqual({
      bump: 'major',
      breaking: 1,
      added: 1,
      other: 1,
    });
    expect(bumpFor([added, changed], kindOf).bump).toBe('minor');
    expect(bumpFor([changed], kindOf).bump).toBe('patch');
    expect(bumpFor([], kindOf).bump).toBe('patch');
    // A waived break was accepted by the team: it is a change, not a break; an expired waiver is not.
    expect(bumpFor([{ ...removed, waived: { reason: 'unused' } }], kindOf).bump).toBe('patch');
    expect(
      bumpFor([{ ...removed, waived: { reason: 'unused', expired: true } }], kindOf).bump,
    ).toBe('major');
  });
});
