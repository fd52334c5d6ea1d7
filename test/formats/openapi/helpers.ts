import path from 'node:path';
import type { LoadedContract } from '../../../src/core/adapter.js';
import type { Finding } from '../../../src/core/model.js';
import type { FileSource } from '../../../src/core/source.js';
import { DirSource } from '../../../src/core/source.js';
import { getCatalogue } from '../../../src/formats/index.js';
import { openapiAdapter } from '../../../src/formats/openapi/adapter.js';
import type { OpenApiModel } from '../../../src/formats/openapi/model.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../../../fixtures/openapi');

/** A fixed date, so sunset rules judge the fixtures the same on every day. */
export const TODAY = '2025-01-01';

export async function load(
  source: FileSource,
  entry: string,
  options: Record<string, unknown> = {},
): Promise<LoadedContract<OpenApiModel>> {
  return openapiAdapter.load(
    { id: 'pets', format: 'openapi', root: source.absolute(''), entries: [entry], options },
    source,
  );
}

/** Compares two entry files (each in its own source), as `treaty diff` would. */
export async function diff(
  base: { source: FileSource; entry: string },
  rev: { source: FileSource; entry: string },
  options: Record<string, unknown> = {},
): Promise<Finding[]> {
  const opts = { today: TODAY, ...options };
  const b = await load(base.source, base.entry, opts);
  const r = await load(rev.source, rev.entry, opts);
  return [
    ...(r.problems ?? []),
    ...openapiAdapter.compare(b, r, { catalogue: getCatalogue(), contract: 'pets', options: opts }),
  ];
}

/** Compares two files of one fixture folder. */
export function diffIn(
  dir: string,
  base: string,
  rev: string,
  options: Record<string, unknown> = {},
): Promise<Finding[]> {
  const source = new DirSource(path.join(FIXTURES, dir));
  return diff({ source, entry: base }, { source, entry: rev }, options);
}

export const ids = (fs: readonly Finding[]) => fs.map((f) => f.rule).sort();
