import { describe, expect, it } from 'vitest';
import { majorOf } from '../../src/core/document-version.js';

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
