import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import type { ContractRef } from '../../../src/core/model.js';
import { DirSource, MemorySource } from '../../../src/core/source.js';
import { asyncapiAdapter } from '../../../src/formats/asyncapi/adapter.js';
import { loadAsyncApi } from '../../../src/formats/asyncapi/load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '../../../fixtures/asyncapi/load');

function ref(root: string, entry: string, options?: Record<string, unknown>): ContractRef {
  return {
    id: 'events',
    format: 'asyncapi',
    root,
    entries: [entry],
    ...(options ? { options } : {}),
  };
}

async function load(entry: string, options?: Record<string, unknown>, root = dir) {
  return loadAsyncApi(ref(root, entry, options), new DirSource(root));
}

async function inputError(p: Promise<unknown>): Promise<InputError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
}

describe('loading AsyncAPI documents', () => {
  it('reads a 3.0 document across files, resolving $refs and recording locations', async () => {
    const root = path.join(dir, 'multi-file');
    const c = await load('asyncapi.yaml', undefined, root);
    expect(c.version).toBe('1.2.0');
    expect(c.major).toBe(1);
    expect(c.files.sort()).toEqual(['asyncapi.yaml', 'messages.yaml', 'schemas/user.yaml']);
    const m = c.model;
    expect(m.specVersion).toBe('3.0.0');
    expect(m.channels.map((ch) => [ch.key, ch.address])).toEqual([
      ['userSignedup', 'user/signedup'],
    ]);
    const op = m.operations[0]!;
    expect([op.id, op.action, op.channel?.key]).toEqual([
      'sendUserSignedup',
      'send',
      'userSignedup',
    ]);
    const msg = op.messages[0]!.message;
    // The operation's message and the channel's message are one element.
    expect(msg).toBe(m.channels[0]!.messages[0]!.message);
    expect(msg.label).toBe('UserSignedUp');
    expect(msg.contentType).toBe('application/json');
    // Defined in messages.yaml, line 1: located at its definition, not at the $ref.
    expect(msg.at).toMatchObject({ file: path.join(root, 'messages.yaml'), line: 1 });
    const payload = msg.payload!.schema as Record<string, any>;
    expect(payload.required).toEqual(['id']);
    // The recursive $ref '#' is the same node: a cycle, not a copy.
    expect(payload.properties.friends.items).toBe(payload);
    // Parser-injected keys are dropped.
    expect(Object.keys(msg.node)).not.toContain('x-parser-message-name');
    expect(m.servers[0]).toMatchObject({
      key: 'production',
      protocol: 'kafka',
      host: 'broker.example.com:9092',
    });
    expect(m.servers[0]!.security?.alternatives).toEqual(['saslScram']);
  });

  it('reads the files only through the FileSource (an in-memory source works the same)', async () => {
    const files = new Map([
      [
        'api.yaml',
        'asyncapi: 2.6.0\ninfo: {title: t, version: 2.0.0}\nchannels:\n  a:\n    subscribe:\n      message:\n        $ref: "./m.yaml"\n',
      ],
      ['m.yaml', 'name: M\npayload:\n  type: string\n'],
    ]);
    const c = await loadAsyncApi(ref('/virtual', 'api.yaml'), new MemorySource('/virtual', files));
    expect(c.model.channels[0]!.messages[0]!.message).toMatchObject({
      label: 'M',
      at: { file: '/virtual/m.yaml', line: 1 },
    });
  });

  it('maps 2.x publish/subscribe and 3.x send/receive with the perspective', async () => {
    const v2 = await load('traits-v2.yaml');
    expect(v2.model.operations.map((o) => [o.id, o.rawAction, o.action])).toEqual([
      ['onUserSignedUp', 'publish', 'receive'],
    ]);
    const v2client = await load('traits-v2.yaml', { perspective: 'client' });
    expect(v2client.model.operations[0]!.action).toBe('send');
    const v3 = await load('traits-v3.yaml');
    expect(v3.model.operations[0]!.action).toBe('receive');
    const v3client = await load('traits-v3.yaml', { perspective: 'client' });
    expect(v3client.model.operations[0]!.action).toBe('send');
    const bad = await inputError(load('traits-v3.yaml', { perspective: 'server' }));
    expect(bad.message).toMatch(/perspective/);
  });

  it('applies message traits: 2.x traits override, 3.x the message wins', async () => {
    const v2 = (await load('traits-v2.yaml')).model.operations[0]!.messages[0]!.message;
    expect(v2.contentType).toBe('application/avro');
    expect(v2.headers?.schema).toEqual({ type: 'object' });
    const v3 = (await load('traits-v3.yaml')).model.operations[0]!.messages[0]!.message;
    expect(v3.contentType).toBe('application/json');
    expect(v3.headers?.schema).toEqual({ type: 'object' });
  });

  it('reads AsyncAPI 3.1', async () => {
    const c = await load('v31.yaml');
    expect(c.model.specVersion).toBe('3.1.0');
    expect(c.model.operations[0]!.messages[0]!.message.label).toBe('Ping');
  });

  it('rejects an invalid document with file, line and the problem (strict)', async () => {
    const e = await inputError(load('invalid.yaml'));
    expect(e.oneLine()).toBe(
      `${path.join(dir, 'invalid.yaml')}:10:9: invalid AsyncAPI 3.0.0 document: /channels/userSignedup/messages/UserSignedUp: unexpected property 'paylod'`,
    );
  });

  it('lenient mode loads an invalid document and reports its problems as findings', async () => {
    const c = await load('invalid.yaml', { lenient: true });
    expect(c.problems?.map((f) => [f.rule, f.severity, f.location.line])).toEqual([
      ['asyncapi-document-invalid', 'warning', 10],
    ]);
    expect(c.model.channels[0]!.messages[0]!.message.label).toBe('UserSignedUp');
  });

  it('a problem in a component used along several paths is reported once, at the component', async () => {
    // The 3.0 parameter has a 2.x `schema`; it is reached from two channels and two operations.
    const c = await load('shared-invalid-parameter.yaml', { lenient: true });
    expect(c.problems?.map((f) => [f.message, f.location.line])).toEqual([
      [
        "the document is not valid AsyncAPI: /components/parameters/Env: unexpected property 'schema'",
        29,
      ],
    ]);
  });

  it('lenient mode reports nothing for a valid document', async () => {
    const c = await load('traits-v3.yaml', { lenient: true });
    expect(c.problems).toBeUndefined();
  });

  it('validator: parser runs the full @asyncapi/parser ruleset (opt-in, slower)', async () => {
    const root = path.join(dir, 'multi-file');
    const ok = await load('asyncapi.yaml', { validator: 'parser' }, root);
    expect(ok.model.channels).toHaveLength(1);
    const e = await inputError(load('invalid.yaml', { validator: 'parser' }));
    expect(e.oneLine()).toMatch(
      /invalid\.yaml:10:\d+: invalid AsyncAPI 3\.0\.0 document: \/channels\/userSignedup\/messages\/UserSignedUp\/paylod: Property "paylod" is not expected to be here$/,
    );
  });

  it('rejects a circular chain of $refs', async () => {
    const e = await inputError(load('circular-ref.yaml'));
    expect(e.oneLine()).toMatch(/circular-ref\.yaml:\d+:\d+: circular \$ref chain/);
  });

  it('rejects AsyncAPI 1.x and unreleased versions', async () => {
    const e = await inputError(load('unsupported.yaml'));
    expect(e.oneLine()).toMatch(/unsupported\.yaml:1:\d+: AsyncAPI 1\.2\.0 is not supported/);
  });

  it('reports a missing $ref file at the $ref', async () => {
    const e = await inputError(load('missing-ref.yaml'));
    expect(e.oneLine()).toBe(
      `${path.join(dir, 'missing-ref.yaml')}:9:9: $ref target file 'nowhere.yaml' not found`,
    );
  });

  it('does not fetch remote $refs unless allowed: they stay unresolved, compared by URL', async () => {
    const c = await load('remote-ref.yaml');
    const payload = c.model.operations[0]!.messages[0]!.message.payload!;
    expect(payload.family).toBe('remote');
    expect(payload.format).toBe('remote $ref https://schemas.example.com/user-signed-up.json');
    expect(payload.schema).toEqual({ $ref: 'https://schemas.example.com/user-signed-up.json' });
  });

  it('reports a YAML syntax error with its position', async () => {
    const e = await inputError(load('syntax-error.yaml'));
    expect(e.oneLine()).toMatch(/syntax-error\.yaml:5:1: invalid YAML\/JSON: Missing closing/);
  });

  it('detects AsyncAPI documents by their top-level asyncapi field', () => {
    expect(asyncapiAdapter.detect('a.yaml', 'asyncapi: 3.0.0\ninfo: {}\n')).toBe(true);
    expect(asyncapiAdapter.detect('a.yml', "asyncapi: '2.6.0'\n")).toBe(true);
    expect(asyncapiAdapter.detect('a.json', '{\n  "asyncapi": "2.6.0",\n "info": {}}')).toBe(true);
    expect(asyncapiAdapter.detect('a.yaml', 'openapi: 3.0.0\nx:\n  asyncapi: 2.0.0\n')).toBe(false);
    expect(asyncapiAdapter.detect('a.txt', 'asyncapi: 3.0.0\n')).toBe(false);
  });

  it('detects the forms real files take: BOM, quoted key, JSON in .yaml, late JSON field', () => {
    expect(asyncapiAdapter.detect('a.yaml', '\uFEFFasyncapi: 2.6.0\ninfo: {}\n')).toBe(true);
    expect(asyncapiAdapter.detect('a.yaml', "'asyncapi': 2.6.0\ninfo: {}\n")).toBe(true);
    expect(asyncapiAdapter.detect('a.yaml', '{\n  "asyncapi": "2.6.0",\n  "info": {}\n}\n')).toBe(
      true,
    );
    const late = JSON.stringify({ info: { description: 'x'.repeat(5000) }, asyncapi: '2.6.0' });
    expect(asyncapiAdapter.detect('a.json', late)).toBe(true);
    // Near misses: the field nested, or not a version.
    const nested = JSON.stringify({ info: { description: 'x'.repeat(5000), asyncapi: '2.6.0' } });
    expect(asyncapiAdapter.detect('a.json', nested)).toBe(false);
    expect(
      asyncapiAdapter.detect('a.yaml', '{"openapi": "3.0.0", "x": {"asyncapi": "2.0.0"}}'),
    ).toBe(false);
    expect(asyncapiAdapter.detect('a.json', '{"asyncapi": true}')).toBe(false);
  });

  it('loads a document that starts with a byte order mark', async () => {
    const text = '\uFEFFasyncapi: 2.6.0\ninfo:\n  title: T\n  version: 1.0.0\nchannels: {}\n';
    const c = await loadAsyncApi(
      ref('/virtual', 'bom.yaml'),
      new MemorySource('/virtual', new Map([['bom.yaml', text]])),
    );
    expect(c.model.specVersion).toBe('2.6.0');
    expect(c.problems).toBeUndefined();
  });
});
