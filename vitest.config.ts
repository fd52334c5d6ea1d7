import { defineConfig } from 'vitest/config';

// CI sets VITEST_JSON to a file path: the JSON reporter writes the counts .ci/run prints.
const json = process.env.VITEST_JSON;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: json ? ['default', 'json'] : ['default'],
    outputFile: json ? { json } : undefined,
  },
});
