import { describe, expect, it } from 'vitest';
import { matchBy } from '../../../src/core/match.js';
import {
  mediaTypeContains,
  mediaTypeKey,
  mediaTypesRelated,
  pairMediaTypes,
  wildcardNarrowed,
} from '../../../src/formats/openapi/media-types.js';

describe('media type names', () => {
  it('normalises case, spaces and parameter order', () => {
    expect(mediaTypeKey('Application/JSON; Charset=UTF-8')).toBe('application/json;charset=utf-8');
    expect(mediaTypeKey('text/plain;b=2; a=1')).toBe('text/plain;a=1;b=2');
  });

  it.each([
    ['application/*', 'application/json', true],
    ['*/*', 'application/json', true],
    ['*/*', 'application/*', true],
    ['application/json', 'application/*', false],
    ['application/json', 'application/problem+json', true],
    ['application/problem+json', 'application/json', false],
    ['application/xml', 'application/atom+xml', true],
    ['application/json', 'text/json', false],
    ['application/json', 'application/json; charset=utf-8', true],
    ['application/json; charset=utf-8', 'application/json', false],
  ])('%s contains %s: %s', (outer, inner, expected) => {
    expect(mediaTypeContains(outer, inner)).toBe(expected);
  });

  it('relates overlapping names only', () => {
    expect(
      mediaTypesRelated('application/json; charset=utf-8', 'application/json; charset=utf-16'),
    ).toBe(true);
    expect(mediaTypesRelated('application/json', 'application/xml')).toBe(false);
    expect(wildcardNarrowed('application/*', 'application/json')).toBe(true);
    expect(wildcardNarrowed('application/json', 'application/*')).toBe(false);
    expect(wildcardNarrowed('application/json', 'application/problem+json')).toBe(false);
  });

  it('pairs exact names first, then overlapping leftovers', () => {
    const mt = (name: string) => ({ name, key: mediaTypeKey(name) });
    const base = [mt('application/json'), mt('text/plain'), mt('application/xml')];
    const rev = [mt('Application/JSON'), mt('text/plain; charset=utf-8'), mt('image/png')];
    const p = pairMediaTypes(matchBy(base, rev, (x) => x.key));
    expect(p.both.map((x) => `${x.base.name} ${x.rev.name} ${x.renamed}`)).toEqual([
      'application/json Application/JSON false',
      'text/plain text/plain; charset=utf-8 true',
    ]);
    expect(p.removed.map((x) => x.name)).toEqual(['application/xml']);
    expect(p.added.map((x) => x.name)).toEqual(['image/png']);
  });
});
