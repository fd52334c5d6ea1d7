import type { MessageArgs } from '../../../core/rule.js';
import type { EnumNode, MessageNode, Offset, ServiceNode } from '../ast.js';
import { bufIdToRuleId } from '../rules.js';
import type { FileView } from '../semantics.js';
import type { ProtoFile, ProtoTree } from '../tree.js';
import { refsOf } from './scope.js';
import type { Views } from './views.js';

export interface Place {
  tree: ProtoTree;
  file: ProtoFile;
  /** Offset of the element in the file; undefined = the file's first line (buf: no source path). */
  at?: Offset;
}

export interface RawFinding {
  /** Treaty rule id. */
  rule: string;
  args: MessageArgs;
  pointer: string[];
  /** Where buf reports the finding in the current tree. */
  cur?: Place;
  /** The element in the previous tree. */
  prev?: Place;
  /** No line at all (a deleted file or package). */
  noLine?: boolean;
  /** The element was deprecated in the previous tree (deprecation.ts), with its sunset tag. */
  deprecation?: { sunset?: string };
}

/** What every comparing function shares: both trees' declarations and the findings so far. */
export class Comparison {
  readonly out: RawFinding[] = [];
  private readonly sameCache = new Map<string, boolean>();
  private readonly signatures = new Map<FileView, string>();

  constructor(
    readonly base: ProtoTree,
    readonly rev: ProtoTree,
    readonly bv: Views,
    readonly rv: Views,
    /** Simple names of types added, removed or redefined in files of both trees (scope.ts). */
    private readonly changedNames: Set<string>,
  ) {}

  emit(
    rule: string,
    args: MessageArgs,
    pointer: string[],
    cur: Place | undefined,
    prev?: Place,
    noLine = false,
  ): void {
    const r: RawFinding = { rule: /[A-Z]/.test(rule) ? bufIdToRuleId(rule) : rule, args, pointer };
    if (cur) r.cur = cur;
    if (prev) r.prev = prev;
    if (noLine) r.noLine = true;
    this.out.push(r);
  }

  /** A place in a file of one of the trees; no offset = the file's first line. */
  place(fv: FileView, at: Offset | undefined): Place {
    return at === undefined
      ? { tree: fv.tree, file: fv.file }
      : { tree: fv.tree, file: fv.file, at };
  }

  /**
   * True when a top-level declaration cannot yield a finding: same file, same file header (syntax,
   * package, options, visible files), byte-identical text, and none of its type references can
   * resolve differently (no part of them names a type that was added, removed or redefined).
   */
  unchanged(
    pfv: FileView,
    p: { fullName: string; at: Offset; end: Offset },
    cfv: FileView,
    c: { at: Offset; end: Offset },
    refs?: string[],
  ): boolean {
    if (pfv.file.path !== cfv.file.path) return false;
    const key = `${pfv.file.path}\0${p.fullName}`;
    let same = this.sameCache.get(key);
    if (same === undefined) {
      same =
        this.signature(pfv) === this.signature(cfv) &&
        pfv.file.parsed.text.slice(p.at, p.end) === cfv.file.parsed.text.slice(c.at, c.end) &&
        (refs ?? refsOf(p as MessageNode | EnumNode | ServiceNode)).every((ref) =>
          ref.split('.').every((part) => !this.changedNames.has(part)),
        );
      this.sameCache.set(key, same);
    }
    return same;
  }

  private signature(fv: FileView): string {
    let sig = this.signatures.get(fv);
    if (sig === undefined) {
      const { ast } = fv;
      sig = [
        ast.syntax,
        ast.edition ?? '',
        ast.package,
        (ast.options ?? []).map((o) => `${o.name}=${o.value.text}`).join(';'),
        fv.tree
          .visible(fv.file)
          .map((f) => f.path)
          .join(';'),
      ].join('\n');
      this.signatures.set(fv, sig);
    }
    return sig;
  }
}
