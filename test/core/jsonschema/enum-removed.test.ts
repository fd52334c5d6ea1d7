import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { SchemaPlace } from '../../../src/core/jsonschema/api.js';
import { brief, diff, FIXTURES, loadSide } from './helpers.js';

/**
 * Dropping the `enum` keyword lets every value of the type through: in a response that is a
 * widening like a generalized type (breaking), while one added value only warns.
 * fixtures/jsonschema-compare/enum-removed/{base,revision}.yaml.
 */
const dir = join(FIXTURES, 'enum-removed');
const base = () => loadSide(join(dir, 'base.yaml'));
const rev = () => loadSide(join(dir, 'revision.yaml'));
const response: SchemaPlace = {
  kind: 'response-body',
  status: '200',
  mediaType: 'application/json',
};

describe('an enum removed entirely', () => {
  test('in a response it is breaking; the near miss (one value added) warns', () => {
    const fs = diff(base(), rev(), { place: response, direction: 'read' });
    expect(brief(fs)).toEqual([
      'response-property-enum-removed breaking revision.yaml:4',
      'response-property-enum-value-added warning revision.yaml:5',
    ]);
  });

  test('in a request it is info (every value sent before is still accepted)', () => {
    const fs = diff(base(), rev());
    expect(brief(fs)).toEqual([
      'request-property-enum-removed info revision.yaml:4',
      'request-property-enum-value-added info revision.yaml:5',
    ]);
  });
});
