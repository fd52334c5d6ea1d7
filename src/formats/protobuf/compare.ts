import { matchBy } from '../../core/match.js';
import type { MessageArgs } from '../../core/rule.js';
import {
  ENUM_MAX,
  FIELD_MAX,
  MESSAGE_SET_MAX,
  option,
  type EnumNode,
  type FileNode,
  type MessageNode,
  type MethodNode,
  type Offset,
  type OptionEntry,
  type Range,
  type ServiceNode,
} from './ast.js';
import { FILE_OPTION_RULES, bufIdToRuleId } from './rules.js';
import {
  canHaveDefault,
  cppStringType,
  defaultValue,
  defaultsEqual,
  enumView,
  featureOption,
  fieldView,
  fileView,
  isZeroDefault,
  javaUtf8Validation,
  jsonName,
  messageView,
  prettyKind,
  SIXTY_FOUR_BIT,
  type EnumView,
  type Features,
  type FieldView,
  type FileView,
  type MessageView,
} from './semantics.js';
import type { ProtoFile, ProtoTree, Sym } from './tree.js';

/**
 * Compares two trees the way buf breaking does: files by path, messages, enums, services and
 * extensions by full name wherever they live, fields by number, enum values by number, methods by
 * name; every collection goes through the keyed matcher. Locations follow buf: the element in the
 * current tree, its surviving parent for a deletion (the file's first line when nothing survives),
 * nothing for a deleted file or package.
 *
 * Only what can differ is looked at: files whose bytes changed, files added or removed, and
 * unchanged files that can see one of those through their imports (their type references may
 * resolve differently). A type that moves is declared in two changed files, so matching the
 * declarations of those files finds it.
 */

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
}

interface FileDecls {
  messages: MessageView[];
  enums: EnumView[];
  services: Array<{ fv: FileView; node: ServiceNode }>;
  extensions: FieldView[];
}

interface Views extends FileDecls {
  tree: ProtoTree;
  files: Map<string, FileView>;
  byFile: Map<FileView, FileDecls>;
}

export function compareTrees(base: ProtoTree, rev: ProtoTree): RawFinding[] {
  return new Comparison(base, rev).run();
}

class Comparison {
  private readonly out: RawFinding[] = [];
  private bv!: Views;
  private rv!: Views;
  /** Simple names of types added, removed or redefined anywhere (see `unchanged`). */
  private changedNames = new Set<string>();
  private readonly sameCache = new Map<string, boolean>();
  private readonly signatures = new Map<FileView, string>();

  constructor(
    private readonly base: ProtoTree,
    private readonly rev: ProtoTree,
  ) {}

  run(): RawFinding[] {
    const { base, rev } = this;
    const files = matchBy(base.contractFiles(), rev.contractFiles(), (f) => f.path);
    const nonClean = new Set<string>();
    for (const { base: b, rev: r } of files.both) {
      if (!b.parsed.same(r.parsed)) nonClean.add(b.path);
    }
    for (const { key } of files.removed) nonClean.add(key);
    for (const { key } of files.added) nonClean.add(key);
    for (const [p, f] of base.files) {
      const g = rev.files.get(p);
      if (f.dependency && (!g || !g.parsed.same(f.parsed))) nonClean.add(p);
    }
    for (const [p, f] of rev.files) if (f.dependency && !base.files.has(p)) nonClean.add(p);

    // A removed file whose package is gone everywhere cannot hold a type that moved (full names
    // carry the package) nor anything a package-level rule looks at: its declarations are skipped.
    const revPackages = new Set(rev.contractFiles().map((f) => f.parsed.header.package));
    const baseSet: ProtoFile[] = files.removed
      .map((x) => x.base)
      .filter((f) => revPackages.has(f.parsed.header.package));
    const revSet: ProtoFile[] = files.added.map((x) => x.rev);
    const pairs: Array<{ base: ProtoFile; rev: ProtoFile }> = [];
    const touchesBase = touching(base, nonClean);
    const touchesRev = touching(rev, nonClean);
    for (const pair of files.both) {
      if (nonClean.has(pair.key) || touchesRev(pair.rev) || touchesBase(pair.base)) {
        baseSet.push(pair.base);
        revSet.push(pair.rev);
        pairs.push(pair);
      }
    }
    // Files added or removed change the visible files of whoever imports them, which `unchanged`
    // checks directly; only files present in both trees need their declarations diffed.
    this.changedNames = changedNames(
      base,
      rev,
      [...nonClean].filter((p) => base.files.has(p) && rev.files.has(p)),
    );
    this.bv = buildViews(base, baseSet);
    this.rv = buildViews(rev, revSet);

    for (const { base: f } of files.removed) {
      this.emit(
        'FILE_NO_DELETE',
        { file: f.path },
        ['files', f.path],
        undefined,
        {
          tree: base,
          file: f,
        },
        true,
      );
    }
    for (const { rev: f } of files.added) {
      this.emit('proto-file-added', { file: f.path }, ['files', f.path], { tree: rev, file: f });
    }
    for (const pair of pairs) {
      this.filePair(this.bv.files.get(pair.base.path)!, this.rv.files.get(pair.rev.path)!);
    }
    this.messages();
    this.enums();
    this.services();
    this.extensions();
    this.packages();
    return this.out;
  }

  private emit(
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

  private cur(fv: FileView, at: Offset | undefined): Place {
    return at === undefined
      ? { tree: fv.tree, file: fv.file }
      : { tree: fv.tree, file: fv.file, at };
  }

  /**
   * True when a top-level declaration cannot yield a finding: same file, same file header (syntax,
   * package, options, visible files), byte-identical text, and none of its type references can
   * resolve differently (no part of them names a type that was added, removed or redefined).
   */
  private unchanged(
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

  // ── Files ───────────────────────────────────────────────────────────────────────────────────

  private filePair(p: FileView, c: FileView): void {
    const ptr = ['files', c.file.path];
    for (const r of FILE_OPTION_RULES) {
      const po = option(p.ast.options, r.option);
      const co = option(c.ast.options, r.option);
      const before = po?.value.text ?? r.unset;
      const after = co?.value.text ?? r.unset;
      if (before !== after) {
        this.emit(
          r.buf,
          { file: c.file.path, before, after },
          [...ptr, 'options', r.option],
          this.cur(c, co?.at),
          this.cur(p, po?.at),
        );
      }
    }
    if (p.ast.syntax !== c.ast.syntax || p.ast.edition !== c.ast.edition) {
      this.emit(
        'FILE_SAME_SYNTAX',
        { file: c.file.path, before: syntaxName(p), after: syntaxName(c) },
        [...ptr, 'syntax'],
        this.cur(c, c.ast.syntaxAt),
        this.cur(p, p.ast.syntaxAt),
      );
    }
    if (p.ast.package !== c.ast.package) {
      this.emit(
        'FILE_SAME_PACKAGE',
        { file: c.file.path, before: p.ast.package, after: c.ast.package },
        [...ptr, 'package'],
        this.cur(c, c.ast.packageAt),
        this.cur(p, p.ast.packageAt),
      );
    }
    // Deletions from the file, reported on the surviving parent message of the same file.
    const pd = this.bv.byFile.get(p)!;
    const cd = this.rv.byFile.get(c)!;
    const pm = byNested(pd.messages);
    const cm = byNested(cd.messages);
    const parentIn = (nested: string) => this.cur(c, survivingParent(cm, nested)?.node.at);
    for (const m of matchBy(pm.values(), cm.values(), (m) => m.nested).removed) {
      this.emit(
        'MESSAGE_NO_DELETE',
        { name: m.key, file: c.file.path },
        ['messages', m.base.node.fullName],
        parentIn(m.key),
        this.cur(p, m.base.node.at),
      );
    }
    const pe = pd.enums;
    const ce = cd.enums;
    for (const e of matchBy(pe, ce, (e) => e.nested).removed) {
      this.emit(
        'ENUM_NO_DELETE',
        { name: e.key, file: c.file.path },
        ['enums', e.base.node.fullName],
        parentIn(e.key),
        this.cur(p, e.base.node.at),
      );
    }
    const px = pd.extensions;
    const cx = cd.extensions;
    for (const x of matchBy(px, cx, (x) => nestedName(x)).removed) {
      this.emit(
        'EXTENSION_NO_DELETE',
        { name: x.key, file: c.file.path },
        ['extensions', x.base.fullName],
        parentIn(x.key),
        this.cur(p, x.base.node.at),
      );
    }
    const ps = pd.services;
    const cs = cd.services;
    for (const s of matchBy(ps, cs, (s) => s.node.name).removed) {
      this.emit(
        'SERVICE_NO_DELETE',
        { name: s.key, file: c.file.path },
        ['services', s.base.node.fullName],
        this.cur(c, undefined),
        this.cur(p, s.base.node.at),
      );
    }
  }

  // ── Messages and fields ─────────────────────────────────────────────────────────────────────

  private messages(): void {
    const m = matchBy(this.bv.messages, this.rv.messages, (x) => x.node.fullName);
    for (const { base: p, rev: c } of m.both) {
      if (!this.unchanged(p.fv, p.top, c.fv, c.top)) this.messagePair(p, c);
    }
    for (const { rev: c } of m.added) {
      if (c.node.mapEntry) continue;
      this.emit(
        'proto-message-added',
        { name: c.node.fullName },
        ['messages', c.node.fullName],
        this.cur(c.fv, c.node.at),
      );
    }
  }

  private messagePair(p: MessageView, c: MessageView): void {
    const ptr = ['messages', c.node.fullName];
    const here = this.cur(c.fv, c.node.at);
    const there = this.cur(p.fv, p.node.at);
    const fields = matchBy(p.fields, c.fields, (f) => String(f.node.number));
    for (const { base: f } of fields.removed) {
      const args = fieldArgs(f);
      const fptr = [...ptr, 'fields', String(f.node.number)];
      this.emit('FIELD_NO_DELETE', args, fptr, here, there);
      if (!numberReserved(f.node.number, c.node.reserved)) {
        this.emit('FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED', args, fptr, here, there);
      }
      if (!c.node.reservedNames.includes(f.node.name)) {
        this.emit('FIELD_NO_DELETE_UNLESS_NAME_RESERVED', args, fptr, here, there);
      }
    }
    for (const { rev: f } of fields.added) {
      if (c.node.mapEntry) continue;
      this.emit(
        'proto-field-added',
        fieldArgs(f),
        [...ptr, 'fields', String(f.node.number)],
        this.cur(c.fv, f.node.at),
      );
    }
    for (const { base: pf, rev: cf } of fields.both) this.fieldPair(pf, cf);

    const oneofs = matchBy(p.node.oneofs, c.node.oneofs, (o) => o.name);
    for (const { key } of oneofs.removed) {
      this.emit(
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
    this.tagRanges(
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
    this.tagRanges(
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
    for (const name of p.node.reservedNames) {
      if (!c.node.reservedNames.includes(name)) {
        this.emit(
          'RESERVED_MESSAGE_NO_DELETE',
          { reservedName: name, element: 'message', name: c.node.name },
          [...ptr, 'reserved', name],
          here,
          there,
        );
      }
    }
    this.jsonFormat(
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
      this.emit(
        'MESSAGE_NO_REMOVE_STANDARD_DESCRIPTOR_ACCESSOR',
        { name: c.node.name, before: 'false', after: 'true' },
        [...ptr, 'options', 'no_standard_descriptor_accessor'],
        this.cur(c.fv, ca.at),
        pa ? this.cur(p.fv, pa.at) : undefined,
      );
    }
    const pw = option(p.node.options, 'message_set_wire_format');
    const cw = option(c.node.options, 'message_set_wire_format');
    if ((pw?.value.text ?? 'false') !== (cw?.value.text ?? 'false')) {
      this.emit(
        'MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT',
        { name: c.node.name, before: pw?.value.text ?? 'false', after: cw?.value.text ?? 'false' },
        [...ptr, 'options', 'message_set_wire_format'],
        this.cur(c.fv, cw?.at ?? c.node.at),
        this.cur(p.fv, pw?.at ?? p.node.at),
      );
    }

    // buf reads the descriptor label: proto2 `required`, not editions' LEGACY_REQUIRED presence.
    const required = (m: MessageView) => m.fields.filter((f) => f.node.label === 'required');
    const req = matchBy(required(p), required(c), (f) => String(f.node.number));
    for (const { base: f } of req.removed) {
      this.emit(
        'MESSAGE_SAME_REQUIRED_FIELDS',
        { message: p.node.name, number: f.node.number, added: false },
        [...ptr, 'fields', String(f.node.number)],
        here,
        there,
      );
    }
    for (const { rev: f } of req.added) {
      this.emit(
        'MESSAGE_SAME_REQUIRED_FIELDS',
        { message: c.node.name, number: f.node.number, added: true },
        [...ptr, 'fields', String(f.node.number)],
        this.cur(c.fv, f.node.at),
      );
    }
  }

  private extensions(): void {
    const key = (x: FieldView) => `${x.extendee}#${x.node.number}`;
    const m = matchBy(this.bv.extensions, this.rv.extensions, key);
    for (const { base: p, rev: c } of m.both) this.fieldPair(p, c);
  }

  private fieldPair(p: FieldView, c: FieldView): void {
    const args = fieldArgs(c);
    const ptr =
      c.extendee !== undefined
        ? ['extensions', c.extendee, String(c.node.number)]
        : ['messages', c.parent!.node.fullName, 'fields', String(c.node.number)];
    const here = this.cur(c.fv, c.node.at);
    const there = this.cur(p.fv, p.node.at);
    const at = (fv: FileView, off: Offset | undefined, fallback: Offset) =>
      this.cur(fv, off ?? fallback);
    const mapEntries = p.inMapEntry && c.inMapEntry;

    if (!mapEntries && p.cardinality !== c.cardinality) {
      const a = { ...args, before: p.cardinality, after: c.cardinality };
      this.emit('FIELD_SAME_CARDINALITY', a, ptr, here, there);
      if (WIRE_CARDINALITY[p.cardinality] !== WIRE_CARDINALITY[c.cardinality]) {
        this.emit('FIELD_WIRE_COMPATIBLE_CARDINALITY', a, ptr, here, there);
      }
      if (WIRE_JSON_CARDINALITY[p.cardinality] !== WIRE_JSON_CARDINALITY[c.cardinality]) {
        this.emit('FIELD_WIRE_JSON_COMPATIBLE_CARDINALITY', a, ptr, here, there);
      }
    }

    const strOrBytes = (f: FieldView) => f.kind === 'string' || f.kind === 'bytes';
    if (!mapEntries && strOrBytes(p) && strOrBytes(c)) {
      const [pt, pp] = cppStringType(p);
      const [ct, cp] = cppStringType(c);
      if ((pt !== ct || pp !== cp) && !(pp && ct === 'STRING')) {
        const loc = (f: FieldView) =>
          option(f.node.options, 'ctype')?.at ?? featureOption(f.node.options, 'cppStringType')?.at;
        this.emit(
          'FIELD_SAME_CPP_STRING_TYPE',
          { ...args, before: pp ? 'STRING_PIECE' : pt, after: cp ? 'STRING_PIECE' : ct },
          ptr,
          at(c.fv, loc(c), c.node.at),
          at(p.fv, loc(p), p.node.at),
        );
      }
    }
    if (p.kind === 'string' && c.kind === 'string') {
      const pj = javaUtf8Validation(p);
      const cj = javaUtf8Validation(c);
      if (pj !== cj) {
        const loc = (f: FieldView) =>
          option(f.fv.ast.options, 'java_string_check_utf8')?.at ??
          featureOption(f.node.options, 'javaUtf8Validation')?.at;
        this.emit(
          'FIELD_SAME_JAVA_UTF8_VALIDATION',
          { ...args, before: pj, after: cj },
          ptr,
          at(c.fv, loc(c), c.node.at),
          at(p.fv, loc(p), p.node.at),
        );
      }
      if (p.features.utf8Validation !== c.features.utf8Validation) {
        const loc = (f: FieldView) => featureOption(f.node.options, 'utf8Validation')?.at;
        this.emit(
          'FIELD_SAME_UTF8_VALIDATION',
          { ...args, before: p.features.utf8Validation, after: c.features.utf8Validation },
          ptr,
          at(c.fv, loc(c), c.node.at),
          at(p.fv, loc(p), p.node.at),
        );
      }
    }
    if (SIXTY_FOUR_BIT.has(p.node.type) && SIXTY_FOUR_BIT.has(c.node.type)) {
      const pj = option(p.node.options, 'jstype');
      const cj = option(c.node.options, 'jstype');
      const before = pj?.value.text ?? 'JS_NORMAL';
      const after = cj?.value.text ?? 'JS_NORMAL';
      if (before !== after) {
        this.emit(
          'FIELD_SAME_JSTYPE',
          { ...args, before, after },
          ptr,
          at(c.fv, cj?.at, c.node.at),
          at(p.fv, pj?.at, p.node.at),
        );
      }
    }
    this.fieldTypes(p, c, args, ptr);

    if (p.extendee === undefined) {
      const pj = jsonName(p);
      const cj = jsonName(c);
      if (pj !== cj) {
        const loc = (f: FieldView) => option(f.node.options, 'json_name')?.at;
        this.emit(
          'FIELD_SAME_JSON_NAME',
          { ...args, before: pj, after: cj },
          ptr,
          at(c.fv, loc(c), c.node.at),
          at(p.fv, loc(p), p.node.at),
        );
      }
    }
    const pn = p.extendee !== undefined ? p.fullName : p.node.name;
    const cn = c.extendee !== undefined ? c.fullName : c.node.name;
    if (pn !== cn) {
      this.emit(
        'FIELD_SAME_NAME',
        { ...args, before: pn, after: cn },
        ptr,
        this.cur(c.fv, c.node.nameAt),
        this.cur(p.fv, p.node.nameAt),
      );
    }
    if (canHaveDefault(p) && canHaveDefault(c)) {
      const pd = defaultValue(p);
      const cd = defaultValue(c);
      if (!(isZeroDefault(pd) && isZeroDefault(cd)) && !defaultsEqual(pd, cd)) {
        const loc = (f: FieldView) => option(f.node.options, 'default')?.at;
        this.emit(
          'FIELD_SAME_DEFAULT',
          { ...args, before: pd.printable, after: cd.printable },
          ptr,
          at(c.fv, loc(c), c.node.at),
          at(p.fv, loc(p), p.node.at),
        );
      }
    }
    if (
      p.extendee === undefined &&
      (p.oneof !== undefined || c.oneof !== undefined) &&
      p.oneof !== c.oneof
    ) {
      this.emit(
        'FIELD_SAME_ONEOF',
        { ...args, before: p.oneof ?? '', after: c.oneof ?? '' },
        ptr,
        here,
        there,
      );
    }
  }

  /** FIELD_SAME_TYPE and the wire / wire+JSON compatible variants. */
  private fieldTypes(p: FieldView, c: FieldView, args: MessageArgs, ptr: string[]): void {
    if (p.kind === c.kind && p.typeName === c.typeName) return;
    const here = this.cur(c.fv, c.node.typeAt);
    const there = this.cur(p.fv, p.node.typeAt);
    const kindChange = { ...args, before: prettyKind(p), after: prettyKind(c) };
    const nameChange = { ...args, before: p.typeName ?? '', after: c.typeName ?? '' };
    const named = (f: FieldView) => f.kind === 'enum' || f.kind === 'message' || f.kind === 'group';
    if (p.kind !== c.kind) this.emit('FIELD_SAME_TYPE', kindChange, ptr, here, there);
    else if (named(c) && p.typeName !== c.typeName)
      this.emit('FIELD_SAME_TYPE', nameChange, ptr, here, there);

    const wire = (f: FieldView) => WIRE_GROUP[f.kind];
    if (wire(p) !== wire(c)) {
      if (!(p.kind === 'string' && c.kind === 'bytes')) {
        const bytesToString = p.kind === 'bytes' && c.kind === 'string';
        this.emit('FIELD_WIRE_COMPATIBLE_TYPE', { ...kindChange, bytesToString }, ptr, here, there);
      }
    } else if (c.kind === 'enum' && p.typeName !== c.typeName) {
      if (!enumCompatible(p.enumNode, c.enumNode)) {
        this.emit(
          'FIELD_WIRE_COMPATIBLE_TYPE',
          { ...nameChange, typeRenamed: true },
          ptr,
          here,
          there,
        );
      }
    } else if ((c.kind === 'message' || c.kind === 'group') && p.typeName !== c.typeName) {
      this.emit(
        'FIELD_WIRE_COMPATIBLE_TYPE',
        { ...nameChange, typeRenamed: true },
        ptr,
        here,
        there,
      );
    }

    const wireJson = (f: FieldView) => WIRE_JSON_GROUP[f.kind];
    if (wireJson(p) !== wireJson(c)) {
      this.emit('FIELD_WIRE_JSON_COMPATIBLE_TYPE', kindChange, ptr, here, there);
    } else if (c.kind === 'enum' && p.typeName !== c.typeName) {
      if (!enumCompatible(p.enumNode, c.enumNode)) {
        this.emit(
          'FIELD_WIRE_JSON_COMPATIBLE_TYPE',
          { ...nameChange, typeRenamed: true },
          ptr,
          here,
          there,
        );
      }
    } else if ((c.kind === 'message' || c.kind === 'group') && p.typeName !== c.typeName) {
      this.emit(
        'FIELD_WIRE_JSON_COMPATIBLE_TYPE',
        { ...nameChange, typeRenamed: true },
        ptr,
        here,
        there,
      );
    }
  }

  private tagRanges(
    rule: string,
    kind: string,
    previous: Range[],
    current: Range[],
    element: 'message' | 'enum',
    name: string,
    maxTag: number,
    ptr: string[],
    here: Place,
    there: Place,
  ): void {
    if (!previous.length) return;
    const collapsed = collapseRanges(current);
    for (const r of previous) {
      const missing = findMissing(r.start, r.end, collapsed);
      if (!missing.length) continue;
      const range =
        r.start === r.end
          ? `[${r.start}]`
          : r.end === maxTag
            ? `[${r.start},max]`
            : `[${r.start},${r.end}]`;
      const removed = missing
        .map(([s, e]) => (s === e ? `[${s}]` : e === maxTag ? `[${s},max]` : `[${s},${e}]`))
        .join(', ');
      this.emit(rule, { range, removed, element, name }, [...ptr, kind, range], here, there);
    }
  }

  private jsonFormat(
    rule: string,
    pf: Features,
    cf: Features,
    po: OptionEntry[] | undefined,
    co: OptionEntry[] | undefined,
    name: string,
    ptr: string[],
    cfv: FileView,
    cat: Offset,
    pfv: FileView,
    pat: Offset,
  ): void {
    if (pf.jsonFormat === 'ALLOW' && cf.jsonFormat !== 'ALLOW') {
      this.emit(
        rule,
        { name, before: pf.jsonFormat, after: cf.jsonFormat },
        ptr,
        this.cur(cfv, featureOption(co, 'jsonFormat')?.at ?? cat),
        this.cur(pfv, featureOption(po, 'jsonFormat')?.at ?? pat),
      );
    }
  }

  // ── Enums ───────────────────────────────────────────────────────────────────────────────────

  private enums(): void {
    const m = matchBy(this.bv.enums, this.rv.enums, (e) => e.node.fullName);
    for (const { base: p, rev: c } of m.both) {
      if (!this.unchanged(p.fv, p.top ?? p.node, c.fv, c.top ?? c.node)) this.enumPair(p, c);
    }
    for (const { rev: c } of m.added) {
      this.emit(
        'proto-enum-added',
        { name: c.node.fullName },
        ['enums', c.node.fullName],
        this.cur(c.fv, c.node.at),
      );
    }
  }

  private enumPair(p: EnumView, c: EnumView): void {
    const ptr = ['enums', c.node.fullName];
    const here = this.cur(c.fv, c.node.at);
    const there = this.cur(p.fv, p.node.at);
    if (p.closed !== c.closed) {
      const loc = (e: EnumView) => featureOption(e.node.options, 'enumType')?.at ?? e.node.at;
      this.emit(
        'ENUM_SAME_TYPE',
        {
          name: c.node.name,
          before: p.closed ? 'closed' : 'open',
          after: c.closed ? 'closed' : 'open',
        },
        ptr,
        this.cur(c.fv, loc(c)),
        this.cur(p.fv, loc(p)),
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
      this.emit('ENUM_VALUE_NO_DELETE', args, vptr, here, there);
      if (!numberReserved(number, c.node.reserved)) {
        this.emit('ENUM_VALUE_NO_DELETE_UNLESS_NUMBER_RESERVED', args, vptr, here, there);
      }
      const sorted = names.map((v) => v.name).sort();
      if (!sorted.every((n) => c.node.reservedNames.includes(n))) {
        this.emit(
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
      this.emit(
        'proto-enum-value-added',
        { number, name: values[0]!.name, enum: c.node.fullName },
        [...ptr, 'values', String(number)],
        this.cur(c.fv, values[0]!.at),
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
        this.emit(
          'ENUM_VALUE_SAME_NAME',
          { number, enum: c.node.name, plural, before, after, value: v.name },
          [...ptr, 'values', String(number)],
          this.cur(c.fv, v.numberAt),
          prevSame ? this.cur(p.fv, prevSame.numberAt) : undefined,
        );
      }
    }
    this.tagRanges(
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
    for (const name of p.node.reservedNames) {
      if (!c.node.reservedNames.includes(name)) {
        this.emit(
          'RESERVED_ENUM_NO_DELETE',
          { reservedName: name, element: 'enum', name: c.node.name },
          [...ptr, 'reserved', name],
          here,
          there,
        );
      }
    }
    this.jsonFormat(
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

  // ── Services ────────────────────────────────────────────────────────────────────────────────

  private services(): void {
    const m = matchBy(this.bv.services, this.rv.services, (s) => s.node.fullName);
    for (const { base: p, rev: c } of m.both) {
      if (this.unchanged(p.fv, p.node, c.fv, c.node)) continue;
      const ptr = ['services', c.node.fullName];
      const methods = matchBy(p.node.methods, c.node.methods, (x) => x.name);
      for (const { key, base: pm } of methods.removed) {
        this.emit(
          'RPC_NO_DELETE',
          { name: key, service: c.node.name },
          [...ptr, 'methods', key],
          this.cur(c.fv, c.node.at),
          this.cur(p.fv, pm.at),
        );
      }
      for (const { key, rev: cm } of methods.added) {
        this.emit(
          'proto-rpc-added',
          { name: key, service: c.node.fullName },
          [...ptr, 'methods', key],
          this.cur(c.fv, cm.at),
        );
      }
      for (const { base: pm, rev: cm } of methods.both) {
        const key = { fullName: `${c.node.fullName}.${cm.name}`, at: pm.at, end: pm.end };
        if (!this.unchanged(p.fv, key, c.fv, cm, [pm.input, pm.output])) {
          this.methodPair(p, c, pm, cm);
        }
      }
    }
    for (const { rev: c } of m.added) {
      this.emit(
        'proto-service-added',
        { name: c.node.fullName },
        ['services', c.node.fullName],
        this.cur(c.fv, c.node.at),
      );
    }
  }

  private methodPair(
    p: { fv: FileView; node: ServiceNode },
    c: { fv: FileView; node: ServiceNode },
    pm: MethodNode,
    cm: MethodNode,
  ): void {
    const ptr = ['services', c.node.fullName, 'methods', cm.name];
    const args = { method: cm.name, service: c.node.name };
    const here = this.cur(c.fv, cm.at);
    const there = this.cur(p.fv, pm.at);
    const stream = (b: boolean) => (b ? 'streaming' : 'unary');
    if (pm.inputStream !== cm.inputStream) {
      this.emit(
        'RPC_SAME_CLIENT_STREAMING',
        { ...args, before: stream(pm.inputStream), after: stream(cm.inputStream) },
        ptr,
        here,
        there,
      );
    }
    if (pm.outputStream !== cm.outputStream) {
      this.emit(
        'RPC_SAME_SERVER_STREAMING',
        { ...args, before: stream(pm.outputStream), after: stream(cm.outputStream) },
        ptr,
        here,
        there,
      );
    }
    const type = (s: { fv: FileView; node: ServiceNode }, ref: string, at: Offset) =>
      s.fv.tree.requireType(s.fv.file, s.node.fullName, ref, at).fullName;
    const pi = type(p, pm.input, pm.inputAt);
    const ci = type(c, cm.input, cm.inputAt);
    if (pi !== ci) {
      this.emit(
        'RPC_SAME_REQUEST_TYPE',
        { ...args, before: pi, after: ci },
        ptr,
        this.cur(c.fv, cm.inputAt),
        this.cur(p.fv, pm.inputAt),
      );
    }
    const po = type(p, pm.output, pm.outputAt);
    const co = type(c, cm.output, cm.outputAt);
    if (po !== co) {
      this.emit(
        'RPC_SAME_RESPONSE_TYPE',
        { ...args, before: po, after: co },
        ptr,
        this.cur(c.fv, cm.outputAt),
        this.cur(p.fv, pm.outputAt),
      );
    }
    const pl = option(pm.options, 'idempotency_level');
    const cl = option(cm.options, 'idempotency_level');
    const before = pl?.value.text ?? 'IDEMPOTENCY_UNKNOWN';
    const after = cl?.value.text ?? 'IDEMPOTENCY_UNKNOWN';
    if (before !== after) {
      this.emit(
        'RPC_SAME_IDEMPOTENCY_LEVEL',
        { ...args, before, after },
        ptr,
        this.cur(c.fv, cl?.at),
        pl ? this.cur(p.fv, pl.at) : undefined,
      );
    }
  }

  // ── Packages ────────────────────────────────────────────────────────────────────────────────

  private packages(): void {
    const { base, rev } = this;
    const packagesOf = (tree: ProtoTree) => {
      const out = new Map<string, ProtoFile[]>();
      for (const f of tree.contractFiles()) {
        const pkg = f.parsed.header.package;
        const list = out.get(pkg);
        if (list) list.push(f);
        else out.set(pkg, [f]);
      }
      return out;
    };
    const before = packagesOf(base);
    const after = packagesOf(rev);
    for (const [pkg, files] of before) {
      if (after.has(pkg)) continue;
      const first = files.map((f) => f.path).sort()[0]!;
      this.emit(
        'PACKAGE_NO_DELETE',
        { package: pkg },
        ['packages', pkg],
        undefined,
        { tree: base, file: base.files.get(first)! },
        true,
      );
    }
    const revMessages = new Map(this.rv.messages.map((m) => [m.node.fullName, m]));
    const revEnums = new Set(this.rv.enums.map((e) => e.node.fullName));
    const revExtensions = new Set(this.rv.extensions.map((x) => x.fullName));
    const revServices = new Set(this.rv.services.map((s) => s.node.fullName));
    // The file the element was declared in, if it survives in the current tree.
    const survivor = (f: ProtoFile) => {
      const g = rev.files.get(f.path);
      return g && !g.dependency ? this.rv.files.get(g.path) : undefined;
    };
    const fileMessages = (fv: FileView) => byNested(this.rv.byFile.get(fv)!.messages);
    const prevPlace = (fv: FileView, at: Offset) => this.cur(fv, at);

    // Like buf, a package counts as surviving for messages (enums, extensions) only if it still
    // declares at least one message (enum, extension) somewhere; for services any file will do.
    const kinds = new Map<string, Set<DeclKind>>();
    const declares = (pkg: string, kind: DeclKind): boolean => {
      let set = kinds.get(pkg);
      if (!set) {
        set = new Set();
        for (const f of after.get(pkg) ?? []) {
          const h = f.parsed.header;
          if (h.messages) set.add('message');
          if (h.enums) set.add('enum');
          if (h.extensions) set.add('extension');
        }
        kinds.set(pkg, set);
      }
      return set.has(kind);
    };
    const byPackage = new Map<string, Map<string, MessageView>>();
    for (const m of this.bv.messages) {
      const pkg = m.fv.ast.package;
      if (revMessages.has(m.node.fullName) || !declares(pkg, 'message')) continue;
      const args = { name: m.nested, package: pkg };
      const ptr = ['messages', m.node.fullName];
      const sv = survivor(m.fv.file);
      let cur: Place | undefined;
      if (sv) {
        let pkgMessages = byPackage.get(pkg);
        if (!pkgMessages) {
          pkgMessages = byNested(this.rv.messages.filter((x) => x.fv.ast.package === pkg));
          byPackage.set(pkg, pkgMessages);
        }
        const parent = survivingParent(pkgMessages, m.nested);
        cur = parent ? this.cur(parent.fv, parent.node.at) : this.cur(sv, undefined);
      }
      this.emit('PACKAGE_MESSAGE_NO_DELETE', args, ptr, cur, prevPlace(m.fv, m.node.at));
    }
    for (const e of this.bv.enums) {
      const pkg = e.fv.ast.package;
      if (revEnums.has(e.node.fullName) || !declares(pkg, 'enum')) continue;
      const sv = survivor(e.fv.file);
      const cur = sv
        ? this.cur(sv, survivingParent(fileMessages(sv), e.nested)?.node.at)
        : undefined;
      this.emit(
        'PACKAGE_ENUM_NO_DELETE',
        { name: e.nested, package: pkg },
        ['enums', e.node.fullName],
        cur,
        prevPlace(e.fv, e.node.at),
      );
    }
    for (const x of this.bv.extensions) {
      const pkg = x.fv.ast.package;
      if (revExtensions.has(x.fullName) || !declares(pkg, 'extension')) continue;
      const sv = survivor(x.fv.file);
      const nested = nestedName(x);
      const cur = sv ? this.cur(sv, survivingParent(fileMessages(sv), nested)?.node.at) : undefined;
      this.emit(
        'PACKAGE_EXTENSION_NO_DELETE',
        { name: nested, package: pkg },
        ['extensions', x.fullName],
        cur,
        prevPlace(x.fv, x.node.at),
      );
    }
    for (const s of this.bv.services) {
      const pkg = s.fv.ast.package;
      if (revServices.has(s.node.fullName) || !after.has(pkg)) continue;
      const sv = survivor(s.fv.file);
      this.emit(
        'PACKAGE_SERVICE_NO_DELETE',
        { name: s.node.name, package: pkg },
        ['services', s.node.fullName],
        sv ? this.cur(sv, undefined) : undefined,
        prevPlace(s.fv, s.node.at),
      );
    }
  }
}

// ── Views ───────────────────────────────────────────────────────────────────────────────────────

function buildViews(tree: ProtoTree, files: ProtoFile[]): Views {
  const views: Views = {
    tree,
    files: new Map(),
    messages: [],
    enums: [],
    services: [],
    extensions: [],
    byFile: new Map(),
  };
  for (const file of files) {
    const fv = fileView(tree, file);
    views.files.set(file.path, fv);
    const decls: FileDecls = { messages: [], enums: [], services: [], extensions: [] };
    views.byFile.set(fv, decls);
    const walk = (
      node: MessageNode,
      parentFeatures: Features,
      top: MessageNode,
      mapField?: FieldView,
    ) => {
      const mv = messageView(fv, node, parentFeatures, top, mapField);
      decls.messages.push(mv);
      for (const n of node.messages) {
        // A map entry takes the features of its map field (rarely set; resolved only then).
        const mf =
          n.mapEntry && node.fields.some((f) => f.map && f.options)
            ? mv.fields.find((f) => f.node.map && f.typeName === n.fullName)
            : undefined;
        walk(n, mv.features, top, mf);
      }
      for (const e of node.enums) decls.enums.push({ ...enumView(fv, e, mv.features), top });
      for (const x of node.extensions) {
        decls.extensions.push(fieldView(fv, x, undefined, node.fullName, mv.features));
      }
    };
    for (const m of file.parsed.ast.messages) walk(m, fv.features, m);
    for (const e of file.parsed.ast.enums) decls.enums.push(enumView(fv, e, fv.features));
    for (const x of file.parsed.ast.extensions) {
      decls.extensions.push(fieldView(fv, x, undefined, file.parsed.ast.package, fv.features));
    }
    for (const node of file.parsed.ast.services) decls.services.push({ fv, node });
    views.messages.push(...decls.messages);
    views.enums.push(...decls.enums);
    views.services.push(...decls.services);
    views.extensions.push(...decls.extensions);
  }
  return views;
}

/**
 * A predicate: can this file see (import directly, or through a chain of public imports) one of
 * `paths`? Computed backwards from `paths` so unchanged files cost one lookup per import.
 */
function touching(tree: ProtoTree, paths: Set<string>): (f: ProtoFile) => boolean {
  // Files that expose a changed path: the path itself, or a file importing an exposer publicly.
  const exposers = new Set(paths);
  const publicImporters = new Map<string, ProtoFile[]>();
  for (const f of tree.files.values()) {
    for (const imp of f.parsed.header.imports) {
      if (imp.modifier !== 'public') continue;
      const list = publicImporters.get(imp.path);
      if (list) list.push(f);
      else publicImporters.set(imp.path, [f]);
    }
  }
  const queue = [...paths];
  while (queue.length) {
    for (const f of publicImporters.get(queue.pop()!) ?? []) {
      if (!exposers.has(f.path)) {
        exposers.add(f.path);
        queue.push(f.path);
      }
    }
  }
  return (f) => f.parsed.header.imports.some((imp) => exposers.has(imp.path));
}

/** Type references written inside a declaration (fields, extendees, method types). */
function refsOf(node: MessageNode | EnumNode | ServiceNode): string[] {
  const out: string[] = [];
  if ('methods' in node) {
    for (const m of node.methods) out.push(m.input, m.output);
    return out;
  }
  if (!('fields' in node)) return out;
  const walk = (m: MessageNode) => {
    for (const f of m.fields) if (!f.scalar) out.push(f.type);
    for (const f of m.extensions) {
      if (!f.scalar) out.push(f.type);
      out.push(f.extendee!);
    }
    for (const n of m.messages) walk(n);
  };
  walk(node);
  return out;
}

/**
 * Simple names of the types and services that differ between files present in both trees:
 * declared on one side only, with another kind, or (enums, whose values feed defaults and wire
 * checks) redefined; plus the components of a package that changed. Given the same visible files,
 * a reference none of whose parts is in this set resolves to the same declaration on both sides.
 */
function changedNames(base: ProtoTree, rev: ProtoTree, paths: string[]): Set<string> {
  const out = new Set<string>();
  const simple = (name: string) => name.slice(name.lastIndexOf('.') + 1);
  const addPackage = (pkg: string) => {
    for (const part of pkg.split('.')) out.add(part);
  };
  const text = (f: ProtoFile, node: Sym['node']) =>
    node && 'end' in node ? f.parsed.text.slice(node.at, node.end) : '';
  for (const path of paths) {
    const b = base.files.get(path);
    const r = rev.files.get(path);
    const bs = b ? typesOf(b.parsed.ast) : new Map<string, Sym>();
    const rs = r ? typesOf(r.parsed.ast) : new Map<string, Sym>();
    if (b?.parsed.header.package !== r?.parsed.header.package) {
      if (b) addPackage(b.parsed.header.package);
      if (r) addPackage(r.parsed.header.package);
    }
    for (const [name, sym] of bs) {
      if (sym.kind === 'other') continue;
      const other = rs.get(name);
      if (!other || other.kind !== sym.kind) out.add(simple(name));
      else if (sym.kind === 'enum' && text(b!, sym.node) !== text(r!, other.node)) {
        out.add(simple(name));
      }
    }
    for (const [name, sym] of rs) {
      if (sym.kind !== 'other' && !bs.has(name)) out.add(simple(name));
    }
  }
  return out;
}

type DeclKind = 'message' | 'enum' | 'extension';

/** The messages, enums and services a file declares, by full name. */
function typesOf(ast: FileNode): Map<string, Sym> {
  const out = new Map<string, Sym>();
  const walk = (m: MessageNode) => {
    out.set(m.fullName, { kind: 'message', node: m });
    for (const e of m.enums) out.set(e.fullName, { kind: 'enum', node: e });
    for (const n of m.messages) walk(n);
  };
  for (const m of ast.messages) walk(m);
  for (const e of ast.enums) out.set(e.fullName, { kind: 'enum', node: e });
  for (const s of ast.services) out.set(s.fullName, { kind: 'service', node: s });
  return out;
}

function byNested(messages: MessageView[]): Map<string, MessageView> {
  return new Map(messages.map((m) => [m.nested, m]));
}

/** buf's parent for a deleted nested element: the longest surviving prefix that is a message. */
function survivingParent(
  messages: Map<string, MessageView>,
  nested: string,
): MessageView | undefined {
  const parts = nested.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const m = messages.get(parts.slice(0, i).join('.'));
    if (m) return m;
  }
  return undefined;
}

function nestedName(x: FieldView): string {
  const pkg = x.fv.ast.package;
  return pkg ? x.fullName.slice(pkg.length + 1) : x.fullName;
}

function fieldArgs(f: FieldView): MessageArgs {
  return f.extendee !== undefined
    ? { extension: true, number: f.node.number, field: f.fullName, message: f.extendee }
    : { number: f.node.number, field: f.node.name, message: f.parent!.node.name };
}

function syntaxName(fv: FileView): string {
  return fv.ast.syntax === 'editions' ? `edition ${fv.ast.edition}` : fv.ast.syntax;
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

function numberReserved(n: number, ranges: Range[]): boolean {
  return ranges.some((r) => n >= r.start && n <= r.end);
}

/** buf's rule for swapping one enum for another: same short name, old values all still there. */
function enumCompatible(p: EnumNode | undefined, c: EnumNode | undefined): boolean {
  if (!p || !c || p.name !== c.name) return false;
  return p.values.every((v) => c.values.some((w) => w.name === v.name && w.number === v.number));
}

function collapseRanges(ranges: Range[]): Array<[number, number]> {
  const sorted = ranges
    .map((r) => [r.start, r.end] as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function findMissing(
  start: number,
  end: number,
  collapsed: Array<[number, number]>,
): Array<[number, number]> {
  const missing: Array<[number, number]> = [];
  let cursor = start;
  for (const [s, e] of collapsed) {
    if (e < cursor) continue;
    if (s > end) break;
    if (s > cursor) missing.push([cursor, Math.min(end, s - 1)]);
    cursor = e + 1;
    if (cursor > end) break;
  }
  if (cursor <= end) missing.push([cursor, end]);
  return missing;
}

const WIRE_CARDINALITY: Record<string, number> = {
  'optional with explicit presence': 1,
  'optional with implicit presence': 1,
  required: 2,
  repeated: 3,
  map: 3,
};
const WIRE_JSON_CARDINALITY: Record<string, number> = { ...WIRE_CARDINALITY, map: 4 };

const WIRE_GROUP: Record<string, number> = {
  int32: 1,
  int64: 1,
  uint32: 1,
  uint64: 1,
  bool: 1,
  sint32: 2,
  sint64: 2,
  string: 3,
  bytes: 4,
  fixed32: 5,
  sfixed32: 5,
  fixed64: 6,
  sfixed64: 6,
  double: 7,
  float: 8,
  group: 9,
  message: 10,
  enum: 11,
};
const WIRE_JSON_GROUP: Record<string, number> = {
  int32: 1,
  uint32: 1,
  int64: 2,
  uint64: 2,
  fixed32: 3,
  sfixed32: 3,
  fixed64: 4,
  sfixed64: 4,
  bool: 5,
  sint32: 6,
  sint64: 7,
  string: 8,
  bytes: 9,
  double: 10,
  float: 11,
  group: 12,
  message: 13,
  enum: 14,
};
