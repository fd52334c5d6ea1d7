import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { LocationMap } from '../../src/core/locations.js';
import { pointerFromString, pointerToString } from '../../src/core/model.js';

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
