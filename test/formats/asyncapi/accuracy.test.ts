import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCURACY_CASES } from './accuracy-cases.js';
import { brief, diffCaseReported, FIXTURES } from './harness.js';

describe('AsyncAPI accuracy on fixture pairs (issue 14)', () => {
  for (const c of ACCURACY_CASES) {
    const name = c.options?.perspective === 'client' ? `${c.case} (client)` : c.case;
    it(name, async () => {
      const dir = path.join(FIXTURES, 'asyncapi', c.case);
      const findings = await diffCaseReported(dir, c.options);
      const found = brief(findings, dir);
      expect(found.map((f) => [f.rule, f.severity, f.file, f.line])).toEqual(
        [...c.expect].sort(
          (a, b) => a[2].localeCompare(b[2]) || a[3] - b[3] || a[0].localeCompare(b[0]),
        ),
      );
      for (const rule of c.nearMiss ?? []) expect(found.map((f) => f.rule)).not.toContain(rule);
      const fingerprints = findings.map((f) => f.fingerprint);
      expect(new Set(fingerprints).size).toBe(fingerprints.length);
    });
  }

  it('a rename names both properties; a near miss names one', async () => {
    const one = await diffCaseReported(path.join(FIXTURES, 'asyncapi', 'v3/property-renamed'));
    expect(one.map((f) => f.message)).toEqual([
      "property 'userName' of message 'UserSignedUp' payload was removed (it was optional) — probably renamed to 'username'",
    ]);
    const two = await diffCaseReported(
      path.join(FIXTURES, 'asyncapi', 'v3/property-renamed.near-miss'),
    );
    expect(two.map((f) => f.message).join('\n')).not.toContain('probably renamed');
    const v2 = await diffCaseReported(path.join(FIXTURES, 'asyncapi', 'v2/property-renamed'));
    expect(v2.map((f) => f.message)).toEqual([
      "property 'emailAddress' of message 'UserUpdate' payload was added as a required property — probably renamed from 'email'",
    ]);
  });
});
