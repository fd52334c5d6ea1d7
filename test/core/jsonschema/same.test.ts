import { describe, expect, it } from 'vitest';
import { Sameness } from '../../../src/core/jsonschema/same.js';

/** Resolved schemas as the loaders build them: shared nodes and cycles, never a tree. */
function recursive(description: string) {
  const node: Record<string, unknown> = { type: 'object', description, properties: {} };
  (node.properties as Record<string, unknown>).children = { type: 'array', items: node };
  return node;
}

describe('Sameness: two resolved schemas are the same node for node', () => {
  it('key order does not matter; array order, values and types do', () => {
    const s = new Sameness();
    expect(s.same({ type: 'string', maxLength: 3 }, { maxLength: 3, type: 'string' })).toBe(true);
    expect(s.same({ enum: ['a', 'b'] }, { enum: ['b', 'a'] })).toBe(false);
    expect(s.same({ maximum: 1 }, { maximum: '1' })).toBe(false);
    expect(s.same({ default: null }, { default: {} })).toBe(false);
    expect(s.same({ a: [] }, { a: {} })).toBe(false);
    expect(s.same({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });

  it('decides recursive schemas (cycles) and remembers nothing false', () => {
    const s = new Sameness();
    expect(s.same(recursive('x'), recursive('x'))).toBe(true);
    expect(s.same(recursive('x'), recursive('y'))).toBe(false);
    // A cycle that differs only deep down: the pair assumed the same on the way is not kept.
    const a = recursive('x');
    const b = recursive('x');
    const c = recursive('x');
    ((c.properties as any).children.items as any).properties.extra = { type: 'string' };
    expect(s.same(a, c)).toBe(false);
    expect(s.same(a, b)).toBe(true);
  });

  it('a $ref left unresolved (a remote reference not fetched) is never the same', () => {
    const s = new Sameness();
    const ref = { $ref: 'https://example.com/schemas/pet.json' };
    expect(s.same({ items: ref }, { items: { ...ref } })).toBe(false);
  });

  it('a result rests on the whole pair: a shared node compared in two places answers the same', () => {
    const s = new Sameness();
    const shared = { type: 'integer' };
    const base = { properties: { a: shared, b: shared } };
    const rev = { properties: { a: { type: 'integer' }, b: { type: 'number' } } };
    expect(s.same(base, rev)).toBe(false);
    expect(s.same(shared, rev.properties.a)).toBe(true);
    expect(s.same(shared, rev.properties.b)).toBe(false);
  });
});
