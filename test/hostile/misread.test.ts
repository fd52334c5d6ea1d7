import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOSTILE, oneLine, treaty } from './run.js';

/**
 * Never misread: input that a lax reader would silently read some other way (the last of two
 * duplicate keys, U+FFFD for a bad byte, a tab, a $ref to nothing) is a one-line input error naming
 * the file and line, exit 2, in every loader.
 */

const h = (...p: string[]) => path.join(HOSTILE, ...p);
const OK = h('ok', 'openapi.yaml');

async function inputError(args: string[], pattern: RegExp, cwd?: string): Promise<string> {
  const r = await treaty(args, cwd ? { cwd } : {});
  expect(r.timedOut).toBe(false);
  expect(r.signal).toBeNull();
  const line = oneLine(r);
  expect(line).toMatch(pattern);
  expect(r.code).toBe(2);
  return line;
}

describe('duplicate keys are an input error naming both lines', () => {
  it('OpenAPI YAML: a path written twice (the last one used to win and GET /orders read as removed)', async () => {
    const file = h('dup-key-yaml', 'openapi.yaml');
    await inputError(
      ['diff', OK, file],
      new RegExp(`^treaty: ${file}:22:3: duplicate key '/orders' \\(first at line 6\\)`),
    );
  });

  it('OpenAPI JSON: the JSON fast path checks what JSON.parse silently drops', async () => {
    const file = h('dup-key-json', 'openapi.json');
    await inputError(
      ['diff', OK, file],
      new RegExp(`^treaty: ${file}:6:5: duplicate key '/orders' \\(first at line 5\\)`),
    );
  });

  it('AsyncAPI: a payload property twice', async () => {
    const file = h('asyncapi-dup', 'asyncapi.yaml');
    await inputError(
      ['diff', file, file],
      new RegExp(`^treaty: ${file}:17:13: duplicate key 'id' \\(first at line 13\\)`),
    );
  });

  it('JSON Schema: `required` twice', async () => {
    const file = h('jsonschema-dup', 'order.schema.json');
    await inputError(
      ['diff', file, file],
      new RegExp(`^treaty: ${file}:9:3: duplicate key 'required' \\(first at line 4\\)`),
    );
  });

  it('treaty.yaml: a contract key twice', async () => {
    const dir = h('config-dup');
    await inputError(
      ['check'],
      new RegExp(
        `^treaty: ${dir}/treaty.yaml:7:5: duplicate key 'evolution' \\(first at line 6\\)`,
      ),
      dir,
    );
  });

  it('waivers file: a waiver key twice', async () => {
    const dir = h('waivers-dup');
    await inputError(
      ['check'],
      new RegExp(`^treaty: ${dir}/waivers.yaml:5:5: duplicate key 'reason' \\(first at line 4\\)`),
      dir,
    );
  });

  it('protobuf: a field number, a field name, an enum number used twice', async () => {
    for (const [name, pattern] of [
      [
        'number.proto',
        /:7:21: field number 2 is used twice in message 'orders\.v1\.Order' \('total' and 'currency'\) \(first at line 6\)$/,
      ],
      [
        'name.proto',
        /:7:10: 'id' is declared twice in message 'orders\.v1\.Order' \(first at line 5\)$/,
      ],
      [
        'enum.proto',
        /:7:19: enum number 1 is used twice in 'orders\.v1\.Status' \('STATUS_OPEN' and 'STATUS_CLOSED'; set option allow_alias = true to allow it\) \(first at line 6\)$/,
      ],
    ] as const) {
      const file = h('proto-dup', name);
      const line = await inputError(['diff', file, file], pattern);
      expect(line.startsWith(`treaty: ${file}:`)).toBe(true);
    }
  });

  it('near miss: an enum alias with allow_alias is accepted', async () => {
    const file = h('proto-dup', 'alias-ok.proto');
    const r = await treaty(['diff', file, file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('encoding and whitespace', () => {
  it('invalid UTF-8 is an error at the line of the bad byte (not a silent U+FFFD)', async () => {
    const file = h('bad-utf8', 'openapi.yaml');
    await inputError(
      ['diff', OK, file],
      new RegExp(`^treaty: ${file}:3:13: invalid UTF-8 \\(byte 0xE9 at offset \\d+\\)`),
    );
  });

  it('a UTF-16 file is an error at line 1', async () => {
    const file = h('utf16', 'openapi.yaml');
    await inputError(
      ['diff', OK, file],
      new RegExp(
        `^treaty: ${file}:1:1: the file is UTF-16 encoded \\(byte order mark 0xFF 0xFE\\)`,
      ),
    );
  });

  it('a UTF-8 byte order mark is read past: the same document, no findings', async () => {
    const r = await treaty(['diff', OK, h('bom', 'openapi.yaml'), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
  });

  it('tabs used as YAML indentation are an error at their line', async () => {
    const file = h('tabs', 'openapi.yaml');
    await inputError(
      ['diff', OK, file],
      new RegExp(`^treaty: ${file}:7:1: invalid YAML/JSON: Tabs are not allowed as indentation`),
    );
  });
});

describe('a $ref into a missing part of a file', () => {
  it('OpenAPI: named at the $ref', async () => {
    const file = h('missing-ref', 'openapi.yaml');
    await inputError(
      ['diff', '--strict', file, file],
      new RegExp(
        `^treaty: ${file}:14:17: \\$ref 'common.yaml#/components/schemas/Ordr' does not resolve`,
      ),
    );
  });

  it('AsyncAPI: named at the $ref', async () => {
    const file = h('missing-ref', 'asyncapi.yaml');
    await inputError(
      ['diff', '--strict', file, file],
      new RegExp(
        `^treaty: ${file}:10:9: \\$ref '#/components/messages/OrderCreatd' cannot be resolved: no 'OrderCreatd'`,
      ),
    );
  });

  it('JSON Schema: named at the $ref', async () => {
    const file = h('missing-ref', 'order.schema.json');
    await inputError(
      ['diff', '--strict', file, file],
      new RegExp(
        `^treaty: ${file}:5:19: \\$ref 'common.schema.json#/\\$defs/customr' cannot be resolved: no 'customr'`,
      ),
    );
  });
});

describe('found by npm run fuzz', () => {
  it('a $schema URI ajv does not know (a truncated 2020-12 one) is read as its dialect, not an internal error', async () => {
    const file = h('schema-uri', 'truncated.schema.json');
    const r = await treaty(['diff', file, file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
