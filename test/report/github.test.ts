import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingFactory } from '../../src/core/catalogue.js';
import { annotation, escapeData, escapeProperty, github } from '../../src/report/github.js';
import { CWD, options, sampleCatalogue, sampleReport } from './sample.js';

describe('github formatter', () => {
  it('writes one workflow command per finding, error/warning/notice by severity', () => {
    expect(github(sampleReport(), options())).toBe(
      [
        "::error file=api/orders/openapi.yaml,line=52,col=15,title=response-property-removed::Property 'legacyId' was removed from the 200 response of GET /orders/{id}.%0AWas at registry/orders/1.2.0/openapi.yaml:48:17",
        "::error file=api/orders/openapi.yaml,line=88,col=15,title=request-property-became-required::Request property 'currency' of POST /orders became required.%0AWaiver expired 2024-01-31: Only the web shop sends orders; it sends currency since 3.2.",
        "::error file=api/orders/openapi.yaml,line=112,col=9,title=request-enum-value-removed::Enum value 'pending' was removed from Status.%0AAffects: POST /orders, PUT /orders/{id}",
        "::warning file=api/orders/openapi.yaml,line=130,col=11,title=response-enum-value-added::Enum value 'drone' was added to Carrier in responses.%0AAffects: GET /orders/{id}",
        '::notice file=api/orders/openapi.yaml,line=60,col=5,title=operation-added::Operation DELETE /orders/{id} was added.',
        "::notice file=proto/payments/v1/payments.proto,line=14,col=3,title=field-type-changed::Field 'amount' of payments.v1.Charge changed type from int32 to int64.%0AWaived until 2099-12-31: int32 and int64 share the varint wire encoding.",
        "::warning file=proto/payments/v1/payments.proto,line=9,col=3,title=field-renamed::Field 'customer_id' of payments.v1.Charge was renamed to 'payer_id'.",
        '',
      ].join('\n'),
    );
  });

  it('quiet keeps only the annotations of failing findings', () => {
    const out = github(sampleReport(), options({ quiet: true }));
    expect(
      out
        .trimEnd()
        .split('\n')
        .map((l) => l.slice(0, l.indexOf(' '))),
    ).toEqual(['::error', '::error', '::error']);
    expect(github(sampleReport('never'), options({ quiet: true }))).toBe('');
  });

  it('escapes %, CR and LF in the message, and also : and , in properties', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('a:b,c%d\ne')).toBe('a%3Ab%2Cc%25d%0Ae');
    const make = findingFactory(sampleCatalogue(), 'schemas', 'jsonschema');
    const f = {
      ...make('pattern-changed', {
        args: { name: 'sku', pattern: '^[0-9]+%$' },
        location: {
          file: path.join(CWD, 'schemas', 'v1,v2', 'sku:1.json'),
          line: 4,
          column: 0,
          pointer: ['pattern'],
        },
      }),
      waived: { reason: 'Agreed in review:\r\nsee #12, 50%', expires: '2099-01-01' },
    };
    expect(annotation(f, CWD)).toBe(
      '::notice file=schemas/v1%2Cv2/sku%3A1.json,line=4,title=pattern-changed::Pattern of sku changed to ^[0-9]+%25$.%0AWaived until 2099-01-01: Agreed in review:%0D%0Asee #12, 50%25',
    );
    // A finding without a line (a deleted file) has neither line nor col.
    const noLine = { ...f, waived: undefined, location: { ...f.location, line: 0 } };
    expect(annotation(noLine, CWD)).toBe(
      '::error file=schemas/v1%2Cv2/sku%3A1.json,title=pattern-changed::Pattern of sku changed to ^[0-9]+%25$.',
    );
  });
});
