import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { assertDepth } from '../../core/depth.js';
import { InputError, TreatyError } from '../../core/errors.js';
import { keepRemoteRef } from '../../core/kept-refs.js';
import { LocationMap } from '../../core/locations.js';
import type { FileSource } from '../../core/source.js';
import { dereferenceLocal } from './dereference.js';
import { explain, relocate, ValidationError, type RefSite } from './load-errors.js';
import { Locator } from './locator.js';
import { SCHEMA_LIST, SCHEMA_MAP, SCHEMA_ONE } from './schema-keywords.js';
import {
  acyclicView,
  sharedView,
  validates,
  validatesReusing,
  validateSchema,
  validateSwagger2Spec,
} from './validate.js';

export type OpenApiDialect = 'openapi-2.0' | 'openapi-3.0' | 'openapi-3.1';

/** A resolved OpenAPI document: `$ref`s replaced by their targets (object identity kept), cycles kept as cycles. */
export interface ResolvedDocument {
  doc: Record<string, unknown>;
  dialect: OpenApiDialect;
  locator: Locator;
  /** Entry file, relative to the contract root. */
  entry: string;
  /** Every file read (entry plus `$ref`'d files), relative to the contract root. */
  files: string[];
  /** Validation errors that did not stop the load (lenient mode). */
  problems: InputError[];
}

export interface LoadOptions {
  /** Fetch http(s) `$ref`s. Off by default: a contract is read from its source only. */
  allowRemoteRefs?: boolean;
  /**
   * Load a document that does not validate against the specification's schema (many published
   * specs have small errors); the validation error is returned in `problems`. Unreadable,
   * unparseable or unresolvable documents still fail.
   */
  lenient?: boolean;
}

const REMOTE = /^https?:\/\//i;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]+:\/\//i;

/**
 * Loads an OpenAPI 2.0 / 3.0 / 3.1 document (YAML or JSON, one file or many) through a FileSource,
 * resolves its `$ref`s, validates it against the specification's schema and records where every
 * node came from. Any problem is an InputError naming the file and line.
 */
export async function loadOpenApi(
  entry: string,
  source: FileSource,
  options: LoadOptions = {},
): Promise<ResolvedDocument> {
  const locator = new Locator((rel) => source.absolute(rel));
  const rootAbs = source.absolute('');
  // $RefParser resolves relative $refs as paths; map the contract root onto a path space it
  // understands (the real folder when there is one, a virtual root for in-memory/git sources).
  const space = path.isAbsolute(rootAbs) ? rootAbs : path.resolve('/', '__treaty__');
  const toSpace = (rel: string) => path.join(space, ...rel.split('/'));
  // Each file's URL is turned into its path twice (read, then parse): once is enough.
  const rels = new Map<string, string>();
  const toRel = (url: string): string => {
    let rel = rels.get(url);
    if (rel !== undefined) return rel;
    let p = url.replace(/#.*$/, '');
    if (/^file:\/\//i.test(p)) p = new URL(p).pathname;
    p = safeDecode(p);
    rel = path.relative(space, path.resolve(p)).split(path.sep).join('/');
    rels.set(url, rel);
    return rel;
  };

  const files: string[] = [];
  let entryValid: boolean | undefined;
  let entryTree = false;
  const sites: RefSite[] = [];
  let failure: TreatyError | undefined;
  const fail = (e: TreatyError): never => {
    failure ??= e;
    throw e;
  };

  const resolver = {
    order: 1,
    canRead: (file: { url: string }) => !HAS_SCHEME.test(file.url) || /^file:/i.test(file.url),
    read: async (file: { url: string }) => {
      const rel = toRel(file.url);
      if (rel === entry && entryText !== undefined) return entryText;
      try {
        return await source.read(rel);
      } catch (e) {
        if (e instanceof TreatyError) return fail(e);
        throw e;
      }
    },
  };
  const remote = {
    order: 2,
    canRead: (file: { url: string }) => REMOTE.test(file.url),
    read: (file: { url: string }) =>
      fail(
        new InputError(
          `remote $ref '${file.url}' is not fetched (set allowRemoteRefs in the contract's options to allow it)`,
          {},
        ),
      ),
  };
  /** Parses one file of the contract: its value, location map, and the `$ref`s it writes. */
  const parseFile = (rel: string, text: string): unknown => {
    let parsed: { map: LocationMap; value: unknown };
    try {
      parsed = LocationMap.parse(source.absolute(rel), text);
    } catch (e) {
      if (e instanceof TreatyError) return fail(e);
      throw e;
    }
    const { map, value } = parsed;
    if (value === null || value === undefined || typeof value !== 'object') {
      return fail(
        new InputError('not a YAML/JSON object (the file is empty or a scalar)', {
          file: source.absolute(rel),
          line: 1,
          column: 1,
        }),
      );
    }
    if (rel === entry) checkEntry(value as Record<string, unknown>, map);
    files.push(rel);
    if (rel === entry) entryTree = map.tree;
    const target = (ref: string) => {
      if (REMOTE.test(ref)) return { targetFile: '', targetHash: ref.replace(/^[^#]*/, '') };
      const [file, hash = ''] = splitRef(ref);
      const targetFile = file
        ? path.posix.normalize(path.posix.join(path.posix.dirname(rel), safeDecode(file)))
        : rel;
      return { targetFile, targetHash: hash };
    };
    const before = sites.length;
    if (map.tree) {
      // No node is reached twice: the $refs are collected by the locator's walk, in the same
      // order as collectRefs, each at its one pointer.
      locator.addFile(rel, map, value, (node) => {
        const ref = (node as { $ref?: unknown }).$ref;
        if (typeof ref !== 'string') return;
        const pointer = locator.origin(node)!.pointer;
        sites.push({ file: rel, pointer, ref, node, ...target(ref) });
      });
    } else {
      locator.addFile(rel, map, value);
      collectRefs(rel, value, sites, target, false);
    }
    // Remote schema $refs are taken out (kept as markers) before the file's refs are counted: a
    // file that writes none (nearly every one) is not walked for them.
    if (!options.allowRemoteRefs && sites.slice(before).some((s) => REMOTE.test(s.ref))) {
      keepRemoteSchemaRefs(value);
      sites.length = before;
      collectRefs(rel, value, sites, target, map.tree);
    }
    // An entry file that names no other file is validated as written, before its $refs are
    // replaced: the specification's schema reads each $ref as a Reference object, and the text
    // is validated once instead of its expansion (see sharedView for a tree of files).
    if (rel === entry && sites.every((s) => s.targetFile === rel))
      entryValid = validatesReusing(value, map);
    return value;
  };
  // The entry is read first: when it names no other file, $RefParser need not crawl it for any.
  let entryText: string | undefined;
  let entryValue: unknown;
  const parser = {
    order: 1,
    allowEmpty: true,
    canParse: true,
    parse: (file: { url: string; data: unknown }) => {
      const rel = toRel(file.url);
      if (rel === entry && entryValue !== undefined) return entryValue;
      const text =
        typeof file.data === 'string'
          ? file.data
          : Buffer.from(file.data as Uint8Array).toString('utf8');
      return parseFile(rel, text);
    },
  };
  const checkEntry = (value: Record<string, unknown>, map: LocationMap) => {
    const file = source.absolute(entry);
    if (Array.isArray(value) || (value.openapi === undefined && value.swagger === undefined)) {
      fail(
        new InputError("not an OpenAPI document: no top-level 'openapi' or 'swagger' field", {
          file,
          line: 1,
          column: 1,
        }),
      );
    }
    const v = value.openapi ?? value.swagger;
    const key = value.openapi !== undefined ? 'openapi' : 'swagger';
    const at = () => map.locate([key]);
    if (typeof v !== 'string') {
      fail(
        new InputError(
          `'${key}' must be a string such as "${key === 'openapi' ? '3.1.0' : '2.0'}" (quote it)`,
          at(),
        ),
      );
    }
    if (!(key === 'swagger' ? v === '2.0' : /^3\.[01]\.\d+$/.test(v as string))) {
      fail(
        new InputError(
          `unsupported ${key} version '${String(v)}' (supported: 2.0, 3.0.x, 3.1.x)`,
          at(),
        ),
      );
    }
  };

  const sp = new SwaggerParser();
  /** Set by our own dereference: the nodes of the result that can be reached twice. */
  let reachedTwice: ((node: object) => boolean) | undefined;
  // Known only when dereferenceLocal resolved the document ($RefParser does not say).
  let cyclic: boolean | undefined;
  // Where a $ref was written (the slot's parent and key): validation reads it as a Reference.
  const refSlots = new WeakMap<object, Map<string, string>>();
  const onDereference = (ref: string, value: unknown, parent: unknown, key: string) => {
    if (parent && typeof parent === 'object') {
      let keys = refSlots.get(parent);
      if (!keys) refSlots.set(parent, (keys = new Map()));
      keys.set(key, ref);
    }
    // An extended $ref ({ $ref, description }) becomes a new merged object: locate it at the $ref.
    if (value && typeof value === 'object' && parent && typeof parent === 'object') {
      locator.registerLike(value, parent, key);
    }
  };
  const resolve = {
    external: true as boolean,
    file: false,
    http: options.allowRemoteRefs ? undefined : false,
    treaty: resolver,
    ...(options.allowRemoteRefs ? {} : { remote }),
  };
  const parse = { json: false, yaml: false, text: false, binary: false, treaty: parser };

  try {
    try {
      entryText = await source.read(entry);
    } catch (e) {
      if (e instanceof TreatyError) fail(e);
      throw e;
    }
    entryValue = parseFile(entry, entryText);
    resolve.external = !sites.every((s) => s.targetFile === entry);
    // Every $ref is resolved first (operation-level $refs to files too, as swagger-parser and
    // Redocly accept them), then the whole document is validated: on an acyclic view of it (a
    // cycle's back edge read as a Reference object), with our once-compiled validator.
    // A self-contained entry is parsed by swagger-parser (its version checks) and dereferenced by
    // our own pass, which gives the same graph without $RefParser's URL work per node; a ref that
    // pass leaves alone (dereference.ts) sends the document through $RefParser as before.
    const own =
      !resolve.external &&
      (await sp.parse(toSpace(entry), { parse, resolve } as never)) !== undefined &&
      dereferenceLocal(sp.api as unknown as Record<string, unknown>, onDereference, entryTree, {
        // The entry's $refs were collected when it was parsed: its value is not walked again.
        ...(sp.api === entryValue ? { refs: sites.map((s) => s.node) } : {}),
        shared: (isShared, isCyclic) => {
          reachedTwice = isShared;
          cyclic = isCyclic;
        },
      });
    if (!own)
      await sp.validate(toSpace(entry), {
        continueOnError: false,
        validate: { schema: false, spec: false },
        parse,
        resolve,
        dereference: { circular: true, onDereference },
      } as never);
  } catch (e) {
    if (failure) throw relocate(failure, sites, entry, source, locator);
    if (e instanceof TreatyError) throw e;
    throw explain(e, sp, locator, sites, entry, source);
  }
  const problems: InputError[] = [];
  try {
    const api = sp.api as unknown as Record<string, unknown>;
    const slot = (parent: object, key: string) => refSlots.get(parent)?.get(key);
    if (!(entryValid ?? validates(sharedView(api, slot))))
      validateSchema(cyclic === false ? api : (acyclicView(api) as typeof api));
    validateSwagger2Spec(api);
  } catch (e) {
    const error = e instanceof TreatyError ? e : explain(e, sp, locator, sites, entry, source);
    // A lenient load goes on with a document that does not follow the specification's schema.
    if (!options.lenient || !(error instanceof ValidationError)) throw error;
    problems.push(error);
  }
  const doc = sp.api as unknown as Record<string, unknown>;
  assertDepth(
    doc,
    (n) => locator.locate(n),
    { file: source.absolute(entry) },
    undefined,
    reachedTwice,
  );
  const version = String(doc.openapi ?? doc.swagger);
  const dialect: OpenApiDialect =
    version === '2.0' ? 'openapi-2.0' : version.startsWith('3.1') ? 'openapi-3.1' : 'openapi-3.0';
  return { doc, dialect, locator, entry, files: [...new Set(files)].sort(), problems };
}

/** Values that are data, not schemas: a `$ref` key in them is not a reference. */
const DATA_KEYS = new Set(['example', 'examples', 'enum', 'const', 'default']);

/**
 * A remote `$ref` in a schema position (a `schema` field, a schema keyword, `components.schemas`)
 * is not fetched and not an error: the node stays in place without its `$ref`, marked as kept, and
 * the comparator reports it as not compared (`ref-not-compared`) when it changed. Remote refs
 * elsewhere (a whole parameter, response or path item) still stop the load.
 */
function keepRemoteSchemaRefs(root: unknown): void {
  const seen = new Set<object>();
  const visit = (node: unknown, schema: boolean): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const ref = (node as { $ref?: unknown }).$ref;
    if (schema && typeof ref === 'string' && REMOTE.test(ref)) {
      keepRemoteRef(node, ref);
      delete (node as { $ref?: unknown }).$ref;
      return;
    }
    for (const [k, v] of Object.entries(node)) {
      if (!v || typeof v !== 'object' || DATA_KEYS.has(k) || k.startsWith('x-')) continue;
      if (Array.isArray(node)) visit(v, schema);
      else if (SCHEMA_ONE.has(k)) visit(v, true);
      else if (SCHEMA_MAP.has(k) && !Array.isArray(v))
        for (const child of Object.values(v)) visit(child, true);
      else if (SCHEMA_LIST.has(k) && Array.isArray(v)) for (const child of v) visit(child, true);
      else visit(v, false);
    }
  };
  visit(root, false);
}

/**
 * The `$ref`s written in one parsed file, depth first, the last key of a node first. The pointer
 * is one array the walk keeps (a popped node's ancestors are still in front of its depth), copied
 * only where a `$ref` is found. `tree`: no node is reached twice (nothing to remember).
 */
function collectRefs(
  file: string,
  value: unknown,
  out: RefSite[],
  target: (ref: string) => { targetFile: string; targetHash: string },
  tree: boolean,
): void {
  if (!value || typeof value !== 'object') return;
  const seen = tree ? undefined : new Set<object>();
  const pointer: string[] = [];
  const nodes: object[] = [value];
  const keys: string[] = [''];
  const depths: number[] = [0];
  while (nodes.length) {
    const node = nodes.pop()! as Record<string, unknown>;
    const key = keys.pop()!;
    const depth = depths.pop()!;
    if (seen) {
      if (seen.has(node)) continue;
      seen.add(node);
    }
    if (depth > 0) {
      pointer.length = depth - 1;
      pointer.push(key);
    }
    const ref = node.$ref;
    if (typeof ref === 'string')
      out.push({ file, pointer: pointer.slice(), ref, node, ...target(ref) });
    for (const k of Object.keys(node)) {
      const v = node[k];
      if (!v || typeof v !== 'object') continue;
      nodes.push(v);
      keys.push(k);
      depths.push(depth + 1);
    }
  }
}

function splitRef(ref: string): [string, string?] {
  const i = ref.indexOf('#');
  return i < 0 ? [ref] : [ref.slice(0, i), ref.slice(i)];
}

function safeDecode(s: string): string {
  try {
    return decodeURI(s)
      .replace(/%23/g, '#')
      .replace(/%24/g, '$')
      .replace(/%26/g, '&')
      .replace(/%2C/g, ',')
      .replace(/%40/g, '@');
  } catch {
    return s;
  }
}
