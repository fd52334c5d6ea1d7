import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { brief, diff, FIXTURES, loadSide } from './helpers.js';

/**
 * An allOf folded into one object with the same keywords (or one object split into parts) means
 * what it meant: no allOf part added or removed, nothing to fail even in the expansion mode.
 * A fold that changes a keyword on the way is compared as before. fixtures/jsonschema-compare/all-of-flattened.
 */
const dir = join(FIXTURES, 'all-of-flattened');
const side = (name: string) => loadSide(join(dir, name));

describe('an allOf flattened into its parent', () => {
  test('with the same keywords is no change, in either direction', () => {
    expect(brief(diff(side('base.yaml'), side('revision.yaml')))).toEqual([]);
    expect(brief(diff(side('revision.yaml'), side('base.yaml')))).toEqual([]);
  });

  test('near miss: a requirement dropped and a bound tightened on the way are still seen', () => {
    const found = brief(diff(side('base.yaml'), side('near-miss.yaml')));
    expect(found).toContain('request-body-all-of-removed warning base.yaml:3');
    expect(found.some((f) => f.startsWith('request-property-max-length-decreased breaking'))).toBe(
      true,
    );
  });
});
