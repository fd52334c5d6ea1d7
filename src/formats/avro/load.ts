import { createRequire } from 'node:module';
import type { LoadedContract } from '../../core/adapter.js';
import { InputError } from '../../core/errors.js';
import { LocationMap } from '../../core/locations.js';
import type { ContractRef, SourceLocation } from '../../core/model.js';
import type { FileSource } from '../../core/source.js';
import { majorOf } from '../jsonschema/version.js';
import { idlLocator } from './idl.js';
import { isNamed, type AvroSchema, type AvroType } from './model.js';
import { AvroParser, type Locate } from './parse.js';

/**
 * An Avro contract: one schema file or a folder of them. `.avsc` files hold a schema each (JSON);
 * `.avpr` protocols (JSON) and `.avdl` IDL files (read with the `avsc` package) contribute their
 * named types. Named types are shared by full name across the files of the contract. Each file's
 * root (each protocol type) is a schema of the contract, matched with the baseline by full name.
 */
export interface AvroModel {
  schemas: AvroSchema[];
  /** A one-file contract: its root is compared with the baseline's root whatever it is called. */
  single: boolean;
}

export const AVRO_EXT = /\.(avsc|avpr|avdl)$/i;

export async function loadAvro(
  ref: ContractRef,
  source: FileSource,
): Promise<LoadedContract<AvroModel>> {
  const files = ref.entries.length
    ? [...ref.entries]
    : (await source.list()).filter((f) => AVRO_EXT.test(f));
  if (!files.length) {
    throw new InputError('no Avro schema (.avsc, .avpr, .avdl) in the contract folder', {
      file: source.label,
    });
  }
  const parser = new AvroParser();
  const roots: Array<{ file: string; holder: { type: AvroType }; index?: number }> = [];
  const maps = new Map<string, LocationMap>();
  for (const file of files) {
    const text = await source.read(file);
    const abs = source.absolute(file);
    if (/\.avdl$/i.test(file)) {
      const protocol = readIdl(text, abs);
      const locate = idlLocator(abs, text, protocol);
      addProtocol(parser, protocol, locate, file, abs, roots);
      continue;
    }
    const { map, value } = LocationMap.parse(abs, text);
    maps.set(file, map);
    const locate: Locate = (p) => map.locate(p);
    if (/\.avpr$/i.test(file)) addProtocol(parser, value, locate, file, abs, roots);
    else roots.push({ file, holder: parser.parse(value, locate) });
  }
  parser.finish();
  const schemas: AvroSchema[] = roots.map(({ file, holder, index }) => ({
    key: isNamed(holder.type)
      ? holder.type.fullName
      : index === undefined
        ? file
        : `${file}#${index}`,
    file,
    type: holder.type,
  }));
  const keys = new Map<string, AvroSchema>();
  for (const s of schemas) {
    const dup = keys.get(s.key);
    if (dup) {
      throw new InputError(`Avro schema '${s.key}' is the root of two files (${dup.file})`, {
        file: source.absolute(s.file),
      });
    }
    keys.set(s.key, s);
  }
  const loaded: LoadedContract<AvroModel> = {
    ref,
    files: [...files].sort(),
    model: { schemas, single: ref.entries.length === 1 && files.length === 1 },
    locationMap: (rel) => maps.get(rel),
  };
  const version = ref.options?.version;
  if (typeof version === 'string') {
    loaded.version = version;
    const major = majorOf(version);
    if (major !== undefined) loaded.major = major;
  }
  return loaded;
}

/** A protocol's named types become schemas of the contract (messages are not compared). */
function addProtocol(
  parser: AvroParser,
  value: unknown,
  locate: Locate,
  file: string,
  abs: string,
  roots: Array<{ file: string; holder: { type: AvroType }; index?: number }>,
): void {
  const at = (p: string[]): SourceLocation => locate(p);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError('invalid Avro protocol: must be an object', {
      file: abs,
      line: 1,
      column: 1,
    });
  }
  const o = value as Record<string, unknown>;
  if (typeof o.protocol !== 'string') {
    throw new InputError(`invalid Avro protocol: missing 'protocol'`, at([]));
  }
  const ns = typeof o.namespace === 'string' ? o.namespace : '';
  const types = o.types ?? [];
  if (!Array.isArray(types))
    throw new InputError(`invalid Avro protocol: 'types' must be an array`, at(['types']));
  types.forEach((t, i) => {
    roots.push({
      file,
      index: i,
      holder: parser.parse(t, (p) => locate(['types', String(i), ...p]), ns),
    });
  });
}

const require = createRequire(import.meta.url);

/** Avro IDL through the `avsc` package (imports are not followed: one self-contained file). */
function readIdl(text: string, file: string): unknown {
  const avsc = require('avsc') as { readProtocol(s: string): unknown };
  try {
    return avsc.readProtocol(text);
  } catch (e) {
    const message = (e as Error).message.split('\n')[0]!;
    const m = /line (\d+)/.exec(message);
    throw new InputError(`invalid Avro IDL: ${message}`, {
      file,
      ...(m ? { line: Number(m[1]) } : {}),
    });
  }
}
