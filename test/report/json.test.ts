import { describe, expect, it } from 'vitest';
import { json } from '../../src/report/json.js';
import { errorsOf, reportValidator } from './schemas.js';
import { options, sampleReport } from './sample.js';

const validate = reportValidator();
const parse = (failOn: Parameters<typeof sampleReport>[0] = 'breaking') =>
  JSON.parse(json(sampleReport(failOn), options())) as Record<string, any>;

describe('json formatter', () => {
  it('validates against schemas/report.schema.json', () => {
    const doc = parse();
    expect(validate(doc), errorsOf(validate)).toBe(true);
  });

  it('has the report envelope', () => {
    const doc = parse();
    expect(Object.keys(doc)).toEqual([
      'version',
      'tool',
      'failOn',
      'contracts',
      'findings',
      'summary',
    ]);
    expect(doc.version).toBe(1);
    expect(doc.tool).toEqual({ name: 'treaty', version: '0.1.0' });
    expect(doc.summary).toEqual({
      breaking: 3,
      warning: 2,
      info: 1,
      waived: 1,
      contracts: 3,
      failed: true,
    });
    expect(doc.contracts.map((c: any) => [c.id, c.status])).toEqual([
      ['orders', 'failed'],
      ['payments', 'passed'],
      ['events', 'new'],
    ]);
  });

  it('holds every finding of every severity whatever failOn says', () => {
    for (const failOn of ['breaking', 'never'] as const) {
      const doc = parse(failOn);
      expect(doc.findings).toHaveLength(7);
      expect(new Set(doc.findings.map((f: any) => f.severity))).toEqual(
        new Set(['breaking', 'warning', 'info']),
      );
    }
    expect(parse('never').findings.every((f: any) => f.fails === false)).toBe(true);
    expect(
      parse('breaking')
        .findings.filter((f: any) => f.fails)
        .map((f: any) => f.rule),
    ).toEqual([
      'response-property-removed',
      'request-property-became-required',
      'request-enum-value-removed',
    ]);
  });

  it('keeps pointers as arrays and paths relative with / separators', () => {
    const doc = parse();
    const f = doc.findings.find((x: any) => x.rule === 'request-enum-value-removed');
    expect(f.location).toEqual({
      file: 'api/orders/openapi.yaml',
      line: 112,
      column: 9,
      pointer: ['components', 'schemas', 'Status', 'enum'],
    });
    expect(f.baseLocation.file).toBe('registry/orders/1.2.0/openapi.yaml');
    expect(f.before).toEqual(['pending', 'paid', 'shipped']);
    expect(f.after).toEqual(['paid', 'shipped']);
    expect(f.affects).toEqual(['POST /orders', 'PUT /orders/{id}']);
    expect(f.args).toEqual({ schema: 'Status', value: 'pending' });
    const removed = doc.findings.find((x: any) => x.rule === 'response-property-removed');
    expect(removed.location.pointer).toContain('/orders/{id}'); // a segment with '/' stays whole
    expect(removed.location.file).toBe('api/orders/openapi.yaml');
    expect(removed.baseLocation).toMatchObject({
      file: 'registry/orders/1.2.0/openapi.yaml',
      line: 48,
    });
  });

  it('marks waivers and changed severities', () => {
    const doc = parse();
    const waived = doc.findings.find((x: any) => x.rule === 'field-type-changed');
    expect(waived.waived).toEqual({
      reason: 'int32 and int64 share the varint wire encoding.',
      expires: '2099-12-31',
    });
    const expired = doc.findings.find((x: any) => x.rule === 'request-property-became-required');
    expect(expired.waived.expired).toBe(true);
    const renamed = doc.findings.find((x: any) => x.rule === 'field-renamed');
    expect([renamed.severity, renamed.defaultSeverity]).toEqual(['warning', 'breaking']);
  });

  it('the schema rejects near-misses', () => {
    const doc = parse();
    const cases: Array<[string, (d: any) => void]> = [
      ['unknown top-level key', (d) => (d.extra = true)],
      ['unknown finding key', (d) => (d.findings[0].level = 'error')],
      ['dotted pointer string', (d) => (d.findings[0].location.pointer = 'paths./orders')],
      ['unknown severity', (d) => (d.findings[0].severity = 'error')],
      ['missing fingerprint', (d) => delete d.findings[0].fingerprint],
      ['negative line', (d) => (d.findings[0].location.line = -1)],
      [
        'bad waiver date',
        (d) => (d.findings.find((f: any) => f.waived).waived.expires = 'next year'),
      ],
      ['wrong version', (d) => (d.version = 2)],
      ['unknown contract status', (d) => (d.contracts[0].status = 'broken')],
    ];
    for (const [name, mutate] of cases) {
      const copy = structuredClone(doc);
      mutate(copy);
      expect(validate(copy), name).toBe(false);
    }
  });
});
