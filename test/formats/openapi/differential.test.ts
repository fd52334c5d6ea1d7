import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import openapiDiff from 'openapi-diff';
import { describe, expect, it } from 'vitest';
import { FIXTURES, diffIn } from './helpers.js';

/**
 * Differential test against the npm package `openapi-diff` over the fixture corpus (every rule
 * pair and near miss, both ways, and the 2.0/3.0/3.1 equivalence set). Every case it calls
 * breaking that treaty does not is listed here with the reason treaty is right; a new
 * disagreement, or a listed one that went away, fails the test.
 */

const DEPRECATED_REMOVAL =
  'removing a deprecated operation is the agreed lifecycle (oasdiff: *-removed-with-deprecation, INFO); the policy judges it against the sunset';
const SUNSET_PASSED =
  'the operation was deprecated and its x-sunset date has passed: removal is what the date announced';
const OPTIONAL_BODY_ADDED =
  'an optional request body was added where none was documented: clients that send none are unaffected (openapi-diff reads "no body" as "any body" and sees a narrowing)';
const MEDIA_TYPE_CASE =
  'media type names are case-insensitive (RFC 6838): Application/JSON and application/json are one media type';
const ERROR_STATUS_REMOVED =
  'a documented error status was removed: clients that handled it still work (oasdiff: response-non-success-status-removed, INFO)';

const KNOWN: Record<string, string> = {
  'api-path-removed-before-sunset/near-miss: base.yaml → revision.yaml': SUNSET_PASSED,
  'api-path-removed-with-deprecation: base.yaml → revision.yaml': DEPRECATED_REMOVAL,
  'api-path-sunset-parse/near-miss: base.yaml → revision.yaml': SUNSET_PASSED,
  'api-removed-before-sunset/near-miss: base.yaml → revision.yaml': SUNSET_PASSED,
  'api-removed-with-deprecation: base.yaml → revision.yaml': DEPRECATED_REMOVAL,
  'api-removed-without-deprecation/near-miss: base.yaml → revision.yaml': DEPRECATED_REMOVAL,
  'unstable-endpoint-removed: base.yaml → revision.yaml':
    'the operation is x-stability-level: alpha, which may change or go at any time (as in oasdiff)',
  'request-body-added-optional: base.yaml → revision.yaml': OPTIONAL_BODY_ADDED,
  'request-body-added-required/near-miss: base.yaml → revision.yaml': OPTIONAL_BODY_ADDED,
  'request-body-removed: revision.yaml → base.yaml': OPTIONAL_BODY_ADDED,
  'request-body-media-type-removed/near-miss: revision.yaml → base.yaml': MEDIA_TYPE_CASE,
  'response-media-type-removed/near-miss: base.yaml → revision.yaml': MEDIA_TYPE_CASE,
  'response-non-success-status-added: revision.yaml → base.yaml': ERROR_STATUS_REMOVED,
  'response-success-status-removed/near-miss: base.yaml → revision.yaml': ERROR_STATUS_REMOVED,
  'scenarios/dialects: swagger-2.0.yaml → openapi-3.0.yaml':
    'Swagger 2.0 cannot mark a response header required; the same header in 3.0 without `required` is no change (openapi-diff takes every 2.0 header as required)',
};

/** openapi-diff reads Swagger 2.0 and OpenAPI 3.0 only. */
const UNREADABLE = /openapi: 3\.1/;

const POLICY = { minSunsetStableDays: 30 };
const OPTIONS: Record<string, Record<string, unknown>> = {
  'api-deprecated-sunset-missing': POLICY,
  'api-sunset-date-too-small': POLICY,
  'request-parameter-deprecated-sunset-missing': POLICY,
  'request-parameter-sunset-date-too-small': POLICY,
};

function corpus(): Array<{ dir: string; a: string; b: string; options: Record<string, unknown> }> {
  const out: Array<{ dir: string; a: string; b: string; options: Record<string, unknown> }> = [];
  for (const rule of readdirSync(FIXTURES).sort()) {
    if (rule === 'scenarios') continue;
    for (const dir of [rule, `${rule}/near-miss`]) {
      out.push({ dir, a: 'base.yaml', b: 'revision.yaml', options: OPTIONS[rule] ?? {} });
      out.push({ dir, a: 'revision.yaml', b: 'base.yaml', options: OPTIONS[rule] ?? {} });
    }
  }
  const dialects = ['swagger-2.0.yaml', 'openapi-3.0.yaml', 'openapi-3.1.yaml'];
  for (const a of dialects) {
    for (const b of dialects)
      if (a !== b) out.push({ dir: 'scenarios/dialects', a, b, options: {} });
  }
  return out;
}

describe('differential: openapi-diff on the fixture corpus', () => {
  it('every case openapi-diff calls breaking and treaty does not is explained', async () => {
    const disagreements: string[] = [];
    let compared = 0;
    for (const { dir, a, b, options } of corpus()) {
      const read = (f: string) => readFileSync(path.join(FIXTURES, dir, f), 'utf8');
      const [ta, tb] = [read(a), read(b)];
      if (UNREADABLE.test(ta) || UNREADABLE.test(tb)) continue;
      const spec = (content: string, location: string) => ({
        content,
        location,
        format: (content.startsWith('swagger') ? 'swagger2' : 'openapi3') as
          'swagger2' | 'openapi3',
      });
      const theirs = await openapiDiff.diffSpecs({
        sourceSpec: spec(ta, a),
        destinationSpec: spec(tb, b),
      });
      const ours = await diffIn(dir, a, b, options);
      compared++;
      if (theirs.breakingDifferencesFound && !ours.some((f) => f.severity === 'breaking')) {
        disagreements.push(`${dir}: ${a} → ${b}`);
      }
    }
    expect(compared).toBeGreaterThan(250);
    expect(disagreements.sort()).toEqual(Object.keys(KNOWN).sort());
  }, 600_000); // a corpus run: slow on a loaded machine, never a time limit on treaty
});
