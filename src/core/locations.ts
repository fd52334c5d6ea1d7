import type { LineCounter, Node } from 'yaml';
import { assertDepth } from './depth.js';
import { InputError } from './errors.js';
import { inputLimits, limitHint } from './limits.js';
import type { Pointer, SourceLocation } from './model.js';
import { checkYamlTree, fastStructureCheck, lineColumnOf, yamlDepthEstimate } from './structure.js';
import { escaped } from './sniff.js';
import { bracketIndex, skipString, skipValue, skipWs } from './json-text.js';
import { checkSize, lineAtOffset } from './text.js';
import { loadFast } from './yaml-fast.js';
import { YamlLineIndex } from './yaml-lines.js';
import { yamlPackage } from './yaml-package.js';

/**
 * Location maps built at load time: for a YAML or JSON text, the line and column of every node by
 * its JSON pointer. Lookups are lazy, so a 10 MB spec is parsed once and only the pointers that
 * end up in findings are resolved.
 *
 * JSON texts (most large published specs) take a fast path: the value comes from the native
 * `JSON.parse`, and positions from a lazy index that scans a container's members the first time a
 * pointer passes through it. YAML texts take another (yaml-fast.ts): the value from js-yaml with
 * the core schema, positions from a line index of the block-style text. Whatever either fast path
 * is unsure of (and JSON that `JSON.parse` rejects, for its error position) goes through the
 * `yaml` package's CST.
 *
 * Neither path misreads or runs away: a duplicate key (which `JSON.parse` and a lax YAML reader
 * silently resolve to the last one) is an error naming both lines; nesting past the depth limit,
 * alias expansion past the alias limit and text past the size limit are errors at a line. A
 * leading byte order mark is dropped.
 */
export abstract class LocationMap {
  protected constructor(readonly file: string) {}

  /** The value is a tree (from `JSON.parse`): no node is shared or on a cycle, as YAML aliases can be. */
  get tree(): boolean {
    return false;
  }

  /** Parses YAML or JSON text. Throws an InputError with file:line:col on a syntax error. */
  static parse(file: string, text: string): { map: LocationMap; value: unknown } {
    checkSize(text.length, file);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (looksLikeJson(text)) {
      let value: unknown;
      let json = true;
      try {
        value = JSON.parse(text);
      } catch {
        // Not strict JSON (comments, trailing commas, or an error): YAML reads it or says where.
        json = false;
      }
      if (json) {
        const map = new JsonLocationMap(file, text);
        if (!fastStructureCheck(text, value)) map.checkStructure();
        return { map, value };
      }
    }
    return FastYamlLocationMap.parseYaml(file, text) ?? YamlLocationMap.parseYaml(file, text);
  }

  /**
   * Parses strict JSON (registry files): a syntax error, a duplicate key or nesting past the limit
   * is an InputError with the line.
   */
  static parseJson(file: string, text: string): { map: LocationMap; value: unknown } {
    checkSize(text.length, file);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const at = /at position (\d+)/.exec((e as Error).message);
      const pos = at ? lineColumnOf(text, Number(at[1])) : { line: 1, column: 1 };
      throw new InputError(`invalid JSON: ${(e as Error).message}`, { file, ...pos });
    }
    const map = new JsonLocationMap(file, text);
    if (!fastStructureCheck(text, value)) map.checkStructure();
    return { map, value };
  }

  /** Parses with the YAML backend whatever the text (the reference the JSON fast path must match). */
  static parseAsYaml(file: string, text: string): { map: LocationMap; value: unknown } {
    return YamlLocationMap.parseYaml(file, text);
  }

  /** The location of the deepest existing node on the pointer's path (at the key of an entry). */
  abstract locate(pointer: Pointer): SourceLocation;

  /**
   * The longest prefix of the pointer that names an existing node (`[]` for the document). It
   * stops at an array: an item at the same index may be another element.
   */
  abstract nearest(pointer: Pointer): Pointer;

  /**
   * The text of the value an object path leads to, exactly as written, when this is JSON text
   * (undefined for YAML, for a path through an array, or one that does not exist).
   */
  valueText(_pointer: Pointer): string | undefined {
    return undefined;
  }
}

function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff) continue;
    return c === 0x7b /* { */ || c === 0x5b; /* [ */
  }
  return false;
}

class YamlLocationMap extends LocationMap {
  /** Per mapping node: its entries by key, built on first use (big mappings are searched often). */
  private readonly keyIndex = new WeakMap<object, Map<string, { key: Node; value: Node | null }>>();

  private constructor(
    file: string,
    private readonly root: Node | null,
    private readonly lines: LineCounter,
  ) {
    super(file);
  }

  static parseYaml(file: string, text: string): { map: LocationMap; value: unknown } {
    const limits = inputLimits();
    const { LineCounter, parseDocument } = yamlPackage();
    const lines = new LineCounter();
    // The yaml package recurses per nesting level and aborts the process (not a catchable error)
    // a few thousand levels down: an estimate from the raw text stops such input before it.
    const deep = yamlDepthEstimate(text, limits.depth + 64);
    if (deep >= 0) {
      const { line, column } = lineColumnOf(text, deep);
      throw new InputError(`the document is nested too deeply ${limitHint('depth')}`, {
        file,
        line,
        column,
      });
    }
    const doc = parseDocument(text, {
      lineCounter: lines,
      keepSourceTokens: false,
      uniqueKeys: false,
      merge: true,
      strict: false,
      prettyErrors: false,
    });
    if (doc.errors.length) {
      const err = doc.errors[0]!;
      const pos = lines.linePos(err.pos[0]);
      throw new InputError(`invalid YAML/JSON: ${err.message.split('\n')[0]}`, {
        file,
        line: pos.line,
        column: pos.col,
      });
    }
    const at = (node: Node) => {
      const pos = lines.linePos(node.range?.[0] ?? 0);
      return { file, line: pos.line, column: pos.col };
    };
    const firstAlias = checkYamlTree(doc.contents as Node | null, limits.depth, at);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.aliases });
    } catch (e) {
      if (!(e instanceof ReferenceError) || !firstAlias) throw e;
      throw new InputError(
        `YAML aliases expand too much (an alias bomb?) ${limitHint('aliases')}`,
        at(firstAlias),
      );
    }
    const map = new YamlLocationMap(file, doc.contents as Node | null, lines);
    // Aliases can nest a structure inside itself many times over: measure what they built.
    if (firstAlias)
      assertDepth(value, () => undefined, at(firstAlias), 'once aliases are expanded');
    return { map, value };
  }

  locate(pointer: Pointer): SourceLocation {
    const { node, keyNode } = this.walk(pointer);
    const at = keyNode?.range ?? node?.range;
    const pos = at ? this.lines.linePos(at[0]) : { line: 1, col: 1 };
    return { file: this.file, line: pos.line, column: pos.col, pointer: [...pointer] };
  }

  nearest(pointer: Pointer): Pointer {
    return pointer.slice(0, this.walk(pointer, false).depth);
  }

  /** Follows the pointer as far as the document goes (into array items unless told not to). */
  private walk(
    pointer: Pointer,
    intoArrays = true,
  ): { node: Node | null; keyNode: Node | null; depth: number } {
    let node: Node | null = this.root;
    let keyNode: Node | null = null;
    let depth = 0;
    const { isMap, isSeq } = yamlPackage();
    for (const seg of pointer) {
      if (!node) break;
      if (isMap(node)) {
        const entry = this.entries(node).get(seg);
        if (!entry) break;
        keyNode = entry.key;
        node = entry.value;
      } else if (isSeq(node)) {
        if (!intoArrays || !/^\d+$/.test(seg)) break;
        const item = node.items[Number(seg)];
        if (item === undefined) break;
        keyNode = null;
        node = item as Node;
      } else break;
      depth++;
    }
    return { node, keyNode, depth };
  }

  private entries(node: Node): Map<string, { key: Node; value: Node | null }> {
    let index = this.keyIndex.get(node);
    if (!index) {
      index = new Map();
      const { isMap, isPair, isScalar } = yamlPackage();
      if (isMap(node)) {
        for (const p of node.items) {
          if (!isPair(p) || !isScalar(p.key)) continue;
          const k = String(p.key.value);
          // The first entry wins, as in the location an editor would show for a duplicate key.
          if (!index.has(k)) index.set(k, { key: p.key as Node, value: (p.value as Node) ?? null });
        }
      }
      this.keyIndex.set(node, index);
    }
    return index;
  }
}

/**
 * YAML read by js-yaml, located by a line index; whatever the index is unsure of is located on the
 * `yaml` package's CST, parsed the first time it is needed.
 */
class FastYamlLocationMap extends LocationMap {
  private readonly index: YamlLineIndex;
  private cst?: LocationMap;

  private constructor(
    file: string,
    private readonly text: string,
    /** The value as parsed (callers change theirs in place). */
    private readonly shape: unknown,
  ) {
    super(file);
    this.index = new YamlLineIndex(text);
  }

  /** No alias shares a node: the fast path declines text where one does. */
  override get tree(): boolean {
    return true;
  }

  static parseYaml(file: string, text: string): { map: LocationMap; value: unknown } | undefined {
    const { depth } = inputLimits();
    // js-yaml recurses per level too: text past the estimate is the yaml path's to refuse.
    if (yamlDepthEstimate(text, depth + 64) >= 0) return undefined;
    const fast = loadFast(text, depth);
    if (!fast) return undefined;
    return { map: new FastYamlLocationMap(file, text, fast.shape), value: fast.value };
  }

  locate(pointer: Pointer): SourceLocation {
    const at = this.index.locate(this.shape, pointer);
    if (at === undefined) return this.fallback().locate(pointer);
    const { line, column } = this.index.position(at);
    return { file: this.file, line, column, pointer: [...pointer] };
  }

  nearest(pointer: Pointer): Pointer {
    let v = this.shape;
    let depth = 0;
    for (const seg of pointer) {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) break;
      if (!Object.prototype.hasOwnProperty.call(v, seg)) break;
      v = (v as Record<string, unknown>)[seg];
      depth++;
    }
    return pointer.slice(0, depth);
  }

  private fallback(): LocationMap {
    return (this.cst ??= YamlLocationMap.parseYaml(this.file, this.text).map);
  }
}

/** Offsets of a container's members: for objects the key's offset and the value's. */
type Members = Map<string, { at: number; value: number }> | number[];

class JsonLocationMap extends LocationMap {
  override get tree(): boolean {
    return true;
  }
  private readonly members = new Map<number, Members>();
  private lineStarts?: number[];
  /** Every container's opening and closing offsets, in text order (built on the first lookup). */
  private brackets?: { opens: Int32Array; ends: Int32Array; n: number };

  constructor(
    file: string,
    private readonly text: string,
  ) {
    super(file);
  }

  /**
   * The precise (slower) check, run when the fast one finds something: one pass over text
   * `JSON.parse` accepted, where duplicate keys (JSON.parse keeps the last one) and
   * nesting past the depth limit are InputErrors. Strings are skipped with indexOf.
   */
  checkStructure(): void {
    const t = this.text;
    const max = inputLimits().depth;
    const stack: Array<Map<string, number> | null> = [];
    let expectKey = false;
    const n = t.length;
    for (let i = 0; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x22) {
        let j = t.indexOf('"', i + 1);
        while (j > 0 && t.charCodeAt(j - 1) === 0x5c && escaped(t, j)) j = t.indexOf('"', j + 1);
        if (expectKey) {
          const raw = t.slice(i + 1, j);
          const key = raw.includes('\\') ? (JSON.parse(t.slice(i, j + 1)) as string) : raw;
          const keys = stack[stack.length - 1]!;
          const first = keys.get(key);
          if (first !== undefined) {
            const { line, column } = this.position(i);
            throw new InputError(
              `duplicate key '${key}' (first at line ${this.position(first).line}): keys must be unique`,
              { file: this.file, line, column },
            );
          }
          keys.set(key, i);
          expectKey = false;
        }
        i = j;
      } else if (c === 0x7b || c === 0x5b) {
        stack.push(c === 0x7b ? new Map() : null);
        expectKey = c === 0x7b;
        if (stack.length > max) {
          const { line, column } = this.position(i);
          throw new InputError(`the document is nested too deeply ${limitHint('depth')}`, {
            file: this.file,
            line,
            column,
          });
        }
      } else if (c === 0x7d || c === 0x5d) {
        stack.pop();
      } else if (c === 0x2c) {
        expectKey = stack[stack.length - 1] !== null;
      }
    }
  }

  locate(pointer: Pointer): SourceLocation {
    const { line, column } = this.position(this.walk(pointer).at);
    return { file: this.file, line, column, pointer: [...pointer] };
  }

  nearest(pointer: Pointer): Pointer {
    return pointer.slice(0, this.walk(pointer, false).depth);
  }

  override valueText(pointer: Pointer): string | undefined {
    let value = skipWs(this.text, 0);
    for (const seg of pointer) {
      const members = this.membersOf(value);
      if (!members || Array.isArray(members)) return undefined;
      const m = members.get(seg);
      if (!m) return undefined;
      value = m.value;
    }
    return this.text.slice(value, this.skip(value));
  }

  /** Follows the pointer as far as the document goes: the offset of the last node reached. */
  private walk(pointer: Pointer, intoArrays = true): { at: number; depth: number } {
    let value = skipWs(this.text, 0);
    let at = value;
    let depth = 0;
    for (const seg of pointer) {
      const members = this.membersOf(value);
      if (!members) break;
      if (Array.isArray(members)) {
        if (!intoArrays || !/^\d+$/.test(seg)) break;
        const v = members[Number(seg)];
        if (v === undefined) break;
        at = value = v;
      } else {
        const m = members.get(seg);
        if (!m) break;
        at = m.at;
        value = m.value;
      }
      depth++;
    }
    return { at, depth };
  }

  /**
   * Just past the value starting at `i`. A container is looked up in the bracket index: without
   * it, each container on a pointer's path would be scanned character by character again.
   */
  private skip(i: number): number {
    const c = this.text.charCodeAt(i);
    if (c !== 0x7b && c !== 0x5b) return skipValue(this.text, i);
    const { opens, ends, n } = (this.brackets ??= bracketIndex(this.text));
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const o = opens[mid]!;
      if (o === i) return ends[mid]! > i ? ends[mid]! : skipValue(this.text, i);
      if (o < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return skipValue(this.text, i);
  }

  /** Scans the object or array starting at `offset` once; undefined for a scalar. */
  private membersOf(offset: number): Members | undefined {
    const cached = this.members.get(offset);
    if (cached) return cached;
    const t = this.text;
    const open = t.charCodeAt(offset);
    if (open !== 0x7b && open !== 0x5b) return undefined;
    let i = skipWs(t, offset + 1);
    let members: Members;
    if (open === 0x5b) {
      const items: number[] = [];
      while (i < t.length && t.charCodeAt(i) !== 0x5d) {
        items.push(i);
        i = skipWs(t, this.skip(i));
        if (t.charCodeAt(i) === 0x2c) i = skipWs(t, i + 1);
      }
      members = items;
    } else {
      const entries = new Map<string, { at: number; value: number }>();
      while (i < t.length && t.charCodeAt(i) === 0x22) {
        const keyStart = i;
        const keyEnd = skipString(t, i);
        const raw = t.slice(keyStart + 1, keyEnd - 1);
        const key = raw.includes('\\') ? (JSON.parse(t.slice(keyStart, keyEnd)) as string) : raw;
        i = skipWs(t, keyEnd);
        i = skipWs(t, i + 1); // the ':'
        if (!entries.has(key)) entries.set(key, { at: keyStart, value: i });
        i = skipWs(t, this.skip(i));
        if (t.charCodeAt(i) === 0x2c) i = skipWs(t, i + 1);
      }
      members = entries;
    }
    this.members.set(offset, members);
    return members;
  }

  private position(offset: number): { line: number; column: number } {
    if (!this.lineStarts) {
      const starts = [0];
      const t = this.text;
      for (let i = t.indexOf('\n'); i !== -1; i = t.indexOf('\n', i + 1)) starts.push(i + 1);
      this.lineStarts = starts;
    }
    const s = this.lineStarts;
    const lo = lineAtOffset(s, offset);
    return { line: lo + 1, column: offset - s[lo]! + 1 };
  }
}
