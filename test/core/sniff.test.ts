import { describe, expect, test } from 'vitest';
import { topLevelJsonString } from '../../src/core/sniff.js';
import { detectOpenApi } from '../../src/formats/openapi/detect.js';
import { detectAsyncApi } from '../../src/formats/asyncapi/detect.js';

describe('topLevelJsonString: a top-level string member without parsing the whole text', () => {
  test.each([
    ['first member', '{"openapi": "3.1.0", "info": {}}', '3.1.0'],
    [
      'after nested objects that hold the same key',
      '{"info": {"openapi": "9"}, "x": [{"openapi": "8"}], "openapi":"3.0.3"}',
      '3.0.3',
    ],
    [
      'escapes in strings before it',
      '{"a": "say \\"openapi\\": \\"1\\"", "b\\\\": 1, "openapi" : "3.0.0"}',
      '3.0.0',
    ],
    ['a byte order mark and white space first', '\uFEFF \n {\n  "openapi"\t:\n "3.0.1"}', '3.0.1'],
    ['an escaped value', '{"openapi": "3.1.\\u0030"}', '3.1.0'],
    [
      'invalid JSON after the member (the loader reports it)',
      '{"openapi": "3.0.0", "paths": {,,}',
      '3.0.0',
    ],
  ])('%s', (_, text, expected) => {
    expect(topLevelJsonString(text, 'openapi')).toBe(expected);
  });

  test.each([
    ['only nested', '{"info": {"openapi": "3.0.0"}}'],
    ['a value, not a key', '{"title": "openapi", "x": "openapi"}'],
    ['not a string', '{"openapi": 3.1}'],
    ['an array at the top', '[{"openapi": "3.0.0"}]'],
    ['not JSON', 'openapi: 3.0.0'],
    ['an unterminated string', '{"openapi": "3.0.0'],
  ])('near miss: %s', (_, text) => {
    expect(topLevelJsonString(text, 'openapi')).toBeUndefined();
  });

  test('the detectors read the top level only', () => {
    expect(detectOpenApi('a.json', '{"info": {"x": 1}, "openapi": "3.0.3", "paths": {}}')).toBe(
      true,
    );
    expect(detectOpenApi('a.json', '{"swagger": "2.0"}')).toBe(true);
    expect(detectOpenApi('a.json', '{"info": {"openapi": "3.0.3"}}')).toBe(false);
    expect(detectOpenApi('a.json', '{"openapi": "4.0.0"}')).toBe(false);
    expect(
      detectAsyncApi('a.json', `{"info": {"title": "${'x'.repeat(5000)}"}, "asyncapi": "3.0.0"}`),
    ).toBe(true);
    expect(
      detectAsyncApi('a.json', `{"info": {"title": "${'x'.repeat(5000)}", "asyncapi": "3.0.0"}}`),
    ).toBe(false);
  });
});
