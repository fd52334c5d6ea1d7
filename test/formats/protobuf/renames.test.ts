import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { treatyFindings } from './harness.js';

/**
 * Our rename hint on buf's field rules: ids, severities and locations stay buf's (the
 * differential test checks the same pair against buf); the messages say what probably happened.
 */
describe('protobuf fields renamed or renumbered', () => {
  it('hints at a renumbered and a renamed field, not at unrelated deletions', async () => {
    const dir = path.resolve('fixtures/protobuf/_scenarios/fields-renamed-renumbered');
    const findings = await treatyFindings(dir);
    const byMessage = (m: string) =>
      findings.filter((f) => f.args.message === m).map((f) => `${f.rule}: ${f.message}`);
    const order = byMessage('Order');
    expect(
      order.some((m) => m.startsWith('field-no-delete') && m.includes('probably renumbered to 4')),
    ).toBe(true);
    expect(order.some((m) => m.includes('probably renumbered from 3'))).toBe(true);
    const customer = byMessage('Customer');
    expect(customer.some((m) => m.includes("probably renamed to 'email_address = 3'"))).toBe(true);
    // Near miss: two fields deleted, one added of another type — no hint.
    const invoice = byMessage('Invoice');
    expect(invoice.length).toBeGreaterThan(0);
    expect(invoice.join('\n')).not.toContain('probably');
    // buf's verdict is untouched: the deletions are still breaking.
    expect(findings.filter((f) => f.rule === 'field-no-delete').map((f) => f.severity)).toEqual([
      'breaking',
      'breaking',
      'breaking',
      'breaking',
    ]);
  });
});
