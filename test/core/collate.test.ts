import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collate } from '../../src/core/collate.js';

const PRINTABLE = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$0123456789abcxyzABCXYZ';

describe('collate', () => {
  it('orders like localeCompare: names, punctuation, digits, case', () => {
    const names = [
      'b.yaml',
      'B.yaml',
      'a-b',
      'a_b',
      'a.b',
      'ab',
      'A',
      'a',
      'a1',
      'a10',
      'a2',
      'Zed',
      'é',
      'a\tb',
      '',
      'v1',
      'V1',
    ];
    const expected = [...names].sort((a, b) => a.localeCompare(b));
    expect([...names].sort(collate)).toEqual(expected);
  });

  it('agrees with localeCompare on generated strings', () => {
    const text = fc.string({ unit: fc.constantFrom(...PRINTABLE), maxLength: 8 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(Math.sign(collate(a, b))).toBe(Math.sign(a.localeCompare(b)));
      }),
      { numRuns: 20000 },
    );
    // Strings that differ only in case, or where one extends the other.
    fc.assert(
      fc.property(text, text, (a, b) => {
        for (const [x, y] of [
          [a, a.toUpperCase() + b],
          [a + b, a],
          [a.toLowerCase(), a.toUpperCase()],
        ] as const) {
          expect(Math.sign(collate(x, y))).toBe(Math.sign(x.localeCompare(y)));
        }
      }),
      { numRuns: 5000 },
    );
  });
});
