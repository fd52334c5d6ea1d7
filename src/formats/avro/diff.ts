import type { SourceLocation } from '../../core/model.js';
import type { MessageArgs, RuleDef } from '../../core/rule.js';
import { matchBy } from '../../core/match.js';
import { canonical } from '../asyncapi/canonical.js';
import { logicalLabel } from './logical.js';
import {
  branchKey,
  isNamed,
  typeLabel,
  type AvroType,
  type EnumType,
  type Field,
  type NamedType,
  type RecordType,
} from './model.js';
import { nameMatches, primitiveReads, readable } from './resolve.js';
import * as R from './rules.js';

/**
 * The Avro comparison engine: walks a base and a revision type together and reports each change
 * as a rule whose profile (what it breaks: BACKWARD = the revision reads base data, FORWARD = the
 * base reads revision data) follows the specification's schema resolution. A named type pair is
 * compared once, however often it is reached (shared and recursive types).
 *
 * Used by the Avro format and by AsyncAPI messages whose payload is Avro.
 */

export interface AvroChange {
  rule: RuleDef<MessageArgs>;
  args: MessageArgs;
  /** In the revision (the nearest surviving element for a removal). */
  location: SourceLocation;
  baseLocation?: SourceLocation;
  before?: unknown;
  after?: unknown;
}

export class AvroDiff {
  readonly changes: AvroChange[] = [];
  private readonly done = new Set<string>();

  private emit(
    rule: RuleDef<any>,
    args: MessageArgs,
    location: SourceLocation,
    baseLocation?: SourceLocation,
    values?: { before?: unknown; after?: unknown },
  ): void {
    const c: AvroChange = { rule, args, location };
    if (baseLocation) c.baseLocation = baseLocation;
    if (values?.before !== undefined) c.before = values.before;
    if (values?.after !== undefined) c.after = values.after;
    this.changes.push(c);
  }

  /** Compares two types; `element` names the place for messages (`field 'Order.id'`, `schema 'x'`). */
  compare(b: AvroType, r: AvroType, element: string): void {
    if (b.kind === 'union' || r.kind === 'union') {
      this.union(b, r, element);
      return;
    }
    if (b.kind === 'primitive' && r.kind === 'primitive') {
      if (b.name !== r.name) this.primitiveChanged(b.name, r.name, b, r, element);
      this.logical(b, r, element);
      return;
    }
    if (b.kind !== r.kind) {
      this.emit(R.typeChanged, { element, before: typeLabel(b), after: typeLabel(r) }, r.at, b.at);
      return;
    }
    if (b.kind === 'array' && r.kind === 'array') {
      this.compare(b.items, r.items, `the items of ${element}`);
      return;
    }
    if (b.kind === 'map' && r.kind === 'map') {
      this.compare(b.values, r.values, `the values of ${element}`);
      return;
    }
    if (isNamed(b) && isNamed(r)) this.named(b, r);
  }

  private primitiveChanged(
    bn: string,
    rn: string,
    b: AvroType,
    r: AvroType,
    element: string,
  ): void {
    const newReadsOld = primitiveReads(rn as never, bn as never);
    const oldReadsNew = primitiveReads(bn as never, rn as never);
    const rule =
      newReadsOld && oldReadsNew
        ? R.stringBytesSwapped
        : newReadsOld
          ? R.typePromoted
          : oldReadsNew
            ? R.typeDemoted
            : R.typeChanged;
    this.emit(rule, { element, before: bn, after: rn }, r.at, b.at);
  }

  private logical(b: AvroType, r: AvroType, element: string): void {
    const bl = b.logical;
    const rl = r.logical;
    if (!bl && !rl) return;
    const label = (t: AvroType) =>
      t.kind === 'primitive' ? t.name : t.kind === 'fixed' ? `fixed '${t.fullName}'` : t.kind;
    const before = logicalLabel(bl);
    const after = logicalLabel(rl);
    if (bl && rl) {
      if (bl.name === rl.name && bl.name !== 'decimal') return;
      if (bl.name === 'decimal' && rl.name === 'decimal') {
        if (bl.precision !== rl.precision || bl.scale !== rl.scale) {
          this.emit(R.decimalChanged, { element, before, after }, r.at, b.at);
        }
        return;
      }
      this.emit(R.logicalTypeChanged, { element, before, after }, r.at, b.at);
    } else if (rl) {
      this.emit(R.logicalTypeAdded, { element, before: label(b), after }, r.at, b.at);
    } else {
      this.emit(R.logicalTypeRemoved, { element, before, after: label(r) }, r.at, b.at);
    }
  }

  /**
   * Union against union (a non-union side is a union of one): branches pair by name or type, then
   * by alias, then the last one left on each side. A base branch nothing in the revision reads is
   * removed (BACKWARD); a revision branch nothing in the base reads is added (FORWARD).
   */
  private union(b: AvroType, r: AvroType, element: string): void {
    const bs = b.kind === 'union' ? b.branches : [b];
    const rs = r.kind === 'union' ? r.branches : [r];
    const m = matchBy(bs, rs, branchKey);
    let removed = m.removed.map((x) => x.base);
    let added = m.added.map((x) => x.rev);
    const pairs: Array<[AvroType, AvroType]> = m.both.map((x) => [x.base, x.rev]);
    // A renamed named type: the revision's branch aliases the base's name.
    for (const rb of [...added]) {
      if (!isNamed(rb)) continue;
      const bb = removed.find(
        (x) => isNamed(x) && x.kind === rb.kind && rb.aliases.includes(x.fullName),
      );
      if (bb) {
        pairs.push([bb, rb]);
        removed = removed.filter((x) => x !== bb);
        added = added.filter((x) => x !== rb);
      }
    }
    // The one branch left on each side is the same branch changed, unless another branch reads it.
    if (removed.length === 1 && added.length === 1) {
      const [bb, rb] = [removed[0]!, added[0]!];
      const otherReads = rs.some((x) => x !== rb && readable(x, bb));
      const otherRead = bs.some((x) => x !== bb && readable(x, rb));
      if (!otherReads && !otherRead) {
        pairs.push([bb, rb]);
        removed = [];
        added = [];
      }
    }
    for (const [bb, rb] of pairs) this.compare(bb, rb, element);
    for (const bb of removed) {
      const into = rs.find((x) => readable(x, bb));
      if (into) {
        this.emit(
          R.unionBranchMerged,
          { element, name: branchKey(bb), into: branchKey(into) },
          r.at,
          bb.at,
        );
      } else {
        this.emit(R.unionBranchRemoved, { element, name: branchKey(bb) }, r.at, bb.at);
      }
    }
    for (const rb of added) {
      const into = bs.find((x) => readable(x, rb));
      if (into) {
        this.emit(
          R.unionBranchAddedReadable,
          { element, name: branchKey(rb), into: branchKey(into) },
          rb.at,
          b.at,
        );
      } else {
        this.emit(R.unionBranchAdded, { element, name: branchKey(rb) }, rb.at, b.at);
      }
    }
  }

  private named(b: NamedType, r: NamedType): void {
    const key = `${b.fullName}\u0000${r.fullName}`;
    if (this.done.has(key)) return;
    this.done.add(key);
    const type = r.kind;
    if (b.kind !== r.kind) return;
    if (b.name !== r.name) {
      const newReadsOld = nameMatches(r, b);
      const oldReadsNew = nameMatches(b, r);
      const rule =
        newReadsOld && oldReadsNew
          ? R.typeRenamedCompatible
          : newReadsOld
            ? R.typeRenamedWithAlias
            : oldReadsNew
              ? R.typeRenamedToAlias
              : R.typeRenamed;
      this.emit(rule, { type, before: b.fullName, after: r.fullName }, r.nameAt, b.nameAt);
    } else if (b.namespace !== r.namespace) {
      this.emit(
        R.namespaceChanged,
        { type, name: r.name, before: b.namespace || '(none)', after: r.namespace || '(none)' },
        r.nameAt,
        b.nameAt,
      );
    }
    const element = `${type} '${r.fullName}'`;
    // The old name kept as an alias is part of the rename, not an alias of its own.
    const rAliases = r.aliases.filter((a) => a !== b.fullName);
    const bAliases = b.aliases.filter((a) => a !== r.fullName);
    this.aliases(bAliases, rAliases, element, r.at, b.at);
    if ((b.doc ?? '') !== (r.doc ?? '')) this.emit(R.docChanged, { element }, r.at, b.at);
    if (b.kind === 'fixed' && r.kind === 'fixed') {
      if (b.size !== r.size) {
        this.emit(
          R.fixedSizeChanged,
          { name: r.fullName, before: b.size, after: r.size },
          r.at,
          b.at,
        );
      }
      this.logical(b, r, element);
    } else if (b.kind === 'enum' && r.kind === 'enum') this.enumeration(b, r);
    else if (b.kind === 'record' && r.kind === 'record') this.record(b, r);
  }

  private aliases(
    b: string[],
    r: string[],
    element: string,
    at: SourceLocation,
    baseAt: SourceLocation,
  ): void {
    for (const a of b)
      if (!r.includes(a)) this.emit(R.aliasRemoved, { element, name: a }, at, baseAt);
    for (const a of r)
      if (!b.includes(a)) this.emit(R.aliasAdded, { element, name: a }, at, baseAt);
  }

  private enumeration(b: EnumType, r: EnumType): void {
    const name = r.fullName;
    const bSymbols = new Set(b.symbols);
    const rSymbols = new Set(r.symbols);
    b.symbols.forEach((s, i) => {
      if (rSymbols.has(s)) return;
      const args = { enum: name, name: s, default: r.default ?? '' };
      this.emit(
        r.default !== undefined ? R.enumSymbolRemovedToDefault : R.enumSymbolRemoved,
        args,
        r.at,
        b.symbolAt[i],
      );
    });
    r.symbols.forEach((s, i) => {
      if (bSymbols.has(s)) return;
      const args = { enum: name, name: s, default: b.default ?? '' };
      this.emit(
        b.default !== undefined ? R.enumSymbolAddedWithDefault : R.enumSymbolAdded,
        args,
        r.symbolAt[i]!,
        b.at,
      );
    });
    if (b.default !== r.default) {
      const q = (v?: string) => (v === undefined ? 'none' : `'${v}'`);
      this.emit(
        R.enumDefaultChanged,
        { enum: name, before: q(b.default), after: q(r.default) },
        r.at,
        b.at,
      );
    }
  }

  private record(b: RecordType, r: RecordType): void {
    const record = r.fullName;
    const m = matchBy(b.fields, r.fields, (f) => f.name);
    let removed = m.removed.map((x) => x.base);
    const pairs: Array<[Field, Field]> = m.both.map((x) => [x.base, x.rev]);
    const renamed: Array<[Field, Field]> = [];
    const added: Field[] = [];
    for (const { rev: rf } of m.added) {
      const bf = removed.find((f) => rf.aliases.includes(f.name));
      if (bf) {
        renamed.push([bf, rf]);
        removed = removed.filter((f) => f !== bf);
      } else added.push(rf);
    }
    for (const f of added) {
      const rule = f.default ? R.fieldAdded : R.fieldAddedWithoutDefault;
      const args = {
        record,
        field: f.name,
        default: f.default ? JSON.stringify(f.default.value) : '',
      };
      this.emit(rule, args, f.at);
    }
    for (const f of removed) {
      const rule = f.default ? R.fieldRemoved : R.fieldRemovedWithoutDefault;
      // `name` tells apart the fields removed from one record (they share the location).
      this.emit(rule, { record, field: f.name, name: f.name }, r.fieldsAt, f.at);
    }
    for (const [bf, rf] of renamed) {
      const rule = bf.default ? R.fieldRenamed : R.fieldRenamedWithoutDefault;
      this.emit(rule, { record, before: bf.name, after: rf.name }, rf.at, bf.at);
      if (bf.default) {
        // Old readers never pair the renamed field (they use their default), so only the new
        // reader's side counts: can the new type read the old values?
        if (!readable(rf.type, bf.type)) {
          this.emit(
            R.renamedFieldTypeIncompatible,
            { record, field: rf.name, before: typeLabel(bf.type), after: typeLabel(rf.type) },
            rf.at,
            bf.at,
          );
        }
        continue;
      }
      pairs.push([bf, rf]);
    }
    for (const [bf, rf] of pairs) this.field(record, bf, rf);
  }

  private field(record: string, b: Field, r: Field): void {
    const element = `field '${record}.${r.name}'`;
    this.compare(b.type, r.type, element);
    const args = { record, field: r.name };
    const json = (d?: { value: unknown }) => (d ? canonical(d.value) : 'none');
    if (!b.default && r.default) {
      this.emit(R.fieldDefaultAdded, { ...args, after: json(r.default) }, r.at, b.at);
    } else if (b.default && !r.default) {
      this.emit(R.fieldDefaultRemoved, { ...args, before: json(b.default) }, r.at, b.at);
    } else if (b.default && r.default && json(b.default) !== json(r.default)) {
      this.emit(
        R.fieldDefaultChanged,
        { ...args, before: json(b.default), after: json(r.default) },
        r.at,
        b.at,
      );
    }
    if ((b.order ?? 'ascending') !== (r.order ?? 'ascending')) {
      this.emit(
        R.fieldOrderChanged,
        { ...args, before: b.order ?? 'ascending', after: r.order ?? 'ascending' },
        r.at,
        b.at,
      );
    }
    const rAliases = r.aliases.filter((a) => a !== b.name);
    this.aliases(b.aliases, rAliases, element, r.at, b.at);
    if ((b.doc ?? '') !== (r.doc ?? '')) this.emit(R.docChanged, { element }, r.at, b.at);
  }
}
