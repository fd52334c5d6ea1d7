import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, test } from 'vitest';
import { LocationMap } from '../../../src/core/locations.js';
import { dereferenceLocal } from '../../../src/formats/openapi/dereference.js';

/**
 * Our dereference of a self-contained document (src/formats/openapi/dereference.ts) must give the
 * graph $RefParser gives — the same values, the same sharing (one node per target), the same
 * cycles, merged copies for extended refs — and the same onDereference calls; a ref it does not
 * reproduce leaves the document untouched (it returns false and $RefParser does the work).
 */
const FIXTURES = resolve(import.meta.dirname, '../../../fixtures/openapi');
const DIR = join(FIXTURES, 'scenarios', 'dereference');

type Call = [string, string, string];
const parse = (file: string) =>
  LocationMap.parse(file, readFileSync(file, 'utf8')) as {
    map: LocationMap;
    value: Record<string, unknown>;
  };

/** Dereferences with $RefParser (through swagger-parser, as load.ts does) and records the calls. */
async function theirs(file: string) {
  const { value } = parse(file);
  const calls: Call[] = [];
  const names = new Names();
  const sp = new SwaggerParser();
  await sp.dereference(
    file,
    value as never,
    {
      resolve: { external: false },
      dereference: {
        circular: true,
        onDereference: (ref: string, v: unknown, parent: unknown, key: string) =>
          calls.push([ref, names.of(parent), key + ':' + names.of(v)]),
      },
    } as never,
  );
  return { value: sp.api as unknown, calls, names };
}

function ours(file: string) {
  const { map, value } = parse(file);
  const calls: Call[] = [];
  const names = new Names();
  const done = dereferenceLocal(
    value,
    (ref, v, parent, key) => calls.push([ref, names.of(parent), key + ':' + names.of(v)]),
    map.tree,
  );
  return { done, value: value as unknown, calls, names };
}

/** Names objects by first sight in a walk, so two graphs' calls can be compared. */
class Names {
  private readonly ids = new Map<unknown, string>();
  of(x: unknown): string {
    if (!x || typeof x !== 'object') return JSON.stringify(x) ?? 'undefined';
    let id = this.ids.get(x);
    if (!id) this.ids.set(x, (id = `#${this.ids.size}`));
    return id;
  }
}

/** Both graphs have the same shape: values, key order, and which nodes are the same node. */
function isomorphic(a: unknown, b: unknown, path = '', map = new Map<unknown, unknown>()): void {
  if (!a || typeof a !== 'object' || !b || typeof b !== 'object') {
    expect(b, path).toStrictEqual(a);
    return;
  }
  if (map.has(a)) {
    expect(map.get(a) === b, `${path}: the same node in one graph, another in the other`).toBe(
      true,
    );
    return;
  }
  map.set(a, b);
  expect(Array.isArray(b), path).toBe(Array.isArray(a));
  expect(Object.keys(b), path).toEqual(Object.keys(a));
  for (const k of Object.keys(a)) isomorphic((a as never)[k], (b as never)[k], `${path}/${k}`, map);
}

function fixtureDocs(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...fixtureDocs(p));
    else if (/\.(ya?ml|json)$/.test(name)) out.push(p);
  }
  return out.sort();
}

/** Documents of our fixtures that are OpenAPI, parse, and write only refs into themselves. */
const selfContained = fixtureDocs(FIXTURES).filter((file) => {
  try {
    const text = readFileSync(file, 'utf8');
    if (!/^\s*"?(openapi|swagger)"?\s*:/m.test(text)) return false;
    const refs = [...text.matchAll(/\$ref"?\s*:\s*['"]?([^'"\s,}]*)/g)].map((m) => m[1]!);
    if (refs.some((r) => !r.startsWith('#'))) return false;
    const { value } = parse(file);
    return !!value && typeof value === 'object' && ('paths' in value || 'webhooks' in value);
  } catch {
    return false;
  }
});

describe('dereference of a self-contained document', () => {
  test.each(['refs.yaml', 'refs.json'])(
    '%s: the graph and the calls of $RefParser',
    async (name) => {
      const file = join(DIR, name);
      const mine = ours(file);
      const ref = await theirs(file);
      expect(mine.done).toBe(true);
      isomorphic(ref.value, mine.value);
      expect(mine.calls).toEqual(ref.calls);
      expect(mine.calls.length).toBeGreaterThan(10);
    },
  );

  test('an extended ref is a merged copy (the target itself on a cycle); a cycle is a cycle', () => {
    const { value } = ours(join(DIR, 'refs.yaml'));
    const doc = value as any;
    const get = doc.paths['/owners'].get;
    const error = doc.components.schemas.Error;
    const failed = get.responses['400'].content['application/json'].schema;
    expect(failed).not.toBe(error);
    expect(failed.description).toBe('Why it failed');
    expect(failed.properties).toBe(error.properties);
    const pet = doc.components.schemas.Pet;
    expect(pet.properties.label).toEqual({
      description: "The pet's label",
      type: 'string',
      maxLength: 20,
    });
    // $RefParser returns a target already found on a cycle as it is, siblings dropped.
    const owner = doc.components.schemas.Owner;
    expect(get.responses['200'].content['application/json'].schema.items).toBe(owner);
    expect(owner.properties.self).toBe(owner);
    expect(owner.properties.pets.items.properties.owner).toBe(owner);
    // A chain ends at its last target; an escaped pointer reaches the path's schema.
    expect(doc.components.schemas.Pet.properties.tag).toBe(doc.components.schemas.Tag);
    expect(doc.paths['/owners'].get.responses.default.content['application/json'].schema).toBe(
      doc.components.schemas.Pet,
    );
  });

  test.each(['through-ref.yaml', 'self.yaml', 'missing.yaml'])(
    '%s: left to $RefParser, the document untouched',
    (name) => {
      const file = join(DIR, name);
      const mine = ours(file);
      expect(mine.done).toBe(false);
      expect(mine.value).toEqual(parse(file).value);
      expect(mine.calls).toEqual([]);
    },
  );

  test(`every self-contained fixture document (${selfContained.length}) gives $RefParser's graph`, async () => {
    let compared = 0;
    for (const file of selfContained) {
      const mine = ours(file);
      if (!mine.done) continue;
      let ref: Awaited<ReturnType<typeof theirs>>;
      try {
        ref = await theirs(file);
      } catch {
        continue; // documents swagger-parser refuses (no paths, a numeric version): not ours to judge
      }
      const where = relative(FIXTURES, file);
      expect(() => isomorphic(ref.value, mine.value, where)).not.toThrow();
      expect(mine.calls, where).toEqual(ref.calls);
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });
});
