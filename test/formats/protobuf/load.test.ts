import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import type { ContractRef } from '../../../src/core/model.js';
import { MemorySource } from '../../../src/core/source.js';
import { getCatalogue } from '../../../src/formats/index.js';
import { protobufAdapter } from '../../../src/formats/protobuf/adapter.js';
import { parseProto } from '../../../src/formats/protobuf/parser.js';
import { parseCached } from '../../../src/formats/protobuf/tree.js';

/** Loading: syntax errors and missing imports with positions, well-known types, include paths. */

const ref = (options: Record<string, unknown> = {}, entries: string[] = []): ContractRef => ({
  id: 'orders',
  format: 'protobuf',
  root: '/repo/proto',
  entries,
  options,
});

function source(files: Record<string, string>, root = '/repo/proto'): MemorySource {
  return new MemorySource(root, new Map(Object.entries(files)));
}

async function loadError(files: Record<string, string>): Promise<InputError> {
  try {
    await protobufAdapter.load(ref(), source(files));
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

async function compare(
  before: Record<string, string>,
  after: Record<string, string>,
  options = {},
) {
  const base = await protobufAdapter.load(ref(options), source(before, '/base'));
  const rev = await protobufAdapter.load(ref(options), source(after, '/rev'));
  return protobufAdapter.compare(base, rev, { catalogue: getCatalogue(), contract: 'orders' });
}

describe('syntax errors name the file, line and column', () => {
  it.each([
    [
      'missing semicolon',
      'syntax = "proto3";\nmessage A {\n  string a = 1\n}\n',
      4,
      1,
      /expected ';', found '}'/,
    ],
    [
      'unterminated string',
      'syntax = "proto3";\noption go_package = "x;\n',
      2,
      21,
      /unterminated string/,
    ],
    [
      'unterminated comment',
      'syntax = "proto3";\n/* never closed\nmessage A {}\n',
      2,
      1,
      /unterminated comment/,
    ],
    ['unknown syntax', 'syntax = "proto4";\n', 1, 1, /unknown syntax "proto4"/],
    [
      'bad field number',
      'syntax = "proto3";\nmessage A {\n  string a = x;\n}\n',
      3,
      14,
      /expected a field number/,
    ],
    [
      'tab before the token',
      'syntax = "proto3";\nmessage A {\n\tstring a = 1 }\n',
      3,
      18,
      /expected ';'/,
    ],
  ])('%s', async (_, text, line, column, message) => {
    const err = await loadError({ 'a.proto': text });
    expect(err.position).toEqual({ file: '/repo/proto/a.proto', line, column });
    expect(err.message).toMatch(message);
    expect(err.oneLine()).toMatch(
      new RegExp(`^/repo/proto/a.proto:${line}:${column}: syntax error`),
    );
  });
});

describe('imports', () => {
  it('reports a missing import at the import statement', async () => {
    const err = await loadError({
      'a.proto': 'syntax = "proto3";\n\n  import "missing/b.proto";\n',
    });
    expect(err.position).toEqual({ file: '/repo/proto/a.proto', line: 3, column: 3 });
    expect(err.message).toBe('import "missing/b.proto" not found');
  });

  it('tolerates a missing weak import, like protoc', async () => {
    const c = await protobufAdapter.load(
      ref(),
      source({ 'a.proto': 'syntax = "proto2";\nimport weak "gone.proto";\n' }),
    );
    expect(c.files).toEqual(['a.proto']);
  });

  it('provides the well-known types without vendoring them', async () => {
    const files = {
      'a.proto': [
        'syntax = "proto3";',
        'package acme.v1;',
        'import "google/protobuf/timestamp.proto";',
        'import "google/protobuf/struct.proto";',
        'import "google/protobuf/descriptor.proto";',
        'import "google/protobuf/cpp_features.proto";',
        'message A { google.protobuf.Timestamp at = 1; google.protobuf.Struct s = 2; google.protobuf.NullValue n = 3; }',
        'extend google.protobuf.FieldOptions { string note = 50000; }',
      ].join('\n'),
    };
    const findings = await compare(files, {
      'a.proto': files['a.proto'].replace(
        'google.protobuf.NullValue n = 3',
        'google.protobuf.Value n = 3',
      ),
    });
    expect(findings.find((f) => f.rule === 'field-same-type')?.message).toBe(
      'Field "3" with name "n" on message "A" changed type from "enum" to "message".',
    );
  });

  it('resolves imports through include paths without comparing those files', async () => {
    const dep = 'syntax = "proto3";\npackage vendor;\nmessage Money { int64 units = 1; }\n';
    const a =
      'syntax = "proto3";\npackage acme.v1;\nimport "vendor/money.proto";\nmessage A { vendor.Money price = 1; }\n';
    const opts = { includePaths: ['third_party'] };
    const loaded = await protobufAdapter.load(
      ref(opts),
      source({ 'a.proto': a, 'third_party/vendor/money.proto': dep }),
    );
    // The dependency is listed (a registry copy must be loadable) but never compared.
    expect(loaded.files).toEqual(['a.proto', 'third_party/vendor/money.proto']);
    const findings = await compare(
      { 'a.proto': a, 'third_party/vendor/money.proto': dep },
      {
        'a.proto': a,
        'third_party/vendor/money.proto': dep.replace('int64 units = 1', 'int32 units = 1'),
      },
      opts,
    );
    expect(findings).toEqual([]);
  });

  it('reports a type that does not resolve at the reference', async () => {
    const before = { 'a.proto': 'syntax = "proto3";\nmessage A {}\n' };
    const after = { 'a.proto': 'syntax = "proto3";\nmessage A {\n  Missing m = 1;\n}\n' };
    await expect(compare(before, after)).rejects.toThrow(InputError);
    await compare(before, after).catch((e: InputError) => {
      expect(e.position).toEqual({ file: '/rev/a.proto', line: 3, column: 3 });
      expect(e.message).toBe("cannot resolve type 'Missing'");
    });
  });
});

describe('the adapter', () => {
  it('detects .proto files', () => {
    expect(protobufAdapter.detect('x/orders.proto', '')).toBe(true);
    expect(protobufAdapter.detect('x/orders.yaml', 'syntax = "proto3";')).toBe(false);
  });

  it('takes the major line, not a version, from the package vN suffix', async () => {
    const one = await protobufAdapter.load(
      ref(),
      source({
        'a.proto': 'syntax = "proto3";\npackage acme.orders.v2;\n',
        'b.proto': 'syntax = "proto3";\npackage acme.orders.v2;\n',
      }),
    );
    expect([one.version, one.major, one.lineField]).toEqual([
      undefined,
      2,
      "the package's version suffix v2",
    ]);
    const mixed = await protobufAdapter.load(
      ref(),
      source({ 'a.proto': 'package acme.v1;', 'b.proto': 'package acme.v2;' }),
    );
    expect([mixed.version, mixed.major]).toEqual([undefined, undefined]);
  });

  it('lists the buf.yaml that shapes the layout among the files', async () => {
    const c = await protobufAdapter.load(
      ref(),
      source({
        'buf.yaml': 'version: v2\nmodules:\n  - path: proto\n',
        'proto/acme/a.proto': 'syntax = "proto3";\npackage acme;\nimport "acme/b.proto";\n',
        'proto/acme/b.proto': 'syntax = "proto3";\npackage acme;\n',
      }),
    );
    expect(c.files).toEqual(['buf.yaml', 'proto/acme/a.proto', 'proto/acme/b.proto']);
    expect(c.model.tree.contractFiles().map((f) => f.path)).toEqual([
      'acme/a.proto',
      'acme/b.proto',
    ]);
  });

  it('lists a buf.work.yaml and the buf.yaml of each of its modules among the files', async () => {
    const c = await protobufAdapter.load(
      ref(),
      source({
        'buf.work.yaml': 'version: v1\ndirectories:\n  - api\n  - lib\n',
        'api/buf.yaml': 'version: v1\n',
        'api/svc/s.proto': 'syntax = "proto3";\npackage svc;\nimport "common/c.proto";\n',
        'lib/common/c.proto': 'syntax = "proto3";\npackage common;\n',
      }),
    );
    expect(c.files).toEqual([
      'api/buf.yaml',
      'api/svc/s.proto',
      'buf.work.yaml',
      'lib/common/c.proto',
    ]);
    expect(c.model.tree.contractFiles().map((f) => [f.path, f.module])).toEqual([
      ['common/c.proto', 1],
      ['svc/s.proto', 0],
    ]);
  });

  it('rejects a buf.work.yaml without directories, naming the file', async () => {
    const e = await loadError({ 'buf.work.yaml': 'version: v1\n' });
    expect(e.message).toMatch(/directories/);
    expect(e.position.file).toBe('/repo/proto/buf.work.yaml');
  });

  it('restricts the contract to its entries', async () => {
    const c = await protobufAdapter.load(
      ref({}, ['orders']),
      source({
        'orders/a.proto': 'syntax = "proto3";\nimport "common/c.proto";',
        'common/c.proto': 'syntax = "proto3";',
        'other/b.proto': 'syntax = "proto3";',
      }),
    );
    expect(c.files).toEqual(['common/c.proto', 'orders/a.proto']);
    expect(c.model.tree.contractFiles().map((f) => f.path)).toEqual(['orders/a.proto']);
  });

  it('builds findings with absolute files, pointers, base locations and stable fingerprints', async () => {
    const before = {
      'a.proto': 'syntax = "proto3";\npackage p;\nmessage A {\n  int32 n = 1;\n}\n',
    };
    const after = {
      'a.proto': 'syntax = "proto3";\npackage p;\n\nmessage A {\n  int64 n = 1;\n}\n',
    };
    const [f, again] = [await compare(before, after), await compare(before, after)];
    const t = f.find((x) => x.rule === 'field-same-type')!;
    expect(t.location).toEqual({
      file: '/rev/a.proto',
      line: 5,
      column: 3,
      pointer: ['messages', 'p.A', 'fields', '1'],
    });
    expect(t.baseLocation).toEqual({
      file: '/base/a.proto',
      line: 4,
      column: 3,
      pointer: ['messages', 'p.A', 'fields', '1'],
    });
    expect(t.fingerprint).toBe(again.find((x) => x.rule === 'field-same-type')!.fingerprint);
    expect(t.severity).toBe('breaking');
  });

  it('reports additions as info', async () => {
    const f = await compare(
      { 'a.proto': 'syntax = "proto3";\nmessage A {}\n' },
      { 'a.proto': 'syntax = "proto3";\nmessage A {\n  string b = 1;\n}\n' },
    );
    expect(f.map((x) => [x.rule, x.severity, x.message])).toEqual([
      ['proto-field-added', 'info', 'Field "1" with name "b" on message "A" was added.'],
    ]);
  });
});

describe('the parser', () => {
  it('keeps offsets of elements and of the tokens buf reports on', () => {
    const text =
      'edition = "2023";\npackage p;\nmessage M {\n  map<string, int32> m = 1 [json_name = "x"];\n  reserved foo, bar;\n  option (a.b).c = { d: 1 e { f: "g" } };\n}\n';
    const ast = parseProto(text, 'x.proto');
    const m = ast.messages[0]!;
    expect(ast.syntax).toBe('editions');
    expect(ast.edition).toBe('2023');
    expect(m.reservedNames).toEqual(['foo', 'bar']);
    expect(m.messages[0]!.name).toBe('MEntry');
    expect(m.messages[0]!.fields.map((f) => [f.name, f.type])).toEqual([
      ['key', 'string'],
      ['value', 'int32'],
    ]);
    expect(m.fields[0]!.options?.[0]).toMatchObject({
      name: 'json_name',
      value: { kind: 'string', text: 'x' },
    });
    expect(text.slice(m.fields[0]!.typeAt, m.fields[0]!.typeAt + 3)).toBe('map');
    expect(m.options?.map((o) => [o.name, o.value.text])).toEqual([
      ['(a.b).c.d', '1'],
      ['(a.b).c.e.f', 'g'],
      ['(a.b).c.e', ''],
      ['(a.b).c', ''],
    ]);
  });

  it('reads edition 2024 visibility and option imports', () => {
    const ast = parseProto(
      'edition = "2024";\nimport option "o.proto";\nexport message A { local enum E { E_A = 0; } }\n',
      'x.proto',
    );
    expect(ast.imports).toEqual([{ path: 'o.proto', modifier: 'option', at: 18 }]);
    expect(ast.messages[0]!.enums[0]!.name).toBe('E');
  });

  it('parses each distinct text once', () => {
    const text = 'syntax = "proto3";\nmessage Cached {}\n';
    expect(parseCached(text, '/a/x.proto')).toBe(parseCached(text, '/b/y.proto'));
  });

  it('tells apart many distinct texts of one length, and still parses each once', () => {
    const texts = Array.from(
      { length: 20 },
      (_, i) => `syntax = "proto3";\nmessage Same${String(i).padStart(2, '0')} {}\n`,
    );
    const first = texts.map((t, i) => parseCached(t, `/a/${i}.proto`));
    expect(new Set(first).size).toBe(20);
    texts.forEach((t, i) => {
      const again = parseCached(t, `/b/${i}.proto`);
      expect(again).toBe(first[i]);
      expect(again.ast.messages[0]!.name).toBe(`Same${String(i).padStart(2, '0')}`);
    });
  });
});

describe('well-formed inputs in the wild', () => {
  it('parses every .proto file protobufjs ships', async () => {
    const dir = path.dirname(require.resolve('protobufjs/package.json'));
    const fs = await import('node:fs');
    const files = fs
      .readdirSync(path.join(dir, 'google/protobuf'))
      .filter((f) => f.endsWith('.proto'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const p = path.join(dir, 'google/protobuf', f);
      expect(() => parseProto(fs.readFileSync(p, 'utf8'), p)).not.toThrow();
    }
  });
});
