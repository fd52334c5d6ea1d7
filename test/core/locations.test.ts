import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { LocationMap } from '../../src/core/locations.js';
import { pointerFromString, pointerToString } from '../../src/core/model.js';
import { ROOT } from '../helpers/paths.js';

const yamlText = `openapi: 3.0.3
paths:
  /pets/{id}:
    get:
      parameters:
        - name: id
          in: path
`;

describe('LocationMap', () => {
  it('locates YAML nodes by pointer, at the key', () => {
    const { map, value } = LocationMap.parse('/x/api.yaml', yamlText);
    expect((value as { openapi: string }).openapi).toBe('3.0.3');
    expect(map.locate(['paths', '/pets/{id}', 'get'])).toEqual({
      file: '/x/api.yaml',
      line: 4,
      column: 5,
      pointer: ['paths', '/pets/{id}', 'get'],
    });
    expect(map.locate(['paths', '/pets/{id}', 'get', 'parameters', '0', 'in']).line).toBe(7);
  });

  it('falls back to the deepest existing node', () => {
    const { map } = LocationMap.parse('a.yaml', yamlText);
    expect(map.locate(['paths', '/pets/{id}', 'post']).line).toBe(3);
  });

  it('locates JSON too', () => {
    const { map } = LocationMap.parse('a.json', '{\n  "a": {\n    "b": [1, 2]\n  }\n}\n');
    expect(map.locate(['a', 'b', '1'])).toMatchObject({ line: 3, column: 14 });
  });

  it('reports syntax errors with file, line and column', () => {
    try {
      LocationMap.parse('bad.yaml', 'a: 1\nb: [1, 2\n');
      throw new Error('parsed');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).position.file).toBe('bad.yaml');
      expect((e as InputError).position.line).toBeGreaterThan(0);
    }
  });
});

describe('pointers', () => {
  it('round-trip segments with / and ~', () => {
    const p = ['paths', '/a/{b}', 'x~y'];
    expect(pointerToString(p)).toBe('/paths/~1a~1{b}/x~0y');
    expect(pointerFromString(pointerToString(p))).toEqual(p);
    expect(pointerFromString('#/components/schemas/Pet')).toEqual(['components', 'schemas', 'Pet']);
  });
});

describe('the JSON fast path', () => {
  /** Every pointer of a value, depth first. */
  function pointers(v: unknown, at: string[] = [], out: string[][] = []): string[][] {
    out.push(at);
    if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) pointers(child, [...at, k], out);
    }
    return out;
  }

  it('locates every node of a real JSON spec exactly where the YAML parser does', () => {
    const file = path.join(ROOT, 'node_modules', 'spec-rclone-1.75.0', 'openapi.json');
    const text = readFileSync(file, 'utf8');
    const fast = LocationMap.parse(file, text);
    const reference = LocationMap.parseAsYaml(file, text);
    expect(fast.value).toEqual(reference.value);
    const all = pointers(fast.value);
    expect(all.length).toBeGreaterThan(1000);
    for (const p of all) expect(fast.map.locate(p)).toEqual(reference.map.locate(p));
  });

  it('skips strings that end in an escaped backslash or hold brackets (the bracket index)', () => {
    const text = String.raw`{"s":"x\\","b":"{[","t":{"u":[{"v":"\"}"},{"w":1}]}}`;
    const fast = LocationMap.parse('b.json', text);
    const reference = LocationMap.parseAsYaml('b.json', text);
    for (const p of [['t'], ['t', 'u', '1', 'w'], ['t', 'u', '0', 'v'], ['b']]) {
      expect(fast.map.locate(p)).toEqual(reference.map.locate(p));
    }
  });

  it('handles escaped keys, nested arrays, missing members and minified text', () => {
    const text = String.raw`{"a\u002fb":{"x":[1,[2,{"y":"}]\""}]]},"c":true}`;
    const fast = LocationMap.parse('m.json', text);
    const reference = LocationMap.parseAsYaml('m.json', text);
    expect(fast.value).toEqual({ 'a/b': { x: [1, [2, { y: '}]"' }]] }, c: true });
    expect(fast.map.locate(['c']).column).toBe(40);
    for (const p of [
      ['a/b'],
      ['a/b', 'x', '1', '1', 'y'],
      ['c'],
      ['c', 'nope'],
      ['zz'],
      ['a/b', 'x', '9'],
    ]) {
      expect(fast.map.locate(p)).toEqual(reference.map.locate(p));
    }
  });

  it('falls back to YAML for JSON with comments, and reports JSON syntax errors with a line', () => {
    const { value } = LocationMap.parse('c.json', '{\n  # a YAML comment\n  "a": 1\n}\n');
    expect(value).toEqual({ a: 1 });
    expect(() => LocationMap.parse('e.json', '{\n  "a": [1,\n}\n')).toThrow(InputError);
  });
});

describe('LocationMap.nearest', () => {
  const yaml = `a:\n  b:\n    - x: 1\n    - y: 2\n  c: 3\n`;
  for (const [kind, text] of [
    ['YAML', yaml],
    ['JSON', JSON.stringify({ a: { b: [{ x: 1 }, { y: 2 }], c: 3 } }, null, 2)],
  ] as const) {
    it(`${kind}: the longest existing prefix, stopping at arrays`, () => {
      const { map } = LocationMap.parse(`/x/doc.${kind.toLowerCase()}`, text);
      expect(map.nearest(['a', 'c'])).toEqual(['a', 'c']);
      expect(map.nearest(['a', 'gone', 'deeper'])).toEqual(['a']);
      expect(map.nearest(['nothing'])).toEqual([]);
      // An item at the same index may be another element: the array is the surviving ancestor.
      expect(map.nearest(['a', 'b', '1', 'y'])).toEqual(['a', 'b']);
    });
  }
});
