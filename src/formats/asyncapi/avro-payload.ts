import type { MakeFinding } from '../../core/catalogue.js';
import type { SchemaDirection } from '../../core/jsonschema/api.js';
import type { Finding, SourceLocation } from '../../core/model.js';
import { AvroDiff, type AvroChange } from '../avro/diff.js';
import type { AvroType } from '../avro/model.js';
import { AvroParser } from '../avro/parse.js';
import { ruleInFlow } from './avro-rules.js';
import type { DocumentSet } from '../jsonschema/documents.js';
import type { SchemaM } from './model.js';

/**
 * Avro payloads of AsyncAPI messages (`schemaFormat: application/vnd.apache.avro…`, inline or a
 * `$ref` to an `.avsc` file), compared with the Avro format's engine. Each Avro change is judged in
 * the direction the message flows:
 *
 * - a message the application sends is read by consumers still on the old schema: what breaks
 *   FORWARD (the old schema reading new data) breaks them;
 * - a message the application receives is written by producers still on the old schema: what
 *   breaks BACKWARD (the new schema reading old data) breaks the application's counterparts;
 * - both ways: either.
 *
 * The other direction only matters when the counterparts upgrade first (readers of a topic that
 * re-read old messages after upgrading, producers that upgrade before the application).
 */

/** Parses one side's Avro payload: a standalone schema, located through the document set. */
export function parseAvroPayload(s: SchemaM, docs: DocumentSet): AvroType {
  const parser = new AvroParser();
  const at = (ptr: string[]): SourceLocation =>
    (typeof s.schema === 'object' && s.schema !== null
      ? docs.locate(s.schema, ...ptr)
      : undefined) ?? {
      ...s.at,
      pointer: [...s.at.pointer, ...ptr],
    };
  const holder = parser.parse(s.schema, at);
  parser.finish();
  return holder.type;
}

/**
 * Compares Avro payloads pair by pair; a pair of schema nodes reached from several messages is
 * compared once per direction, its findings naming every message in `affects`.
 */
export class AvroPayloads {
  private readonly seen = new Map<string, Finding[]>();
  private readonly ids = new WeakMap<object, number>();
  private next = 0;

  constructor(
    private readonly make: MakeFinding,
    private readonly B: DocumentSet,
    private readonly R: DocumentSet,
  ) {}

  private id(v: unknown): string {
    if (typeof v !== 'object' || v === null) return JSON.stringify(v);
    let n = this.ids.get(v);
    if (n === undefined) this.ids.set(v, (n = ++this.next));
    return `#${n}`;
  }

  compare(
    message: string,
    part: string,
    b: SchemaM,
    r: SchemaM,
    direction: SchemaDirection,
    affects: string,
  ): Finding[] {
    const key = `${this.id(b.schema)} ${this.id(r.schema)} ${direction} ${part}`;
    const known = this.seen.get(key);
    if (known) {
      for (const f of known) {
        f.affects = [...new Set([...(f.affects ?? []), affects])].sort();
      }
      return [];
    }
    const diff = new AvroDiff();
    diff.compare(parseAvroPayload(b, this.B), parseAvroPayload(r, this.R), `the ${part}`);
    const out = diff.changes.map((c) => this.finding(c, message, part, direction, affects));
    this.seen.set(key, out);
    return out;
  }

  private finding(
    c: AvroChange,
    message: string,
    part: string,
    direction: SchemaDirection,
    affects: string,
  ): Finding {
    const rule = ruleInFlow(c.rule, direction);
    return this.make(rule, {
      args: {
        message,
        part,
        change: c.rule.id,
        detail: c.rule.message(c.args),
        name: [c.rule.id, c.args.name ?? c.args.field ?? ''].join(' '),
      },
      location: c.location,
      ...(c.baseLocation ? { baseLocation: c.baseLocation } : {}),
      affects: [affects],
    });
  }
}
