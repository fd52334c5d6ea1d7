import { matchBy } from '../../../core/match.js';
import { ENUM_MAX, type EnumNode } from '../ast.js';
import { featureOption, type EnumView } from '../semantics.js';
import type { Comparison } from './context.js';
import { jsonFormat, numberReserved, reservedNames, tagRanges } from './shared.js';

export function compareEnums(cx: Comparison): void {
  const m = matchBy(cx.bv.enums, cx.rv.enums, (e) => e.node.fullName);
  for (const { base: p, rev: c } of m.both) {
    if (!cx.unchanged(p.fv, p.top ?? p.node, c.fv, c.top ?? c.node)) enumPair(cx, p, c);
  }
  for (const { rev: c } of m.added) {
    cx.emit(
      'proto-enum-added',
      { name: c.node.fullName },
      ['enums', c.node.fullName],
      cx.place(c.fv, c.node.at),
    );
  }
}

function enumPair(cx: Comparison, p: EnumView, c: EnumView): void {
  const ptr = ['enums', c.node.fullName];
  const here = cx.place(c.fv, c.node.at);
  const there = cx.place(p.fv, p.node.at);
  if (p.closed !== c.closed) {
    const loc = (e: EnumView) => featureOption(e.node.options, 'enumType')?.at ?? e.node.at;
    cx.emit(
      'ENUM_SAME_TYPE',
      {
        name: c.node.name,
        before: p.closed ? 'closed' : 'open',
        after: c.closed ? 'closed' : 'open',
      },
      ptr,
      cx.place(c.fv, loc(c)),
      cx.place(p.fv, loc(p)),
    );
  }
  const pv = valuesByNumber(p.node);
  const cv = valuesByNumber(c.node);
  const numbers = matchBy(pv.entries(), cv.entries(), ([n]) => String(n));
  for (const {
    base: [number, names],
  } of numbers.removed) {
    const vptr = [...ptr, 'values', String(number)];
    const args = { number, enum: c.node.name };
    cx.emit('ENUM_VALUE_NO_DELETE', args, vptr, here, there);
    if (!numberReserved(number, c.node.reserved)) {
      cx.emit('ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED', args, vptr, here, there);
    }
    const sorted = names.map((v) => v.name).sort();
    if (!sorted.every((n) => c.node.reservedNames.includes(n))) {
      cx.emit(
        'ENUM_VALUE_NO_DELETE_UNLESS_NAME_RESERVED',
        { ...args, names: sorted.map((n) => `"${n}"`).join(', '), plural: sorted.length > 1 },
        vptr,
        here,
        there,
      );
    }
  }
  for (const {
    rev: [number, values],
  } of numbers.added) {
    cx.emit(
      'proto-enum-value-added',
      { number, name: values[0]!.name, enum: c.node.fullName },
      [...ptr, 'values', String(number)],
      cx.place(c.fv, values[0]!.at),
    );
  }
  for (const {
    base: [number, pvals],
    rev: [, cvals],
  } of numbers.both) {
    const pnames = pvals.map((v) => v.name).sort();
    const cnames = cvals.map((v) => v.name).sort();
    // New aliases are fine; a previous name that is gone is not.
    if (pnames.every((n) => cnames.includes(n))) continue;
    const plural = pnames.length > 1 && cnames.length > 1;
    const before = pnames.map((n) => `"${n}"`).join(', ');
    const after = cnames.map((n) => `"${n}"`).join(', ');
    for (const v of cvals) {
      const prevSame = pvals.find((x) => x.name === v.name);
      cx.emit(
        'ENUM_VALUE_SAME_NAME',
        { number, enum: c.node.name, plural, before, after, value: v.name },
        [...ptr, 'values', String(number)],
        cx.place(c.fv, v.numberAt),
        prevSame ? cx.place(p.fv, prevSame.numberAt) : undefined,
      );
    }
  }
  tagRanges(
    cx,
    'RESERVED_ENUM_NO_DELETE',
    'reserved',
    p.node.reserved,
    c.node.reserved,
    'enum',
    c.node.name,
    ENUM_MAX,
    ptr,
    here,
    there,
  );
  reservedNames(
    cx,
    'RESERVED_ENUM_NO_DELETE',
    'enum',
    p.node.reservedNames,
    c.node,
    ptr,
    here,
    there,
  );
  jsonFormat(
    cx,
    'ENUM_SAME_JSON_FORMAT',
    p.features,
    c.features,
    p.node.options,
    c.node.options,
    c.node.name,
    ptr,
    c.fv,
    c.node.at,
    p.fv,
    p.node.at,
  );
}

function valuesByNumber(e: EnumNode): Map<number, EnumNode['values']> {
  const out = new Map<number, EnumNode['values']>();
  for (const v of e.values) {
    const list = out.get(v.number);
    if (list) list.push(v);
    else out.set(v.number, [v]);
  }
  return out;
}
