import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { InputError, RegistryError } from '../core/errors.js';
import { LocationMap } from '../core/locations.js';
import { decodeText } from '../core/text.js';
import { describeError, schemaValidator } from '../core/json-schema-validator.js';
import { pointerToString } from '../core/model.js';
import { parseSemver } from '../policy/semver.js';
import type { Manifest, RegistryIndex } from './types.js';

/** Reading and validating the registry's JSON files: any problem is a RegistryError with the path. */

export const INDEX_SCHEMA = 'registry-index.schema.json';
export const MANIFEST_SCHEMA = 'registry-manifest.schema.json';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Parses and validates a JSON text against one of treaty's schemas. */
export function parseJsonFile<T>(file: string, text: string, schema: string): T {
  let value: unknown;
  try {
    value = LocationMap.parseJson(file, text).value;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new RegistryError(e.message, e.position);
  }
  const validate = schemaValidator(schema);
  if (!validate(value)) {
    const p = describeError(validate.errors![0]!);
    const at = p.pointer.length ? ` at ${pointerToString(p.pointer)}` : '';
    throw new RegistryError(`does not match ${schema}${at}: ${p.message}`, { file });
  }
  return value as T;
}

export async function readBytes(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RegistryError(code === 'ENOENT' ? 'file not found' : `cannot read (${code})`, {
      file,
    });
  }
}

/** A registry file's bytes as UTF-8 text; anything else is a RegistryError at its line. */
export function registryText(bytes: Uint8Array, file: string): string {
  try {
    return decodeText(bytes, file);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new RegistryError(e.message, e.position);
  }
}

export async function readIndexFile(file: string): Promise<RegistryIndex> {
  const bytes = await readBytes(file);
  return parseJsonFile<RegistryIndex>(file, registryText(bytes, file), INDEX_SCHEMA);
}

/**
 * Reads a manifest and checks what the schema cannot: it belongs to this folder, its major is its
 * version's, entries are among its files, no file is listed twice.
 */
export async function readManifestFile(
  file: string,
  contract: string,
  version: string,
): Promise<{ manifest: Manifest; sha256: string }> {
  const bytes = await readBytes(file);
  const manifest = parseJsonFile<Manifest>(file, registryText(bytes, file), MANIFEST_SCHEMA);
  const problem = manifestProblem(manifest, contract, version);
  if (problem) throw new RegistryError(problem, { file });
  return { manifest, sha256: sha256(bytes) };
}

export function manifestProblem(
  m: Manifest,
  contract: string,
  version: string,
): string | undefined {
  if (m.contract !== contract) return `manifest is for contract '${m.contract}', not '${contract}'`;
  if (m.version !== version) return `manifest is for version ${m.version}, not ${version}`;
  if (parseSemver(m.version)!.major !== m.major) {
    return `major ${m.major} does not match version ${m.version}`;
  }
  const paths = new Set<string>();
  for (const f of m.files) {
    if (f.path === 'manifest.json') return `a contract file cannot be named manifest.json`;
    if (paths.has(f.path)) return `file '${f.path}' is listed twice`;
    paths.add(f.path);
  }
  const missing = m.entries.find((e) => !paths.has(e));
  if (missing) return `entry '${missing}' is not among the manifest's files`;
  return undefined;
}
