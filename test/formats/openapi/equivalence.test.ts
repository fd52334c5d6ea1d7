import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { FileSource } from '../../../src/core/source.js';
import { DirSource, MemorySource } from '../../../src/core/source.js';
import { FIXTURES, diff, diffIn } from './helpers.js';

/**
 * Equal meaning compares equal: the same API written as Swagger 2.0, OpenAPI 3.0 and OpenAPI 3.1
 * (2.0 body/formData parameters vs request bodies, produces/consumes vs content, definitions vs
 * components, securityDefinitions vs securitySchemes, host/basePath vs servers, x-nullable vs
 * nullable vs type arrays, path parameters renamed); and a document against itself, against its
 * YAML→JSON conversion and against a copy with every object's keys reordered.
 */

const DIALECTS = ['swagger-2.0.yaml', 'openapi-3.0.yaml', 'openapi-3.1.yaml'];

describe('2.0, 3.0 and 3.1 of the same API', () => {
  for (const a of DIALECTS) {
    for (const b of DIALECTS) {
      if (a === b) continue;
      it(`${a} → ${b}: no findings`, async () => {
        expect(await diffIn('scenarios/dialects', a, b)).toEqual([]);
      });
    }
  }
});

describe('schemas compared by meaning, not by name', () => {
  it('renaming components and inlining a $ref changes no operation', async () => {
    const findings = await diffIn('scenarios/renamed', 'base.yaml', 'revision.yaml');
    // Only the changelog notes that the old names are gone from components.
    expect(findings.map((f) => `${f.rule} ${f.args.name} ${f.severity}`).sort()).toEqual([
      'api-schema-removed Error info',
      'api-schema-removed NewPet info',
      'api-schema-removed Pet info',
    ]);
  });
});

describe('media type names compared as ranges', () => {
  it('a narrowed request wildcard is a removal; a charset or a +json suffix is the same media type', async () => {
    const findings = await diffIn('scenarios/media-types', 'base.yaml', 'revision.yaml');
    expect(findings.map((f) => `${f.rule} ${f.args.name} ${f.severity}`).sort()).toEqual([
      'api-version-not-bumped undefined info',
      'request-body-media-type-removed application/* breaking',
      'response-media-type-name-specialized application/problem+json info',
    ]);
    const back = await diffIn('scenarios/media-types', 'revision.yaml', 'base.yaml');
    expect(back.map((f) => `${f.rule} ${f.severity}`).sort()).toEqual([
      'api-version-not-bumped info',
      'response-media-type-name-generalized breaking',
    ]);
  });
});

/** A copy of every file of a source, each transformed. */
async function transformed(
  source: FileSource,
  label: string,
  transform: (value: unknown) => string,
): Promise<MemorySource> {
  const files = new Map<string, string>();
  for (const rel of await source.list()) {
    if (!/\.(ya?ml|json)$/.test(rel)) continue;
    files.set(rel, transform(parseYaml(await source.read(rel), { maxAliasCount: -1 })));
  }
  return new MemorySource(label, files);
}

const toJson = (v: unknown) => JSON.stringify(v, null, 2);

/** Every object's keys in reverse order; arrays untouched (their order can mean something). */
function reorder(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reorder);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reorder(x)]),
    );
  }
  return v;
}

const SUBJECTS: Array<{ name: string; dir: string; entry: string }> = [
  ...DIALECTS.map((entry) => ({ name: entry, dir: 'scenarios/dialects', entry })),
  { name: 'cycles', dir: 'scenarios/cycles', entry: 'base.yaml' },
  { name: 'multi-file', dir: 'scenarios/multi-file/base', entry: 'api/openapi.yaml' },
  { name: 'security', dir: 'api-security-component-type-changed', entry: 'base.yaml' },
  { name: 'webhooks (3.1)', dir: 'webhook-added', entry: 'revision.yaml' },
];

describe('a document against itself, its JSON conversion and a reordered copy', () => {
  for (const s of SUBJECTS) {
    const source = new DirSource(path.join(FIXTURES, s.dir));
    const side = { source, entry: s.entry };
    it(`${s.name}: itself`, async () => {
      expect(await diff(side, side)).toEqual([]);
    });
    it(`${s.name}: YAML → JSON`, async () => {
      const json = await transformed(source, 'json', toJson);
      expect(await diff(side, { source: json, entry: s.entry })).toEqual([]);
      expect(await diff({ source: json, entry: s.entry }, side)).toEqual([]);
    });
    it(`${s.name}: keys reordered`, async () => {
      const shuffled = await transformed(source, 'reordered', (v) => toJson(reorder(v)));
      expect(await diff(side, { source: shuffled, entry: s.entry })).toEqual([]);
    });
  }
});
