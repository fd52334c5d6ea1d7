import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingFactory } from '../../src/core/catalogue.js';
import { markdown } from '../../src/report/markdown.js';
import { CWD, options, sampleCatalogue, sampleFindings, sampleReport } from './sample.js';

describe('markdown formatter', () => {
  const out = markdown(sampleReport(), options());
  const lines = out.split('\n');

  it('starts with the verdict and a summary table of contracts', () => {
    expect(lines[0]).toBe('## ❌ treaty: failed');
    expect(lines).toContain(
      '7 findings in 3 contracts: 3 breaking, 2 warnings, 1 info, 1 waived (fail-on `breaking`).',
    );
    expect(lines).toContain(
      '| orders | openapi | 1.3.0 | `registry:orders@1.2.0` | ❌ failed | 3 | 1 | 1 | 0 |',
    );
    expect(lines).toContain(
      '| payments | protobuf | 1.4.0 | `git:main` | ✅ passed | 0 | 1 | 0 | 1 |',
    );
    expect(lines).toContain('| events | asyncapi | 0.1.0 | — | 🆕 new | 0 | 0 | 0 | 0 |');
    expect(markdown(sampleReport('never'), options()).split('\n')[0]).toBe('## ✅ treaty: passed');
  });

  it('has a table per contract, waived findings marked', () => {
    expect(lines).toContain('### orders (openapi)');
    expect(lines).toContain('### payments (protobuf)');
    expect(out).toContain('### events (asyncapi)\n\nNo changes.\n');
    expect(lines).toContain(
      '| 🔴 | breaking | `request-enum-value-removed` | `api/orders/openapi.yaml:112:9` | Enum value \'pending\' was removed from Status.<br>Change: `["pending","paid","shipped"] → ["paid","shipped"]`<br>Affects: `POST /orders`, `PUT /orders/{id}` |',
    );
    expect(lines).toContain(
      '| ⚪ | breaking (waived) | `field-type-changed` | `proto/payments/v1/payments.proto:14:3` | Field \'amount\' of payments.v1.Charge changed type from int32 to int64.<br>Change: `"int32" → "int64"`<br>_Waived until 2099-12-31: int32 and int64 share the varint wire encoding._ |',
    );
    expect(out).toContain('| 🟡 | warning (rule default breaking) | `field-renamed` |');
    // A removal: at its surviving ancestor, with where it was.
    expect(out).toContain(
      '| `api/orders/openapi.yaml:52:15`<br>was at `registry/orders/1.2.0/openapi.yaml:48:17` |',
    );
    expect(out).toContain(
      '_Waiver expired 2024-01-31: Only the web shop sends orders; it sends currency since 3.2._',
    );
  });

  it('keeps table cells intact when text has pipes, HTML or line breaks', () => {
    const make = findingFactory(sampleCatalogue(), 'orders', 'openapi');
    const f = {
      ...make('pattern-changed', {
        args: { name: 'a|b', pattern: '<script>' },
        location: { file: path.join(CWD, 'x.yaml'), line: 1, column: 1, pointer: [] },
      }),
      waived: { reason: 'two\nlines' },
    };
    const md = markdown(sampleReport('breaking', [...sampleFindings(), f]), options());
    const row = md.split('\n').find((l) => l.includes('pattern-changed'))!;
    expect(row).toBe(
      '| ⚪ | breaking (waived) | `pattern-changed` | `x.yaml:1:1` | Pattern of a\\|b changed to &lt;script&gt;.<br>_Waived: two<br>lines_ |',
    );
    expect(row.split(/(?<!\\)\|/)).toHaveLength(7);
  });

  it('quiet lists only failing findings and contracts that have them', () => {
    const quiet = markdown(sampleReport(), options({ quiet: true }));
    expect(quiet).toContain('response-property-removed');
    expect(quiet).not.toContain('operation-added');
    expect(quiet).not.toContain('### payments');
    expect(quiet).not.toContain('### events');
    expect(quiet).toContain('| payments | protobuf |'); // the summary table keeps every contract
  });
});
