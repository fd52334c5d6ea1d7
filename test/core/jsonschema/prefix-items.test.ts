import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { SchemaPlace } from '../../../src/core/jsonschema/api.js';
import { brief, diff, FIXTURES, loadSide } from './helpers.js';

/**
 * prefixItems are compared position by position with the schema that governed each position
 * before (`items`), so the verdict follows what the position accepts; an entry that restates
 * `items` changes nothing. fixtures/jsonschema-compare/prefix-items/.
 */
const side = (f: string) => loadSide(join(FIXTURES, 'prefix-items', f));
const response: SchemaPlace = {
  kind: 'response-body',
  status: '200',
  mediaType: 'application/json',
};

describe('prefixItems by position', () => {
  test('an entry that changes what its position accepts is a type change, both ways', () => {
    expect(brief(diff(side('base.yaml'), side('revision.yaml')))).toEqual([
      'request-body-prefix-items-added info revision.yaml:3',
      'request-property-type-changed breaking revision.yaml:4',
    ]);
    expect(
      brief(diff(side('base.yaml'), side('revision.yaml'), { place: response, direction: 'read' })),
    ).toEqual([
      'response-body-prefix-items-added info revision.yaml:3',
      'response-property-type-changed breaking revision.yaml:4',
    ]);
  });

  test('near miss: an entry that restates items changes nothing', () => {
    expect(diff(side('base.yaml'), side('near-miss.yaml'))).toEqual([]);
    expect(diff(side('near-miss.yaml'), side('base.yaml'))).toEqual([]);
  });
});
