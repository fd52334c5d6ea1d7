import path from 'node:path';
import { Catalogue, findingFactory } from '../../src/core/catalogue.js';
import type { Finding, Waiver } from '../../src/core/model.js';
import { defineRule, MODES } from '../../src/core/rule.js';
import { buildReport, type FailOn, type FormatterOptions } from '../../src/report/report.js';

/**
 * The shared sample every formatter test renders: three contracts (orders failed, payments passed
 * with a waived and a downgraded finding, events new), every severity, an active and an expired
 * waiver, `affects`, before/after, a baseLocation and a removal placed on its surviving ancestor.
 */

/** The folder the run is in: findings hold absolute paths below it. */
export const CWD = path.resolve('/srv/shop');
const abs = (rel: string) => path.join(CWD, ...rel.split('/'));

export const RULES = [
  defineRule<{ property: string; status: string; operation: string }>({
    id: 'response-property-removed',
    formats: ['openapi', 'asyncapi'],
    severity: 'breaking',
    description: 'A property of a response body must not be removed.',
    kind: 'removal',
    modes: MODES.breaking,
    equivalents: { oasdiff: ['response-property-removed'] },
    message: (a) =>
      `Property '${a.property}' was removed from the ${a.status} response of ${a.operation}.`,
    explain: {
      why: 'Clients that read the property get undefined.',
      example: { before: 'legacyId: {type: string}', after: '# removed', language: 'yaml' },
    },
  }),
  defineRule<{ schema: string; value: string }>({
    id: 'request-enum-value-removed',
    formats: ['openapi'],
    severity: 'breaking',
    description: 'A request enum must not lose values.',
    kind: 'modification',
    modes: MODES.breaking,
    equivalents: { oasdiff: ['request-property-enum-value-removed'] },
    message: (a) => `Enum value '${a.value}' was removed from ${a.schema}.`,
  }),
  defineRule<{ schema: string; value: string }>({
    id: 'response-enum-value-added',
    formats: ['openapi'],
    severity: 'warning',
    description: 'A response enum gained a value strict readers may reject.',
    kind: 'addition',
    modes: MODES.forward,
    equivalents: { oasdiff: ['response-property-enum-value-added'] },
    message: (a) => `Enum value '${a.value}' was added to ${a.schema} in responses.`,
  }),
  defineRule<{ operation: string }>({
    id: 'operation-added',
    formats: ['openapi'],
    severity: 'info',
    description: 'An operation was added.',
    kind: 'addition',
    modes: MODES.none,
    equivalents: { oasdiff: ['endpoint-added'] },
    message: (a) => `Operation ${a.operation} was added.`,
  }),
  defineRule<{ property: string; operation: string }>({
    id: 'request-property-became-required',
    formats: ['openapi'],
    severity: 'breaking',
    description: 'A request property must not become required.',
    kind: 'modification',
    modes: MODES.breaking,
    equivalents: { oasdiff: ['request-property-became-required'] },
    message: (a) => `Request property '${a.property}' of ${a.operation} became required.`,
  }),
  defineRule<{ field: string; message: string; from: string; to: string }>({
    id: 'field-type-changed',
    formats: ['protobuf'],
    severity: 'breaking',
    description: 'A field keeps its type.',
    kind: 'modification',
    modes: MODES.breaking,
    equivalents: { buf: ['FIELD_SAME_TYPE'] },
    categories: ['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'],
    message: (a) => `Field '${a.field}' of ${a.message} changed type from ${a.from} to ${a.to}.`,
  }),
  defineRule<{ field: string; message: string; from: string }>({
    id: 'field-renamed',
    formats: ['protobuf'],
    severity: 'breaking',
    description: 'A field keeps its name.',
    kind: 'modification',
    modes: MODES.breaking,
    equivalents: { buf: ['FIELD_SAME_NAME'] },
    categories: ['FILE', 'PACKAGE', 'WIRE_JSON'],
    message: (a) => `Field '${a.from}' of ${a.message} was renamed to '${a.field}'.`,
  }),
  // Used by the escaping tests only: its message carries characters outputs must escape.
  defineRule<{ name: string; pattern: string }>({
    id: 'pattern-changed',
    formats: ['jsonschema'],
    severity: 'breaking',
    description: 'A string pattern must not get stricter.',
    kind: 'modification',
    modes: MODES.breaking,
    equivalents: {},
    message: (a) => `Pattern of ${a.name} changed to ${a.pattern}.`,
  }),
];

export function sampleCatalogue(): Catalogue {
  return new Catalogue().register(RULES);
}

const waive = (f: Finding, waived: Waiver): Finding => ({ ...f, waived });

export function sampleFindings(catalogue = sampleCatalogue()): Finding[] {
  const orders = findingFactory(catalogue, 'orders', 'openapi');
  const payments = findingFactory(catalogue, 'payments', 'protobuf');
  const spec = abs('api/orders/openapi.yaml');
  const published = abs('registry/orders/1.2.0/openapi.yaml');
  const proto = abs('proto/payments/v1/payments.proto');
  const publishedProto = abs('registry/payments/1.4.0/payments/v1/payments.proto');
  return [
    // A removal: on its nearest surviving ancestor in the revision, where it was as baseLocation.
    orders('response-property-removed', {
      args: { property: 'legacyId', status: '200', operation: 'GET /orders/{id}' },
      location: {
        file: spec,
        line: 52,
        column: 15,
        pointer: [
          'paths',
          '/orders/{id}',
          'get',
          'responses',
          '200',
          'content',
          'application/json',
          'schema',
          'properties',
        ],
      },
      baseLocation: {
        file: published,
        line: 48,
        column: 17,
        pointer: [
          'paths',
          '/orders/{id}',
          'get',
          'responses',
          '200',
          'content',
          'application/json',
          'schema',
          'properties',
          'legacyId',
        ],
      },
    }),
    // A shared schema: reported once, with what it reaches.
    orders('request-enum-value-removed', {
      args: { schema: 'Status', value: 'pending' },
      location: {
        file: spec,
        line: 112,
        column: 9,
        pointer: ['components', 'schemas', 'Status', 'enum'],
      },
      baseLocation: {
        file: published,
        line: 104,
        column: 9,
        pointer: ['components', 'schemas', 'Status', 'enum'],
      },
      before: ['pending', 'paid', 'shipped'],
      after: ['paid', 'shipped'],
      affects: ['PUT /orders/{id}', 'POST /orders'],
    }),
    orders('response-enum-value-added', {
      args: { schema: 'Carrier', value: 'drone' },
      location: {
        file: spec,
        line: 130,
        column: 11,
        pointer: ['components', 'schemas', 'Carrier', 'enum', '3'],
      },
      baseLocation: {
        file: published,
        line: 120,
        column: 11,
        pointer: ['components', 'schemas', 'Carrier', 'enum'],
      },
      affects: ['GET /orders/{id}'],
    }),
    orders('operation-added', {
      args: { operation: 'DELETE /orders/{id}' },
      location: { file: spec, line: 60, column: 5, pointer: ['paths', '/orders/{id}', 'delete'] },
    }),
    waive(
      orders('request-property-became-required', {
        args: { property: 'currency', operation: 'POST /orders' },
        location: {
          file: spec,
          line: 88,
          column: 15,
          pointer: [
            'paths',
            '/orders',
            'post',
            'requestBody',
            'content',
            'application/json',
            'schema',
            'required',
          ],
        },
        baseLocation: {
          file: published,
          line: 80,
          column: 15,
          pointer: [
            'paths',
            '/orders',
            'post',
            'requestBody',
            'content',
            'application/json',
            'schema',
            'required',
          ],
        },
        before: ['items'],
        after: ['items', 'currency'],
      }),
      {
        reason: 'Only the web shop sends orders; it sends currency since 3.2.',
        expires: '2024-01-31',
        expired: true,
      },
    ),
    waive(
      payments('field-type-changed', {
        args: { field: 'amount', message: 'payments.v1.Charge', from: 'int32', to: 'int64' },
        location: { file: proto, line: 14, column: 3, pointer: ['payments.v1.Charge', 'amount'] },
        baseLocation: {
          file: publishedProto,
          line: 14,
          column: 3,
          pointer: ['payments.v1.Charge', 'amount'],
        },
        before: 'int32',
        after: 'int64',
      }),
      { reason: 'int32 and int64 share the varint wire encoding.', expires: '2099-12-31' },
    ),
    {
      // The policy downgraded it (wire-only compatibility): still reported, marked.
      ...payments('field-renamed', {
        args: { field: 'payer_id', message: 'payments.v1.Charge', from: 'customer_id' },
        location: { file: proto, line: 9, column: 3, pointer: ['payments.v1.Charge', 'payer_id'] },
        baseLocation: {
          file: publishedProto,
          line: 9,
          column: 3,
          pointer: ['payments.v1.Charge', 'customer_id'],
        },
      }),
      severity: 'warning',
      defaultSeverity: 'breaking',
    },
  ];
}

export function sampleReport(failOn: FailOn = 'breaking', findings = sampleFindings()) {
  return buildReport(
    '0.1.0',
    failOn,
    [
      { id: 'orders', format: 'openapi', version: '1.3.0', baseline: 'registry:orders@1.2.0' },
      { id: 'payments', format: 'protobuf', version: '1.4.0', baseline: 'git:main' },
      { id: 'events', format: 'asyncapi', version: '0.1.0', isNew: true },
    ],
    findings,
  );
}

export function options(over: Partial<FormatterOptions> = {}): FormatterOptions {
  return { color: false, quiet: false, catalogue: sampleCatalogue(), cwd: CWD, ...over };
}
