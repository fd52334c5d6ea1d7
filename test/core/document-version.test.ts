import { describe, expect, it } from 'vitest';
import { majorOf, readDocumentVersion, versionInId } from '../../src/core/document-version.js';

describe('major line of a declared version', () => {
  it.each([
    ['1.4.2', 1],
    ['v2', 2],
    ['3.0.0-beta.1', 3],
    ['0.1.0', 0],
    ['10.2', 10],
  ])('%s → %i', (v, major) => expect(majorOf(v)).toBe(major));

  it.each(['2024-01-01', '%REPLACED_BY_MAVEN%', 'latest', '1.2.3.4.5'])('%s has none', (v) =>
    expect(majorOf(v)).toBeUndefined(),
  );
});

describe('what a document version says', () => {
  it('semver, with a v prefix and build metadata dropped', () => {
    expect(readDocumentVersion('1.4.2')).toEqual({
      kind: 'semver',
      raw: '1.4.2',
      version: '1.4.2',
      major: 1,
      minor: 4,
    });
    expect(readDocumentVersion('v2.0.0-rc.1+build.7')).toMatchObject({
      kind: 'semver',
      version: '2.0.0-rc.1',
    });
  });

  it('a bare major or major.minor is partial', () => {
    expect(readDocumentVersion('v3')).toEqual({ kind: 'partial', raw: 'v3', major: 3 });
    expect(readDocumentVersion('1.0')).toEqual({ kind: 'partial', raw: '1.0', major: 1, minor: 0 });
  });

  it('a calendar date is a date; an impossible one is not', () => {
    expect(readDocumentVersion('2024-05-01')).toEqual({
      kind: 'date',
      raw: '2024-05-01',
      date: '2024-05-01',
    });
    expect(readDocumentVersion('2024-02-30').kind).toBe('other');
  });

  it.each(['latest', '1.0.0.0', '01.2.3', '2024-05-01-preview', '', 'v'])('%j is other', (v) =>
    expect(readDocumentVersion(v).kind).toBe('other'),
  );
});

describe('a version in a JSON Schema $id', () => {
  it.each([
    ['https://acme.dev/schemas/order/1.2.0/order.json', '1.2.0'],
    ['https://acme.dev/schemas/order-1.2.0.json', '1.2.0'],
    ['https://acme.dev/schemas/order.v2.json', 'v2'],
    ['https://acme.dev/v3/order', 'v3'],
    ['urn:acme:order:2.0.0', undefined],
    ['order_v1.0.schema.json', 'v1.0'],
  ])('%s → %s', (id, v) => expect(versionInId(id)).toBe(v));

  it.each([
    'https://acme.dev/schemas/42/order.json',
    'https://json-schema.org/draft/2020-12/schema',
    'https://acme.dev/schemas/order.json',
  ])('%s has none', (id) => expect(versionInId(id)).toBeUndefined());
});
