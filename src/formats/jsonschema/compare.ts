import type { CompareContext, LoadedContract } from '../../core/adapter.js';
import { findingFactory } from '../../core/catalogue.js';
import { createSchemaComparator } from '../../core/jsonschema/compare.js';
import type { Finding } from '../../core/model.js';
import { matchEntries } from '../../core/match.js';
import type { JsonSchemaModel } from './load.js';
import { schemaFileAdded, schemaFileRemoved } from './rules.js';

/**
 * Compares two JSON Schema contracts file by file (matched by relative path); each file's root goes
 * through the shared comparator with place `document` and the contract's direction.
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
  for (const { key } of m.removed) {
    out.push(make(schemaFileRemoved, { args: { file: key }, location: fileAt(B, key) }));
  }
  for (const { key } of m.added) {
    out.push(make(schemaFileAdded, { args: { file: key }, location: fileAt(R, key) }));
  }
  for (const { key, base: b, rev: r } of m.both) {
    const baseFile = m.baseKey.get(key) ?? key;
    const revFile = m.revKey.get(key) ?? key;
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
  return [...out, ...schemas.findings()];
}
