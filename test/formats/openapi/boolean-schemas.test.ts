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

  it('near miss: schema: false admits no body: the schema became false', async () => {
    const findings = await diffIn(DIR, 'true.yaml', 'false.yaml');
    expect(findings.map((f) => `${f.rule} ${f.severity} ${f.location.line}`).sort()).toEqual([
      'api-version-not-bumped info 4',
      'request-body-schema-became-false breaking 10',
      // the response media type can no longer be returned
      'response-body-schema-became-false breaking 15',
    ]);
  });

  it('false → no schema: the body admits values again (info both ways round)', async () => {
    const findings = await diffIn(DIR, 'false.yaml', 'none.yaml');
    expect(findings.map((f) => `${f.rule} ${f.severity}`).sort()).toEqual([
      'request-body-schema-became-not-false info',
      'response-body-schema-became-not-false info',
    ]);
  });
});
