import { describe, expect, it } from 'vitest';
import { sarif } from '../../src/report/sarif.js';
import { findingFactory } from '../../src/core/catalogue.js';
import { errorsOf, sarifValidator } from './schemas.js';
import { CWD, options, sampleCatalogue, sampleFindings, sampleReport } from './sample.js';
import path from 'node:path';

const validate = sarifValidator();
const render = (report = sampleReport()) =>
  JSON.parse(sarif(report, options())) as Record<string, any>;

describe('sarif formatter', () => {
  const log = render();
  const run = log.runs[0];
  const byRule = (id: string) => run.results.find((r: any) => r.ruleId === id);

  it('validates against the SARIF 2.1.0 JSON Schema', () => {
    expect(validate(log), errorsOf(validate)).toBe(true);
    expect(log.version).toBe('2.1.0');
  });

  it('the schema check is real: a broken log fails it', () => {
    const cases: Array<[string, (d: any) => void]> = [
      ['unknown level', (d) => (d.runs[0].results[0].level = 'fatal')],
      ['message without text', (d) => (d.runs[0].results[0].message = { markdown: 1 })],
      [
        'line 0 region',
        (d) => (d.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0),
      ],
      ['driver without name', (d) => delete d.runs[0].tool.driver.name],
      ['unknown suppression kind', (d) => (d.runs[0].results[5].suppressions[0].kind = 'waiver')],
      ['wrong version', (d) => (d.version = '2.0.0')],
    ];
    for (const [name, mutate] of cases) {
      const copy = structuredClone(log);
      mutate(copy);
      expect(validate(copy), name).toBe(false);
    }
  });

  it('describes the tool and the rules the findings use, from the catalogue', () => {
    const driver = run.tool.driver;
    expect(driver).toMatchObject({
      name: 'treaty',
      version: '0.1.0',
      informationUri: expect.stringMatching(/^https:/),
    });
    expect(driver.rules.map((r: any) => r.id)).toEqual([
      'field-renamed',
      'field-type-changed',
      'operation-added',
      'request-enum-value-removed',
      'request-property-became-required',
      'response-enum-value-added',
      'response-property-removed',
    ]);
    const removed = driver.rules.find((r: any) => r.id === 'response-property-removed');
    expect(removed).toMatchObject({
      name: 'ResponsePropertyRemoved',
      shortDescription: { text: 'A property of a response body must not be removed.' },
      fullDescription: { text: 'Clients that read the property get undefined.' },
      defaultConfiguration: { level: 'error' },
      properties: { equivalents: { oasdiff: ['response-property-removed'] } },
    });
    expect(removed.help.markdown).toContain('```yaml\nlegacyId: {type: string}\n```');
    for (const r of run.results) expect(driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('maps severities to levels and locates results relative to SRCROOT', () => {
    expect(run.results.map((r: any) => [r.ruleId, r.level])).toEqual([
      ['response-property-removed', 'error'],
      ['request-property-became-required', 'error'],
      ['request-enum-value-removed', 'error'],
      ['response-enum-value-added', 'warning'],
      ['operation-added', 'note'],
      ['field-type-changed', 'error'],
      ['field-renamed', 'warning'],
    ]);
    const r = byRule('request-enum-value-removed');
    expect(r.message.text).toBe("Enum value 'pending' was removed from Status.");
    expect(r.locations[0]).toEqual({
      physicalLocation: {
        artifactLocation: { uri: 'api/orders/openapi.yaml', uriBaseId: 'SRCROOT' },
        region: { startLine: 112, startColumn: 9 },
      },
      logicalLocations: [{ name: 'enum', fullyQualifiedName: '/components/schemas/Status/enum' }],
    });
    expect(r.relatedLocations[0].physicalLocation.artifactLocation.uri).toBe(
      'registry/orders/1.2.0/openapi.yaml',
    );
    expect(r.partialFingerprints).toEqual({
      'treaty/v1': 'request-enum-value-removed|orders|/components/schemas/Status/enum|pending',
    });
    expect(r.properties).toMatchObject({
      contract: 'orders',
      fails: true,
      affects: ['POST /orders', 'PUT /orders/{id}'],
    });
    expect(run.originalUriBaseIds.SRCROOT.uri).toMatch(/^file:\/\/.*\/$/);
    // The pointer is escaped (~1 for '/') in the logical location.
    expect(
      byRule('response-property-removed').locations[0].logicalLocations[0].fullyQualifiedName,
    ).toBe(
      '/paths/~1orders~1{id}/get/responses/200/content/application~1json/schema/properties/legacyId',
    );
  });

  it('suppresses active waivers, not expired ones', () => {
    expect(byRule('field-type-changed').suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'int32 and int64 share the varint wire encoding.',
      },
    ]);
    const expired = byRule('request-property-became-required');
    expect(expired.suppressions).toBeUndefined();
    expect(expired.properties.waiver.expired).toBe(true);
  });

  it('stays valid for a file without a line, a path with spaces, and a rule missing from the catalogue', () => {
    const make = findingFactory(sampleCatalogue(), 'schemas', 'jsonschema');
    const f = make('pattern-changed', {
      args: { name: 'sku', pattern: '^[0-9]+%$' },
      location: {
        file: path.join(CWD, 'event schemas', 'sku #1.json'),
        line: 0,
        column: 0,
        pointer: [],
      },
    });
    const report = sampleReport('breaking', [
      ...sampleFindings(),
      f,
      { ...f, rule: 'retired-rule', fingerprint: 'x' },
    ]);
    const doc = render(report);
    expect(validate(doc), errorsOf(validate)).toBe(true);
    const r = doc.runs[0].results.find((x: any) => x.ruleId === 'pattern-changed');
    expect(r.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'event%20schemas/sku%20%231.json', uriBaseId: 'SRCROOT' },
    });
    expect(r.locations[0].logicalLocations).toEqual([{ fullyQualifiedName: '/' }]);
    expect(doc.runs[0].tool.driver.rules.find((x: any) => x.id === 'retired-rule')).toEqual({
      id: 'retired-rule',
    });
  });
});
