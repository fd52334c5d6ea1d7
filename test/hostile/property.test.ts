import { promises as fs } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TreatyError } from '../../src/core/errors.js';
import { resetLimits } from '../../src/core/limits.js';
import type { ContractRef, Finding, Format } from '../../src/core/model.js';
import { DirSource } from '../../src/core/source.js';
import { compareContracts, loadContract } from '../../src/engine/run.js';
import { getCatalogue } from '../../src/formats/index.js';
import { applyPolicy } from '../../src/policy/index.js';
import * as gen from './generators.js';
import { tmpDir } from './run.js';

/**
 * Property and fuzz tests over generated contracts of every format:
 *  - diff(x, x) is empty;
 *  - re-serialising (YAML ↔ JSON, another key order, a schema moved into components/$defs behind
 *    a `$ref`, proto fields reordered) gives no findings;
 *  - adding an optional element (query parameter, path, channel, field) is never breaking in
 *    `backward` mode (the policy pass applied directly);
 *  - a mutated document (truncated, a byte flipped, a value of another type, nested 300–3000
 *    levels deep) never throws anything but a TreatyError (the CLI's one-line exit 2).
 * Fixed seed and bounded runs here; `npm run fuzz` runs the same with FUZZ_RUNS and a new seed.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const opts = { seed: SEED, numRuns: RUNS, endOnFailure: true };
/** Per test: a long fuzz run must not hit vitest's default timeout. */
const TIMEOUT = Math.max(60_000, RUNS * 5_000);
if (process.env.FUZZ_RUNS) console.log(`fuzz: seed ${SEED}, ${RUNS} runs per property`);

type Json = gen.Json;
let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await tmpDir('treaty-fuzz-');
});
beforeEach(() => resetLimits());

/** Writes the files into a fresh folder and loads them as a contract (lenient, as `diff` does). */
async function load(format: Format, files: Record<string, string | Buffer>, lenient = true) {
  const root = path.join(dir, String(n++));
  await fs.mkdir(root, { recursive: true });
  for (const [rel, data] of Object.entries(files)) await fs.writeFile(path.join(root, rel), data);
  const ref: ContractRef = {
    id: 'gen',
    format,
    root,
    entries: format === 'protobuf' ? [] : [Object.keys(files)[0]!],
    options: lenient ? { lenient: true } : {},
  };
  return loadContract(ref, new DirSource(root));
}

async function diff(
  format: Format,
  base: Record<string, string | Buffer>,
  rev: Record<string, string | Buffer>,
): Promise<Finding[]> {
  return compareContracts(await load(format, base, false), await load(format, rev, false));
}

const json = (v: Json) => JSON.stringify(v, null, 2);
const breakingInBackward = (findings: Finding[]) =>
  applyPolicy(findings, {
    severity: {},
    evolution: () => 'backward',
    catalogue: getCatalogue(),
  }).filter((f) => f.severity === 'breaking');

const FILES: Record<'openapi' | 'asyncapi' | 'jsonschema', string> = {
  openapi: 'openapi',
  asyncapi: 'asyncapi',
  jsonschema: 'schema',
};

describe.each([
  ['openapi', gen.openapi],
  ['asyncapi', gen.asyncapi],
  ['jsonschema', gen.jsonschema],
] as const)('%s properties', (format, arb) => {
  const name = FILES[format];

  it(
    'diff(x, x) is empty; YAML ↔ JSON and another key order give no findings',
    async () => {
      await fc.assert(
        fc.asyncProperty(arb, fc.integer(), async (doc, seed) => {
          const base = { [`${name}.json`]: json(doc) };
          expect(await diff(format, base, base)).toEqual([]);
          expect(await diff(format, base, { [`${name}.yaml`]: stringify(doc) })).toEqual([]);
          const shuffled = gen.shuffleKeys(doc, seed);
          expect(await diff(format, base, { [`${name}.yaml`]: stringify(shuffled) })).toEqual([]);
        }),
        opts,
      );
    },
    TIMEOUT,
  );

  it(
    'a schema moved behind a $ref gives no findings',
    async () => {
      await fc.assert(
        fc.asyncProperty(arb, async (doc) => {
          const moved = structuredClone(doc) as Record<string, any>;
          if (format === 'openapi') {
            const [p] = Object.keys(moved.paths);
            const media = moved.paths[p!].get.responses['200'].content['application/json'];
            moved.components = { schemas: { Moved: media.schema } };
            media.schema = { $ref: '#/components/schemas/Moved' };
          } else if (format === 'asyncapi') {
            const [c] = Object.keys(moved.channels);
            const msg = moved.channels[c!].messages.msg;
            moved.components = { schemas: { Moved: msg.payload } };
            msg.payload = { $ref: '#/components/schemas/Moved' };
          } else {
            const [p] = Object.keys(moved.properties);
            moved.$defs = { Moved: moved.properties[p!] };
            moved.properties[p!] = { $ref: '#/$defs/Moved' };
          }
          const base = { [`${name}.json`]: json(doc) };
          expect(await diff(format, base, { [`${name}.json`]: json(moved) })).toEqual([]);
        }),
        opts,
      );
    },
    TIMEOUT,
  );

  it(
    'adding an optional element is never breaking in backward mode',
    async () => {
      await fc.assert(
        fc.asyncProperty(arb, async (doc) => {
          const added = structuredClone(doc) as Record<string, any>;
          if (format === 'openapi') {
            const [p] = Object.keys(added.paths);
            const op = added.paths[p!].get;
            op.parameters = [
              ...(op.parameters ?? []),
              { name: 'zzadded', in: 'query', required: false, schema: { type: 'string' } },
            ];
            added.paths['/zzadded'] = { get: structuredClone(op) };
          } else if (format === 'asyncapi') {
            added.channels.zzadded = {
              address: 'zzadded',
              messages: { msg: { payload: { type: 'object' } } },
            };
            added.operations['on-zzadded'] = {
              action: 'send',
              channel: { $ref: '#/channels/zzadded' },
              messages: [{ $ref: '#/channels/zzadded/messages/msg' }],
            };
          } else {
            added.properties.zzadded = {};
          }
          const findings = await diff(
            format,
            { [`${name}.json`]: json(doc) },
            { [`${name}.json`]: json(added) },
          );
          expect(breakingInBackward(findings)).toEqual([]);
        }),
        opts,
      );
    },
    TIMEOUT,
  );
});

describe('protobuf properties', () => {
  it(
    'diff(x, x) is empty; fields reordered give no findings; a new field is not breaking',
    async () => {
      await fc.assert(
        fc.asyncProperty(gen.proto, async (msgs) => {
          const base = { 'gen.proto': gen.protoText(msgs) };
          expect(await diff('protobuf', base, base)).toEqual([]);
          const reordered = { 'gen.proto': gen.protoText(msgs, (f) => [...f].reverse()) };
          expect(await diff('protobuf', base, reordered)).toEqual([]);
          const grown = msgs.map((m, i) =>
            i === 0
              ? { ...m, fields: [...m.fields, { name: 'zzadded', type: 'string', number: 99 }] }
              : m,
          );
          const findings = await diff('protobuf', base, { 'gen.proto': gen.protoText(grown) });
          expect(breakingInBackward(findings)).toEqual([]);
        }),
        opts,
      );
    },
    TIMEOUT,
  );
});

/** A mutation of a document's text or value: what a broken or hostile file looks like. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('truncate' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    bit: fc.integer({ min: 0, max: 7 }),
  }),
  fc.record({
    kind: fc.constant('swap' as const),
    pick: fc.nat(),
    value: fc.constantFrom<Json>(null, true, 0, -1.5, '', 'x', [], {}, [1, 'a'], {
      $ref: '#/nowhere',
    }),
  }),
  fc.record({
    kind: fc.constant('nest' as const),
    pick: fc.nat(),
    depth: fc.integer({ min: 300, max: 3000 }),
    array: fc.boolean(),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

/** Every object/array slot of a value, as [container, key]. */
function slots(v: Json): Array<[Record<string, Json> | Json[], string | number]> {
  const out: Array<[Record<string, Json> | Json[], string | number]> = [];
  const walk = (x: Json) => {
    if (Array.isArray(x)) x.forEach((c, i) => (out.push([x, i]), walk(c)));
    else if (x && typeof x === 'object')
      for (const k of Object.keys(x)) (out.push([x, k]), walk(x[k]!));
  };
  walk(v);
  return out;
}

function mutate(doc: Json, text: string, m: Mutation): string | Buffer {
  if (m.kind === 'truncate') return text.slice(0, Math.floor(text.length * m.at));
  if (m.kind === 'flip') {
    const b = Buffer.from(text);
    const i = Math.min(b.length - 1, Math.floor(b.length * m.at));
    b[i]! ^= 1 << m.bit;
    return b;
  }
  const copy = structuredClone(doc);
  const all = slots(copy);
  if (!all.length) return text;
  const [container, key] = all[m.pick % all.length]!;
  const set = (v: Json) => ((container as Record<string, Json>)[key as string] = v);
  if (m.kind === 'swap') set(structuredClone(m.value));
  else {
    let v = (container as Record<string, Json>)[key as string]!;
    for (let i = 0; i < m.depth; i++) v = m.array ? [v] : { a: v };
    set(v);
  }
  return JSON.stringify(copy);
}

describe('mutated documents never throw anything but a TreatyError', () => {
  const formats = [
    ['openapi', gen.openapi],
    ['asyncapi', gen.asyncapi],
    ['jsonschema', gen.jsonschema],
  ] as const;
  it.each(formats)(
    '%s',
    async (format, arb) => {
      const name = FILES[format];
      await fc.assert(
        fc.asyncProperty(arb, mutation, fc.boolean(), async (doc, m, asYaml) => {
          const text = asYaml ? stringify(doc) : json(doc);
          const mutated = mutate(doc, text, m);
          const ext = asYaml && (m.kind === 'truncate' || m.kind === 'flip') ? 'yaml' : 'json';
          await expectCleanOutcome(async () => {
            const base = await load(format, { [`${name}.json`]: json(doc) });
            const rev = await load(format, { [`${name}.${ext}`]: mutated });
            compareContracts(base, rev);
          });
        }),
        opts,
      );
    },
    TIMEOUT,
  );

  it(
    'protobuf',
    async () => {
      await fc.assert(
        fc.asyncProperty(gen.proto, mutation, async (msgs, m) => {
          const text = gen.protoText(msgs);
          let mutated: string | Buffer;
          if (m.kind === 'truncate' || m.kind === 'flip') mutated = mutate(null, text, m);
          else if (m.kind === 'nest') {
            mutated = text.replace(
              /message (\w+) \{/,
              (_all, n: string) =>
                'message N {\n'.repeat(m.depth) + `}\n`.repeat(m.depth) + `message ${n} {`,
            );
          } else mutated = text.replace(/ = (\d+);/, ` = ${JSON.stringify(m.value)};`);
          await expectCleanOutcome(async () => {
            const base = await load('protobuf', { 'gen.proto': text });
            const rev = await load('protobuf', { 'gen.proto': mutated });
            compareContracts(base, rev);
          });
        }),
        opts,
      );
    },
    TIMEOUT,
  );
});

async function expectCleanOutcome(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (!(e instanceof TreatyError)) throw e;
    expect(e.oneLine()).not.toMatch(/\n/);
  }
}
