import { InputError } from '../../core/errors.js';
import {
  ENUM_MAX,
  FIELD_MAX,
  MESSAGE_SET_MAX,
  SCALARS,
  option,
  type EnumNode,
  type EnumValueNode,
  type FieldNode,
  type FileNode,
  type Label,
  type MessageNode,
  type MethodNode,
  type OneofNode,
  type OptionEntry,
  type Range,
  type ServiceNode,
} from './ast.js';
import { inputLimits, limitHint } from '../../core/limits.js';
import { lineColumn } from './positions.js';

/**
 * A hand-written recursive-descent parser for proto2, proto3 and editions files. It reads the
 * grammar protoc accepts (messages, enums, services, extend blocks, groups, maps, oneofs, reserved
 * and extension ranges, options with text-format aggregates) into a FileNode that keeps the offset
 * of every element and of the tokens buf reports on. Scanning is done on char codes without
 * building token objects: a 2 MB file parses in a few milliseconds.
 *
 * Semantic checks (resolution of type names, imports) happen later, in the tree.
 */

const EOF = 0;
const IDENT = 1;
const INT = 2;
const FLOAT = 3;
const STRING = 4;
const PUNCT = 5;

const TOKEN_NAMES = ['end of file', 'identifier', 'integer', 'number', 'string', 'symbol'];

/** Placeholder for `max` until the owning message knows its maximum. */
const MAX_SENTINEL = -0x7fffffff;

export function parseProto(text: string, file: string): FileNode {
  return new Parser(text, file).parseFile();
}

class Parser {
  private pos = 0;
  /** Current token: kind, start and end offsets. */
  private tk = EOF;
  private ts = 0;
  private te = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.next();
  }

  // ── Tokens ──────────────────────────────────────────────────────────────────────────────────

  private next(): void {
    const s = this.text;
    const n = s.length;
    let i = this.pos;
    for (;;) {
      if (i >= n) {
        this.tk = EOF;
        this.ts = this.te = this.pos = n;
        return;
      }
      const c = s.charCodeAt(i);
      if (c <= 32) {
        i++;
        continue;
      }
      if (c === 47 /* / */) {
        const d = s.charCodeAt(i + 1);
        if (d === 47) {
          const nl = s.indexOf('\n', i + 2);
          i = nl < 0 ? n : nl + 1;
          continue;
        }
        if (d === 42) {
          const end = s.indexOf('*/', i + 2);
          if (end < 0) this.fail('unterminated comment', i);
          i = end + 2;
          continue;
        }
      }
      break;
    }
    this.ts = i;
    const c = s.charCodeAt(i);
    if (c < 128 && CLASS[c] === 1) {
      i++;
      for (;;) {
        const d = s.charCodeAt(i);
        if (d < 128 && CLASS[d]! >= 1) i++;
        else break;
      }
      this.tk = IDENT;
    } else if (isDigit(c) || (c === 46 && isDigit(s.charCodeAt(i + 1)))) {
      i = this.scanNumber(i);
    } else if (c === 34 || c === 39) {
      i++;
      for (;;) {
        if (i >= n) this.fail('unterminated string', this.ts);
        const d = s.charCodeAt(i);
        if (d === c) break;
        if (d === 10) this.fail('unterminated string', this.ts);
        i += d === 92 ? 2 : 1;
      }
      i++;
      this.tk = STRING;
    } else {
      i++;
      this.tk = PUNCT;
    }
    this.te = this.pos = i;
  }

  private scanNumber(start: number): number {
    const s = this.text;
    let i = start;
    let float = false;
    if (s.charCodeAt(i) === 48 && (s.charCodeAt(i + 1) | 32) === 120) {
      i += 2;
      while (isHex(s.charCodeAt(i))) i++;
    } else {
      while (isDigit(s.charCodeAt(i))) i++;
      if (s.charCodeAt(i) === 46) {
        float = true;
        i++;
        while (isDigit(s.charCodeAt(i))) i++;
      }
      if ((s.charCodeAt(i) | 32) === 101) {
        float = true;
        i++;
        const sign = s.charCodeAt(i);
        if (sign === 43 || sign === 45) i++;
        if (!isDigit(s.charCodeAt(i))) this.fail('invalid number', start);
        while (isDigit(s.charCodeAt(i))) i++;
      }
    }
    if (isIdentStart(s.charCodeAt(i))) this.fail('invalid number', start);
    this.tk = float ? FLOAT : INT;
    return i;
  }

  private word(): string {
    return this.text.slice(this.ts, this.te);
  }

  private isWord(w: string): boolean {
    return this.tk === IDENT && this.te - this.ts === w.length && this.text.startsWith(w, this.ts);
  }

  private isPunct(code: number): boolean {
    return this.tk === PUNCT && this.text.charCodeAt(this.ts) === code;
  }

  /** Looks `k` tokens ahead (1 = the token after the current one) without consuming. */
  private peek(k: number): { tk: number; ch: number; word: string } {
    const save = [this.pos, this.tk, this.ts, this.te] as const;
    for (let i = 0; i < k; i++) this.next();
    const out = {
      tk: this.tk,
      ch: this.text.charCodeAt(this.ts),
      word: this.tk === IDENT ? this.word() : '',
    };
    [this.pos, this.tk, this.ts, this.te] = save;
    return out;
  }

  private expectPunct(code: number): number {
    if (!this.isPunct(code)) this.unexpected(`'${String.fromCharCode(code)}'`);
    const at = this.ts;
    this.next();
    return at;
  }

  private expectWord(w: string): void {
    if (!this.isWord(w)) this.unexpected(`'${w}'`);
    this.next();
  }

  private ident(what = 'identifier'): string {
    if (this.tk !== IDENT) this.unexpected(what);
    const w = this.word();
    this.next();
    return w;
  }

  /** `a.b.c`, optionally with a leading dot (type references). */
  private fullIdent(allowLeadingDot: boolean): string {
    let out = '';
    if (allowLeadingDot && this.isPunct(46)) {
      out = '.';
      this.next();
    }
    out += this.ident('a name');
    while (this.isPunct(46)) {
      this.next();
      out += '.' + this.ident('a name');
    }
    return out;
  }

  private intLiteral(what: string): number {
    let neg = false;
    if (this.isPunct(45)) {
      neg = true;
      this.next();
    }
    if (this.tk !== INT) this.unexpected(what);
    const v = parseIntLiteral(this.word());
    this.next();
    return neg ? -v : v;
  }

  private stringLiteral(what = 'a string'): string {
    if (this.tk !== STRING) this.unexpected(what);
    let out = '';
    while (this.tk === STRING) {
      out += this.decodeString(this.ts, this.te);
      this.next();
    }
    return out;
  }

  private decodeString(start: number, end: number): string {
    const s = this.text;
    const raw = s.slice(start + 1, end - 1);
    if (raw.indexOf('\\') < 0) return raw;
    let out = '';
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const d = raw[++i] ?? '';
      switch (d) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'a':
          out += '\x07';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'v':
          out += '\v';
          break;
        case 'x':
        case 'X': {
          let j = i + 1;
          while (j < raw.length && j < i + 3 && isHex(raw.charCodeAt(j))) j++;
          out += String.fromCharCode(parseInt(raw.slice(i + 1, j), 16));
          i = j - 1;
          break;
        }
        case 'u':
        case 'U': {
          const len = d === 'u' ? 4 : 8;
          out += String.fromCodePoint(parseInt(raw.slice(i + 1, i + 1 + len), 16));
          i += len;
          break;
        }
        default:
          if (d >= '0' && d <= '7') {
            let j = i;
            while (j < raw.length && j < i + 3 && raw[j]! >= '0' && raw[j]! <= '7') j++;
            out += String.fromCharCode(parseInt(raw.slice(i, j), 8));
            i = j - 1;
          } else out += d;
      }
    }
    return out;
  }

  private fail(message: string, at: number): never {
    const { line, column } = lineColumn(this.text, at);
    throw new InputError(`syntax error: ${message}`, { file: this.file, line, column });
  }

  private unexpected(expected: string): never {
    const got =
      this.tk === EOF
        ? 'end of file'
        : this.tk === PUNCT
          ? `'${this.word()}'`
          : `${TOKEN_NAMES[this.tk]} '${this.word()}'`;
    this.fail(`expected ${expected}, found ${got}`, this.ts);
  }

  // ── File ────────────────────────────────────────────────────────────────────────────────────

  parseFile(): FileNode {
    const file: FileNode = {
      syntax: 'proto2',
      package: '',
      imports: [],
      messages: [],
      enums: [],
      services: [],
      extensions: [],
    };
    let first = true;
    while (this.tk !== EOF) {
      const at = this.ts;
      if (this.isPunct(59)) {
        this.next();
        continue;
      }
      if (this.tk !== IDENT) this.unexpected('a declaration');
      if (this.visibility()) continue;
      const w = this.word();
      if ((w === 'syntax' || w === 'edition') && first) {
        this.next();
        this.expectPunct(61);
        const value = this.stringLiteral();
        if (w === 'syntax') {
          if (value !== 'proto2' && value !== 'proto3') {
            this.fail(`unknown syntax "${value}"`, at);
          }
          file.syntax = value;
        } else {
          file.syntax = 'editions';
          file.edition = value;
        }
        file.syntaxAt = at;
        this.expectPunct(59);
      } else if (w === 'package') {
        this.next();
        if (file.packageAt !== undefined) this.fail('multiple package declarations', at);
        file.package = this.fullIdent(false);
        file.packageAt = at;
        this.expectPunct(59);
      } else if (w === 'import') {
        this.next();
        let modifier: 'public' | 'weak' | 'option' | undefined;
        if (this.isWord('public') || this.isWord('weak') || this.isWord('option')) {
          modifier = this.word() as 'public' | 'weak' | 'option';
          this.next();
        }
        const path = this.stringLiteral('an import path');
        file.imports.push(modifier ? { path, modifier, at } : { path, at });
        this.expectPunct(59);
      } else if (w === 'option') {
        file.options ??= [];
        this.optionStatement(file.options);
      } else if (w === 'message') {
        this.next();
        file.messages.push(this.message(file.package, at, file.syntax === 'proto3'));
      } else if (w === 'enum') {
        this.next();
        file.enums.push(this.enumDecl(file.package, at));
      } else if (w === 'service') {
        this.next();
        file.services.push(this.service(file.package, at));
      } else if (w === 'extend') {
        this.next();
        this.extend(file.package, file.extensions, file.messages, file.syntax === 'proto3');
      } else {
        this.unexpected('a declaration');
      }
      first = false;
    }
    return file;
  }

  // ── Options ─────────────────────────────────────────────────────────────────────────────────

  /** `option name = value;` */
  private optionStatement(into: OptionEntry[]): void {
    const at = this.ts;
    this.expectWord('option');
    this.optionBody(into, at);
    this.expectPunct(59);
  }

  /** `name = value`, the part shared by statements and `[...]` lists. */
  private optionBody(into: OptionEntry[], at: number): void {
    const name = this.optionName();
    this.expectPunct(61);
    this.optionValue(name, into, at);
  }

  private optionName(): string {
    let name = this.optionNamePart();
    while (this.isPunct(46)) {
      this.next();
      name += '.' + this.optionNamePart();
    }
    return name;
  }

  private optionNamePart(): string {
    if (this.isPunct(40)) {
      this.next();
      let inner = this.fullIdent(true);
      if (inner.startsWith('.')) inner = inner.slice(1);
      this.expectPunct(41);
      return `(${inner})`;
    }
    return this.ident('an option name');
  }

  private optionValue(name: string, into: OptionEntry[], at: number): void {
    if (this.isPunct(123)) {
      this.aggregate(name, into, at);
      return;
    }
    into.push({ name, value: this.scalarValue(), at });
  }

  private scalarValue(): OptionEntry['value'] {
    if (this.tk === STRING) return { kind: 'string', text: this.stringLiteral() };
    let sign = '';
    if (this.isPunct(45) || this.isPunct(43)) {
      sign = this.isPunct(45) ? '-' : '';
      this.next();
      if (this.tk === IDENT) {
        const w = this.word().toLowerCase();
        if (w !== 'inf' && w !== 'infinity' && w !== 'nan') this.unexpected('a number');
        this.next();
        return { kind: 'number', text: sign + w };
      }
      if (this.tk !== INT && this.tk !== FLOAT) this.unexpected('a number');
    }
    if (this.tk === INT || this.tk === FLOAT) {
      const text = sign + this.word();
      this.next();
      return { kind: 'number', text };
    }
    if (this.tk === IDENT) return { kind: 'ident', text: this.fullIdent(false) };
    this.unexpected('an option value');
  }

  /** A text-format message literal, flattened into one entry per scalar leaf. */
  private aggregate(prefix: string, into: OptionEntry[], at: number): void {
    const close = this.isPunct(60) ? 62 : 125;
    this.enter(this.ts);
    this.next();
    while (!this.isPunct(close)) {
      if (this.tk === EOF) this.unexpected(`'${String.fromCharCode(close)}'`);
      let key: string;
      if (this.isPunct(91)) {
        this.next();
        let inner = this.fullIdent(true);
        if (inner.startsWith('.')) inner = inner.slice(1);
        while (this.isPunct(47)) {
          this.next();
          inner += '/' + this.fullIdent(false);
        }
        this.expectPunct(93);
        key = `(${inner})`;
      } else key = this.ident('a field name');
      const name = `${prefix}.${key}`;
      const colon = this.isPunct(58);
      if (colon) this.next();
      if (this.isPunct(123) || this.isPunct(60)) this.aggregate(name, into, at);
      else if (this.isPunct(91)) {
        this.next();
        while (!this.isPunct(93)) {
          if (this.isPunct(123) || this.isPunct(60)) this.aggregate(name, into, at);
          else into.push({ name, value: this.scalarValue(), at });
          if (this.isPunct(44)) this.next();
          else if (!this.isPunct(93)) this.unexpected("']'");
        }
        this.next();
      } else {
        if (!colon) this.unexpected("':'");
        into.push({ name, value: this.scalarValue(), at });
      }
      if (this.isPunct(44) || this.isPunct(59)) this.next();
    }
    this.next();
    this.depth--;
    into.push({ name: prefix, value: { kind: 'aggregate', text: '' }, at });
  }

  /** `[a = 1, (b).c = "x"]` after a field, enum value or extension range. */
  private bracketOptions(): OptionEntry[] | undefined {
    if (!this.isPunct(91)) return undefined;
    this.next();
    const out: OptionEntry[] = [];
    for (;;) {
      this.optionBody(out, this.ts);
      if (this.isPunct(44)) {
        this.next();
        continue;
      }
      this.expectPunct(93);
      return out;
    }
  }

  // ── Messages ────────────────────────────────────────────────────────────────────────────────

  private message(scope: string, at: number, proto3: boolean, group = false): MessageNode {
    const name = this.ident('a message name');
    const msg = newMessage(name, scope, at);
    if (group) msg.group = true;
    this.enter(at);
    this.messageBody(msg, proto3);
    this.depth--;
    this.uniqueInMessage(msg);
    return msg;
  }

  /** Nesting (messages in messages, option aggregates) is bounded by the depth limit. */
  private depth = 0;
  private readonly maxDepth = inputLimits().depth;
  private enter(at: number): void {
    if (++this.depth > this.maxDepth) {
      const { line, column } = lineColumn(this.text, at);
      throw new InputError(`the file is nested too deeply ${limitHint('depth')}`, {
        file: this.file,
        line,
        column,
      });
    }
  }

  private duplicate(message: string, at: number, first: number): never {
    const { line, column } = lineColumn(this.text, at);
    const before = lineColumn(this.text, first).line;
    throw new InputError(`${message} (first at line ${before})`, { file: this.file, line, column });
  }

  /** protoc refuses a field number or a name used twice in one message: so does treaty. */
  private uniqueInMessage(msg: MessageNode): void {
    const { fields, messages, enums } = msg;
    if (fields.length + messages.length + enums.length < 2) return;
    const numbers = new Map<number, FieldNode>();
    for (const f of fields) {
      const other = numbers.get(f.number);
      if (other) {
        this.duplicate(
          `field number ${f.number} is used twice in message '${msg.fullName}' ('${other.name}' and '${f.name}')`,
          f.numberAt,
          other.numberAt,
        );
      }
      numbers.set(f.number, f);
    }
    // Fields, nested messages (map entries aside) and enums share one namespace.
    const names = new Map<string, number>();
    const declare = (name: string, at: number) => {
      const first = names.get(name);
      if (first !== undefined) {
        this.duplicate(`'${name}' is declared twice in message '${msg.fullName}'`, at, first);
      }
      names.set(name, at);
    };
    for (const f of fields) declare(f.name, f.nameAt);
    for (const m of messages) if (!m.mapEntry) declare(m.name, m.at);
    for (const e of enums) declare(e.name, e.at);
  }

  private messageBody(msg: MessageNode, proto3: boolean): void {
    this.expectPunct(123);
    while (!this.isPunct(125)) {
      const at = this.ts;
      if (this.isPunct(59)) {
        this.next();
        continue;
      }
      if (this.tk !== IDENT) {
        if (!this.isPunct(46)) this.unexpected('a field or declaration');
        this.field(msg, at, proto3, undefined);
        continue;
      }
      if (this.visibility()) continue;
      const w = this.word();
      if (w === 'option') {
        msg.options ??= [];
        this.optionStatement(msg.options);
      } else if (w === 'message' && this.declares()) {
        this.next();
        msg.messages.push(this.message(msg.fullName, at, proto3));
      } else if (w === 'enum' && this.declares()) {
        this.next();
        msg.enums.push(this.enumDecl(msg.fullName, at));
      } else if (w === 'extend' && this.extendsBlock()) {
        this.next();
        this.extend(msg.fullName, msg.extensions, msg.messages, proto3);
      } else if (w === 'oneof' && this.declares()) {
        this.next();
        this.oneof(msg, at, proto3);
      } else if (w === 'extensions' && this.rangeFollows()) {
        this.next();
        this.ranges(msg.extensionRanges, FIELD_MAX);
        this.bracketOptions();
        this.expectPunct(59);
      } else if (w === 'reserved' && this.reservedFollows()) {
        this.next();
        this.reserved(msg.reserved, msg.reservedNames, FIELD_MAX);
      } else {
        this.field(msg, at, proto3, undefined);
      }
    }
    msg.end = this.te;
    this.next();
    const max = option(msg.options, 'message_set_wire_format')?.value.text === 'true';
    const limit = max ? MESSAGE_SET_MAX : FIELD_MAX;
    for (const r of msg.reserved) if (r.end === MAX_SENTINEL) r.end = limit;
    for (const r of msg.extensionRanges) if (r.end === MAX_SENTINEL) r.end = limit;
  }

  /** Edition 2024 `export`/`local` before a message or enum: skipped (visibility is not compared). */
  private visibility(): boolean {
    if (!this.isWord('export') && !this.isWord('local')) return false;
    const a = this.peek(1);
    if (a.word !== 'message' && a.word !== 'enum') return false;
    if (this.peek(2).tk !== IDENT) return false;
    this.next();
    return true;
  }

  /** `message X {`, `enum X {`, `oneof x {` rather than a field whose type is that keyword. */
  private declares(): boolean {
    const a = this.peek(1);
    if (a.tk !== IDENT) return false;
    const b = this.peek(2);
    return b.tk === PUNCT && b.ch === 123;
  }

  private extendsBlock(): boolean {
    const a = this.peek(1);
    if (a.tk === PUNCT && a.ch === 46) return true;
    if (a.tk !== IDENT) return false;
    const b = this.peek(2);
    return b.tk === PUNCT && (b.ch === 123 || b.ch === 46);
  }

  private rangeFollows(): boolean {
    const a = this.peek(1);
    return a.tk === INT || (a.tk === PUNCT && a.ch === 45);
  }

  private reservedFollows(): boolean {
    const a = this.peek(1);
    if (a.tk === INT || a.tk === STRING || (a.tk === PUNCT && a.ch === 45)) return true;
    if (a.tk !== IDENT) return false;
    const b = this.peek(2);
    return b.tk === PUNCT && (b.ch === 44 || b.ch === 59);
  }

  private field(
    msg: MessageNode,
    at: number,
    proto3: boolean,
    oneof: number | undefined,
    into: FieldNode[] = msg.fields,
    extendee?: string,
  ): void {
    let label: Label | undefined;
    if (
      (this.isWord('optional') || this.isWord('required') || this.isWord('repeated')) &&
      this.labelFollows()
    ) {
      label = this.word() as Label;
      this.next();
    }
    if (this.isWord('map') && this.peek(1).ch === 60 && this.peek(1).tk === PUNCT) {
      this.mapField(msg, at, label, into);
      return;
    }
    if (this.isWord('group') && this.peek(1).tk === IDENT && this.peek(2).ch === 61) {
      this.groupField(msg, at, label, proto3, oneof, into, extendee);
      return;
    }
    const typeAt = this.ts;
    const type = this.fullIdent(true);
    const nameAt = this.ts;
    const name = this.ident('a field name');
    this.expectPunct(61);
    const numberAt = this.ts;
    const number = this.intLiteral('a field number');
    const options = this.bracketOptions();
    this.expectPunct(59);
    const f: FieldNode = {
      name,
      number,
      type,
      scalar: SCALARS.has(type),
      at,
      typeAt,
      nameAt,
      numberAt,
    };
    if (label) f.label = label;
    if (options) f.options = options;
    if (oneof !== undefined) f.oneof = oneof;
    if (proto3 && label === 'optional' && extendee === undefined) f.proto3Optional = true;
    if (extendee !== undefined) f.extendee = extendee;
    into.push(f);
  }

  /** `optional foo = 1` declares a field of type `optional`; a label needs a type after it. */
  private labelFollows(): boolean {
    const a = this.peek(1);
    if (a.tk === PUNCT) return a.ch === 46;
    if (a.tk !== IDENT) return false;
    const b = this.peek(2);
    return !(b.tk === PUNCT && b.ch === 61);
  }

  private mapField(msg: MessageNode, at: number, label: Label | undefined, into: FieldNode[]) {
    if (label) this.fail('map fields cannot have a label', at);
    const typeAt = this.ts;
    this.next();
    this.expectPunct(60);
    const keyType = this.fullIdent(true);
    this.expectPunct(44);
    const valueType = this.fullIdent(true);
    this.expectPunct(62);
    const nameAt = this.ts;
    const name = this.ident('a field name');
    this.expectPunct(61);
    const numberAt = this.ts;
    const number = this.intLiteral('a field number');
    const options = this.bracketOptions();
    this.expectPunct(59);
    const entry = newMessage(mapEntryName(name), msg.fullName, typeAt);
    entry.mapEntry = true;
    const part = (fname: string, n: number, type: string): FieldNode => ({
      name: fname,
      number: n,
      label: 'optional',
      type,
      scalar: SCALARS.has(type),
      at: typeAt,
      typeAt,
      nameAt: typeAt,
      numberAt: typeAt,
    });
    entry.fields.push(part('key', 1, keyType), part('value', 2, valueType));
    msg.messages.push(entry);
    const f: FieldNode = {
      name,
      number,
      label: 'repeated',
      type: '.' + entry.fullName,
      scalar: false,
      at,
      typeAt,
      nameAt,
      numberAt,
      map: true,
    };
    if (options) f.options = options;
    into.push(f);
  }

  private groupField(
    msg: MessageNode,
    at: number,
    label: Label | undefined,
    proto3: boolean,
    oneof: number | undefined,
    into: FieldNode[],
    extendee: string | undefined,
  ): void {
    const typeAt = this.ts;
    this.next();
    const nameAt = this.ts;
    const groupName = this.ident('a group name');
    this.expectPunct(61);
    const numberAt = this.ts;
    const number = this.intLiteral('a field number');
    const options = this.bracketOptions();
    // Groups of extend blocks nest in the extend's scope, like protoc does.
    const group = newMessage(groupName, msg.fullName, at);
    group.group = true;
    this.messageBody(group, proto3);
    msg.messages.push(group);
    const f: FieldNode = {
      name: groupName.toLowerCase(),
      number,
      type: '.' + group.fullName,
      scalar: false,
      at,
      typeAt,
      nameAt,
      numberAt,
      group: true,
    };
    if (label) f.label = label;
    if (options) f.options = options;
    if (oneof !== undefined) f.oneof = oneof;
    if (extendee !== undefined) f.extendee = extendee;
    into.push(f);
  }

  private oneof(msg: MessageNode, at: number, proto3: boolean): void {
    const node: OneofNode = { name: this.ident('a oneof name'), at };
    const index = msg.oneofs.length;
    msg.oneofs.push(node);
    this.expectPunct(123);
    while (!this.isPunct(125)) {
      const fat = this.ts;
      if (this.isPunct(59)) {
        this.next();
        continue;
      }
      if (this.isWord('option')) {
        node.options ??= [];
        this.optionStatement(node.options);
        continue;
      }
      this.field(msg, fat, proto3, index);
    }
    this.next();
  }

  /** `extend Foo { ... }`: fields (and groups) whose scope is `scope`. */
  private extend(
    scope: string,
    into: FieldNode[],
    groupsInto: MessageNode[],
    proto3: boolean,
  ): void {
    const extendee = this.fullIdent(true);
    // A pseudo-message collects groups declared in the block; they belong to the scope.
    const holder = newMessage('', scope, this.ts);
    holder.fullName = scope;
    this.expectPunct(123);
    while (!this.isPunct(125)) {
      const at = this.ts;
      if (this.isPunct(59)) {
        this.next();
        continue;
      }
      this.field(holder, at, proto3, undefined, into, extendee);
    }
    this.next();
    groupsInto.push(...holder.messages);
  }

  /** `N`, `N to M` or `N to max`. */
  private range(max: number, expected: string): Range {
    const start = this.intLiteral(expected);
    let end = start;
    if (this.isWord('to')) {
      this.next();
      if (this.isWord('max')) {
        end = max === FIELD_MAX ? MAX_SENTINEL : max;
        this.next();
      } else end = this.intLiteral('a number or max');
    }
    return { start, end };
  }

  private ranges(into: Range[], max: number): void {
    for (;;) {
      into.push(this.range(max, 'a number'));
      if (!this.isPunct(44)) return;
      this.next();
    }
  }

  private reserved(ranges: Range[], names: string[], max: number): void {
    // protoc keeps numbers and names in separate statements; protobufjs (whose descriptor.proto
    // we read) also mixes them, so both are accepted in any order.
    for (;;) {
      if (this.tk === STRING) names.push(this.stringLiteral());
      else if (this.tk === IDENT) names.push(this.ident());
      else {
        ranges.push(this.range(max, 'a number or name'));
      }
      if (!this.isPunct(44)) break;
      this.next();
    }
    this.expectPunct(59);
  }

  // ── Enums ───────────────────────────────────────────────────────────────────────────────────

  private enumDecl(scope: string, at: number): EnumNode {
    const name = this.ident('an enum name');
    const node: EnumNode = {
      name,
      fullName: scope ? `${scope}.${name}` : name,
      at,
      end: at,
      values: [],
      reserved: [],
      reservedNames: [],
    };
    this.expectPunct(123);
    while (!this.isPunct(125)) {
      const vat = this.ts;
      if (this.isPunct(59)) {
        this.next();
        continue;
      }
      if (this.isWord('option') && this.peek(1).ch !== 61) {
        node.options ??= [];
        this.optionStatement(node.options);
      } else if (this.isWord('reserved') && this.reservedFollows()) {
        this.next();
        this.reserved(node.reserved, node.reservedNames, ENUM_MAX);
      } else {
        const vname = this.ident('an enum value name');
        this.expectPunct(61);
        const numberAt = this.ts;
        const number = this.intLiteral('an enum value number');
        const options = this.bracketOptions();
        this.expectPunct(59);
        const value: EnumValueNode = { name: vname, number, at: vat, numberAt };
        if (options) value.options = options;
        node.values.push(value);
      }
    }
    node.end = this.te;
    this.next();
    this.uniqueInEnum(node);
    return node;
  }

  /** Enum value names are unique; numbers too, unless `option allow_alias = true`. */
  private uniqueInEnum(node: EnumNode): void {
    const alias = option(node.options, 'allow_alias')?.value.text === 'true';
    const names = new Map<string, number>();
    const numbers = new Map<number, EnumValueNode>();
    for (const v of node.values) {
      const first = names.get(v.name);
      if (first !== undefined) {
        this.duplicate(
          `enum value '${v.name}' is declared twice in '${node.fullName}'`,
          v.at,
          first,
        );
      }
      names.set(v.name, v.at);
      const other = numbers.get(v.number);
      if (other && !alias) {
        this.duplicate(
          `enum number ${v.number} is used twice in '${node.fullName}' ('${other.name}' and '${v.name}'; set option allow_alias = true to allow it)`,
          v.numberAt,
          other.numberAt,
        );
      }
      numbers.set(v.number, v);
    }
  }

  // ── Services ────────────────────────────────────────────────────────────────────────────────

  private service(scope: string, at: number): ServiceNode {
    const name = this.ident('a service name');
    const node: ServiceNode = {
      name,
      fullName: scope ? `${scope}.${name}` : name,
      at,
      end: at,
      methods: [],
    };
    this.expectPunct(123);
    while (!this.isPunct(125)) {
      const mat = this.ts;
      if (this.isPunct(59)) {
        this.next();
        continue;
      }
      if (this.isWord('option')) {
        node.options ??= [];
        this.optionStatement(node.options);
      } else if (this.isWord('rpc')) {
        this.next();
        node.methods.push(this.method(mat));
      } else this.unexpected("'rpc' or 'option'");
    }
    node.end = this.te;
    this.next();
    return node;
  }

  private method(at: number): MethodNode {
    const name = this.ident('a method name');
    const [input, inputAt, inputStream] = this.methodType();
    this.expectWord('returns');
    const [output, outputAt, outputStream] = this.methodType();
    const m: MethodNode = {
      name,
      at,
      end: at,
      input,
      inputAt,
      inputStream,
      output,
      outputAt,
      outputStream,
    };
    if (this.isPunct(123)) {
      this.next();
      while (!this.isPunct(125)) {
        if (this.isPunct(59)) {
          this.next();
          continue;
        }
        m.options ??= [];
        this.optionStatement(m.options);
      }
      m.end = this.te;
      this.next();
    } else {
      m.end = this.te;
      this.expectPunct(59);
    }
    return m;
  }

  private methodType(): [string, number, boolean] {
    this.expectPunct(40);
    let stream = false;
    if (this.isWord('stream')) {
      const a = this.peek(1);
      if (a.tk === IDENT || (a.tk === PUNCT && a.ch === 46)) {
        stream = true;
        this.next();
      }
    }
    const at = this.ts;
    const type = this.fullIdent(true);
    this.expectPunct(41);
    return [type, at, stream];
  }
}

function newMessage(name: string, scope: string, at: number): MessageNode {
  return {
    name,
    fullName: scope ? `${scope}.${name}` : name,
    at,
    end: at,
    fields: [],
    oneofs: [],
    messages: [],
    enums: [],
    extensions: [],
    reserved: [],
    reservedNames: [],
    extensionRanges: [],
  };
}

/** protoc's name for the entry message of map field `foo_bar`: `FooBarEntry`. */
export function mapEntryName(field: string): string {
  let out = '';
  let cap = true;
  for (const ch of field) {
    if (ch === '_') cap = true;
    else if (cap) {
      out += ch >= 'a' && ch <= 'z' ? ch.toUpperCase() : ch;
      cap = false;
    } else out += ch;
  }
  return out + 'Entry';
}

export function parseIntLiteral(text: string): number {
  if (/^0[xX]/.test(text)) return parseInt(text.slice(2), 16);
  if (text.length > 1 && text[0] === '0') return parseInt(text.slice(1), 8);
  return Number(text);
}

/** 1: identifier start, 2: digit (identifier part), 0: anything else. */
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) CLASS[c] = 1;
  else if (c >= 48 && c <= 57) CLASS[c] = 2;
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHex(c: number): boolean {
  return isDigit(c) || ((c | 32) >= 97 && (c | 32) <= 102);
}
