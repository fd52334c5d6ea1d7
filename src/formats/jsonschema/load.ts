import { createRequire } from 'node:module';
import type { ErrorObject } from 'ajv';
import type { LoadedContract } from '../../core/adapter.js';
import { Catalogue, findingFactory } from '../../core/catalogue.js';
import type { SchemaDirection } from '../../core/jsonschema/api.js';
import { assertDepth } from '../../core/depth.js';
import { majorOf, versionInId } from '../../core/document-version.js';
import { InputError } from '../../core/errors.js';
import type { ContractRef, SourceLocation } from '../../core/model.js';
import { pointerFromString } from '../../core/model.js';
import type { FileSource } from '../../core/source.js';
import { DocumentSet, type RefSiblings } from './documents.js';
import { globToRegExp } from './glob.js';
import { schemaFileInvalid } from './rules.js';

/**
 * A JSON Schema contract: one schema file, or a folder of them (draft-04 to 2020-12, YAML or JSON),
 * `$ref`s resolved across files (relative paths and `$id`s). Each file is a document of its own,
 * matched with the baseline by its path relative to the contract root.
 *
 * Options: `direction` (`read` | `write` | `both`, default both), `include` (globs), `lenient`,
 * `validation: 'warn'` (set by `check` unless strict), `allowRemoteRefs`.
 */
export interface JsonSchemaModel {
  /** Contract documents by relative path, resolved. */
  documents: Map<string, unknown>;
  /** True for a one-file contract (an entry file, not a folder): compared whatever its name. */
  single: boolean;
  docs: DocumentSet;
  direction: SchemaDirection;
}

const DOC_EXT = /\.(json|ya?ml)$/i;

export async function loadJsonSchema(
  ref: ContractRef,
  source: FileSource,
): Promise<LoadedContract<JsonSchemaModel>> {
  const options = ref.options ?? {};
  const lenient = options.lenient === true;
  const direction = readDirection(options.direction, source.label);
  const files = await contractFiles(ref, source);
  const dialects = new Map<string, Dialect>();
  const docs = new DocumentSet(source, {
    allowRemoteRefs: options.allowRemoteRefs === true,
    refSiblings: (file) => siblingsOf(dialects.get(file) ?? 'unknown'),
  });
  const problems: Array<{ file: string; message: string; at: SourceLocation }> = [];
  const raw = new Map<string, unknown>();
  for (const file of files) {
    const value = await docs.load(file);
    if (
      typeof value !== 'boolean' &&
      (typeof value !== 'object' || value === null || Array.isArray(value))
    ) {
      throw new InputError('not a JSON Schema: the document must be an object or a boolean', {
        file: source.absolute(file),
        line: 1,
        column: 1,
      });
    }
    dialects.set(file, dialectOf(value));
    raw.set(file, value);
    for (const problem of metaValidate(value, dialects.get(file)!)) {
      const at = docs.locateIn(file, problem.pointer);
      if (!lenient && options.validation !== 'warn') {
        throw new InputError(`invalid JSON Schema: ${problem.message}`, at);
      }
      problems.push({ file, message: problem.message, at });
    }
  }
  const documents = new Map<string, unknown>();
  for (const [file, value] of raw) {
    const resolved = await docs.resolve(value);
    assertDepth(resolved, (n) => docs.locate(n), { file: source.absolute(file) });
    documents.set(file, resolved);
  }
  const loaded: LoadedContract<JsonSchemaModel> = {
    ref,
    files: docs.fileList(),
    model: { documents, single: ref.entries.length === 1, docs, direction },
    locationMap: (rel) => docs.mapOf(rel),
  };
  const declared =
    declaredVersion(raw) ??
    (typeof options.version === 'string'
      ? { version: options.version, field: "the contract's version in treaty.yaml" }
      : undefined);
  if (declared) {
    loaded.version = declared.version;
    loaded.versionField = declared.field;
    const major = majorOf(declared.version);
    if (major !== undefined) loaded.major = major;
  }
  if (problems.length) {
    catalogue ??= new Catalogue().register([schemaFileInvalid]);
    const make = findingFactory(catalogue, ref.id, 'jsonschema');
    loaded.problems = problems.map((p) =>
      make(schemaFileInvalid, { args: { file: p.file, problem: p.message }, location: p.at }),
    );
  }
  return loaded;
}

let catalogue: Catalogue | undefined;

/**
 * The version the schema files declare: a top-level `version` string, else a version in `$id`
 * (`…/order/1.2.0/order.json`, `order-1.2.0.json`, `…/v2`). When the files declare different
 * versions (a folder of independently versioned events), the contract has none: it is computed.
 */
function declaredVersion(
  raw: Map<string, unknown>,
): { version: string; field: string } | undefined {
  const found: Array<{ version: string; field: string }> = [];
  for (const [file, value] of raw) {
    if (typeof value !== 'object' || value === null) continue;
    const doc = value as { version?: unknown; $id?: unknown };
    if (typeof doc.version === 'string' && doc.version.trim()) {
      found.push({ version: doc.version.trim(), field: `version of ${file}` });
      continue;
    }
    const inId = typeof doc.$id === 'string' ? versionInId(doc.$id) : undefined;
    if (inId) found.push({ version: inId, field: `the version in $id of ${file}` });
  }
  if (!found.length || new Set(found.map((f) => f.version)).size > 1) return undefined;
  return found.length === 1
    ? found[0]
    : { version: found[0]!.version, field: found.map((f) => f.field).join(', ') };
}

function readDirection(value: unknown, label: string): SchemaDirection {
  if (value === undefined) return 'both';
  if (value === 'read' || value === 'write' || value === 'both') return value;
  throw new InputError(
    `option 'direction' must be 'read', 'write' or 'both', not ${JSON.stringify(value)}`,
    { file: label },
  );
}

/** The entry files, or every YAML/JSON file below the root (filtered by `include` globs). */
async function contractFiles(ref: ContractRef, source: FileSource): Promise<string[]> {
  if (ref.entries.length) return [...ref.entries];
  const include = Array.isArray(ref.options?.include)
    ? (ref.options!.include as unknown[]).filter((g): g is string => typeof g === 'string')
    : [];
  const globs = include.map(globToRegExp);
  const all = (await source.list()).filter((f) => DOC_EXT.test(f));
  return globs.length ? all.filter((f) => globs.some((g) => g.test(f))) : all;
}

type Dialect = 'draft-04' | 'draft-06' | 'draft-07' | '2019-09' | '2020-12' | 'unknown';

function dialectOf(schema: unknown): Dialect {
  const id =
    typeof schema === 'object' && schema ? (schema as { $schema?: unknown }).$schema : undefined;
  if (typeof id !== 'string') return 'unknown';
  if (id.includes('draft-04')) return 'draft-04';
  if (id.includes('draft-06')) return 'draft-06';
  if (id.includes('draft-07')) return 'draft-07';
  if (id.includes('2019-09')) return '2019-09';
  if (id.includes('2020-12')) return '2020-12';
  return 'unknown';
}

/** Up to draft-07 the siblings of `$ref` are ignored; from 2019-09 they apply (like `allOf`). */
function siblingsOf(d: Dialect): RefSiblings {
  return d === 'draft-04' || d === 'draft-06' || d === 'draft-07' ? 'ignore' : 'all-of';
}

const require = createRequire(import.meta.url);
type AjvLike = {
  validateSchema(s: unknown): boolean | Promise<unknown>;
  errors?: ErrorObject[] | null;
};
const validators = new Map<string, AjvLike>();

function ajvFor(d: Dialect): AjvLike | undefined {
  const key = d === '2019-09' || d === '2020-12' ? d : d === 'draft-04' ? '' : 'draft-07';
  if (!key) return undefined; // draft-04: no meta-schema bundled with ajv 8; structure only
  let ajv = validators.get(key);
  if (ajv) return ajv;
  const opts = { strict: false, allErrors: false, validateFormats: false };
  if (key === '2019-09') ajv = new (require('ajv/dist/2019').default)(opts) as AjvLike;
  else if (key === '2020-12') ajv = new (require('ajv/dist/2020').default)(opts) as AjvLike;
  else {
    const Ajv = require('ajv').default;
    const a = new Ajv(opts);
    a.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
    ajv = a as AjvLike;
  }
  validators.set(key, ajv);
  return ajv;
}

function metaValidate(schema: unknown, d: Dialect): Array<{ message: string; pointer: string[] }> {
  const ajv = ajvFor(d);
  if (!ajv) return [];
  let copy = schema;
  // No $schema, or one ajv does not know (`…/2020-12/s`, a truncated URI: the dialect is read
  // from its text): checked against the dialect's meta-schema without it.
  const known = (id: unknown) =>
    typeof id === 'string' && (ajv as { getSchema?: (k: string) => unknown }).getSchema?.(id);
  if (
    typeof schema === 'object' &&
    schema &&
    (d === 'unknown' || !known((schema as { $schema?: unknown }).$schema))
  ) {
    const { $schema: _ignored, ...rest } = schema as Record<string, unknown>;
    copy = rest;
  }
  if (ajv.validateSchema(copy) === true) return [];
  return (ajv.errors ?? []).slice(0, 1).map((e) => {
    const pointer = pointerFromString(e.instancePath);
    const where = e.instancePath || 'the root';
    const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues;
    const what = allowed
      ? `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`
      : (e.message ?? e.keyword);
    return { message: `${where}: ${what}`, pointer };
  });
}
