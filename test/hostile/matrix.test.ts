import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE, oneLine, tmpDir, treaty, type Run } from './run.js';

/**
 * Every loader refuses the same misreadings, because they all read through the same code: a
 * duplicate key, an invalid UTF-8 byte and (YAML) a tab used as indentation, injected into a valid
 * file of each kind, give a one-line error at the exact file:line and exit 2. The kinds: OpenAPI,
 * AsyncAPI, JSON Schema, Avro, treaty.yaml, a waivers file and a registry manifest.
 */

type Kind = 'yaml' | 'json';
interface Loader {
  name: string;
  /** The file the fault goes into, relative to the repository. */
  file: string;
  kind: Kind;
  /** The command that reads it, run in the repository. */
  args: string[];
}

const LOADERS: Loader[] = [
  {
    name: 'OpenAPI',
    file: 'openapi.yaml',
    kind: 'yaml',
    args: ['diff', 'base.yaml', 'openapi.yaml'],
  },
  {
    name: 'AsyncAPI',
    file: 'asyncapi.yaml',
    kind: 'yaml',
    args: ['diff', 'asyncapi.yaml', 'asyncapi.yaml'],
  },
  {
    name: 'JSON Schema',
    file: 'order.schema.json',
    kind: 'json',
    args: ['diff', 'order.schema.json', 'order.schema.json'],
  },
  { name: 'Avro', file: 'order.avsc', kind: 'json', args: ['diff', 'order.avsc', 'order.avsc'] },
  { name: 'treaty.yaml', file: 'treaty.yaml', kind: 'yaml', args: ['check'] },
  { name: 'waivers', file: 'waivers.yaml', kind: 'yaml', args: ['check'] },
  {
    name: 'registry manifest',
    file: 'registry/orders/1.0.0/manifest.json',
    kind: 'json',
    args: ['check'],
  },
];

/** Each fault: how it changes a file's text, and the line:col and message it must produce. */
const FAULTS: Array<{
  name: string;
  kinds: Kind[];
  apply: (text: string, kind: Kind) => Buffer;
  at: string;
  message: RegExp;
}> = [
  {
    name: 'a duplicate key',
    kinds: ['yaml', 'json'],
    apply: (t, kind) =>
      Buffer.from(
        kind === 'yaml'
          ? `x-dup: 1\nx-dup: 2\n${t}`
          : t.replace('{', '{\n  "x-dup": 1,\n  "x-dup": 2,'),
      ),
    at: '', // per kind below
    message: /duplicate key 'x-dup' \(first at line \d\): keys must be unique$/,
  },
  {
    name: 'an invalid UTF-8 byte',
    kinds: ['yaml', 'json'],
    apply: (t, kind) => {
      const bad = Buffer.from([0xe9]);
      if (kind === 'yaml') return Buffer.concat([Buffer.from('# caf'), bad, Buffer.from('\n' + t)]);
      const i = t.indexOf('{') + 1;
      const head = Buffer.from(t.slice(0, i) + '\n  "x-note": "caf');
      return Buffer.concat([head, bad, Buffer.from('",' + t.slice(i))]);
    },
    at: '',
    message: /invalid UTF-8 \(byte 0xE9 at offset \d+\); the file must be UTF-8 encoded$/,
  },
  {
    name: 'a tab as indentation',
    kinds: ['yaml'],
    apply: (t) => Buffer.from(`x-tabbed:\n\tkey: 1\n${t}`),
    at: '',
    message: /invalid YAML\/JSON: Tabs are not allowed as indentation$/,
  },
];

/** Where each fault lands, by fault and kind. */
const WHERE: Record<string, Record<Kind, string>> = {
  'a duplicate key': { yaml: '2:1', json: '3:3' },
  'an invalid UTF-8 byte': { yaml: '1:6', json: '2:17' },
  'a tab as indentation': { yaml: '2:1', json: '' },
};

let template: string;
beforeAll(async () => {
  template = await tmpDir('treaty-matrix-');
  const ok = path.join(HOSTILE, 'ok');
  for (const f of ['openapi.yaml', 'asyncapi.yaml', 'order.schema.json', 'order.avsc']) {
    await fs.copyFile(path.join(ok, f), path.join(template, f));
  }
  await fs.copyFile(path.join(ok, 'openapi.yaml'), path.join(template, 'base.yaml'));
  await fs.writeFile(
    path.join(template, 'treaty.yaml'),
    'version: 1\ncontracts:\n  - id: orders\n    format: openapi\n    path: openapi.yaml\npolicy:\n  waivers: waivers.yaml\n',
  );
  await fs.writeFile(
    path.join(template, 'waivers.yaml'),
    'waivers:\n  - rule: openapi-operation-removed\n    fingerprint: 0123456789abcdef\n    reason: agreed\n',
  );
  const published = await treaty(['publish'], { cwd: template });
  expect(published.code, published.stderr).toBe(0);
}, 60_000);

describe.each(LOADERS)('$name', (loader) => {
  for (const fault of FAULTS.filter((f) => f.kinds.includes(loader.kind))) {
    it(`${fault.name}: exit 2 at file:line`, async () => {
      const repo = await tmpDir('treaty-matrix-');
      await fs.cp(template, repo, { recursive: true });
      const file = path.join(repo, loader.file);
      await fs.writeFile(file, fault.apply(await fs.readFile(file, 'utf8'), loader.kind));
      const r: Run = await treaty(loader.args, { cwd: repo });
      const line = oneLine(r);
      expect(line.startsWith(`treaty: ${file}:${WHERE[fault.name]![loader.kind]}: `), line).toBe(
        true,
      );
      expect(line).toMatch(fault.message);
      expect(r.code).toBe(2);
    });
  }
});
