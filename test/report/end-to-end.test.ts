import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingFactory } from '../../src/core/catalogue.js';
import { LocationMap } from '../../src/core/locations.js';
import { render } from '../../src/report/index.js';
import { buildReport } from '../../src/report/report.js';
import { FIXTURES } from '../helpers/paths.js';
import { errorsOf, reportValidator, sarifValidator } from './schemas.js';
import { options, sampleCatalogue } from './sample.js';

/**
 * Findings located in real files through the location map, rendered by every formatter: the
 * `file:line:col` each output shows must point at the element in the file on disk.
 */
const dir = path.join(FIXTURES, 'report', 'orders');
const load = (name: string) => {
  const file = path.join(dir, name);
  return LocationMap.parse(file, readFileSync(file, 'utf8')).map;
};

function report() {
  const base = load('base.yaml');
  const rev = load('revision.yaml');
  const make = findingFactory(sampleCatalogue(), 'orders', 'openapi');
  const legacy = ['components', 'schemas', 'Order', 'properties', 'legacyId'];
  const status = ['components', 'schemas', 'Status', 'enum'];
  const findings = [
    make('response-property-removed', {
      args: { property: 'legacyId', status: '200', operation: 'GET /orders/{id}' },
      location: base.locate(legacy),
      affects: ['GET /orders/{id}'],
    }),
    make('response-enum-value-added', {
      args: { schema: 'Status', value: 'refunded' },
      location: rev.locate([...status, '2']),
      baseLocation: base.locate(status),
    }),
    make('operation-added', {
      args: { operation: 'DELETE /orders/{id}' },
      location: rev.locate(['paths', '/orders/{id}', 'delete']),
    }),
  ];
  return buildReport(
    '0.1.0',
    'breaking',
    [
      {
        id: 'orders',
        format: 'openapi',
        version: '1.3.0',
        baseline: 'fixtures/report/orders/base.yaml',
      },
    ],
    findings,
  );
}

/** The text at file:line:col, read from disk. */
function at(pos: string, cwd: string): string {
  const [file, line, col] = pos.split(':');
  const text = readFileSync(path.join(cwd, file!), 'utf8').split('\n')[Number(line) - 1]!;
  return text.slice(Number(col) - 1);
}

describe('formatters on findings located in real files', () => {
  const cwd = path.dirname(FIXTURES);
  const opts = options({ cwd });

  it('text positions point at the element', () => {
    const out = render(report(), 'text', opts);
    const positions = out
      .split('\n')
      .filter((l) => l.startsWith('fixtures/'))
      .map((l) => l.split(' ')[0]!);
    expect(positions).toEqual([
      'fixtures/report/orders/base.yaml:23:9',
      'fixtures/report/orders/revision.yaml:32:29',
      'fixtures/report/orders/revision.yaml:16:5',
    ]);
    expect(positions.map((p) => at(p, cwd))).toEqual(['legacyId:', 'refunded]', 'delete:']);
  });

  it('github, json and sarif agree with the text positions', () => {
    const r = report();
    expect(render(r, 'github', opts)).toContain(
      '::error file=fixtures/report/orders/base.yaml,line=23,col=9,title=response-property-removed::',
    );
    const json = JSON.parse(render(r, 'json', opts));
    const validate = reportValidator();
    expect(validate(json), errorsOf(validate)).toBe(true);
    expect(json.findings[1].location).toMatchObject({
      file: 'fixtures/report/orders/revision.yaml',
      line: 32,
      column: 29,
    });
    const sarif = JSON.parse(render(r, 'sarif', opts));
    const v = sarifValidator();
    expect(v(sarif), errorsOf(v)).toBe(true);
    expect(sarif.runs[0].results[1].locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'fixtures/report/orders/revision.yaml', uriBaseId: 'SRCROOT' },
      region: { startLine: 32, startColumn: 29 },
    });
  });
});
