import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { brief, diff, FIXTURES, loadSide } from './helpers.js';

/**
 * `pattern: ''` matches every string, so it constrains nothing: replacing it with a real pattern
 * is a pattern added (breaking in a request, as oasdiff's `request-property-pattern-added`), and
 * dropping it is no change (the near miss). fixtures/jsonschema-compare/empty-pattern.
 */
const dir = join(FIXTURES, 'empty-pattern');
const base = () => loadSide(join(dir, 'base.yaml'));
const rev = () => loadSide(join(dir, 'revision.yaml'));

describe('an empty pattern', () => {
  test('replaced by a real one is a pattern added; dropped, it is no change', () => {
    expect(brief(diff(base(), rev()))).toEqual([
      'request-property-pattern-added breaking revision.yaml:4',
    ]);
  });

  test('the other way round, a pattern removed (info in a request)', () => {
    expect(brief(diff(rev(), base()))).toEqual([
      'request-property-pattern-removed info base.yaml:4',
    ]);
  });
});
