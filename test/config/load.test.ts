import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { resolveContracts } from '../../src/engine/discover.js';
import { InputError } from '../../src/core/errors.js';
import { FIXTURES } from '../helpers/paths.js';

const dir = (name: string) => path.join(FIXTURES, 'config', name);

async function configError(name: string): Promise<InputError> {
  try {
    await loadConfig(dir(name));
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error(`config ${name} loaded without error`);
}

describe('loadConfig', () => {
  it('loads and resolves a valid treaty.yaml', async () => {
    const cfg = await loadConfig(dir('good'));
    expect(cfg.file).toBe(path.join(dir('good'), 'treaty.yaml'));
    expect(cfg.registry).toBe(path.join(dir('good'), 'contracts-registry'));
    expect(cfg.policy.failOn).toBe('warning');
    expect(cfg.policy.severity).toEqual({ 'response-body-enum-value-added': 'info' });
    expect(cfg.contracts?.map((c) => [c.id, c.format, c.evolution])).toEqual([
      ['orders-api', 'openapi', 'expansion'],
      ['orders-grpc', 'protobuf', undefined],
    ]);
    expect(cfg.contracts?.[1]?.options).toEqual({
      categories: ['FILE'],
      includePaths: ['third_party'],
    });
  });

  it('resolves configured contracts to roots and entries', async () => {
    const refs = await resolveContracts(await loadConfig(dir('good')));
    expect(refs[0]).toMatchObject({
      id: 'orders-api',
      root: path.join(dir('good'), 'api'),
      entries: ['openapi.yaml'],
    });
    expect(refs[1]).toMatchObject({
      id: 'orders-grpc',
      root: path.join(dir('good'), 'proto'),
      entries: [],
    });
    expect(refs[1]?.options?.includePaths).toEqual(['third_party']);
  });

  it('uses defaults when there is no config file', async () => {
    const cfg = await loadConfig(dir('good/api'));
    expect(cfg.file).toBeUndefined();
    expect(cfg.registry).toBe(path.join(dir('good/api'), 'registry'));
    expect(cfg.policy.failOn).toBe('breaking');
    expect(cfg.contracts).toBeUndefined();
  });

  it('reports a wrong type with file, line and key', async () => {
    const e = await configError('bad-type');
    expect(e.oneLine()).toBe(
      `${path.join(dir('bad-type'), 'treaty.yaml')}:5:5: invalid config: 'transitive' must be of type boolean`,
    );
  });

  it('reports an unknown key at the key', async () => {
    const e = await configError('unknown-key');
    expect(e.position).toMatchObject({ line: 4, column: 3 });
    expect(e.message).toBe("invalid config: unknown key 'failOn' in 'policy'");
  });

  it('reports a YAML syntax error with its line', async () => {
    const e = await configError('yaml-error');
    expect(e.position.file).toBe(path.join(dir('yaml-error'), 'treaty.yaml'));
    expect(e.position.line).toBeGreaterThanOrEqual(4);
    expect(e.message).toMatch(/^invalid YAML\/JSON/);
  });

  it('reports a value outside an enum', async () => {
    const e = await configError('bad-enum');
    expect(e.position.line).toBe(3);
    expect(e.message).toMatch(
      /'format' must be one of "openapi", "asyncapi", "protobuf", "jsonschema"/,
    );
  });

  it('refuses a contract id listed twice with the same path (one entry per major line)', async () => {
    const e = await configError('duplicate-id');
    expect(e.position.line).toBe(5);
    expect(e.message).toBe(
      "invalid config: contract id 'orders-api' is listed twice with path 'a.yaml' (list a contract once per major line, each with its own path)",
    );
  });

  it('reports a missing --config file', async () => {
    await expect(loadConfig(dir('good'), 'nope.yaml')).rejects.toThrow('config file not found');
  });

  it('infers a contract format from the content when treaty.yaml leaves it out', async () => {
    const refs = await resolveContracts(await loadConfig(dir('no-format')));
    expect(refs.map((r) => [r.id, r.format])).toEqual([
      ['orders-api', 'openapi'],
      ['orders-grpc', 'protobuf'],
      ['order-schema', 'jsonschema'],
      ['order-events', 'asyncapi'],
    ]);
  });

  it('a configured path that does not exist is an input error at its entry', async () => {
    const cfg = await loadConfig(dir('missing-path'));
    const e = await resolveContracts(cfg).catch((x: unknown) => x as InputError);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).oneLine()).toBe(
      `${path.join(dir('missing-path'), 'treaty.yaml')}:4:5: contract 'gone': path 'api/nope.yaml' does not exist`,
    );
  });

  it('a configured path that is not a contract is an input error naming it', async () => {
    const cfg = await loadConfig(dir('not-a-contract'));
    const e = await resolveContracts(cfg).catch((x: unknown) => x as InputError);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).position).toMatchObject({ line: 4, column: 5 });
    expect((e as InputError).message).toMatch(
      /^contract 'notes': 'notes.yaml' is not a contract treaty can read/,
    );
  });

  it('reads policy.stability (default beta)', async () => {
    expect((await loadConfig(dir('good'))).policy.stability).toBe('beta');
  });
});
