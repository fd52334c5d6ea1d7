import { describe, expect, it } from 'vitest';
import { formatters, render, REPORT_FORMATS } from '../../src/report/index.js';
import { options, sampleReport } from './sample.js';

describe('formatters', () => {
  it('has one formatter for every report format', () => {
    expect(Object.keys(formatters).sort()).toEqual([...REPORT_FORMATS].sort());
  });

  it.each(REPORT_FORMATS)(
    'render(%s) is that format’s formatter, and holds no absolute path',
    (format) => {
      const report = sampleReport();
      const out = render(report, format, options());
      expect(out).toBe(formatters[format](report, options()));
      // Every file is shown relative to cwd (the SARIF base URI is the one place cwd appears).
      const withoutBase = out.replace('file:///srv/shop/', '');
      expect(withoutBase).not.toContain('/srv/shop');
      expect(out).toContain('proto/payments/v1/payments.proto');
    },
  );
});
