import type { CompareContext, LoadedContract } from '../../core/adapter.js';
import { findingFactory } from '../../core/catalogue.js';
import { createSchemaComparator } from '../../core/jsonschema/compare.js';
import { STABILITY_LEVELS, type Finding, type StabilityLevel } from '../../core/model.js';
import { matchEntries } from '../../core/match.js';
import type { JsonSchemaModel } from './load.js';
import { schemaFileAdded, schemaFileRemoved } from './rules.js';

/**
 * Compares two JSON Schema contracts file by file (matched by relative path); each file's root goes
 * through the shared comparator with place `document` and the contract's direction.
 *
 * Stability: a schema file declares how much it promises with `x-stability-level` at its root
 * (draft < alpha < beta < stable; absent means stable), the keyword OpenAPI and AsyncAPI use
 * (JSON Schema has no standard one; unknown keywords are annotations). Every finding in the file
 * carries the level the published version declared (else the revision's), so the policy lets a
 * schema below the threshold change freely; lowering the level is itself breaking
 * (`schema-stability-decreased`, found by the shared comparator).
 */
export function compareJsonSchema(
  base: LoadedContract<JsonSchemaModel>,
  rev: LoadedContract<JsonSchemaModel>,
  ctx: CompareContext,
): Finding[] {
  const make = findingFactory(ctx.catalogue, ctx.contract, 'jsonschema');
  const schemas = createSchemaComparator({ catalogue: ctx.catalogue, make, format: 'jsonschema' });
  const B = base.model;
  const R = rev.model;
  const out: Finding[] = [];
  // A one-file contract on both sides is one document, whatever the files are called.
  const single = B.single && R.single && B.documents.size === 1 && R.documents.size === 1;
  const m = matchEntries(B.documents, R.documents, single ? () => '' : undefined);
  const fileAt = (model: JsonSchemaModel, file: string) => model.docs.locateIn(file, []);
  /** The stability of each compared file, by the file name findings carry (either side). */
  const levels = new Map<string, StabilityLevel>();
  for (const { key, base: b } of m.removed) {
    const level = levelOf(b);
    out.push(
      make(schemaFileRemoved, {
        args: { file: key },
        location: fileAt(B, key),
        ...(level ? { stability: level } : {}),
      }),
    );
  }
  for (const { key } of m.added) {
    out.push(make(schemaFileAdded, { args: { file: key }, location: fileAt(R, key) }));
  }
  for (const { key, base: b, rev: r } of m.both) {
    const baseFile = m.baseKey.get(key) ?? key;
    const revFile = m.revKey.get(key) ?? key;
    const level = levelOf(b) ?? levelOf(r);
    if (level) {
      levels.set(fileAt(B, baseFile).file, level);
      levels.set(fileAt(R, revFile).file, level);
    }
    schemas.compare({
      base: {
        schema: b,
        locate: (n) => B.docs.locate(n),
        locateAt: (n, at) => B.docs.locate(n, ...at),
        dialect: 'json-schema',
      },
      rev: {
        schema: r,
        locate: (n) => R.docs.locate(n),
        locateAt: (n, at) => R.docs.locate(n, ...at),
        dialect: 'json-schema',
      },
      direction: R.direction,
      place: { kind: 'document' },
      affects: `schema ${revFile}`,
      fallbackBase: fileAt(B, baseFile),
      fallbackRev: fileAt(R, revFile),
    });
  }
  const found = [...out, ...schemas.findings()];
  if (!levels.size) return found;
  return found.map((f) => {
    // Lowering the level is judged on its own, never exempted by the level it lowers.
    if (f.rule.endsWith('stability-decreased')) return f;
    const level = levels.get(f.location.file) ?? levels.get(f.baseLocation?.file ?? '');
    return level ? { ...f, stability: level } : f;
  });
}

function levelOf(root: unknown): StabilityLevel | undefined {
  const raw =
    root && typeof root === 'object'
      ? (root as Record<string, unknown>)['x-stability-level']
      : undefined;
  return (STABILITY_LEVELS as readonly unknown[]).includes(raw)
    ? (raw as StabilityLevel)
    : undefined;
}
