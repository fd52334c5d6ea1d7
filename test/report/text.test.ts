import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingFactory } from '../../src/core/catalogue.js';
import { text } from '../../src/report/text.js';
import { CWD, options, sampleCatalogue, sampleFindings, sampleReport } from './sample.js';

const ANSI = /\u001b\[[0-9;]*m/;

describe('text formatter', () => {
  const out = text(sampleReport(), options());
  const lines = out.split('\n');

  it('has a header per contract with id, format, version, baseline and status', () => {
    expect(lines).toContain('orders (openapi 1.3.0) vs registry:orders@1.2.0: failed');
    expect(lines).toContain('payments (protobuf 1.4.0) vs git:main: passed');
    expect(lines).toContain('events (asyncapi 0.1.0): new, no baseline');
  });

  it('starts each finding line with file:line:col, then severity, rule and message', () => {
    expect(lines).toContain(
      "api/orders/openapi.yaml:52:15  breaking  response-property-removed  Property 'legacyId' was removed from the 200 response of GET /orders/{id}.",
    );
    // A removal sits on its surviving ancestor; the next line says where the element was.
    const at = lines.findIndex((l) => l.startsWith('api/orders/openapi.yaml:52:15'));
    expect(lines[at + 1]).toBe('    was at: registry/orders/1.2.0/openapi.yaml:48:17');
    expect(lines).toContain(
      "api/orders/openapi.yaml:130:11  warning   response-enum-value-added  Enum value 'drone' was added to Carrier in responses.",
    );
    expect(lines).toContain(
      'api/orders/openapi.yaml:60:5  info      operation-added  Operation DELETE /orders/{id} was added.',
    );
  });

  it('shows change, affects, waivers and a changed severity on indented lines', () => {
    const i = lines.indexOf(
      "api/orders/openapi.yaml:112:9  breaking  request-enum-value-removed  Enum value 'pending' was removed from Status.",
    );
    expect(lines.slice(i + 1, i + 3)).toEqual([
      '    change: ["pending","paid","shipped"] → ["paid","shipped"]',
      '    affects: POST /orders, PUT /orders/{id}',
    ]);
    expect(lines).toContain(
      '    waived until 2099-12-31: int32 and int64 share the varint wire encoding.',
    );
    expect(lines).toContain(
      '    waiver expired 2024-01-31: Only the web shop sends orders; it sends currency since 3.2.',
    );
    expect(lines).toContain('    severity: warning (rule default breaking)');
  });

  it('groups findings under their contract and says when a contract has none', () => {
    const payments = out.slice(out.indexOf('payments ('), out.indexOf('events ('));
    expect(payments).toContain('field-type-changed');
    expect(payments).toContain('field-renamed');
    expect(payments).not.toContain('openapi.yaml');
    expect(out).toContain('events (asyncapi 0.1.0): new, no baseline\n  no changes\n');
  });

  it('ends with a summary line of counts and the verdict', () => {
    expect(lines.at(-2)).toBe(
      '7 findings in 3 contracts: 3 breaking, 2 warnings, 1 info, 1 waived. Failed (fail-on breaking: 3 failing findings).',
    );
    const passed = text(sampleReport('never'), options()).trimEnd().split('\n').at(-1);
    expect(passed).toBe(
      '7 findings in 3 contracts: 3 breaking, 2 warnings, 1 info, 1 waived. Passed (fail-on never: 0 failing findings).',
    );
  });

  it('has no colour when color is off, and ANSI colours when on', () => {
    expect(out).not.toMatch(ANSI);
    const coloured = text(sampleReport(), options({ color: true }));
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain('\u001b[31m'); // red, for breaking and "failed"
    expect(coloured.replace(new RegExp(ANSI.source, 'g'), '')).toBe(out);
  });

  it('quiet shows only the findings that fail the policy, and the summary', () => {
    const quiet = text(sampleReport(), options({ quiet: true }));
    expect(quiet).toContain('response-property-removed');
    expect(quiet).toContain('request-enum-value-removed');
    expect(quiet).toContain('request-property-became-required'); // expired waiver: fails again
    for (const hidden of [
      'response-enum-value-added',
      'operation-added',
      'field-type-changed',
      'field-renamed',
    ]) {
      expect(quiet).not.toContain(hidden);
    }
    expect(quiet).not.toContain('payments (');
    expect(quiet).not.toContain('events (');
    expect(quiet.trimEnd().split('\n').at(-1)).toMatch(/^7 findings in 3 contracts: .* Failed/);
    // Failing on warnings makes the warnings visible again.
    const warn = text(sampleReport('warning'), options({ quiet: true }));
    expect(warn).toContain('response-enum-value-added');
    expect(warn).toContain('field-renamed');
    expect(warn).not.toContain('operation-added');
  });

  it('keeps a finding on one line and indents a multi-line waiver reason', () => {
    const make = findingFactory(sampleCatalogue(), 'orders', 'openapi');
    const f = {
      ...make('pattern-changed', {
        args: { name: 'sku', pattern: '^a\nb$' },
        location: { file: path.join(CWD, 'x.yaml'), line: 2, column: 4, pointer: [] },
      }),
      waived: { reason: 'first\nsecond' },
    };
    const out = text(sampleReport('breaking', [...sampleFindings(), f]), options());
    expect(out).toContain(
      'x.yaml:2:4  breaking  pattern-changed  Pattern of sku changed to ^a b$.\n    waived: first\n      second\n',
    );
  });
});
