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
});
