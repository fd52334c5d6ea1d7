import { describe, expect, it } from 'vitest';
import { diffIn } from './helpers.js';

/**
 * Security requirements are alternatives: a client that met one of the base's alternatives must
 * still meet one of the revision's. fixtures/openapi/scenarios/security-alternatives:
 * base.yaml asks for `key`, replaced.yaml for `bearer`, both.yaml for `key` AND `bearer`.
 */
const DIR = 'scenarios/security-alternatives';

const removed = async (base: string, rev: string) =>
  (await diffIn(DIR, base, rev)).filter((f) => f.rule === 'api-security-removed');

describe('OpenAPI security: removed alternatives', () => {
  it('a requirement replaced by another strands its clients: breaking', async () => {
    const [f, ...rest] = await removed('base.yaml', 'replaced.yaml');
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('breaking');
    expect(f?.location.file.endsWith('base.yaml')).toBe(true);
    expect(f?.location.line).toBe(9);
    expect(f?.args).toMatchObject({ name: 'key' });
  });

  it('asking for a second scheme on top of the first strands its clients: breaking', async () => {
    const [f] = await removed('base.yaml', 'both.yaml');
    expect(f?.severity).toBe('breaking');
  });

  it('near miss: dropping one scheme of an AND leaves its clients admitted: info', async () => {
    const [f, ...rest] = await removed('both.yaml', 'base.yaml');
    expect(rest).toEqual([]);
    expect(f?.severity).toBe('info');
    expect(f?.args).toMatchObject({ name: 'bearer AND key' });
  });

  it('near miss: removing the requirement altogether makes the call anonymous: info', async () => {
    const findings = await diffIn(
      'api-security-anonymous-access-removed',
      'revision.yaml',
      'base.yaml',
    );
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['api-security-anonymous-access-added', 'info'],
    ]);
  });
});
