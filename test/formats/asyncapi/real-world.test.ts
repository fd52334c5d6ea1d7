import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { InputError } from '../../../src/core/errors.js';
import type { ContractRef } from '../../../src/core/model.js';
import { DirSource, MemorySource, type FileSource } from '../../../src/core/source.js';
import { asyncapiAdapter } from '../../../src/formats/asyncapi/adapter.js';
import { catalogue } from './harness.js';

/**
 * Real documents: the AsyncAPI 2.0, 2.4 and 3.0 documents shipped by the asyncapi-validator
 * package (MQTT broker, Slack real-time API, streetlights, Kafka device messages). Each is loaded,
 * compared with itself and with its JSON conversion (zero findings), and versions of the same API
 * are compared with exact expectations.
 */
const require = createRequire(import.meta.url);
const root = path.join(
  path.dirname(require.resolve('asyncapi-validator/package.json')),
  'test/schemas',
);
const DOCS = ['v2.0.0', 'v2.4.0', 'v3.0.0'].flatMap((d) =>
  readdirSync(path.join(root, d))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${d}/${f}`),
);
// Message and schema files that other documents reference (no `channels`: not valid on their own).
const FRAGMENTS = [
  'v2.0.0/DeviceInstallationPublished.yaml',
  'v2.4.0/DeviceInstallationPublished.yaml',
];

const ref = (entry: string, dir = root, options?: Record<string, unknown>): ContractRef => ({
  id: 'rw',
  format: 'asyncapi',
  root: dir,
  entries: [entry],
  ...(options ? { options } : {}),
});
const load = (
  entry: string,
  source: FileSource = new DirSource(root),
  options?: Record<string, unknown>,
) => asyncapiAdapter.load(ref(entry, root, options), source);
const compare = (a: Awaited<ReturnType<typeof load>>, b: Awaited<ReturnType<typeof load>>) =>
  asyncapiAdapter.compare(a, b, { catalogue, contract: 'rw' });

/** The folder of a document with every YAML file rewritten as JSON (same names, so $refs still work). */
function asJson(dir: string): MemorySource {
  const files = new Map<string, string>();
  for (const f of readdirSync(path.join(root, dir)).filter((x) => /\.ya?ml$/.test(x))) {
    files.set(
      `${dir}/${f}`,
      JSON.stringify(parse(readFileSync(path.join(root, dir, f), 'utf8')), null, 2),
    );
  }
  return new MemorySource(root, files);
}

describe('real AsyncAPI documents', () => {
  it('finds the corpus', () => {
    expect(DOCS.length).toBeGreaterThanOrEqual(12);
  });

  for (const doc of DOCS.filter((d) => !FRAGMENTS.includes(d))) {
    it(`${doc}: loads, equals itself and its JSON conversion`, async () => {
      const a = await load(doc);
      expect(a.problems).toBeUndefined();
      expect(a.model.channels.length).toBeGreaterThan(0);
      expect(compare(a, await load(doc))).toEqual([]);
      expect(compare(a, await load(doc, asJson(path.dirname(doc))))).toEqual([]);
    });
  }

  for (const doc of FRAGMENTS) {
    it(`${doc}: a fragment is rejected in strict mode and read in lenient mode`, async () => {
      const e = await load(doc).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).oneLine()).toMatch(
        /:1:1: invalid AsyncAPI 2\.\d\.0 document: the document: missing required property 'channels'$/,
      );
      const lenient = await load(doc, undefined, { lenient: true });
      expect(lenient.problems?.map((p) => p.rule)).toEqual(['asyncapi-document-invalid']);
    });
  }

  it('the broken documents of the corpus are input errors at their line, or problems in lenient mode', async () => {
    for (const doc of ['broken.yml', 'invalid.yml']) {
      const e = await load(doc).catch((x: unknown) => x);
      expect((e as InputError).oneLine()).toContain(
        `${doc}:15:1: invalid AsyncAPI 2.0.0 document: the document: unexpected property 'channel'`,
      );
      const lenient = await load(doc, undefined, { lenient: true });
      expect(lenient.problems?.length).toBeGreaterThan(0);
    }
  });

  const pairs: Array<[string, string, Array<[string, string, string, number]>]> = [
    [
      'v2.0.0/mqtt.yaml',
      'v2.4.0/mqtt.yaml',
      [['asyncapi-version-changed', 'info', 'mqtt.yaml', 1]],
    ],
    [
      'v2.0.0/slack.yml',
      'v2.4.0/slack.yml',
      [['asyncapi-version-changed', 'info', 'slack.yml', 1]],
    ],
    // The shared request/response message was split into one per operation (same name): paired
    // with both, not removed; the only real change is an optional property.
    [
      'v2.0.0/deviceMessages.yaml',
      'v2.4.0/deviceMessages.yaml',
      [
        ['asyncapi-version-changed', 'info', 'deviceMessages.yaml', 1],
        ['message-optional-property-added', 'info', 'deviceMessages.yaml', 86],
      ],
    ],
    // turnOn moved to the turn.off channel; the second key for the same message there is no new message.
    [
      'v3.0.0/streetLights.yml',
      'v3.0.0/streetLightsMultiMsg.yml',
      [['operation-channel-changed', 'breaking', 'streetLightsMultiMsg.yml', 98]],
    ],
  ];
  for (const [base, rev, expected] of pairs) {
    it(`${base} → ${rev}`, async () => {
      const found = compare(await load(base), await load(rev));
      expect(
        found.map((f) => [f.rule, f.severity, path.basename(f.location.file), f.location.line]),
      ).toEqual(expected);
    });
  }
});
