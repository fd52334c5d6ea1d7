import type { Finding, Format, Pointer, SourceLocation } from './model.js';
import { pointerToString } from './model.js';
import type { LazyRules, MessageArgs, RuleDef } from './rule.js';
import { collate } from './collate.js';

/**
 * The rule catalogue. Formats register their declarations from an explicit list
 * (src/formats/index.ts); nothing is discovered by scanning folders.
 */
export class Catalogue {
  /** A rule, or the lazy table that builds it on first use. */
  private readonly rules = new Map<string, RuleDef | LazyRules>();

  register(defs: readonly RuleDef<any>[] | LazyRules): this {
    const lazy = Array.isArray(defs) ? undefined : (defs as LazyRules);
    const ids = lazy ? lazy.ids() : (defs as readonly RuleDef[]).map((d) => d.id);
    for (const id of ids) {
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
        throw new Error(`rule id '${id}' is not kebab-case`);
      }
      if (this.rules.has(id)) throw new Error(`rule '${id}' is registered twice`);
    }
    if (lazy) for (const id of ids) this.rules.set(id, lazy);
    else for (const def of defs as readonly RuleDef[]) this.rules.set(def.id, def);
    return this;
  }

  get(id: string): RuleDef | undefined {
    const entry = this.rules.get(id);
    if (!entry || !isLazy(entry)) return entry;
    const def = entry.build(id) as RuleDef;
    this.rules.set(id, def);
    return def;
  }

  require(id: string): RuleDef {
    const def = this.get(id);
    if (!def) throw new Error(`unknown rule '${id}'`);
    return def;
  }

  has(id: string): boolean {
    return this.rules.has(id);
  }

  all(format?: Format): RuleDef[] {
    const list = [...this.rules.keys()].map((id) => this.get(id)!);
    return (format ? list.filter((r) => r.formats.includes(format)) : list).sort((a, b) =>
      collate(a.id, b.id),
    );
  }
}

const isLazy = (entry: RuleDef | LazyRules): entry is LazyRules =>
  typeof (entry as LazyRules).build === 'function';

/** What a comparer passes to emit one finding; the catalogue fills in the rest. */
export interface FindingInput<A extends MessageArgs = MessageArgs> {
  args: A;
  location: SourceLocation;
  baseLocation?: SourceLocation;
  before?: unknown;
  after?: unknown;
  affects?: string[];
  /** The removed element was deprecated in the baseline (see `Finding.deprecation`). */
  deprecation?: Finding['deprecation'];
  /** Overrides the declared severity where the rule's semantics call for it (e.g. x-extensible-enum). */
  severity?: Finding['severity'];
  /** The rule's variant (see `RuleDef.variants`): its modes decide whether the finding fails. */
  variant?: string;
  /** Declared stability of the element the finding is in. */
  stability?: Finding['stability'];
}

/** Builds findings for one contract: the only place a `Finding` is constructed. */
export function findingFactory(catalogue: Catalogue, contract: string, format: Format) {
  return function make<A extends MessageArgs>(
    rule: RuleDef<A> | string,
    input: FindingInput<A>,
  ): Finding {
    const def = (typeof rule === 'string' ? catalogue.require(rule) : rule) as RuleDef<A>;
    const finding: Finding = {
      rule: def.id,
      severity: input.severity ?? def.severity,
      contract,
      format,
      message: def.message(input.args) + renameHint(input.args),
      args: input.args,
      location: input.location,
      fingerprint: fingerprint(def.id, contract, input.location.pointer, input.args),
    };
    if (input.baseLocation) finding.baseLocation = input.baseLocation;
    if (input.before !== undefined) finding.before = input.before;
    if (input.after !== undefined) finding.after = input.after;
    if (input.affects && input.affects.length) finding.affects = [...input.affects].sort();
    if (input.variant !== undefined && def.variants?.[input.variant])
      finding.variant = input.variant;
    if (input.stability) finding.stability = input.stability;
    if (input.deprecation) finding.deprecation = { ...input.deprecation };
    return finding;
  };
}

export type MakeFinding = ReturnType<typeof findingFactory>;

/**
 * The hint a finding carries when an element removed and another added in the same place are
 * probably one renamed (`args.renamedTo` on the removal, `args.renamedFrom` on the addition).
 * The finding keeps its own rule and severity: a rename still breaks whoever used the old name.
 */
export function renameHint(args: MessageArgs): string {
  if (args.renamedTo !== undefined) return ` — probably renamed to '${String(args.renamedTo)}'`;
  if (args.renamedFrom !== undefined) {
    return ` — probably renamed from '${String(args.renamedFrom)}'`;
  }
  if (args.renumberedTo !== undefined) {
    return ` — probably renumbered to ${String(args.renumberedTo)}`;
  }
  if (args.renumberedFrom !== undefined) {
    return ` — probably renumbered from ${String(args.renumberedFrom)}`;
  }
  return '';
}

/** Stable across runs and line moves: rule, contract and the element's pointer. */
export function fingerprint(
  rule: string,
  contract: string,
  pointer: Pointer,
  args?: MessageArgs,
): string {
  // Some rules fire several times at one pointer (e.g. one per removed enum value): the first
  // string argument named `value`/`name` disambiguates them.
  const extra = args && (args.value ?? args.name);
  return [rule, contract, pointerToString(pointer), extra === undefined ? '' : String(extra)].join(
    '|',
  );
}
