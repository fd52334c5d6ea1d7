import { describe, expect, it } from 'vitest';
import { diffIn } from './helpers.js';

/**
 * A schema written inline in an operation is named by its place; one reached through a component
 * is named by the component. fixtures/openapi/scenarios/inline-parameter: both maxima 100 → 50.
 */
describe('schema findings name their subject', () => {
  it('an inline parameter schema is the parameter; a component parameter names the component', async () => {
    const findings = await diffIn('scenarios/inline-parameter', 'base.yaml', 'revision.yaml');
    const msgs = findings
      .filter((f) => f.rule === 'request-parameter-max-decreased')
      .map((f) => `${f.location.line} ${f.message}`);
    expect(msgs).toEqual([
      "11 query parameter 'limit': maximum was decreased from 100 to 50",
      "21 query parameter 'offset' schema 'Offset': maximum was decreased from 100 to 50",
    ]);
  });
});
