import { describe, expect, it } from 'vitest';
import { matchBy, matchEntries } from '../../src/core/match.js';

describe('matchBy', () => {
  it('pairs by key and lists what was added and removed', () => {
    const m = matchBy([{ k: 'a' }, { k: 'b' }], [{ k: 'b' }, { k: 'c' }], (x) => x.k);
    expect(m.removed.map((x) => x.key)).toEqual(['a']);
    expect(m.added.map((x) => x.key)).toEqual(['c']);
    expect(m.both.map((x) => x.key)).toEqual(['b']);
  });
});

describe('matchEntries', () => {
  it('matches record keys through a normaliser and keeps the original keys', () => {
    const m = matchEntries({ '/pets/{id}': 1, '/a': 2 }, { '/pets/{petId}': 3 }, (k) =>
      k.replace(/\{[^}]+\}/g, '{}'),
    );
    expect(m.both).toEqual([{ key: '/pets/{}', base: 1, rev: 3 }]);
    expect(m.removed).toEqual([{ key: '/a', base: 2 }]);
    expect(m.revKey.get('/pets/{}')).toBe('/pets/{petId}');
    expect(m.baseKey.get('/pets/{}')).toBe('/pets/{id}');
  });

  it('treats an absent side as empty', () => {
    expect(matchEntries(undefined, new Map([['x', 1]])).added).toEqual([{ key: 'x', rev: 1 }]);
  });
});
