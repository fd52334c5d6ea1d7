import { InputError } from '../../core/errors.js';
import type { FileSource } from '../../core/source.js';
import type { EnumNode, FieldNode, FileNode, MessageNode, Offset, ServiceNode } from './ast.js';
import { parseProto } from './parser.js';
import { LineIndex, type LineColumn } from './positions.js';
import { wellKnown } from './wkt.js';

/**
 * A tree of .proto files: every file read through the FileSource, hashed and parsed (parse results
 * are cached by content hash, so a baseline and a revision that share most files parse each
 * unique file once), imports checked, and symbols resolved with protoc's scoping rules against the
 * files each file can see (itself, its imports and their public imports).
 */

/**
 * The top of a file: what linking files and telling packages apart need, without the whole tree.
 * Kept for every file of both trees, so it holds no file options (tens of thousands in a big
 * tree); comparing file options reads the syntax tree of the files compared.
 */
export interface FileHeader {
  syntax: FileNode['syntax'];
  edition?: string;
  package: string;
  imports: FileNode['imports'];
  /** Declares at least one message / enum / extension, nested ones included. */
  messages: boolean;
  enums: boolean;
  extensions: boolean;
}

/**
 * A parsed file. Loading validates every file with a full parse but keeps only the header (and
 * the syntax tree of a file that changed since the tree loaded before, see parseCached); the
 * syntax tree is rebuilt on first use, which is only for files a comparison looks into. Keeping
 * thousands of unchanged trees alive costs more (in garbage collection) than parsing again.
 */
export class Parsed {
  private tree?: FileNode;
  private lineIndex?: LineIndex;
  symbols?: Map<string, Sym>;

  constructor(
    readonly text: string,
    /** The path the text was first read from (for messages). */
    readonly file: string,
    readonly header: FileHeader,
    ast?: FileNode,
  ) {
    if (ast) this.tree = ast;
  }

  get ast(): FileNode {
    return (this.tree ??= parseProto(this.text, this.file));
  }

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  /** Same bytes (the cache makes identical texts one object; the comparison is a fallback). */
  same(other: Parsed): boolean {
    return this === other || this.text === other.text;
  }
}

export function headerOf(ast: FileNode): FileHeader {
  let messages = ast.messages.length > 0;
  let enums = ast.enums.length > 0;
  let extensions = ast.extensions.length > 0;
  const walk = (m: MessageNode) => {
    if (m.enums.length) enums = true;
    if (m.extensions.length) extensions = true;
    for (const n of m.messages) walk(n);
  };
  for (const m of ast.messages) walk(m);
  const h: FileHeader = {
    syntax: ast.syntax,
    package: ast.package,
    imports: ast.imports,
    messages,
    enums,
    extensions,
  };
  if (ast.edition !== undefined) h.edition = ast.edition;
  return h;
}

export type SymbolKind = 'message' | 'enum' | 'service' | 'package' | 'other';

export interface Sym {
  kind: SymbolKind;
  node?: MessageNode | EnumNode | ServiceNode;
}

export interface ProtoFile {
  /** Import path: relative to the module root or include path the file was found in. */
  path: string;
  /** Path relative to the FileSource root; empty for well-known types. */
  sourceRel: string;
  parsed: Parsed;
  /** Found through an include path or provided as a well-known type: resolved, not compared. */
  dependency: boolean;
  /** The buf module the file belongs to (index into the config's modules). */
  module: number;
}

export interface TreeLayout {
  /** Module roots relative to the source root ('' = the root), with their excludes. */
  modules: Array<{ root: string; excludes: string[] }>;
  /** Extra import roots relative to the source root (protoc -I), dependencies only. */
  includePaths: string[];
  /** Restricts the contract to these files or folders (relative to the source root). */
  entries: string[];
}

export class ProtoTree {
  readonly files = new Map<string, ProtoFile>();
  private visibleCache = new Map<ProtoFile, ProtoFile[]>();
  private packageCache = new Map<ProtoFile, Set<string>>();

  constructor(
    readonly source: FileSource,
    readonly layout: TreeLayout,
  ) {}

  /** The files that are part of the contract (compared), sorted by path. */
  contractFiles(): ProtoFile[] {
    // Files are only ever added (and marked as dependencies), so the sort is redone only when
    // the tree has grown; the filter reads the current marks.
    if (this.byPath?.length !== this.files.size) {
      this.byPath = [...this.files.values()].sort((a, b) =>
        a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
      );
    }
    return this.byPath.filter((f) => !f.dependency);
  }
  private byPath?: ProtoFile[];

  absolute(file: ProtoFile): string {
    return file.sourceRel ? this.source.absolute(file.sourceRel) : file.path;
  }

  locate(file: ProtoFile, at: Offset | undefined): LineColumn {
    if (at === undefined || !file.parsed.text) return { line: 1, column: 1 };
    return file.parsed.lines.locate(at);
  }

  /** The file an import path names, as seen from this tree. */
  imported(path: string): ProtoFile | undefined {
    return this.files.get(path);
  }

  /** The file itself, its imports and, transitively, the public imports of those. */
  visible(file: ProtoFile): ProtoFile[] {
    let out = this.visibleCache.get(file);
    if (out) return out;
    const seen = new Set<ProtoFile>([file]);
    out = [file];
    const addPublic = (f: ProtoFile): void => {
      for (const imp of f.parsed.header.imports) {
        if (imp.modifier !== 'public') continue;
        const dep = this.files.get(imp.path);
        if (dep && !seen.has(dep)) {
          seen.add(dep);
          out!.push(dep);
          addPublic(dep);
        }
      }
    };
    for (const imp of file.parsed.header.imports) {
      const dep = this.files.get(imp.path);
      if (dep && !seen.has(dep)) {
        seen.add(dep);
        out.push(dep);
        addPublic(dep);
      }
    }
    this.visibleCache.set(file, out);
    return out;
  }

  private packagesVisible(file: ProtoFile): Set<string> {
    let out = this.packageCache.get(file);
    if (out) return out;
    out = new Set();
    for (const f of this.visible(file)) {
      const pkg = f.parsed.header.package;
      if (!pkg) continue;
      let i = pkg.length;
      while (i > 0) {
        out.add(pkg.slice(0, i));
        i = pkg.lastIndexOf('.', i - 1);
      }
    }
    this.packageCache.set(file, out);
    return out;
  }

  private find(file: ProtoFile, name: string): Sym | undefined {
    for (const f of this.visible(file)) {
      const s = symbolsOf(f.parsed).get(name);
      if (s) return s;
    }
    if (this.packagesVisible(file).has(name)) return PACKAGE;
    return undefined;
  }

  /**
   * Resolves a type reference written in `scope` (the full name of the enclosing message, service
   * or package) the way protoc does: innermost scope first; a compound name commits to the first
   * scope where its first component names a package, message, enum or service.
   */
  resolveType(
    file: ProtoFile,
    scope: string,
    ref: string,
  ): (Sym & { fullName: string }) | undefined {
    if (ref.startsWith('.')) {
      const s = this.find(file, ref.slice(1));
      return s && isType(s) ? { ...s, fullName: ref.slice(1) } : undefined;
    }
    const dot = ref.indexOf('.');
    const first = dot < 0 ? ref : ref.slice(0, dot);
    let scopeToTry = scope;
    for (;;) {
      const candidate = scopeToTry ? `${scopeToTry}.${first}` : first;
      const s = this.find(file, candidate);
      if (s) {
        if (dot >= 0) {
          if (s.kind !== 'other') {
            const full = scopeToTry ? `${scopeToTry}.${ref}` : ref;
            const r = this.find(file, full);
            return r && isType(r) ? { ...r, fullName: full } : undefined;
          }
        } else if (isType(s)) return { ...s, fullName: candidate };
      }
      if (!scopeToTry) return undefined;
      const cut = scopeToTry.lastIndexOf('.');
      scopeToTry = cut < 0 ? '' : scopeToTry.slice(0, cut);
    }
  }

  /** Like resolveType, throwing an InputError at the reference when it does not resolve. */
  requireType(file: ProtoFile, scope: string, ref: string, at: Offset): Sym & { fullName: string } {
    const r = this.resolveType(file, scope, ref);
    if (r) return r;
    const { line, column } = this.locate(file, at);
    throw new InputError(`cannot resolve type '${ref}'`, {
      file: this.absolute(file),
      line,
      column,
    });
  }
}

const PACKAGE: Sym = { kind: 'package' };

function isType(s: Sym): boolean {
  return s.kind === 'message' || s.kind === 'enum';
}

/** Every full name a file declares, with its kind (built on first use, cached with the parse). */
export function symbolsOf(parsed: Parsed): Map<string, Sym> {
  if (parsed.symbols) return parsed.symbols;
  const out = new Map<string, Sym>();
  const ast = parsed.ast;
  const scoped = (scope: string, name: string) => (scope ? `${scope}.${name}` : name);
  const other: Sym = { kind: 'other' };
  const addFields = (scope: string, fields: FieldNode[]) => {
    for (const f of fields) out.set(scoped(scope, f.name), other);
  };
  const addEnum = (scope: string, e: EnumNode) => {
    out.set(e.fullName, { kind: 'enum', node: e });
    // Enum values are siblings of their enum (C++ scoping).
    for (const v of e.values)
      if (!out.has(scoped(scope, v.name))) out.set(scoped(scope, v.name), other);
  };
  const addMessage = (m: MessageNode) => {
    out.set(m.fullName, { kind: 'message', node: m });
    addFields(m.fullName, m.fields);
    addFields(m.fullName, m.extensions);
    for (const o of m.oneofs) out.set(`${m.fullName}.${o.name}`, other);
    for (const e of m.enums) addEnum(m.fullName, e);
    for (const n of m.messages) addMessage(n);
  };
  for (const m of ast.messages) addMessage(m);
  for (const e of ast.enums) addEnum(ast.package, e);
  addFields(ast.package, ast.extensions);
  for (const s of ast.services) {
    out.set(s.fullName, { kind: 'service', node: s });
    for (const m of s.methods) out.set(`${s.fullName}.${m.name}`, other);
  }
  parsed.symbols = out;
  return out;
}

// ── Loading ─────────────────────────────────────────────────────────────────────────────────────

/**
 * Parsed files by text: identical bytes anywhere (baseline, revision) are parsed once. Looked up
 * by length first: a text is compared with the few of its length (a compare stops at the first
 * difference) instead of being hashed (hashing reads up to 16 KB of every text); a length that
 * many texts share switches to a map keyed by the text, so no lookup compares more than a few.
 */
const PARSED = new Map<number, Parsed[] | Map<string, Parsed>>();
const PARSED_LIMIT = 50_000;
const SAME_LENGTH_SCAN = 8;
let parsedCount = 0;
const WKT_PARSED = new Map<string, Parsed>();
/**
 * The parse last made or reused for each import path. A file whose path was last seen with other
 * bytes changed between two trees loaded one after the other (a baseline and a revision): it is
 * about to be compared, so it keeps the syntax tree its validating parse built.
 */
const LAST_AT_PATH = new Map<string, Parsed>();

/**
 * Parses (validates) a file's text, reusing the result for identical bytes. `path` is the file's
 * import path, when it is a file of a tree.
 */
export function parseCached(text: string, absolute: string, path?: string): Parsed {
  const hit = cached(text);
  if (hit) {
    if (path !== undefined) LAST_AT_PATH.set(path, hit);
    return hit;
  }
  const ast = parseProto(text, absolute);
  const changed = path !== undefined && LAST_AT_PATH.has(path);
  const parsed = new Parsed(text, absolute, headerOf(ast), changed ? ast : undefined);
  if (path !== undefined) LAST_AT_PATH.set(path, parsed);
  if (parsedCount >= PARSED_LIMIT) {
    PARSED.clear();
    LAST_AT_PATH.clear();
    parsedCount = 0;
  }
  parsedCount++;
  const bucket = PARSED.get(text.length);
  if (bucket instanceof Map) bucket.set(text, parsed);
  else if (!bucket) PARSED.set(text.length, [parsed]);
  else if (bucket.length < SAME_LENGTH_SCAN) bucket.push(parsed);
  else PARSED.set(text.length, new Map([...bucket, parsed].map((p) => [p.text, p])));
  return parsed;
}

function cached(text: string): Parsed | undefined {
  const same = PARSED.get(text.length);
  if (same instanceof Map) return same.get(text);
  if (same) for (const p of same) if (p.text === text) return p;
  return undefined;
}

/** Reads, parses and links every .proto file of the layout. */
export async function loadTree(source: FileSource, layout: TreeLayout): Promise<ProtoTree> {
  const tree = new ProtoTree(source, layout);
  const all = await source.list();
  const wanted: Array<{ sourceRel: string; path: string; module: number }> = [];
  for (const rel of all) {
    if (!rel.endsWith('.proto')) continue;
    if (layout.entries.length && !layout.entries.some((e) => within(rel, e))) continue;
    // Include paths inside the root hold dependencies: found through imports, never compared.
    if (layout.includePaths.some((p) => p && within(rel, p))) continue;
    const module = layout.modules.findIndex((m) => m.root === '' || within(rel, m.root));
    if (module < 0) continue;
    const m = layout.modules[module]!;
    const path = m.root ? rel.slice(m.root.length + 1) : rel;
    if (m.excludes.some((x) => within(path, x))) continue;
    wanted.push({ sourceRel: rel, path, module });
  }
  await mapLimit(wanted, 32, async (w) => {
    const text = await source.read(w.sourceRel);
    const parsed = parseCached(text, source.absolute(w.sourceRel), w.path);
    if (tree.files.has(w.path)) {
      throw new InputError(`file '${w.path}' is found in two modules`, {
        file: source.absolute(w.sourceRel),
      });
    }
    tree.files.set(w.path, {
      path: w.path,
      sourceRel: w.sourceRel,
      parsed,
      dependency: false,
      module: w.module,
    });
  });
  // Imports: the tree first, then include paths, then the well-known types.
  const queue = [...tree.files.values()];
  while (queue.length) {
    const file = queue.pop()!;
    for (const imp of file.parsed.header.imports) {
      if (tree.files.has(imp.path)) continue;
      const dep = await findImport(source, layout, imp.path);
      if (!dep) {
        if (imp.modifier === 'weak') continue;
        const { line, column } = tree.locate(file, imp.at);
        throw new InputError(`import "${imp.path}" not found`, {
          file: tree.absolute(file),
          line,
          column,
        });
      }
      tree.files.set(imp.path, dep);
      queue.push(dep);
    }
  }
  return tree;
}

async function findImport(
  source: FileSource,
  layout: TreeLayout,
  path: string,
): Promise<ProtoFile | undefined> {
  // Files of a module outside the contract's entries are dependencies; excluded files are not
  // there at all (as in buf), so their imports fall through to the well-known types.
  const roots = [
    ...layout.modules.filter((m) => !m.excludes.some((x) => within(path, x))).map((m) => m.root),
    ...layout.includePaths,
  ];
  for (const inc of layout.entries.length ? roots : layout.includePaths) {
    const rel = inc ? `${inc}/${path}` : path;
    if (await source.exists(rel)) {
      const parsed = parseCached(await source.read(rel), source.absolute(rel), path);
      return { path, sourceRel: rel, parsed, dependency: true, module: 0 };
    }
  }
  const wkt = wellKnown(path);
  if (!wkt) return undefined;
  let parsed = WKT_PARSED.get(path);
  if (!parsed) {
    parsed = new Parsed(wkt.text, path, headerOf(wkt.ast), wkt.ast);
    WKT_PARSED.set(path, parsed);
  }
  return { path, sourceRel: '', parsed, dependency: true, module: 0 };
}

/** `rel` is `prefix` or lies below it (plain path prefixes, as buf's ignore and excludes). */
export function within(rel: string, prefix: string): boolean {
  const p = prefix.replace(/^\.\/+/, '').replace(/\/+$/, '');
  if (p === '' || p === '.') return true;
  return rel === p || rel.startsWith(p + '/');
}

async function mapLimit<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
