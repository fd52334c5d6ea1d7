import { matchBy } from '../../../core/match.js';
import { FIELD_MAX, MESSAGE_SET_MAX, option } from '../ast.js';
import type { FieldView, MessageView } from '../semantics.js';
import type { Comparison } from './context.js';
import { fieldArgs, fieldPair } from './fields.js';
import { jsonFormat, numberReserved, reservedNames, tagRanges } from './shared.js';

export function compareMessages(cx: Comparison): void {
  const m = matchBy(cx.bv.messages, cx.rv.messages, (x) => x.node.fullName);
  for (const { base: p, rev: c } of m.both) {
    if (!cx.unchanged(p.fv, p.top, c.fv, c.top)) messagePair(cx, p, c);
  }
  for (const { rev: c } of m.added) {
    if (c.node.mapEntry) continue;
    cx.emit(
      'proto-message-added',
      { name: c.node.fullName },
      ['messages', c.node.fullName],
      cx.place(c.fv, c.node.at),
    );
  }
}

function messagePair(cx: Comparison, p: MessageView, c: MessageView): void {
  const ptr = ['messages', c.node.fullName];
  const here = cx.place(c.fv, c.node.at);
  const there = cx.place(p.fv, p.node.at);
  const fields = matchBy(p.fields, c.fields, (f) => String(f.node.number));
  const hints = renameHints(fields.removed, fields.added);
  for (const { base: f } of fields.removed) {
    const args = { ...fieldArgs(f), ...hints.get(f) };
    const fptr = [...ptr, 'fields', String(f.node.number)];
    cx.emit('FIELD_NO_DELETE', args, fptr, here, there);
    if (!numberReserved(f.node.number, c.node.reserved)) {
      cx.emit('FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED', args, fptr, here, there);
    }
    if (!c.node.reservedNames.includes(f.node.name)) {
      cx.emit('FIELD_NO_DELETE_UNLESS_NAME_RESERVED', args, fptr, here, there);
    }
  }
  for (const { rev: f } of fields.added) {
    if (c.node.mapEntry) continue;
    cx.emit(
      'proto-field-added',
      { ...fieldArgs(f), ...hints.get(f) },
      [...ptr, 'fields', String(f.node.number)],
      cx.place(c.fv, f.node.at),
    );
  }
  for (const { base: pf, rev: cf } of fields.both) fieldPair(cx, pf, cf);

  const oneofs = matchBy(p.node.oneofs, c.node.oneofs, (o) => o.name);
  for (const { key } of oneofs.removed) {
    cx.emit(
      'ONEOF_NO_DELETE',
      { name: key, message: c.node.name },
      [...ptr, 'oneofs', key],
      here,
      there,
    );
  }
  const max = (m: MessageView) =>
    option(m.node.options, 'message_set_wire_format')?.value.text === 'true'
      ? MESSAGE_SET_MAX
      : FIELD_MAX;
  tagRanges(
    cx,
    'EXTENSION_MESSAGE_NO_DELETE',
    'extension',
    p.node.extensionRanges,
    c.node.extensionRanges,
    'message',
    c.node.name,
    max(c),
    ptr,
    here,
    there,
  );
  tagRanges(
    cx,
    'RESERVED_MESSAGE_NO_DELETE',
    'reserved',
    p.node.reserved,
    c.node.reserved,
    'message',
    c.node.name,
    max(c),
    ptr,
    here,
    there,
  );
  reservedNames(
    cx,
    'RESERVED_MESSAGE_NO_DELETE',
    'message',
    p.node.reservedNames,
    c.node,
    ptr,
    here,
    there,
  );
  jsonFormat(
    cx,
    'MESSAGE_SAME_JSON_FORMAT',
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

  const pa = option(p.node.options, 'no_standard_descriptor_accessor');
  const ca = option(c.node.options, 'no_standard_descriptor_accessor');
  if (pa?.value.text !== 'true' && ca?.value.text === 'true') {
    cx.emit(
      'MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR',
      { name: c.node.name, before: 'false', after: 'true' },
      [...ptr, 'options', 'no_standard_descriptor_accessor'],
      cx.place(c.fv, ca.at),
      pa ? cx.place(p.fv, pa.at) : undefined,
    );
  }
  const pw = option(p.node.options, 'message_set_wire_format');
  const cw = option(c.node.options, 'message_set_wire_format');
  if ((pw?.value.text ?? 'false') !== (cw?.value.text ?? 'false')) {
    cx.emit(
      'MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT',
      { name: c.node.name, before: pw?.value.text ?? 'false', after: cw?.value.text ?? 'false' },
      [...ptr, 'options', 'message_set_wire_format'],
      cx.place(c.fv, cw?.at ?? c.node.at),
      cx.place(p.fv, pw?.at ?? p.node.at),
    );
  }

  // buf reads the descriptor label: proto2 `required`, not editions' LEGACY_REQUIRED presence.
  const required = (m: MessageView) => m.fields.filter((f) => f.node.label === 'required');
  const req = matchBy(required(p), required(c), (f) => String(f.node.number));
  for (const { base: f } of req.removed) {
    cx.emit(
      'MESSAGE_SAME_REQUIRED_FIELDS',
      { message: p.node.name, number: f.node.number, added: false },
      [...ptr, 'fields', String(f.node.number)],
      here,
      there,
    );
  }
  for (const { rev: f } of req.added) {
    cx.emit(
      'MESSAGE_SAME_REQUIRED_FIELDS',
      { message: c.node.name, number: f.node.number, added: true },
      [...ptr, 'fields', String(f.node.number)],
      cx.place(c.fv, f.node.at),
    );
  }
}

/**
 * Our hint on buf's field rules (their ids, severities and locations stay buf's): a field deleted
 * while another with the same name appeared under a new number was probably renumbered; the one
 * field deleted and the one added, of the same type, were probably renamed (and renumbered).
 */
function renameHints(
  removed: ReadonlyArray<{ base: FieldView }>,
  added: ReadonlyArray<{ rev: FieldView }>,
): Map<FieldView, Record<string, string>> {
  const out = new Map<FieldView, Record<string, string>>();
  const byName = new Map(added.map(({ rev }) => [rev.node.name, rev]));
  for (const { base } of removed) {
    const twin = byName.get(base.node.name);
    if (!twin) continue;
    out.set(base, { renumberedTo: String(twin.node.number) });
    out.set(twin, { renumberedFrom: String(base.node.number) });
  }
  if (!out.size && removed.length === 1 && added.length === 1) {
    const b = removed[0]!.base;
    const r = added[0]!.rev;
    if (b.node.type === r.node.type && b.node.label === r.node.label) {
      out.set(b, { renamedTo: `${r.node.name} = ${r.node.number}` });
      out.set(r, { renamedFrom: `${b.node.name} = ${b.node.number}` });
    }
  }
  return out;
}
