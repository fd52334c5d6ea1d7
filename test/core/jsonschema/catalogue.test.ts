import { expect, test } from 'vitest';
import { getCatalogue } from '../../../src/formats/index.js';

test('the registered catalogue builds without duplicate ids', () => {
  expect(() => getCatalogue()).not.toThrow();
  expect(getCatalogue().has('request-property-type-changed')).toBe(true);
});
