import path from 'node:path';
import { InputError } from '../../core/errors.js';
import { keepRemoteRef } from '../../core/kept-refs.js';
import { LocationMap } from '../../core/locations.js';
import type { Pointer, SourceLocation } from '../../core/model.js';
import { pointerFromString } from '../../core/model.js';
import type { FileSource } from '../../core/source.js';

/**
 * A set of YAML/JSON documents read through a FileSource, with every object node's origin recorded
 * at parse time and `$ref`s resolved in place. After `resolve`, a `$ref` object in a container is
 * replaced by its target node, so a node reached through many references is one JS object (shared
 * schemas keep their identity, cycles stay cycles) and `locate(node)` points at its definition.
 *
 * Used by the AsyncAPI and JSON Schema formats. Remote (http/https) references are fetched only when
 * `allowRemoteRefs` is set; otherwise they stay unresolved `$ref` objects (see `isKeptRef`).
 */

export interface NodeOrigin {
  /** The file key: a path relative to the source root, or an absolute URL for remote files. */
  file: string;
  pointer: string[];
}

/** What happens to the sibling keywords of a `$ref` object. */
export type RefSiblings = 'ignore' | 'all-of';

export interface DocumentSetOptions {
  /**
   * Fetch remote (http/https) references. Without it a remote `$ref` object stays in place,
   * unresolved: compared by its URL only.
   */
  allowRemoteRefs?: boolean;
  /** `ignore` (AsyncAPI, JSON Schema draft-07 and older) or `all-of` (2019-09 and later). */
  refSiblings?: (file: string) => RefSiblings;
  /** Drops keys that match (e.g. parser-injected `x-parser-*`) while parsing. */
  dropKey?: (key: string) => boolean;
  /**
   * Lenient mode: an unresolvable reference becomes an empty schema and is reported through this
   * callback instead of failing the load.
   */
  onProblem?: (message: string, at: SourceLocation) => void;
  /**
   * A JSON pointer with an unescaped `/` inside a key (`#/components/messages/v1/Results` for the
   * key `v1/Results`) is read as the longest key that exists, and reported through this callback.
   * Without it such a pointer cannot be resolved.
   */
  onRepair?: (message: string, at: SourceLocation) => void;
}

interface LoadedFile {
  map: LocationMap;
  value: unknown;
  /** Absolute path (or URL) shown to users. */
  display: string;
  /** Base URI from a root `$id`, when it is absolute. */
  baseUri?: string;
}

const ANNOTATIONS = new Set([
  'title',
  'description',
  'summary',
  '$comment',
  'examples',
  'example',
  'deprecated',
  'readOnly',
  'writeOnly',
  'default',
]);

export function isRefObject(v: unknown): v is { $ref: string } {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof (v as { $ref?: unknown }).$ref === 'string'
  );
}

export class DocumentSet {
  private readonly files = new Map<string, LoadedFile>();
  private readonly pending = new Map<string, Promise<LoadedFile>>();
  private readonly origins = new WeakMap<object, NodeOrigin>();
  /** Absolute `$id` URI (without fragment) → node. */
  private readonly ids = new Map<string, object>();
  private readonly resolved = new WeakSet<object>();
  /** Remote `$ref` objects left in place (allowRemoteRefs off). */
  private readonly kept = new WeakSet<object>();

  /** Lenient mode: `$ref` objects that could not be resolved, left in place. */
  private readonly broken = new WeakSet<object>();

  /** True for a remote `$ref` object that was left unresolved. */
  isKeptRef(node: unknown): node is { $ref: string } {
    return typeof node === 'object' && node !== null && this.kept.has(node);
  }

  /** True for a `$ref` object that could not be resolved (lenient mode), left in place. */
  isBrokenRef(node: unknown): node is { $ref: string } {
    return typeof node === 'object' && node !== null && this.broken.has(node);
  }

  constructor(
    readonly source: FileSource,
    private readonly options: DocumentSetOptions = {},
  ) {}

  /** Every local file read so far (paths relative to the source root), in load order. */
  fileList(): string[] {
    // Remote documents are not files of the contract (they are not published with it).
    return [...this.files.keys()].filter((f) => !/^https?:\/\//i.test(f));
  }

  /** Parses a file (once) and records the origin of every object node in it. */
  async load(file: string, refAt?: SourceLocation): Promise<unknown> {
    return (await this.loadFile(file, refAt)).value;
  }

  private loadFile(file: string, refAt?: SourceLocation): Promise<LoadedFile> {
    const done = this.files.get(file);
    if (done) return Promise.resolve(done);
    let p = this.pending.get(file);
    if (!p) {
      p = this.readAndParse(file, refAt);
      this.pending.set(file, p);
    }
    return p;
  }

  private async readAndParse(file: string, refAt?: SourceLocation): Promise<LoadedFile> {
    const remote = /^https?:\/\//i.test(file);
    const display = remote ? file : this.source.absolute(file);
    let text: string;
    if (remote) {
      text = await fetchRemote(file, refAt);
    } else {
      if (refAt && !(await this.source.exists(file))) {
        throw new InputError(`$ref target file '${file}' not found`, refAt);
      }
      text = await this.source.read(file);
    }
    const { map, value } = LocationMap.parse(display, text);
    const loaded: LoadedFile = { map, value, display };
    this.record(value, file, []);
    const rootId = isObject(value) ? (value as { $id?: unknown }).$id : undefined;
    if (typeof rootId === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(rootId)) {
      loaded.baseUri = stripFragment(rootId);
    }
    this.files.set(file, loaded);
    return loaded;
  }

  private record(value: unknown, file: string, pointer: string[]): void {
    if (typeof value !== 'object' || value === null) return;
    if (this.origins.has(value)) return;
    this.origins.set(value, { file, pointer });
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.record(v, file, [...pointer, String(i)]));
      return;
    }
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      if (this.options.dropKey?.(key)) {
        delete obj[key];
        continue;
      }
      const child = obj[key];
      if (key === '$id' && typeof child === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(child)) {
        this.ids.set(stripFragment(child), obj);
      }
      this.record(child, file, [...pointer, key]);
    }
  }

  origin(node: unknown): NodeOrigin | undefined {
    return typeof node === 'object' && node !== null ? this.origins.get(node) : undefined;
  }

  /** Records a synthesized node (a merged trait, an `allOf` wrapper) as coming from `like`. */
  adopt(node: object, like: unknown): void {
    const o = this.origin(like);
    if (o && !this.origins.has(node)) this.origins.set(node, o);
  }

  /** Where a node (or a child of it, by extra segments) is, as file:line:col. */
  locate(node: unknown, ...segs: string[]): SourceLocation | undefined {
    const o = this.origin(node);
    if (!o) return undefined;
    return this.locateIn(o.file, [...o.pointer, ...segs]);
  }

  /** The location map of one parsed file. */
  mapOf(file: string): LocationMap | undefined {
    return this.files.get(file)?.map;
  }

  locateIn(file: string, pointer: Pointer): SourceLocation {
    const f = this.files.get(file);
    if (!f) return { file, line: 0, column: 0, pointer: [...pointer] };
    return f.map.locate(pointer);
  }

  /** The absolute path (or URL) users see for a file key. */
  display(file: string): string {
    return this.files.get(file)?.display ?? this.source.absolute(file);
  }

  /**
   * Resolves every `$ref` reachable from `root` (a node of a loaded file) in place, following refs
   * into other files. Returns the root (itself replaced when the root is a `$ref`).
   */
  async resolve(root: unknown): Promise<unknown> {
    if (isRefObject(root)) root = await this.deref(root, this.origin(root)?.file ?? '');
    const stack: unknown[] = [root];
    while (stack.length) {
      const node = stack.pop();
      if (typeof node !== 'object' || node === null || this.resolved.has(node)) continue;
      this.resolved.add(node);
      const file = this.origin(node)?.file ?? '';
      const container = node as Record<string, unknown>;
      for (const key of Object.keys(container)) {
        let child = container[key];
        if (isRefObject(child)) {
          child = await this.deref(child, this.origin(child)?.file ?? file);
          container[key] = child;
        }
        if (typeof child === 'object' && child !== null) stack.push(child);
      }
    }
    return root;
  }

  /** The target of a `$ref` object, following chains of references; siblings per the options. */
  async deref(ref: { $ref: string }, file: string, seen = new Set<object>()): Promise<unknown> {
    if (seen.has(ref)) {
      throw new InputError(`circular $ref chain through '${ref.$ref}'`, this.locate(ref) ?? {});
    }
    seen.add(ref);
    let target: unknown;
    try {
      target = await this.target(ref.$ref, file, this.locate(ref, '$ref'), seen);
    } catch (e) {
      if (e instanceof RemoteRefKept) {
        this.kept.add(ref);
        keepRemoteRef(ref, ref.$ref);
        return ref;
      }
      if (e instanceof InputError && this.options.onProblem) {
        const at = this.locate(ref, '$ref') ?? { file, line: 0, column: 0, pointer: [] };
        this.options.onProblem(e.message, at);
        // Left in place and marked: what it stood for is unknown, not "anything".
        this.broken.add(ref);
        return ref;
      } else throw e;
    }
    if (isRefObject(target) && !this.kept.has(target)) {
      target = await this.deref(target, this.origin(target)?.file ?? file, seen);
    }
    return this.withSiblings(ref, target, file);
  }

  private withSiblings(ref: { $ref: string }, target: unknown, file: string): unknown {
    const siblings = Object.keys(ref).filter((k) => k !== '$ref');
    if (!siblings.length || (this.options.refSiblings?.(file) ?? 'ignore') === 'ignore') {
      return target;
    }
    if (siblings.every((k) => ANNOTATIONS.has(k))) return target;
    const rest: Record<string, unknown> = {};
    for (const k of siblings) rest[k] = (ref as Record<string, unknown>)[k];
    this.adopt(rest, ref);
    const wrapper = { allOf: [target, rest] };
    this.adopt(wrapper, ref);
    return wrapper;
  }

  private async target(
    ref: string,
    file: string,
    at?: SourceLocation,
    seen = new Set<object>(),
  ): Promise<unknown> {
    const hash = ref.indexOf('#');
    const uriPart = hash < 0 ? ref : ref.slice(0, hash);
    const fragment = hash < 0 ? '' : ref.slice(hash + 1);
    const where = at ?? { file: this.display(file), line: 0, column: 0, pointer: [] };
    let doc: unknown;
    let docFile: string;
    if (uriPart === '') {
      docFile = file;
      doc = (await this.loadFile(file)).value;
    } else {
      const found = await this.findDocument(uriPart, file, where);
      doc = found.value;
      docFile = found.file;
    }
    if (fragment === '' || fragment === '/') return doc;
    if (!fragment.startsWith('/')) {
      const anchor = findAnchor(doc, fragment);
      if (anchor === undefined) {
        throw new InputError(`$ref '${ref}' cannot be resolved: no anchor '${fragment}'`, where);
      }
      return anchor;
    }
    let node: unknown = doc;
    const segs = pointerFromString(fragment);
    const keys: string[] = [];
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i]!;
      // A `$ref` object on the way is followed unless it holds the segment itself (a 2019-09+
      // schema with `$ref` and `$defs` side by side); `seen` stops a pointer that runs through
      // the reference being resolved (`{"$ref": "#/a"}` at the root without `a`).
      if (isRefObject(node) && !Object.hasOwn(node, seg)) {
        node = await this.deref(node, this.origin(node)?.file ?? docFile, seen);
      }
      const has = (k: string) =>
        typeof node === 'object' && node !== null && Object.hasOwn(node, k);
      let key = seg;
      if (!has(seg) && this.options.onRepair) {
        // An unescaped '/' inside a key: the longest run of segments that names a key.
        for (let j = segs.length; j > i + 1; j--) {
          const joined = segs.slice(i, j).join('/');
          if (has(joined)) {
            key = joined;
            i = j - 1;
            break;
          }
        }
      }
      if (!has(key)) {
        throw new InputError(`$ref '${ref}' cannot be resolved: no '${seg}' in its target`, where);
      }
      keys.push(key);
      node = (node as Record<string, unknown>)[key];
    }
    if (keys.length !== segs.length) {
      const escaped = keys.map((k) => k.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
      this.options.onRepair?.(
        `$ref '${ref}' has an unescaped '/' in a key; read as '${uriPart}#/${escaped}'`,
        where,
      );
    }
    return node;
  }

  private async findDocument(
    uriPart: string,
    file: string,
    at: SourceLocation,
  ): Promise<{ value: unknown; file: string }> {
    const absolute = /^[a-z][a-z0-9+.-]*:/i.test(uriPart);
    const base = this.files.get(file)?.baseUri ?? (/^https?:\/\//i.test(file) ? file : undefined);
    let uri: string | undefined;
    if (absolute) uri = uriPart;
    else if (base) {
      try {
        uri = new URL(uriPart, base).href;
      } catch {
        uri = undefined;
      }
    }
    if (uri) {
      const byId = this.ids.get(stripFragment(uri));
      if (byId) return { value: byId, file: this.origin(byId)?.file ?? file };
    }
    if (absolute && !/^https?:/i.test(uriPart)) {
      if (/^file:/i.test(uriPart)) {
        throw new InputError(
          `$ref '${uriPart}' uses an absolute file: URI; use a relative path`,
          at,
        );
      }
      throw new InputError(`$ref '${uriPart}' cannot be resolved: unknown URI`, at);
    }
    if (!absolute && !/^https?:\/\//i.test(file)) {
      const rel = path.posix.normalize(
        path.posix.join(path.posix.dirname(file), decodeURI(uriPart)),
      );
      // A base $id that is not a real location: fall back to the file next to the referrer.
      if (!uri || (await this.source.exists(rel)) || !/^https?:/i.test(uri)) {
        return { value: (await this.loadFile(rel, at)).value, file: rel };
      }
    }
    const remote = uri ?? uriPart;
    if (!this.options.allowRemoteRefs) throw new RemoteRefKept();
    const key = stripFragment(remote);
    return { value: (await this.loadFile(key, at)).value, file: key };
  }
}

/** Signals a remote reference that is kept unresolved. */
class RemoteRefKept extends Error {}

async function fetchRemote(url: string, at?: SourceLocation): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(15000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return await res.text();
  } catch (e) {
    throw new InputError(`cannot fetch remote $ref '${url}': ${(e as Error).message}`, at ?? {});
  }
}

function findAnchor(doc: unknown, name: string): unknown {
  const seen = new Set<object>();
  const stack: unknown[] = [doc];
  while (stack.length) {
    const n = stack.pop();
    if (typeof n !== 'object' || n === null || seen.has(n)) continue;
    seen.add(n);
    const o = n as Record<string, unknown>;
    if (o.$anchor === name || o.$id === '#' + name) return n;
    for (const v of Object.values(o)) stack.push(v);
  }
  return undefined;
}

function stripFragment(uri: string): string {
  const i = uri.indexOf('#');
  return i < 0 ? uri : uri.slice(0, i);
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
