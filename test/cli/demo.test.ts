import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli } from '../helpers/cli.js';

/** The README's Quick start: the bundled demo service and its breaking twin. */
const demo = path.join(FIXTURES, 'demo-service');
const breaking = path.join(FIXTURES, 'demo-service-breaking');

interface JsonFinding {
  rule: string;
  severity: string;
  contract: string;
  location: { file: string; line: number; pointer: string[] };
  baseLocation?: { file: string; line: number; pointer: string[] };
}

async function checkJson(cwd: string) {
  const r = await runCli(['check', '--format', 'json', '--cwd', cwd]);
  const report = JSON.parse(r.stdout) as {
    findings: JsonFinding[];
    contracts: Array<{ id: string; status: string; baseline?: string }>;
  };
  return { code: r.code, report, stderr: r.stderr };
}

describe('the demo service', () => {
  it('passes: additive changes and one deprecation against its published 1.0.0', async () => {
    const { code, report, stderr } = await checkJson(demo);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(report.contracts.map((c) => [c.id, c.status, c.baseline])).toEqual([
      ['orders-api', 'passed', 'registry:orders-api@1.0.0'],
      ['order-events', 'passed', 'registry:order-events@1.0.0'],
      ['orders-grpc', 'passed', 'registry:orders-grpc@1.0.0'],
      ['order-shipped-avro', 'passed', 'registry:order-shipped-avro@1.0.0'],
    ]);
    expect(report.findings.filter((f) => f.severity === 'breaking')).toEqual([]);
    const rules = report.findings.map(
      (f) => `${f.contract} ${f.rule} ${f.location.file}:${f.location.line}`,
    );
    expect(rules).toEqual(
      expect.arrayContaining([
        'orders-api endpoint-deprecated-with-sunset api/openapi.yaml:82',
        'orders-api endpoint-added api/openapi.yaml:87',
        'orders-api new-optional-request-parameter api/openapi.yaml:19',
        'order-events channel-added events/asyncapi.yaml:21',
        'orders-grpc proto-rpc-added proto/acme/orders/v1/orders.proto:14',
        'orders-grpc proto-element-deprecated proto/acme/orders/v1/orders.proto:11',
        'order-shipped-avro avro-field-added events/avro/order-shipped.avsc:12',
        'order-shipped-avro avro-type-promoted events/avro/order-shipped.avsc:11',
      ]),
    );
  });

  it('the text report is readable: file:line:col first, summary last', async () => {
    const r = await runCli(['check', '--cwd', demo]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^api\/openapi\.yaml:82:7 +info +endpoint-deprecated-with-sunset /m);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^15 findings in 4 contracts: 0 breaking/);
  });

  it('its breaking twin fails (exit 1) naming each rule at its line', async () => {
    const { code, report } = await checkJson(breaking);
    expect(code).toBe(1);
    const broken = report.findings
      .filter((f) => f.severity === 'breaking')
      .map((f) => `${f.contract} ${f.rule} ${f.location.file}:${f.location.line}`);
    expect(broken.sort()).toEqual([
      'order-events message-type-changed events/asyncapi.yaml:60',
      'orders-api new-required-request-parameter api/openapi.yaml:19',
      'orders-api response-required-property-removed api/schemas/order.yaml:33',
      'orders-grpc field-no-delete proto/acme/orders/v1/orders.proto:35',
    ]);
  });

  it('places every finding of the breaking twin in its own working tree; removals keep where they were', async () => {
    const { report } = await checkJson(breaking);
    const outside = report.findings.filter(
      (f) => !existsSync(path.join(breaking, f.location.file)) || f.location.file.startsWith('..'),
    );
    expect(outside).toEqual([]);
    const removed = report.findings.find((f) => f.rule === 'response-required-property-removed')!;
    // The surviving ancestor: the `properties` of schema Order in the revision's file.
    expect(removed.location).toMatchObject({
      file: 'api/schemas/order.yaml',
      line: 33,
      pointer: ['Order', 'properties'],
    });
    expect(removed.baseLocation).toMatchObject({
      file: '../demo-service/registry/orders-api/1.0.0/schemas/order.yaml',
      line: 43,
      pointer: ['Order', 'properties', 'total'],
    });
  });

  it('its registry verifies clean', async () => {
    const r = await runCli(['registry', 'verify', '--cwd', demo]);
    expect(r.code).toBe(0);
  });
});
