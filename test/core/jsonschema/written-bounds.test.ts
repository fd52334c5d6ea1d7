import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { brief, diff, FIXTURES, loadSide } from './helpers.js';

/**
 * Integer bounds are compared by meaning (`exclusiveMinimum: 0` is `minimum: 1`) and reported as
 * written: the finding names the document's keyword and values, not the rewritten inclusive ones.
 * fixtures/jsonschema-compare/exclusive-integer-bounds/{base,revision}.yaml.
 */
const dir = join(FIXTURES, 'exclusive-integer-bounds');
const base = () => loadSide(join(dir, 'base.yaml'));
const rev = () => loadSide(join(dir, 'revision.yaml'));

describe('exclusive integer bounds', () => {
  test('tightened exclusive bounds are reported with their own keyword and values', () => {
    const fs = diff(base(), rev());
    expect(brief(fs)).toEqual([
      'request-property-exclusive-min-increased breaking revision.yaml:4',
      'request-property-exclusive-max-decreased breaking revision.yaml:4',
    ]);
    expect(fs.map((f) => [f.before, f.after])).toEqual([
      [0, 5],
      [100, 50],
    ]);
    expect(fs[0]!.message).toBe(
      "request property 'page': exclusiveMinimum was increased from 0 to 5",
    );
  });

  test('near miss: the same integer bound written inclusively is no change', () => {
    const fs = diff(base(), rev());
    expect(fs.filter((f) => String(f.args.subject).includes('size'))).toEqual([]);
  });
});
