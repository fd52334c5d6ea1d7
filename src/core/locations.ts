import { LineCounter, parseDocument, isMap, isSeq, isScalar, isPair, type Node } from 'yaml';
import { InputError } from './errors.js';
import type { Pointer, SourceLocation } from './model.js';

/**
 * Location maps built at load time: for a YAML or JSON text, the line and column of every node by
 * its JSON pointer. Lookups are lazy walks of the parsed CST, so a 10 MB spec is parsed once and
 * only the pointers that end up in findings are resolved.
 */
export class LocationMap {
  private constructor(
    readonly file: string,
    private readonly root: Node | null,
    private readonly lines: LineCounter,
  ) {}

  /** Parses YAML or JSON text. Throws an InputError with file:line:col on a syntax error. */
  static parse(file: string, text: string): { map: LocationMap; value: unknown } {
    const lines = new LineCounter();
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
    return {
      map: new LocationMap(file, doc.contents as Node | null, lines),
      value: doc.toJS({ maxAliasCount: -1 }),
    };
  }

  /** The location of the deepest existing node on the pointer's path. */
  locate(pointer: Pointer): SourceLocation {
    let node: Node | null = this.root;
    let keyNode: Node | null = null;
    for (const seg of pointer) {
      if (!node) break;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === seg,
        );
        if (!pair) break;
        keyNode = pair.key as Node;
        node = (pair.value as Node | null) ?? null;
      } else if (isSeq(node)) {
        const item = node.items[Number(seg)];
        if (item === undefined || !/^\d+$/.test(seg)) break;
        keyNode = null;
        node = item as Node;
      } else break;
    }
    // Point at the key of a mapping entry (where an editor puts the cursor), else at the node.
    const at = keyNode?.range ?? node?.range;
    const pos = at ? this.lines.linePos(at[0]) : { line: 1, col: 1 };
    return { file: this.file, line: pos.line, column: pos.col, pointer: [...pointer] };
  }
}
