import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getCatalogue } from '../../../src/formats/index.js';
import { openapiAdapter } from '../../../src/formats/openapi/adapter.js';
import { DirSource } from '../../../src/core/source.js';
import { TODAY, diff, load } from './helpers.js';

/**
 * Two public APIs in two published versions each, installed from npm as dev dependencies
 * (package.json `spec-*` aliases): ideal-postcodes (OpenAPI 3.0, ~500 KB) and rclone (OpenAPI 3.1).
 * The diffs run without error, their findings are the changes the releases made, and each version
 * compared with itself (and with the JSON file the package ships beside the YAML) gives nothing.
 */

const pkg = (name: string) =>
  new DirSource(path.resolve(import.meta.dirname, '../../../node_modules', name));
const ctx = { catalogue: getCatalogue(), contract: 'real', options: { today: TODAY } };

describe('ideal-postcodes 4.14.1 → 4.21.0 (OpenAPI 3.0)', () => {
  it('diffs without error and reports what the release changed', async () => {
    const base = await load(pkg('spec-ideal-postcodes-4.14.1'), 'dist/openapi.yaml');
    const rev = await load(pkg('spec-ideal-postcodes-4.21.0'), 'dist/openapi.yaml');
    expect(base.version).toBe('4.11.0'); // the 4.14.1 package ships spec version 4.11.0
    expect(rev.model.operations.length).toBeGreaterThan(base.model.operations.length);
    const findings = openapiAdapter.compare(base, rev, ctx);
    const rules = new Set(findings.map((f) => f.rule));
    // Three operations were added; nothing was removed or renamed.
    expect(findings.filter((f) => f.rule === 'endpoint-added')).toHaveLength(3);
    expect([...rules].some((r) => /removed-without|api-removed|api-path-removed/.test(r))).toBe(
      false,
    );
    // New dataset enum values in responses are flagged for strict readers (oasdiff: WARN).
    expect(rules.has('response-property-enum-value-added')).toBe(true);
    // A breaking change without a major bump (4.14 → 4.21) is noted by the versioning policy.
    expect(rules.has('api-major-version-not-bumped')).toBe(true);
    for (const f of findings) {
      expect(f.location.line, f.message).toBeGreaterThan(0);
      expect(f.location.file).toMatch(
        /spec-ideal-postcodes-4\.(14\.1|21\.0)\/dist\/openapi\.yaml$/,
      );
    }
    expect(openapiAdapter.compare(rev, rev, ctx)).toEqual([]);
    expect(openapiAdapter.compare(base, base, ctx)).toEqual([]);
  });
});

describe('rclone 1.74.1 → 1.75.0 (OpenAPI 3.1)', () => {
  it('diffs without error and reports what the release changed', async () => {
    const base = await load(pkg('spec-rclone-1.74.1'), 'openapi.yaml');
    const rev = await load(pkg('spec-rclone-1.75.0'), 'openapi.yaml');
    expect(rev.model.dialect).toBe('openapi-3.1');
    const findings = openapiAdapter.compare(base, rev, ctx);
    const count = (rule: string) => findings.filter((f) => f.rule === rule).length;
    // 1.75 adds an optional `Prefer` header and a 202 (async job) response to nearly every call,
    // and the `_config` / `_filter` query parameters to a few.
    expect(count('new-optional-request-parameter')).toBeGreaterThan(90);
    expect(count('response-success-status-added')).toBeGreaterThan(90);
    const added = new Set(
      findings
        .filter((f) => f.rule === 'new-optional-request-parameter')
        .map((f) => `${f.args.in}:${f.args.name}`),
    );
    expect([...added].sort()).toEqual(['header:Prefer', 'query:_config', 'query:_filter']);
    expect(count('endpoint-added')).toBe(2);
    expect(
      count('api-removed-without-deprecation') + count('api-path-removed-without-deprecation'),
    ).toBe(0);
    expect(openapiAdapter.compare(rev, rev, ctx)).toEqual([]);
  });

  it('the YAML and the JSON the package ships compare equal', async () => {
    const source = pkg('spec-rclone-1.75.0');
    expect(
      await diff({ source, entry: 'openapi.yaml' }, { source, entry: 'openapi.json' }),
    ).toEqual([]);
  });
});
