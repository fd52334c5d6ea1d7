import { describe, expect, it } from 'vitest';
import { diffIn, ids } from './helpers.js';

/**
 * OpenAPI 3.1 media types may carry a boolean schema. `schema: true` admits every body, exactly as
 * a media type without a schema; `schema: false` admits none.
 * fixtures/openapi/scenarios/boolean-schemas/{none,true,false}.yaml.
 */
const DIR = 'scenarios/boolean-schemas';

describe('OpenAPI 3.1 boolean media type schemas', () => {
  it('schema: true is the same as no schema, both ways', async () => {
    expect(await diffIn(DIR, 'none.yaml', 'true.yaml')).toEqual([]);
    expect(await diffIn(DIR, 'true.yaml', 'none.yaml')).toEqual([]);
  });

  it('near miss: schema: false refuses every request body', async () => {
    const findings = await diffIn(DIR, 'true.yaml', 'false.yaml');
    expect(ids(findings)).toEqual([
      'api-version-not-bumped',
      'request-body-media-type-schema-added',
      'response-body-media-type-schema-added',
    ]);
    const f = findings.find((x) => x.rule === 'request-body-media-type-schema-added');
    expect(f?.severity).toBe('breaking');
    expect(f?.location.line).toBe(10);
  });
});
