import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath, position, relativeLocation } from '../../src/report/paths.js';

const cwd = path.resolve('/srv/shop');
const at = (...segs: string[]) => path.join(cwd, ...segs);

describe('displayPath', () => {
  it('shows a file below the run folder relative, with / separators', () => {
    expect(displayPath(at('api', 'orders', 'openapi.yaml'), cwd)).toBe('api/orders/openapi.yaml');
  });
  it('walks up for a file outside the run folder', () => {
    expect(displayPath(path.resolve('/srv/contracts/x.proto'), cwd)).toBe('../contracts/x.proto');
  });
  it('keeps an already relative path', () => {
    expect(displayPath('api/openapi.yaml', cwd)).toBe('api/openapi.yaml');
  });
});

describe('position', () => {
  const loc = { file: at('a.yaml'), line: 3, column: 7, pointer: ['x'] };
  it('is file:line:col', () => expect(position(loc, cwd)).toBe('a.yaml:3:7'));
  it('leaves out an unknown column', () =>
    expect(position({ ...loc, column: 0 }, cwd)).toBe('a.yaml:3'));
  it('leaves out an unknown line', () =>
    expect(position({ ...loc, line: 0, column: 0 }, cwd)).toBe('a.yaml'));
  it('relativeLocation keeps line, column and pointer', () => {
    expect(relativeLocation(loc, cwd)).toEqual({
      file: 'a.yaml',
      line: 3,
      column: 7,
      pointer: ['x'],
    });
  });
});
