import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findingFactory } from '../../src/core/catalogue.js';
import { attr, junit, text } from '../../src/report/junit.js';
import { CWD, options, sampleCatalogue, sampleFindings, sampleReport } from './sample.js';
import { wellFormed } from './xml.js';

describe('junit formatter', () => {
  const out = junit(sampleReport(), options());

  it('is well-formed XML with one testsuite and one testcase per contract', () => {
    expect(wellFormed(out)).toEqual([]);
    expect(out.match(/<testsuite /g)).toHaveLength(1);
    expect(out).toContain(
      '<testsuite name="treaty" tests="3" failures="1" errors="0" skipped="0">',
    );
    expect(
      [...out.matchAll(/<testcase classname="([^"]+)" name="([^"]+)"/g)].map((m) => [m[1], m[2]]),
    ).toEqual([
      ['treaty.openapi', 'orders'],
      ['treaty.protobuf', 'payments'],
      ['treaty.asyncapi', 'events'],
    ]);
    expect(out).toContain('<testcase classname="treaty.asyncapi" name="events" />');
  });

  it('has a <failure> per finding that fails the policy, the rest in system-out', () => {
    const failures = [...out.matchAll(/<failure type="([^"]+)" message="([^"]*)">/g)];
    expect(failures.map((m) => m[1])).toEqual([
      'response-property-removed',
      'request-property-became-required',
      'request-enum-value-removed',
    ]);
    expect(failures[2]![2]).toBe('Enum value &apos;pending&apos; was removed from Status.');
    expect(out).toContain(
      ">api/orders/openapi.yaml:112:9 breaking request-enum-value-removed: Enum value 'pending' was removed from Status.\nbaseline: registry/orders/1.2.0/openapi.yaml:104:9\n",
    );
    const payments = out.slice(out.indexOf('name="payments"'), out.indexOf('name="events"'));
    expect(payments).not.toContain('<failure');
    expect(payments).toContain(
      '<system-out>proto/payments/v1/payments.proto:14:3 breaking field-type-changed',
    );
    expect(payments).toContain('waived until 2099-12-31');
    // Failing on warnings turns the warnings into failures too.
    const strict = junit(sampleReport('warning'), options());
    expect(strict.match(/<failure /g)).toHaveLength(5);
    expect(strict).toContain('failures="2"');
  });

  it('escapes markup, quotes and control characters', () => {
    expect(text('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(attr(`say "hi" & 'bye'\n`)).toBe('say &quot;hi&quot; &amp; &apos;bye&apos;&#10;');
    expect(text('bell\u0007')).toBe('bell\uFFFD');
    const make = findingFactory(sampleCatalogue(), 'schemas & <co>', 'jsonschema');
    const f = make('pattern-changed', {
      args: { name: '"sku"', pattern: '^<a&b>\u0001$' },
      location: { file: path.join(CWD, 'schemas', 'a&b.json'), line: 2, column: 3, pointer: [] },
    });
    const xml = junit(sampleReport('breaking', [...sampleFindings(), f]), options());
    expect(wellFormed(xml)).toEqual([]);
    expect(xml).toContain(
      '<testcase classname="treaty.jsonschema" name="schemas &amp; &lt;co&gt;">',
    );
    expect(xml).toContain(
      '<failure type="pattern-changed" message="Pattern of &quot;sku&quot; changed to ^&lt;a&amp;b&gt;\uFFFD$.">schemas/a&amp;b.json:2:3',
    );
  });

  it('the well-formedness check is real', () => {
    expect(wellFormed('<a><b></a></b>')).not.toEqual([]);
    expect(wellFormed('<a>x < y</a>')).not.toEqual([]);
    expect(wellFormed('<a>R&D</a>')).not.toEqual([]);
    expect(wellFormed('<a t="1"><b/></a>')).toEqual([]);
  });
});
