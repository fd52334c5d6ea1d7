import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { brief, diff, FIXTURES, loadSide } from './helpers.js';

/**
 * A property declared by two recursive allOf parts merges into the same node at every depth, so
 * the comparison terminates. fixtures/jsonschema-compare/recursive-allof-merge/.
 */
const side = (f: string) =>
  loadSide(join(FIXTURES, 'recursive-allof-merge', f), '/components/schemas/Folder');

describe('recursive allOf parts declaring the same property', () => {
  test('the schema compared with itself terminates with no finding', () => {
    expect(diff(side('base.yaml'), side('base.yaml'))).toEqual([]);
  });

  test('near miss: a change inside one part is found once, at its declaration', () => {
    expect(brief(diff(side('base.yaml'), side('revision.yaml')))).toEqual([
      'request-property-type-changed breaking revision.yaml:17',
    ]);
  });
});
