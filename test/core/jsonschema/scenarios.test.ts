import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { SchemaPlace } from '../../../src/core/jsonschema/api.js';
import { at, brief, comparator, diff, FIXTURES, loadSide, sideOf } from './helpers.js';

/** Whole-schema scenarios from fixtures/jsonschema-compare/<case>/{base,revision}.yaml. */

const file = (c: string, side: 'base' | 'revision') => join(FIXTURES, c, `${side}.yaml`);
const pair = (c: string, pointer = '', dialects: [string?, string?] = []) => ({
  base: loadSide(file(c, 'base'), pointer, dialects[0] as never),
  rev: loadSide(file(c, 'revision'), pointer, dialects[1] as never),
});
const response: SchemaPlace = {
  kind: 'response-body',
  status: '200',
  mediaType: 'application/json',
};

describe('shared schemas are compared once and reported once, at the schema', () => {
  const ops = [
    ['POST /pets', '/paths/~1pets/post'],
    ['PUT /pets', '/paths/~1pets/put'],
    ['PATCH /pets/{}', '/paths/~1pets~1{id}/patch'],
    ['POST /orders', '/paths/~1orders/post'],
  ] as const;

  test('a Pet change reached from four operations (one through two properties) is one finding', () => {
    const c = comparator();
    const doc = pair('shared-component');
    for (const [affects, op] of ops) {
      const ptr = `${op}/requestBody/content/application~1json/schema`;
      c.compare(at(doc.base, ptr), at(doc.rev, ptr), {
        affects,
        fallback: [
          'paths',
          op.split('/')[2]!.replace(/~1/g, '/'),
          op.split('/')[3]!,
          'requestBody',
        ],
      });
    }
    const fs = c.cmp.findings();
    expect(brief(fs)).toEqual(['request-property-max-length-decreased breaking revision.yaml:23']);
    expect(fs[0]!.affects).toEqual(['PATCH /pets/{}', 'POST /orders', 'POST /pets', 'PUT /pets']);
    expect(fs[0]!.message).toBe(
      "request property 'name' of schema 'Pet': maxLength was decreased from 100 to 50",
    );
    expect(fs[0]!.baseLocation?.line).toBe(23);
    expect(fs[0]!.location.pointer).toEqual([
      'components',
      'schemas',
      'Pet',
      'properties',
      'name',
      'maxLength',
    ]);
    expect([fs[0]!.before, fs[0]!.after]).toEqual([100, 50]);
    // Pet's pair was compared once; reaching it again through Order.backup was answered from memory.
    const stats = c.cmp.stats();
    expect(stats.reused).toBeGreaterThanOrEqual(1);
    // Pet, name and Order, nothing twice; tag is the same on both sides and is not compared at all.
    expect(stats.pairs).toBe(3);
  });

  test('the same schema in a response is a different finding (direction decides)', () => {
    const c = comparator();
    const ptr = '/components/schemas/Pet';
    const { base, rev } = pair('shared-component', ptr);
    c.compare(base, rev, { affects: 'POST /pets', fallback: ['paths'] });
    c.compare(base, rev, {
      affects: 'GET /pets',
      place: response,
      direction: 'read',
      fallback: ['paths'],
    });
    expect(brief(c.cmp.findings())).toEqual([
      'request-property-max-length-decreased breaking revision.yaml:23',
      'response-property-max-length-decreased info revision.yaml:23',
    ]);
  });
});

describe('recursive schemas terminate', () => {
  test('a tree of nodes: each change once', () => {
    const c = comparator();
    const f = pair('recursive-tree', '/components/schemas/Forest');
    c.compare(f.base, f.rev, { affects: 'POST /forests', fallback: ['paths'] });
    const n = pair('recursive-tree', '/components/schemas/Node');
    c.compare(n.base, n.rev, { affects: 'POST /nodes', fallback: ['paths'] });
    const fs = c.cmp.findings();
    expect(brief(fs)).toEqual([
      'request-property-became-required breaking revision.yaml:7',
      'request-property-type-changed breaking revision.yaml:7',
    ]);
    expect(fs.map((x) => x.affects)).toEqual([
      ['POST /forests', 'POST /nodes'],
      ['POST /forests', 'POST /nodes'],
    ]);
    expect(fs[1]!.message).toBe(
      "request property 'name' of schema 'Node': type/format changed from string to integer",
    );
  });

  test('the same tree read in a response', () => {
    const n = pair('recursive-tree', '/components/schemas/Forest');
    expect(brief(diff(n.base, n.rev, { place: response, direction: 'read' }))).toEqual([
      'response-property-became-required info revision.yaml:7',
      'response-property-type-changed breaking revision.yaml:7',
    ]);
  });
});

describe('equal meaning compares equal', () => {
  test('nullable (3.0), x-nullable (2.0), type arrays and null branches (3.1) are one notion', () => {
    const { base, rev } = pair('nullable-dialects', '', ['openapi-3.0', 'openapi-3.1']);
    expect(diff(base, rev)).toEqual([]);
    expect(diff(base, rev, { place: response, direction: 'read' })).toEqual([]);
    // Swapped too.
    expect(diff(rev, base)).toEqual([]);
  });

  test('boolean and numeric exclusive bounds; an exclusive integer bound is the next inclusive one', () => {
    const { base, rev } = pair('exclusive-bounds', '', ['openapi-3.0', 'openapi-3.1']);
    // Only price really changed: minimum 0 became exclusive.
    expect(brief(diff(base, rev))).toEqual([
      'request-property-exclusive-min-increased breaking revision.yaml:6',
    ]);
  });

  test('allOf parts are merged: the same object assembled differently, plus one optional property', () => {
    const { base, rev } = pair('all-of-merge', '/components/schemas/Dog');
    const fs = diff(base, rev, { fallback: ['paths'] });
    expect(brief(fs)).toEqual(['new-optional-request-property info revision.yaml:17']);
    expect(fs[0]!.message).toBe(
      "request property 'collar' of schema 'Dog' was added as an optional property",
    );
    expect(brief(diff(base, rev, { place: response, direction: 'read' }))).toEqual([
      'response-optional-property-added info revision.yaml:17',
    ]);
  });
});

describe('composition is compared by meaning, not position', () => {
  test('reordered oneOf branches are no change; the one changed branch is found by its $ref', () => {
    const { base, rev } = pair('one-of-reordered', '/components/schemas/Payment');
    const fs = diff(base, rev);
    expect(brief(fs)).toEqual(['request-property-enum-value-removed breaking revision.yaml:10']);
    expect(fs[0]!.message).toBe(
      "request property 'provider' of schema 'Wallet': enum value 'google' was removed",
    );
    expect(brief(diff(base, rev, { place: response, direction: 'read' }))).toEqual([
      'response-property-enum-value-removed info revision.yaml:10',
    ]);
  });

  test('renamed alternatives are matched through the discriminator mapping', () => {
    const { base, rev } = pair('discriminator-renamed', '/components/schemas/Pet');
    const fs = diff(base, rev);
    expect(brief(fs)).toEqual(['request-property-max-set warning revision.yaml:12']);
    expect(fs[0]!.message).toBe("request property 'lives' of schema 'CatV2': maximum 9 was set");
  });
});

describe('readOnly and writeOnly', () => {
  test('readOnly properties do not count in requests, writeOnly ones not in responses', () => {
    const { base, rev } = pair('read-write-only', '/components/schemas/User');
    expect(brief(diff(base, rev))).toEqual([
      'request-property-min-length-increased breaking revision.yaml:9',
    ]);
    expect(brief(diff(base, rev, { place: response, direction: 'read' }))).toEqual([
      'response-property-became-optional breaking revision.yaml:7',
      'response-property-type-changed breaking revision.yaml:7',
    ]);
  });

  test('for AsyncAPI messages the direction comes from the request', () => {
    const { base, rev } = pair('read-write-only', '/components/schemas/User');
    const place: SchemaPlace = { kind: 'message-payload', message: 'UserCreated' };
    const sent = diff(base, rev, { place, direction: 'read', format: 'asyncapi' });
    expect(sent.map((f) => `${f.rule} ${f.severity}`)).toEqual([
      'message-property-became-optional breaking',
      'message-type-changed breaking',
      // A writeOnly property read by consumers does not count: reported for the changelog only.
      'message-min-length-increased info',
    ]);
    const received = diff(base, rev, { place, direction: 'write', format: 'asyncapi' });
    expect(received.map((f) => `${f.rule} ${f.severity}`)).toEqual([
      'message-property-became-optional info',
      'message-type-changed info',
      'message-min-length-increased breaking',
    ]);
  });
});

describe('locations', () => {
  test('an added enum value points at the value; a removed one at the enum, with the value in the base', () => {
    const base = sideOf('base.yaml', 'type: string\nenum:\n  - cat\n  - dog\n');
    const rev = sideOf('rev.yaml', 'type: string\nenum:\n  - dog\n  - fox\n');
    const fs = diff(base, rev);
    expect(
      fs.map(
        (f) => `${f.rule} ${f.location.file}:${f.location.line} ${f.baseLocation?.line ?? '-'}`,
      ),
    ).toEqual([
      'request-body-enum-value-removed rev.yaml:2 3',
      'request-property-enum-value-added rev.yaml:4 -',
    ]);
  });

  test('a property declared by two allOf parts must satisfy both; a change in one part is found', () => {
    const doc = (values: string) =>
      [
        'components:',
        '  schemas:',
        '    Base: {type: object, properties: {kind: {type: string}, id: {type: string}}}',
        '    Item:',
        '      allOf:',
        "        - $ref: '#/components/schemas/Base'",
        '        - type: object',
        '          properties:',
        `            kind: {type: string, enum: [${values}]}`,
        '',
      ].join('\n');
    const base = at(sideOf('base.yaml', doc('a, b')), '/components/schemas/Item');
    const rev = at(sideOf('rev.yaml', doc('a')), '/components/schemas/Item');
    expect(brief(diff(base, rev, { fallback: ['paths'] }))).toEqual([
      'request-property-enum-value-removed breaking rev.yaml:9',
    ]);
    expect(diff(base, at(sideOf('rev.yaml', doc('b, a')), '/components/schemas/Item'))).toEqual([]);
  });
});

describe('judged better than oasdiff', () => {
  test('a schema that only gained `type: object` beside its properties is no change', () => {
    const base = sideOf('base.yaml', 'properties:\n  a: {type: string}\nrequired: [a]\n');
    const rev = sideOf(
      'rev.yaml',
      'type: object\nproperties:\n  a: {type: string}\nrequired: [a]\n',
    );
    expect(diff(base, rev)).toEqual([]);
    expect(diff(base, rev, { place: response, direction: 'read' })).toEqual([]);
  });

  test('removing a bound in a response is breaking like raising it', () => {
    const base = sideOf(
      'base.yaml',
      'type: array\nmaxItems: 10\nitems: {type: integer, maximum: 5}\n',
    );
    const rev = sideOf('rev.yaml', 'type: array\nitems: {type: integer}\n');
    expect(brief(diff(base, rev, { place: response, direction: 'read' }))).toEqual([
      'response-property-max-items-unset breaking rev.yaml:1',
      'response-property-max-unset breaking rev.yaml:2',
    ]);
  });
});
