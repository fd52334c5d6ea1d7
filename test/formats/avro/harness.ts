import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { Catalogue } from '../../../src/core/catalogue.js';
import type { ContractRef, Finding } from '../../../src/core/model.js';
import { DirSource } from '../../../src/core/source.js';
import { avroAdapter } from '../../../src/formats/avro/adapter.js';
import { AVRO_RULES } from '../../../src/formats/avro/rules.js';
import { FIXTURES } from '../asyncapi/harness.js';

export const AVRO = path.join(FIXTURES, 'avro');
export const catalogue = new Catalogue().register(AVRO_RULES);

/** A fixture side: `<dir>/base.avsc` (one file) or `<dir>/base/` (a folder of schemas). */
export function sideRef(dir: string, name: 'base' | 'revision'): ContractRef {
  const folder = path.join(dir, name);
  if (existsSync(folder) && statSync(folder).isDirectory()) {
    return { id: 'events', format: 'avro', root: folder, entries: [] };
  }
  return { id: 'events', format: 'avro', root: dir, entries: [`${name}.avsc`] };
}

export async function diffAvro(dir: string): Promise<Finding[]> {
  const load = (name: 'base' | 'revision') => {
    const ref = sideRef(dir, name);
    return avroAdapter.load(ref, new DirSource(ref.root));
  };
  const [base, rev] = [await load('base'), await load('revision')];
  return avroAdapter.compare(base, rev, { catalogue, contract: 'events' });
}

/** `rule severity file:line:col`, the file relative to the fixture folder. */
export function rows(found: Finding[], dir: string): string[] {
  return found
    .map(
      (f) =>
        `${f.rule} ${f.severity} ${path.relative(dir, f.location.file)}:${f.location.line}:${f.location.column}`,
    )
    .sort();
}
