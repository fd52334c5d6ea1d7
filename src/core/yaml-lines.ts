import type { Pointer } from './model.js';
import { lineAtOffset } from './text.js';
import { resolvePlain } from './yaml-fast.js';

/*
 * Positions in block-style YAML for the fast path (yaml-fast.ts). The index declines (undefined)
 * a pointer through flow collections, node properties, explicit keys, tabs or document markers,
 * and any mapping or sequence whose entries in the text are not exactly the keys or items of the
 * value: the caller then locates on the `yaml` package's tree.
 */

const enum Kind {
  Blank,
  Comment,
  Content,
  /** A continuation: of a block scalar, a multi-line plain or quoted scalar, a flow collection. */
  Inside,
  /** A document marker, an explicit key, a tab in the indentation: the index is not used. */
  Unsure,
}

/** Where a node's text starts: the line and its column (0-based). */
interface At {
  line: number;
  col: number;
}

interface Entry {
  /** Offset of the key. */
  key: number;
  /** The value's node, null when the entry has no value. */
  value: At | null;
}

/**
 * Offsets of nodes in block-style YAML by JSON pointer. It classifies lines once (continuations of
 * multi-line scalars and flow collections are told apart from lines that start a node) and, for a
 * lookup, scans only the mappings and sequences on the pointer's path, each once.
 */
export class YamlLineIndex {
  private starts: number[] = [];
  private ends: number[] = [];
  private indents: number[] = [];
  private kinds: Kind[] = [];
  private root?: At | null;
  private readonly mappings = new Map<number, Map<string, Entry> | null>();
  private readonly sequences = new Map<number, Array<At | null> | null>();

  constructor(private readonly text: string) {}

  /**
   * The offset of the deepest node on the pointer's path that `value` has (of its key, for a
   * mapping entry), or undefined when unsure.
   */
  locate(value: unknown, pointer: Pointer): number | undefined {
    if (this.root === undefined) this.root = this.classify();
    let node: At | null = this.root;
    if (!node) return undefined;
    let at = this.offset(node);
    let v = value;
    for (const seg of pointer) {
      if (Array.isArray(v)) {
        if (!/^\d+$/.test(seg) || Number(seg) >= v.length) break;
        const items: Array<At | null> | null = node && this.items(node, v.length);
        const item: At | null | undefined = items?.[Number(seg)];
        if (!item) return undefined;
        node = item;
        at = this.offset(item);
        v = v[Number(seg)];
      } else if (typeof v === 'object' && v !== null) {
        if (!Object.prototype.hasOwnProperty.call(v, seg)) break;
        const entries: Map<string, Entry> | null =
          node && this.entries(node, v as Record<string, unknown>);
        const entry: Entry | undefined = entries?.get(seg);
        if (!entry) return undefined;
        at = entry.key;
        node = entry.value;
        v = (v as Record<string, unknown>)[seg];
      } else break;
    }
    const c = this.text.charCodeAt(at);
    // A node with properties or an alias: where the yaml package puts it is not worth guessing.
    if (c === 0x26 /* & */ || c === 0x21 /* ! */ || c === 0x2a /* * */) return undefined;
    return at;
  }

  /** The 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const line = lineAtOffset(this.starts, offset);
    return { line: line + 1, column: offset - this.starts[line]! + 1 };
  }

  private offset(at: At): number {
    return this.starts[at.line]! + at.col;
  }

  /** The entries of the block mapping at `at`, checked against the value's keys; null if unsure. */
  private entries(at: At, value: Record<string, unknown>): Map<string, Entry> | null {
    const id = this.offset(at);
    let entries = this.mappings.get(id);
    if (entries !== undefined) return entries;
    entries = this.scanMapping(at, value);
    this.mappings.set(id, entries);
    return entries;
  }

  private scanMapping(at: At, value: Record<string, unknown>): Map<string, Entry> | null {
    const entries = new Map<string, Entry>();
    const add = (line: number): boolean => {
      const key = this.keyAt(line, at.col);
      if (!key || entries.has(key.name) || !Object.prototype.hasOwnProperty.call(value, key.name))
        return false;
      entries.set(key.name, { key: key.offset, value: this.valueAfter(line, key.after, at.col) });
      return true;
    };
    if (!add(at.line)) return null;
    let ok = true;
    // A dash at the mapping's column is a sequence under the key before it.
    const sure = this.linesAt(at, (i) => this.dashAt(this.starts[i]! + at.col) || (ok = add(i)));
    return sure && ok && entries.size === Object.keys(value).length ? entries : null;
  }

  /** The items of the block sequence at `at`, as many as the value has; null if unsure. */
  private items(at: At, length: number): Array<At | null> | null {
    const id = this.offset(at);
    let items = this.sequences.get(id);
    if (items !== undefined) return items;
    items = this.scanSequence(at, length);
    this.sequences.set(id, items);
    return items;
  }

  private scanSequence(at: At, length: number): Array<At | null> | null {
    const items: Array<At | null> = [];
    const add = (line: number): boolean => {
      const dash = this.starts[line]! + at.col;
      if (!this.dashAt(dash)) return false;
      items.push(this.valueAfter(line, dash + 1, at.col));
      return true;
    };
    if (!add(at.line)) return null;
    // A key at the sequence's column ends it: the parent mapping goes on.
    const sure = this.linesAt(at, add);
    return sure && items.length === length ? items : null;
  }

  /**
   * Calls `each` for the lines after `at.line` that start at column `at.col`, until one starts left
   * of it or `each` says stop; false when an unsure line comes first.
   */
  private linesAt(at: At, each: (line: number) => boolean): boolean {
    for (let i = at.line + 1; i < this.kinds.length; i++) {
      const kind = this.kinds[i]!;
      if (kind === Kind.Blank || kind === Kind.Comment || kind === Kind.Inside) continue;
      if (kind === Kind.Unsure) return false;
      const indent = this.indents[i]!;
      if (indent < at.col) break;
      if (indent === at.col && !each(i)) break;
    }
    return true;
  }

  /**
   * The node after a key's colon or an item's dash (`from`): on the same line, or the block on the
   * following lines (deeper than `col`, or a sequence at `col` itself); null for no value.
   */
  private valueAfter(line: number, from: number, col: number): At | null {
    const t = this.text;
    const end = this.ends[line]!;
    let p = from;
    while (p < end && (t.charCodeAt(p) === 0x20 || t.charCodeAt(p) === 0x09)) p++;
    if (p < end && t.charCodeAt(p) !== 0x23 /* # */) return { line, col: p - this.starts[line]! };
    for (let i = line + 1; i < this.kinds.length; i++) {
      const kind = this.kinds[i]!;
      if (kind === Kind.Blank || kind === Kind.Comment) continue;
      if (kind !== Kind.Content) return null;
      const indent = this.indents[i]!;
      if (indent > col || (indent === col && this.dashAt(this.starts[i]! + indent)))
        return { line: i, col: indent };
      return null;
    }
    return null;
  }

  /** A block sequence indicator at `p`: `-` followed by a space, a tab or the line's end. */
  private dashAt(p: number): boolean {
    const t = this.text;
    if (t.charCodeAt(p) !== 0x2d) return false;
    const c = t.charCodeAt(p + 1);
    return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || Number.isNaN(c);
  }

  /** The key starting at column `col` of a line: its name, offset and the offset past its colon. */
  private keyAt(line: number, col: number): { name: string; offset: number; after: number } | null {
    const t = this.text;
    const start = this.starts[line]! + col;
    const end = this.ends[line]!;
    const c = t.charCodeAt(start);
    let name: string;
    let p: number;
    if (c === 0x22 /* " */ || c === 0x27 /* ' */) {
      const close = closingQuote(t, start, end);
      if (close < 0) return null;
      const raw = t.slice(start, close + 1);
      if (c === 0x22) {
        try {
          name = JSON.parse(raw) as string;
        } catch {
          return null; // a YAML-only escape
        }
      } else name = raw.slice(1, -1).replace(/''/g, "'");
      p = close + 1;
      while (p < end && t.charCodeAt(p) === 0x20) p++;
      if (t.charCodeAt(p) !== 0x3a || !separator(t.charCodeAt(p + 1))) return null;
    } else {
      if (!plainStart(c, t.charCodeAt(start + 1))) return null;
      p = start;
      for (;;) {
        p = t.indexOf(':', p);
        if (p < 0 || p >= end) return null;
        if (separator(t.charCodeAt(p + 1))) break;
        p++;
      }
      const plain = t.slice(start, p).trimEnd();
      if (/\s#/.test(plain)) return null;
      const resolved = resolvePlain(plain);
      if (resolved === null || typeof resolved === 'object') return null;
      name = String(resolved);
    }
    return { name, offset: start, after: p + 1 };
  }

  /**
   * One pass over the lines: indentation, and whether each starts a node or continues one (block
   * scalar content, a plain or quoted scalar over several lines, a flow collection). Returns the
   * root node, or null when the text is not one block-style document this index reads.
   */
  private classify(): At | null {
    const t = this.text;
    const n = t.length;
    let root: At | null | undefined;
    /** The open construct: its kind, and for block and plain scalars the owner's column. */
    let open: 'none' | 'scalar' | 'quote' | 'flow' = 'none';
    let owner = -1;
    let quote = 0;
    let depth = 0;
    for (let s = 0; s <= n;) {
      let e = t.indexOf('\n', s);
      if (e < 0) e = n;
      const next = e + 1;
      if (e > s && t.charCodeAt(e - 1) === 0x0d) e--;
      let p = s;
      while (p < e && t.charCodeAt(p) === 0x20) p++;
      const indent = p - s;
      let q = p;
      while (q < e && t.charCodeAt(q) === 0x09) q++;
      const blank = q === e;
      let kind: Kind;
      if (open === 'scalar' && (blank || indent > owner)) kind = Kind.Inside;
      else if (open === 'quote') {
        kind = Kind.Inside;
        const close = closingQuoteFrom(t, s, e, quote);
        if (close >= 0) open = 'none';
      } else if (open === 'flow') {
        kind = Kind.Inside;
        const after = scanFlow(t, s, e, depth);
        depth = after.depth;
        if (depth === 0) open = 'none';
      } else {
        open = 'none';
        const c = t.charCodeAt(p);
        if (blank) kind = Kind.Blank;
        else if (c === 0x23) kind = Kind.Comment;
        else if (c === 0x09) kind = Kind.Unsure;
        else if (
          indent === 0 &&
          (t.startsWith('---', p) || t.startsWith('...', p)) &&
          (p + 3 === e || t.charCodeAt(p + 3) === 0x20 || t.charCodeAt(p + 3) === 0x09)
        ) {
          // A document start before any content, with nothing after it, is the usual `---`.
          kind =
            root === undefined && /^---[ \t]*(?:#.*)?$/.test(t.slice(p, e))
              ? Kind.Comment
              : Kind.Unsure;
        } else {
          kind = Kind.Content;
          const state = scanLine(t, p, e, indent);
          if (state.unsure) kind = Kind.Unsure;
          open = state.open;
          owner = state.owner;
          quote = state.quote;
          depth = state.depth;
        }
      }
      if (kind === Kind.Unsure) return null;
      if (kind === Kind.Content && root === undefined)
        root = { line: this.kinds.length, col: indent };
      this.starts.push(s);
      this.ends.push(e);
      this.indents.push(indent);
      this.kinds.push(kind);
      s = next;
    }
    return root ?? null;
  }
}

function separator(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || Number.isNaN(c);
}

/** Whether a plain scalar can start with `c` (followed by `d`), in block context. */
function plainStart(c: number, d: number): boolean {
  // Indicators that start something else: - ? : (when followed by a space), , [ ] { } # & * ! | > ' " % @ `
  if (c === 0x2d || c === 0x3f || c === 0x3a) return !separator(d);
  return !(
    c === 0x2c ||
    c === 0x5b ||
    c === 0x5d ||
    c === 0x7b ||
    c === 0x7d ||
    c === 0x23 ||
    c === 0x26 ||
    c === 0x2a ||
    c === 0x21 ||
    c === 0x7c ||
    c === 0x3e ||
    c === 0x27 ||
    c === 0x22 ||
    c === 0x25 ||
    c === 0x40 ||
    c === 0x60 ||
    separator(c)
  );
}

/** The offset of the quote closing the one at `start`, on the line (before `end`), or -1. */
function closingQuote(t: string, start: number, end: number): number {
  return closingQuoteFrom(t, start + 1, end, t.charCodeAt(start));
}

function closingQuoteFrom(t: string, from: number, end: number, q: number): number {
  for (let i = from; i < end; i++) {
    const c = t.charCodeAt(i);
    if (q === 0x22 && c === 0x5c) i++;
    else if (c === q) {
      if (q === 0x27 && t.charCodeAt(i + 1) === 0x27) i++;
      else return i;
    }
  }
  return -1;
}

/** Flow brackets from `from` to `end` (quoted scalars skipped), starting at `depth` open. */
function scanFlow(
  t: string,
  from: number,
  end: number,
  depth: number,
): { depth: number; end: number } {
  for (let i = from; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      const close = closingQuoteFrom(t, i + 1, end, c);
      if (close < 0) return { depth: Math.max(depth, 1), end }; // a quote across lines: unsure, stay open
      i = close;
    } else if (c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x5d || c === 0x7d) {
      if (--depth === 0) return { depth, end: i + 1 };
    } else if (c === 0x23 && (t.charCodeAt(i - 1) === 0x20 || t.charCodeAt(i - 1) === 0x09)) break;
  }
  return { depth, end };
}

interface LineState {
  open: 'none' | 'scalar' | 'quote' | 'flow';
  owner: number;
  quote: number;
  depth: number;
  unsure: boolean;
}

/**
 * What a content line leaves open for the lines after it: block sequence dashes, then a key and
 * its value or a value alone. `owner` is the column of the last key or dash: a block scalar's or
 * plain scalar's continuation lines are indented past it.
 */
function scanLine(t: string, p: number, e: number, indent: number): LineState {
  const state: LineState = { open: 'none', owner: indent, quote: 0, depth: 0, unsure: false };
  const lineStart = p - indent;
  const skip = (i: number) => {
    while (i < e && (t.charCodeAt(i) === 0x20 || t.charCodeAt(i) === 0x09)) i++;
    return i;
  };
  while (t.charCodeAt(p) === 0x2d && separator(t.charCodeAt(p + 1)) && p < e) {
    state.owner = p - lineStart;
    p = skip(p + 1);
  }
  let keyAllowed = true;
  for (;;) {
    if (p >= e) return state;
    const c = t.charCodeAt(p);
    if (c === 0x23) return state;
    if (c === 0x3f && separator(t.charCodeAt(p + 1))) {
      state.unsure = true; // an explicit key
      return state;
    }
    if (c === 0x26 || c === 0x21) {
      // node properties: skip the token, the node follows
      while (p < e && !separator(t.charCodeAt(p))) p++;
      p = skip(p);
      continue;
    }
    if (c === 0x7c || c === 0x3e) {
      state.open = 'scalar';
      return state;
    }
    let endOfNode: number;
    if (c === 0x22 || c === 0x27) {
      const close = closingQuote(t, p, e);
      if (close < 0) {
        state.open = 'quote';
        state.quote = c;
        return state;
      }
      endOfNode = close + 1;
    } else if (c === 0x5b || c === 0x7b) {
      const flow = scanFlow(t, p, e, 0);
      if (flow.depth > 0) {
        state.open = 'flow';
        state.depth = flow.depth;
        return state;
      }
      endOfNode = flow.end;
    } else {
      // A plain scalar: up to a key's `: ` (if a key may start here) or a comment.
      let i = p;
      for (; i < e; i++) {
        const d = t.charCodeAt(i);
        if (d === 0x3a && keyAllowed && separator(t.charCodeAt(i + 1))) break;
        if (d === 0x23 && (t.charCodeAt(i - 1) === 0x20 || t.charCodeAt(i - 1) === 0x09)) {
          i = e;
          break;
        }
      }
      if (i >= e) {
        state.open = 'scalar'; // its continuation lines are indented past the owner
        return state;
      }
      endOfNode = i;
    }
    const colon = skip(endOfNode);
    if (keyAllowed && t.charCodeAt(colon) === 0x3a && separator(t.charCodeAt(colon + 1))) {
      state.owner = p - lineStart;
      keyAllowed = false;
      p = skip(colon + 1);
      continue;
    }
    // A scalar or flow collection that ends on this line: anything deeper after it continues it.
    state.open = 'scalar';
    return state;
  }
}
