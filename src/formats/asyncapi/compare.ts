import { applyStability } from './stability.js';
import type { CompareContext, LoadedContract } from '../../core/adapter.js';
import { findingFactory, type FindingInput, type MakeFinding } from '../../core/catalogue.js';
import type { MessageArgs, RuleDef } from '../../core/rule.js';
import type { SchemaComparator, SchemaDirection, SchemaPlace } from '../../core/jsonschema/api.js';
import { createSchemaComparator } from '../../core/jsonschema/compare.js';
import type { Deprecation, Finding, SourceLocation } from '../../core/model.js';
import { AvroPayloads } from './avro-payload.js';
import {
  BINDING_DECREASE_ONLY,
  BINDING_DEFAULTS,
  BINDING_SCHEMAS,
  fieldPath,
  RELEVANT_BINDING_FIELDS,
  type BindingElement,
} from './bindings.js';
import { canonical } from './canonical.js';
import { matchCascade, type CascadeResult } from './cascade.js';
import type {
  AsyncModel,
  ChannelM,
  ChannelMessage,
  MessageM,
  OperationM,
  OperationMessage,
  ParameterM,
  SchemaM,
  SecurityM,
  ServerM,
} from './model.js';
import { deprecationOf, lifecycleChange, type AsyncElement } from './lifecycle.js';
import * as R from './rules.js';

/**
 * Compares two AsyncAPI models (any mix of 2.x and 3.x). Elements are paired first — servers by
 * key then host, channels by address then key, operations, then messages — and each pair is
 * compared once; a message or schema shared by several channels is compared once, its findings
 * naming every message it reaches in `affects`.
 */
export function compareAsyncApi(
  base: LoadedContract<AsyncModel>,
  rev: LoadedContract<AsyncModel>,
  ctx: CompareContext,
): Finding[] {
  const make = findingFactory(ctx.catalogue, ctx.contract, 'asyncapi');
  const schemas = createSchemaComparator({ catalogue: ctx.catalogue, make, format: 'asyncapi' });
  const c = new Comparison(base.model, rev.model, make, schemas);
  c.run();
  return applyStability(base.model, rev.model, [...c.out, ...schemas.findings()], make);
}

type Dir = 'read' | 'write';

interface MessagePair {
  base: MessageM;
  rev: MessageM;
  dirs: Set<Dir>;
}

class Comparison {
  readonly out: Finding[] = [];
  private readonly serverPair = new Map<ServerM, ServerM>();
  private readonly channelPair = new Map<ChannelM, ChannelM>();
  /** Base message → its revision counterparts (several when a message was split). */
  private readonly messagePair = new Map<MessageM, Set<MessageM>>();
  private readonly pairs: MessagePair[] = [];
  private readonly pairIndex = new Map<MessageM, Map<MessageM, MessagePair>>();
  /** Every revision message that has a base counterpart (filled once channels are matched). */
  private counterparts?: Set<MessageM>;
  private readonly baseDirs: Map<MessageM, Set<Dir>>;
  /** Avro payloads, compared with the Avro format's engine. */
  private readonly avro: AvroPayloads;
  private readonly revDirs: Map<MessageM, Set<Dir>>;
  /** Messages whose effective content type changed only through defaultContentType. */
  private readonly defaultTypeChanges: string[] = [];

  constructor(
    private readonly B: AsyncModel,
    private readonly R: AsyncModel,
    private readonly make: MakeFinding,
    private readonly schemas: SchemaComparator,
  ) {
    this.avro = new AvroPayloads(make, B.docs, R.docs);
    this.baseDirs = directions(B);
    this.revDirs = directions(R);
  }

  private emit<A extends MessageArgs>(rule: RuleDef<A>, input: FindingInput<A>): void {
    this.out.push(this.make(rule, input));
  }

  /** An element present on both sides that became deprecated (or got a malformed x-sunset). */
  private lifecycle(
    element: AsyncElement,
    label: string,
    b: object,
    r: object,
    where: { location: SourceLocation; baseLocation: SourceLocation },
  ): void {
    const locate = (node: object, key: string) => this.R.docs.locate(node, key);
    for (const f of lifecycleChange(element, label, b, r, locate, where)) {
      this.emit(f.rule, {
        args: f.args,
        location: f.location,
        baseLocation: where.baseLocation,
      });
    }
  }

  run(): void {
    const { B, R: Rv } = this;
    if (B.specVersion !== Rv.specVersion) {
      this.emit(R.asyncapiVersionChanged, {
        args: { before: B.specVersion, after: Rv.specVersion },
        location: Rv.at,
        baseLocation: B.at,
      });
    }
    this.servers();
    this.channels();
    this.operations();
    for (const p of this.pairs) this.comparePair(p);
    this.defaultContentType();
    this.schemes();
  }

  // ── servers ────────────────────────────────────────────────────────────────────────────────

  private servers(): void {
    const m = matchCascade(this.B.servers, this.R.servers, [
      { base: (s) => s.key, rev: (s) => s.key },
      { base: (s) => `${s.protocol} ${s.host}`, rev: (s) => `${s.protocol} ${s.host}` },
    ]);
    for (const s of m.removed) {
      this.emit(R.serverRemoved, { args: { server: s.key }, location: s.at });
    }
    for (const s of m.added) this.emit(R.serverAdded, { args: { server: s.key }, location: s.at });
    for (const { base, rev } of m.both) {
      this.serverPair.set(base, rev);
      const where = { location: rev.at, baseLocation: base.at };
      const at = (field: string) => ({
        location: this.R.docs.locate(rev.node, field) ?? rev.at,
        baseLocation: base.at,
      });
      if (base.protocol !== rev.protocol) {
        this.emit(R.serverProtocolChanged, {
          args: { server: rev.key, before: base.protocol, after: rev.protocol },
          ...at('protocol'),
        });
      } else if (
        base.protocolVersion !== undefined &&
        rev.protocolVersion !== undefined &&
        base.protocolVersion !== rev.protocolVersion
      ) {
        this.emit(R.serverProtocolVersionChanged, {
          args: { server: rev.key, before: base.protocolVersion, after: rev.protocolVersion },
          ...at('protocolVersion'),
        });
      }
      if (base.host !== rev.host && !hostStillAccepted(base, rev)) {
        this.emit(R.serverHostChanged, {
          args: { server: rev.key, before: base.hostText, after: rev.hostText },
          ...at(this.R.major >= 3 ? 'host' : 'url'),
        });
      }
      if (base.host === rev.host) {
        this.lostValues(base.variables, rev.variables, (variable, values, bp, rp) =>
          this.emit(R.serverVariableValuesRemoved, {
            args: { server: rev.key, variable, values },
            location: rp.at,
            baseLocation: bp.at,
            before: bp.values ?? null,
            after: rp.values,
          }),
        );
      }
      this.security(`server '${rev.key}'`, base.security, rev.security, where);
      this.bindings('server', `server '${rev.key}'`, base.bindings, rev.bindings, rev.at);
    }
    if (this.R.servers.length) {
      const revProtocols = new Set(this.R.servers.map((s) => s.protocol));
      // A protocol lost through server-protocol-changed is reported there.
      const reported = new Set(
        m.both.filter((p) => p.base.protocol !== p.rev.protocol).map((p) => p.base.protocol),
      );
      for (const s of this.B.servers) {
        if (revProtocols.has(s.protocol) || reported.has(s.protocol) || !s.protocol) continue;
        reported.add(s.protocol);
        this.emit(R.protocolRemoved, {
          args: { protocol: s.protocol, name: s.protocol },
          location: s.at,
        });
      }
    }
  }

  // ── channels ───────────────────────────────────────────────────────────────────────────────

  private channels(): void {
    const template = templateKeys(this.B.channels, this.R.channels);
    const m = matchCascade(this.B.channels, this.R.channels, [
      { base: (c) => c.shape ?? undefined, rev: (c) => c.shape ?? undefined },
      { base: (c) => template.get(c), rev: (c) => template.get(c) },
      { base: (c) => c.key, rev: (c) => c.key },
      { base: (c) => opIds(this.B, c), rev: (c) => opIds(this.R, c) },
      { base: messageNames, rev: messageNames },
      { base: payloadIds, rev: payloadIds },
    ]);
    for (const c of m.removed) {
      this.emit(R.channelRemoved, {
        args: { channel: name(c) },
        location: c.at,
        ...deprecated(c.node),
      });
    }
    for (const c of m.added)
      this.emit(R.channelAdded, { args: { channel: name(c) }, location: c.at });
    for (const { base, rev, pass } of m.both) {
      this.channelPair.set(base, rev);
      const where = { location: rev.at, baseLocation: base.at };
      // From an unknown (dynamic) address to a known one takes nothing away.
      if (base.shape !== rev.shape && base.shape !== null && generalizes(rev, base)) {
        this.emit(R.channelAddressGeneralized, {
          args: { channel: rev.key, before: base.address ?? '', after: rev.address ?? '' },
          location: this.R.docs.locate(rev.node, 'address') ?? rev.at,
          baseLocation: base.at,
        });
      } else if (base.shape !== rev.shape && base.shape !== null) {
        this.emit(R.channelAddressChanged, {
          args: {
            channel: rev.key,
            before: base.address ?? '(dynamic)',
            after: rev.address ?? '(dynamic)',
          },
          location: this.R.docs.locate(rev.node, 'address') ?? rev.at,
          baseLocation: base.at,
        });
      } else if (pass === 0 && base.key !== rev.key && this.B.major >= 3 && this.R.major >= 3) {
        this.emit(R.channelRenamed, {
          args: { before: base.key, after: rev.key, address: rev.address ?? '' },
          ...where,
        });
      }
      this.lifecycle('channel', name(rev), base.node, rev.node, where);
      this.channelServers(base, rev);
      this.channelParameters(base, rev);
      this.bindings('channel', `channel '${rev.key}'`, base.bindings, rev.bindings, rev.at, {
        'kafka.topic': [base.address, rev.address],
      });
      // The WebSocket handshake is sent by the clients that connect to the application, in either
      // perspective: a document written from the client's side still describes the service they
      // connect to (its messages are flipped to the service's side in build.ts), so the query and
      // headers are written by the contract's consumers and may only get looser.
      this.bindingSchemas(
        'channel',
        `channel '${rev.key}'`,
        base.bindings,
        rev.bindings,
        'write',
        `channel ${name(rev)}`,
        where,
      );
      this.channelMessages(base, rev);
    }
  }

  private channelServers(base: ChannelM, rev: ChannelM): void {
    const revKeys = new Set(rev.servers ?? this.R.servers.map((s) => s.key));
    const baseServers = base.servers
      ? this.B.servers.filter((s) => base.servers!.includes(s.key))
      : this.B.servers;
    for (const s of baseServers) {
      const paired = this.serverPair.get(s);
      if (!paired || revKeys.has(paired.key)) continue;
      this.emit(R.channelServerRemoved, {
        args: { channel: rev.key, server: paired.key },
        location: this.R.docs.locate(rev.node, 'servers') ?? rev.at,
        baseLocation: base.at,
      });
    }
  }

  /**
   * Parameters are paired by their place in the address (a renamed parameter is the same one).
   * Values a parameter stops accepting are addresses that no longer exist.
   */
  private channelParameters(base: ChannelM, rev: ChannelM): void {
    this.looseParameters(base, rev);
    if (base.shape !== rev.shape) return;
    const direction = channelDirection(this.R, rev) ?? channelDirection(this.B, base) ?? 'both';
    base.parameters.forEach((bp, i) => {
      const rp = rev.parameters[i];
      if (!rp) return;
      if (bp.name !== rp.name) {
        this.emit(R.channelParameterRenamed, {
          args: { channel: name(rev), before: bp.name, after: rp.name, name: String(i) },
          location: this.R.docs.locate(rev.node, 'address') ?? rev.at,
          baseLocation: this.B.docs.locate(base.node, 'address') ?? base.at,
        });
      }
      // Only 2.x parameters have a schema: a 2.x → 3.x migration drops it without meaning to.
      if ((!bp.schema && !rp.schema) || this.B.major >= 3 || this.R.major >= 3) return;
      const broken = brokenRef(this.B, bp.schema) ?? brokenRef(this.R, rp.schema);
      if (broken !== undefined) return;
      this.schemas.compare({
        base: {
          schema: withoutEnum(this.B, bp.schema),
          locate: (n) => this.B.docs.locate(n),
          locateAt: (n, at) => this.B.docs.locate(n, ...at),
          dialect: 'asyncapi',
        },
        rev: {
          schema: withoutEnum(this.R, rp.schema),
          locate: (n) => this.R.docs.locate(n),
          locateAt: (n, at) => this.R.docs.locate(n, ...at),
          dialect: 'asyncapi',
        },
        direction,
        place: { kind: 'channel-parameter', channel: name(rev), name: rp.name },
        affects: `channel ${name(rev)}`,
        fallbackBase: bp.at,
        fallbackRev: rp.at,
      });
    });
    this.lostValues(base.parameters, rev.parameters, this.parameterValuesLost(rev));
  }

  /** Reports a parameter of `rev` that no longer accepts values it accepted. */
  private parameterValuesLost(rev: ChannelM) {
    return (parameter: string, values: string, bp: ParameterM, rp: ParameterM) =>
      this.emit(R.channelParameterValuesRemoved, {
        args: { channel: name(rev), parameter, values },
        location: rp.at,
        baseLocation: bp.at,
        before: bp.values ?? null,
        after: rp.values,
      });
  }

  /**
   * Parameters declared outside the address (real documents describe a handshake query that way),
   * paired by name: removed (unless it moved into the address), or values it no longer accepts.
   */
  private looseParameters(base: ChannelM, rev: ChannelM): void {
    for (const bp of base.looseParameters ?? []) {
      if (rev.parameters.some((p) => p.name === bp.name)) continue;
      const rp = rev.looseParameters?.find((p) => p.name === bp.name);
      if (!rp) {
        this.emit(R.channelParameterRemoved, {
          args: { channel: name(rev), parameter: bp.name },
          location: this.R.docs.locate(rev.node, 'parameters') ?? rev.at,
          baseLocation: bp.at,
        });
        continue;
      }
      this.lostValues([bp], [rp], this.parameterValuesLost(rev));
    }
  }

  /**
   * Template parameters (address parameters, server variables) paired by their place in the
   * template; `report` is called for each one that stops accepting values it accepted.
   */
  private lostValues(
    base: ParameterM[],
    rev: ParameterM[],
    report: (name: string, values: string, bp: ParameterM, rp: ParameterM) => void,
  ): void {
    base.forEach((bp, i) => {
      const rp = rev[i];
      if (!rp?.values) return;
      const lost = bp.values ? bp.values.filter((v) => !rp.values!.includes(v)) : undefined;
      if (lost && !lost.length) return;
      const quote = (vs: string[]) => vs.map((v) => `'${v}'`).join(', ');
      report(rp.name, lost ? quote(lost) : `values other than ${quote(rp.values)}`, bp, rp);
    });
  }

  private channelMessages(base: ChannelM, rev: ChannelM): void {
    const m = matchMessages(base.messages, rev.messages, this.baseDirs, this.revDirs);
    for (const cm of m.removed) {
      this.emit(R.messageRemoved, {
        args: { message: cm.message.label, channel: name(rev) },
        location: cm.at,
        affects: [`message ${cm.message.label}`],
        ...deprecated(cm.message.node),
      });
    }
    for (const cm of m.added) {
      const read = this.revDirs.get(cm.message)?.has('read') ?? false;
      this.emit(R.messageAdded, {
        args: { message: cm.message.label, channel: name(rev) },
        location: cm.at,
        ...(read ? { severity: 'warning' as const, variant: 'read' } : {}),
      });
    }
    for (const { base: b, rev: r } of m.both) this.pair(b.message, r.message);
  }

  /** Records a message pair (each pair of nodes once), merging the ways it is used. */
  private pair(b: MessageM, r: MessageM, extra?: Dir): void {
    let counterparts = this.messagePair.get(b);
    if (!counterparts) this.messagePair.set(b, (counterparts = new Set()));
    counterparts.add(r);
    let byRev = this.pairIndex.get(b);
    if (!byRev) this.pairIndex.set(b, (byRev = new Map()));
    let p = byRev.get(r);
    if (!p) {
      p = { base: b, rev: r, dirs: new Set() };
      byRev.set(r, p);
      this.pairs.push(p);
    }
    // How the message is used now decides the checks; if the revision does not use it, the base.
    const dirs = this.revDirs.get(r) ?? this.baseDirs.get(b) ?? [];
    for (const d of dirs) p.dirs.add(d);
    if (extra) p.dirs.add(extra);
  }

  // ── operations ─────────────────────────────────────────────────────────────────────────────

  private operations(): void {
    const index = new Map(this.R.channels.map((c, i) => [c, i]));
    const chanKey = (o: OperationM, side: 'base' | 'rev') => {
      if (!o.channel) return undefined;
      const c = side === 'base' ? this.channelPair.get(o.channel) : o.channel;
      return c ? `${index.get(c)} ${o.action}` : undefined;
    };
    const m = matchCascade(this.B.operations, this.R.operations, [
      { base: (o) => o.id, rev: (o) => o.id },
      { base: (o) => chanKey(o, 'base'), rev: (o) => chanKey(o, 'rev') },
    ]);
    const revChannels = new Set(this.channelPair.values());
    for (const o of m.removed) {
      // A removed channel already reported its operations.
      if (o.channel && !this.channelPair.has(o.channel)) continue;
      this.emit(R.operationRemoved, {
        args: { operation: o.id, action: o.action, channel: o.channel ? name(o.channel) : '' },
        location: o.at,
        ...deprecated(o.node),
      });
    }
    for (const o of m.added) {
      if (o.channel && !revChannels.has(o.channel)) continue;
      this.emit(R.operationAdded, {
        args: { operation: o.id, action: o.action, channel: o.channel ? name(o.channel) : '' },
        location: o.at,
      });
    }
    for (const { base, rev, pass } of m.both) this.operationPair(base, rev, pass);
  }

  private operationPair(base: OperationM, rev: OperationM, pass: number): void {
    const where = { location: rev.at, baseLocation: base.at };
    this.lifecycle('operation', rev.id, base.node, rev.node, where);
    if (pass > 0 && base.id !== rev.id && !base.synthesized && !rev.synthesized) {
      this.emit(R.operationRenamed, { args: { before: base.id, after: rev.id }, ...where });
    }
    if (base.action !== rev.action) {
      this.emit(R.operationActionChanged, {
        args: { operation: rev.id, before: base.action, after: rev.action },
        location: this.R.docs.locate(rev.node, 'action') ?? rev.at,
        baseLocation: base.at,
      });
    }
    if (base.channel && rev.channel && this.channelPair.get(base.channel) !== rev.channel) {
      // The operation's messages change with its channel: this one finding says it all.
      this.emit(R.operationChannelChanged, {
        args: { operation: rev.id, before: name(base.channel), after: name(rev.channel) },
        location: this.R.docs.locate(rev.node, 'channel') ?? rev.at,
        baseLocation: base.at,
      });
    } else this.operationMessages(base, rev);
    this.reply(base, rev);
    this.security(`operation '${rev.id}'`, base.security, rev.security, where);
    this.bindings('operation', `operation '${rev.id}'`, base.bindings, rev.bindings, rev.at);
    // An HTTP request the application sends is read by its counterparts, and vice versa.
    this.bindingSchemas(
      'operation',
      `operation '${rev.id}'`,
      base.bindings,
      rev.bindings,
      rev.action === 'send' ? 'read' : 'write',
      `operation ${rev.id}`,
      where,
    );
  }

  private operationMessages(base: OperationM, rev: OperationM): void {
    const revSet = new Set(rev.messages.map((m) => m.message));
    const pairedFromBase = new Set<MessageM>();
    for (const bm of base.messages) {
      const counterparts = this.messagePair.get(bm.message);
      if (!counterparts) continue; // removed from the channel: reported there
      for (const rm of counterparts) pairedFromBase.add(rm);
      if ([...counterparts].some((rm) => revSet.has(rm))) continue;
      this.emit(R.operationMessageRemoved, {
        args: { operation: rev.id, message: bm.message.label, name: bm.message.label },
        location: this.R.docs.locate(rev.node, 'messages') ?? rev.at,
        baseLocation: bm.at,
        ...deprecated(bm.message.node),
      });
    }
    this.counterparts ??= new Set([...this.messagePair.values()].flatMap((set) => [...set]));
    const hadPair = this.counterparts;
    for (const rm of rev.messages) {
      if (pairedFromBase.has(rm.message) || !hadPair.has(rm.message)) continue;
      this.emit(R.operationMessageAdded, {
        args: { operation: rev.id, message: rm.message.label, name: rm.message.label },
        location: rm.at,
        ...(rev.action === 'send' ? { severity: 'warning' as const, variant: 'read' } : {}),
      });
    }
  }

  private reply(base: OperationM, rev: OperationM): void {
    const b = base.reply;
    const r = rev.reply;
    if (!b && !r) return;
    if (b && !r) {
      this.emit(R.operationReplyRemoved, {
        args: { operation: rev.id },
        location: rev.at,
        baseLocation: b.at,
      });
      return;
    }
    if (!b && r) {
      this.emit(R.operationReplyAdded, { args: { operation: rev.id }, location: r.at });
      return;
    }
    const bb = b!;
    const rr = r!;
    const where = { location: rr.at, baseLocation: bb.at };
    const target = (x: typeof bb) =>
      x.channel ? (x.channel.address ?? `channel ${x.channel.key}`) : (x.addressLocation ?? '');
    const channelMoved =
      bb.channel && rr.channel
        ? this.channelPair.get(bb.channel) !== rr.channel
        : !!bb.channel !== !!rr.channel;
    const moved = channelMoved || (bb.addressLocation ?? '') !== (rr.addressLocation ?? '');
    if (moved) {
      this.emit(R.operationReplyAddressChanged, {
        args: { operation: rev.id, before: target(bb), after: target(rr) },
        ...where,
      });
    }
    // Replies flow against the operation: a received request is answered by a sent reply.
    const dir: Dir = rev.action === 'send' ? 'write' : 'read';
    const m = matchMessages(bb.messages, rr.messages, this.baseDirs, this.revDirs);
    // A moved reply says it once; its messages are still compared where they match.
    if (moved) m.removed = m.added = [];
    for (const x of m.removed) {
      this.emit(R.operationReplyMessageRemoved, {
        args: { operation: rev.id, message: x.message.label, name: x.message.label },
        location: rr.at,
        baseLocation: x.at,
      });
    }
    for (const x of m.added) {
      this.emit(R.operationReplyMessageAdded, {
        args: { operation: rev.id, message: x.message.label, name: x.message.label },
        location: x.at,
      });
    }
    for (const { base: x, rev: y } of m.both) this.pair(x.message, y.message, dir);
  }

  // ── messages ───────────────────────────────────────────────────────────────────────────────

  private comparePair(p: MessagePair): void {
    const { base: b, rev: r } = p;
    const where = { location: r.at, baseLocation: b.at };
    if (b.unresolved !== undefined || r.unresolved !== undefined) {
      if (b.unresolved !== r.unresolved) {
        this.emit(R.refNotCompared, {
          args: { element: `message '${r.label}'`, ref: r.unresolved ?? b.unresolved ?? '' },
          ...where,
        });
      }
      return;
    }
    const direction: SchemaDirection = p.dirs.size === 1 ? [...p.dirs][0]! : 'both';
    const bName = b.name ?? b.messageId;
    const rName = r.name ?? r.messageId;
    if (bName && rName && bName !== rName) {
      this.emit(R.messageRenamed, {
        args: { before: bName, after: rName },
        location: this.R.docs.locate(r.node, r.name ? 'name' : 'messageId') ?? r.at,
        baseLocation: b.at,
      });
    }
    this.lifecycle('message', r.label, b.node, r.node, where);
    const affects = `message ${r.label}`;
    const contentType = r.contentType ?? this.R.defaultContentType;
    const payloadPlace: SchemaPlace = {
      kind: 'message-payload',
      message: r.label,
      ...(contentType ? { contentType } : {}),
    };
    this.schema(r, 'payload', b.payload, r.payload, direction, payloadPlace, affects, where);
    this.schema(
      r,
      'headers',
      b.headers,
      r.headers,
      direction,
      { kind: 'message-header', message: r.label },
      affects,
      where,
    );
    const bKey = kafkaKey(b);
    const rKey = kafkaKey(r);
    if (bKey || rKey) {
      this.schema(
        r,
        'key',
        bKey,
        rKey,
        direction,
        { kind: 'message-key', message: r.label },
        affects,
        where,
      );
    }
    this.correlationId(b, r, where);
    this.contentType(b, r, where);
    this.bindings('message', `message '${r.label}'`, b.bindings, r.bindings, r.at);
    this.bindingSchemas(
      'message',
      `message '${r.label}'`,
      b.bindings,
      r.bindings,
      direction,
      affects,
      where,
    );
  }

  /**
   * Binding fields that are schemas (BINDING_SCHEMAS), through the same comparator and in the same
   * direction as payloads. A missing query or headers schema allows any object.
   */
  private bindingSchemas(
    kind: BindingElement,
    element: string,
    b: Record<string, unknown> | undefined,
    r: Record<string, unknown> | undefined,
    direction: SchemaDirection,
    affects: string,
    where: { location: SourceLocation; baseLocation: SourceLocation },
  ): void {
    for (const [protocol, fields] of Object.entries(BINDING_SCHEMAS[kind])) {
      const bp = b?.[protocol];
      const rp = r?.[protocol];
      if (bp === undefined && rp === undefined) continue;
      for (const field of fields) {
        const bs = get(bp, field);
        const rs = get(rp, field);
        if (bs === undefined && rs === undefined) continue;
        const broken = brokenRef(this.B, bs) ?? brokenRef(this.R, rs);
        if (broken !== undefined) {
          if (canonical(bs) !== canonical(rs)) {
            this.emit(R.refNotCompared, {
              args: { element: `the ${protocol} binding ${field} of ${element}`, ref: broken },
              ...where,
            });
          }
          continue;
        }
        const missing = () => (field === 'correlationData' ? {} : { type: 'object' });
        const bLoc = (isObj(bp) && this.B.docs.locate(bp, field)) || where.baseLocation;
        const rLoc = (isObj(rp) && this.R.docs.locate(rp, field)) || where.location;
        this.schemas.compare({
          base: {
            schema: bs ?? missing(),
            locate: (n) => this.B.docs.locate(n),
            locateAt: (n, at) => this.B.docs.locate(n, ...at),
            dialect: 'asyncapi',
          },
          rev: {
            schema: rs ?? missing(),
            locate: (n) => this.R.docs.locate(n),
            locateAt: (n, at) => this.R.docs.locate(n, ...at),
            dialect: 'asyncapi',
          },
          direction,
          place: { kind: 'binding', element, protocol, field },
          affects,
          fallbackBase: bLoc,
          fallbackRev: rLoc,
        });
      }
    }
  }

  private schema(
    r: MessageM,
    part: string,
    b: SchemaM | undefined,
    rv: SchemaM | undefined,
    direction: SchemaDirection,
    place: SchemaPlace,
    affects: string,
    where: { location: SourceLocation; baseLocation: SourceLocation },
  ): void {
    if (!b && !rv) return;
    const broken = brokenRef(this.B, b?.schema) ?? brokenRef(this.R, rv?.schema);
    if (broken !== undefined) {
      if (canonical(b?.schema) !== canonical(rv?.schema)) {
        this.emit(R.refNotCompared, {
          args: { element: `the ${part} of message '${r.label}'`, ref: broken },
          location: rv?.at ?? where.location,
          baseLocation: b?.at ?? where.baseLocation,
        });
      }
      return;
    }
    const bf = b?.family ?? 'json-schema';
    const rf = rv?.family ?? 'json-schema';
    // A remote `$ref` not fetched stands for a schema we cannot see (the comparator says the same
    // of one nested inside a schema).
    if (bf === 'remote' || rf === 'remote') {
      if (canonical(b?.schema) !== canonical(rv?.schema)) {
        const ref = String(
          (rf === 'remote' ? (rv?.schema as { $ref?: unknown }) : (b?.schema as { $ref?: unknown }))
            ?.$ref,
        );
        this.emit(R.refNotCompared, {
          args: {
            element: `the ${part} of message '${r.label}'`,
            ref,
            reason: 'is not fetched (allowRemoteRefs is off)',
          },
          location: rv?.at ?? where.location,
          baseLocation: b?.at ?? where.baseLocation,
        });
      }
      return;
    }
    const comparable = (f: string) => f === 'json-schema' || f === 'openapi';
    if (b && rv && bf !== rf) {
      this.emit(R.messageSchemaFormatChanged, {
        args: { message: r.label, part, before: b.format ?? bf, after: rv.format ?? rf },
        location: rv.at,
        baseLocation: b.at,
      });
      return;
    }
    if (b && rv && bf === 'avro' && rf === 'avro') {
      this.out.push(...this.avro.compare(r.label, part, b, rv, direction, affects));
      return;
    }
    if (!comparable(bf) || !comparable(rf)) {
      if (canonical(b?.schema) !== canonical(rv?.schema)) {
        this.emit(R.messageSchemaNotCompared, {
          args: { message: r.label, part, format: rv?.format ?? b?.format ?? rf },
          location: rv?.at ?? where.location,
          baseLocation: b?.at ?? where.baseLocation,
        });
      }
      return;
    }
    // A missing schema allows anything: compared as the empty schema. Headers are always a map,
    // so missing headers are any object (declaring `type: object` headers takes nothing away).
    const missing = () => (part === 'headers' ? { type: 'object' } : {});
    this.schemas.compare({
      base: {
        schema: b?.schema ?? missing(),
        locate: (n) => this.B.docs.locate(n),
        locateAt: (n, at) => this.B.docs.locate(n, ...at),
        dialect: bf === 'openapi' ? 'openapi-3.0' : 'asyncapi',
      },
      rev: {
        schema: rv?.schema ?? missing(),
        locate: (n) => this.R.docs.locate(n),
        locateAt: (n, at) => this.R.docs.locate(n, ...at),
        dialect: rf === 'openapi' ? 'openapi-3.0' : 'asyncapi',
      },
      direction,
      place,
      affects,
      fallbackBase: b?.at ?? where.baseLocation,
      fallbackRev: rv?.at ?? where.location,
    });
  }

  private correlationId(
    b: MessageM,
    r: MessageM,
    where: { location: SourceLocation; baseLocation: SourceLocation },
  ): void {
    const bc = b.correlationId;
    const rc = r.correlationId;
    if (bc && !rc) {
      this.emit(R.messageCorrelationIdRemoved, {
        args: { message: r.label, location: bc.location ?? '' },
        location: where.location,
        baseLocation: bc.at,
      });
    } else if (!bc && rc) {
      this.emit(R.messageCorrelationIdAdded, {
        args: { message: r.label, location: rc.location ?? '' },
        location: rc.at,
      });
    } else if (bc && rc && (bc.location ?? '') !== (rc.location ?? '')) {
      this.emit(R.messageCorrelationIdChanged, {
        args: { message: r.label, before: bc.location ?? '', after: rc.location ?? '' },
        location: rc.at,
        baseLocation: bc.at,
      });
    }
  }

  private contentType(
    b: MessageM,
    r: MessageM,
    where: { location: SourceLocation; baseLocation: SourceLocation },
  ): void {
    const before = b.contentType ?? this.B.defaultContentType;
    const after = r.contentType ?? this.R.defaultContentType;
    if (!before || !after || sameMediaType(before, after)) return;
    if (!b.contentType && !r.contentType) {
      this.defaultTypeChanges.push(`message ${r.label}`);
      return;
    }
    this.emit(R.messageContentTypeChanged, {
      args: { message: r.label, before, after },
      location: this.R.docs.locate(r.node, 'contentType') ?? where.location,
      baseLocation: where.baseLocation,
    });
  }

  private defaultContentType(): void {
    if (!this.defaultTypeChanges.length) return;
    const root = (m: AsyncModel) => m.docs.locateIn(m.rootFile, ['defaultContentType']);
    this.emit(R.defaultContentTypeChanged, {
      args: { before: this.B.defaultContentType ?? '', after: this.R.defaultContentType ?? '' },
      location: root(this.R),
      baseLocation: root(this.B),
      affects: this.defaultTypeChanges,
    });
  }

  // ── security and bindings ──────────────────────────────────────────────────────────────────

  private security(
    element: string,
    b: SecurityM | undefined,
    r: SecurityM | undefined,
    where: { location: SourceLocation; baseLocation: SourceLocation },
  ): void {
    const before = b?.alternatives ?? [];
    const after = r?.alternatives ?? [];
    if (!before.length && after.length) {
      this.emit(R.securityAdded, {
        args: { element, requirement: after.join(' or ') },
        location: r!.at,
        baseLocation: where.baseLocation,
      });
      return;
    }
    if (before.length && !after.length) {
      this.emit(R.securityRemoved, {
        args: { element },
        location: where.location,
        baseLocation: b!.at,
      });
      return;
    }
    for (const alt of before) {
      if (after.includes(alt)) continue;
      this.emit(R.securityAlternativeRemoved, {
        args: { element, requirement: alt, name: alt },
        location: r!.at,
        baseLocation: b!.at,
      });
    }
    for (const alt of after) {
      if (before.includes(alt)) continue;
      this.emit(R.securityAlternativeAdded, {
        args: { element, requirement: alt, name: alt },
        location: r!.at,
        baseLocation: b!.at,
      });
    }
  }

  private schemes(): void {
    for (const [key, r] of this.R.schemes) {
      const b = this.B.schemes.get(key);
      if (!b || b.shape === r.shape) continue;
      this.emit(R.securitySchemeChanged, {
        args: { scheme: key, before: describeScheme(b.shape), after: describeScheme(r.shape) },
        location: r.at,
        baseLocation: b.at,
      });
    }
  }

  private bindings(
    kind: BindingElement,
    element: string,
    b: Record<string, unknown> | undefined,
    r: Record<string, unknown> | undefined,
    at: SourceLocation,
    defaults: Record<string, [unknown, unknown]> = {},
  ): void {
    for (const [protocol, fields] of Object.entries(RELEVANT_BINDING_FIELDS[kind])) {
      const bp = b?.[protocol];
      const rp = r?.[protocol];
      if (bp === undefined && rp === undefined) continue;
      for (const field of fields) {
        const id = `${protocol}.${field}`;
        const [db, dr] = defaults[id] ?? [BINDING_DEFAULTS[id], BINDING_DEFAULTS[id]];
        const ownBefore = get(bp, field);
        const ownAfter = get(rp, field);
        if (ownBefore === undefined && ownAfter === undefined) continue;
        const before = ownBefore ?? db;
        const after = ownAfter ?? dr;
        if (canonical(before) === canonical(after)) continue;
        if (BINDING_DECREASE_ONLY.has(id) && !decreased(before, after)) continue;
        const segs = fieldPath(field);
        this.emit(R.bindingChanged, {
          args: {
            element,
            protocol,
            field,
            before: show(before),
            after: show(after),
            name: id,
          },
          location: (r && this.R.docs.locate(r[protocol], ...segs)) ?? at,
          ...(b && b[protocol] !== undefined
            ? { baseLocation: this.B.docs.locate(b[protocol], ...segs) ?? at }
            : {}),
          before,
          after,
        });
      }
    }
  }
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────────

/** Which ways each message flows: sent by the application → read by consumers, and vice versa. */
function directions(m: AsyncModel): Map<MessageM, Set<Dir>> {
  const out = new Map<MessageM, Set<Dir>>();
  const add = (msg: MessageM, d: Dir) => {
    let s = out.get(msg);
    if (!s) out.set(msg, (s = new Set()));
    s.add(d);
  };
  for (const op of m.operations) {
    const d: Dir = op.action === 'send' ? 'read' : 'write';
    for (const om of op.messages) add(om.message, d);
    for (const om of op.reply?.messages ?? []) add(om.message, d === 'read' ? 'write' : 'read');
  }
  return out;
}

/**
 * Messages of one channel (or one reply) matched by name, component key, channel key, payload,
 * then by the way they flow: the one message the application sends on a channel (or receives) is
 * the same message when each side has exactly one left for that direction, whatever it is called.
 */
function matchMessages<T extends ChannelMessage | OperationMessage>(
  base: readonly T[],
  rev: readonly T[],
  baseDirs: Map<MessageM, Set<Dir>>,
  revDirs: Map<MessageM, Set<Dir>>,
): CascadeResult<T, T> {
  const named = (x: T) => x.message.name ?? x.message.messageId;
  const component = (x: T) => x.message.componentKey;
  const channelKey = (x: T) => ('channelKey' in x ? x.channelKey : undefined);
  const primary = (x: T) => named(x) ?? component(x) ?? channelKey(x);
  const payload = (x: T) => (x.message.payload ? canonical(x.message.payload.schema) : undefined);
  return matchCascade(base, rev, [
    { base: named, rev: named },
    { base: component, rev: component },
    { base: channelKey, rev: channelKey },
    { base: primary, rev: primary },
    { base: payload, rev: payload },
    { base: flow(baseDirs), rev: flow(revDirs) },
    'only-one-left',
    { base: named, rev: named, group: true },
    { base: payload, rev: payload, group: true },
  ]);
}

/** The directions a message flows in, as a matching key (undefined when no operation uses it). */
function flow<T extends ChannelMessage | OperationMessage>(dirs: Map<MessageM, Set<Dir>>) {
  return (x: T): string | undefined => {
    const d = dirs.get(x.message);
    return d && d.size ? [...d].sort().join(' ') : undefined;
  };
}

/**
 * True when the revision's host is a template that still accepts the base host: each variable
 * stands for one of its `enum` values (any value when it lists none). A client configured with the
 * old host still reaches the server.
 */
function hostStillAccepted(base: ServerM, rev: ServerM): boolean {
  if (base.variables.length || !rev.variables.length) return false;
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const parts = rev.hostText
    .toLowerCase()
    .split(/\{[^}]*\}/)
    .map(esc);
  const source = parts
    .map((p, i) => {
      const v = rev.variables[i];
      if (i === parts.length - 1 || !v) return p;
      const alt = v.values ? `(?:${v.values.map((x) => esc(x.toLowerCase())).join('|')})` : '[^/]+';
      return p + alt;
    })
    .join('');
  return new RegExp(`^${source}$`).test(base.hostText.toLowerCase());
}

/** The address as a pattern: each `{parameter}` stands for one non-empty level (no `/`). */
function addressPattern(address: string): RegExp {
  const parts = address.split(/\{[^}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^/]+')}$`);
}

/** True when the revision's address is a template the base address is an instance of. */
function generalizes(rev: ChannelM, base: ChannelM): boolean {
  if (rev.address === null || base.address === null || !/\{[^}]*\}/.test(rev.address)) {
    return false;
  }
  return addressPattern(rev.address).test(base.address);
}

/**
 * A matching key for channels whose address became a template: the revision channel's template,
 * given to the one base channel it matches (a base channel matching several templates, or a
 * template matching several base channels, gets none).
 */
function templateKeys(base: readonly ChannelM[], rev: readonly ChannelM[]): Map<ChannelM, string> {
  const keys = new Map<ChannelM, string>();
  const templates = rev.filter((r) => r.address !== null && /\{[^}]*\}/.test(r.address));
  const claimed = new Map<ChannelM, ChannelM[]>();
  for (const b of base) {
    const hits = templates.filter((r) => generalizes(r, b));
    if (hits.length !== 1) continue;
    const list = claimed.get(hits[0]!) ?? [];
    list.push(b);
    claimed.set(hits[0]!, list);
  }
  for (const [r, bs] of claimed) {
    if (bs.length !== 1) continue;
    keys.set(r, `template ${r.address}`);
    keys.set(bs[0]!, `template ${r.address}`);
  }
  return keys;
}

function opIds(m: AsyncModel, c: ChannelM): string | undefined {
  const ids = m.operations
    .filter((o) => o.channel === c && !o.synthesized)
    .map((o) => o.id)
    .sort();
  return ids.length ? ids.join(' ') : undefined;
}

function messageNames(c: ChannelM): string | undefined {
  const names = c.messages
    .map((cm) => cm.message.name ?? cm.message.messageId ?? cm.message.componentKey)
    .filter((n): n is string => !!n)
    .sort();
  return names.length ? names.join(' ') : undefined;
}

function payloadIds(c: ChannelM): string | undefined {
  const ids = c.messages
    .map((cm) => (cm.message.payload ? canonical(cm.message.payload.schema) : undefined))
    .filter((n): n is string => !!n)
    .sort();
  return ids.length ? ids.join('\n') : undefined;
}

/** How a channel is named in messages: its address, else its key. */
function name(c: ChannelM): string {
  return c.address ?? c.key;
}

/** A parameter schema without its `enum` (channel-parameter-values-removed reports values). */
function withoutEnum(m: AsyncModel, schema: object | undefined): object {
  if (!schema || !('enum' in schema)) return schema ?? {};
  const { enum: _values, ...rest } = schema as Record<string, unknown>;
  m.docs.adopt(rest, schema);
  return rest;
}

/**
 * Who writes a channel's addresses, as a schema direction: the application sends on it (its
 * counterparts read the address), receives on it (they write it), or both; undefined when no
 * operation uses the channel.
 */
function channelDirection(m: AsyncModel, ch: ChannelM): SchemaDirection | undefined {
  const dirs = new Set<Dir>();
  for (const op of m.operations) {
    if (op.channel === ch) dirs.add(op.action === 'send' ? 'read' : 'write');
    if (op.reply?.channel === ch) dirs.add(op.action === 'send' ? 'write' : 'read');
  }
  return dirs.size === 1 ? [...dirs][0]! : dirs.size ? 'both' : undefined;
}

/** The first `$ref` inside a schema that could not be resolved (lenient mode), if any. */
function brokenRef(m: AsyncModel, schema: unknown): string | undefined {
  const seen = new Set<object>();
  const stack: unknown[] = [schema];
  while (stack.length) {
    const n = stack.pop();
    if (typeof n !== 'object' || n === null || seen.has(n)) continue;
    seen.add(n);
    if (m.docs.isBrokenRef(n)) return n.$ref;
    for (const v of Object.values(n)) stack.push(v);
  }
  return undefined;
}

function kafkaKey(m: MessageM): SchemaM | undefined {
  const kafka = m.bindings?.kafka;
  if (typeof kafka !== 'object' || kafka === null) return undefined;
  const key = (kafka as Record<string, unknown>).key;
  if (key === undefined) return undefined;
  return { schema: key, family: 'json-schema', at: m.at };
}

function isObj(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

function sameMediaType(a: string, b: string): boolean {
  const norm = (s: string) => s.toLowerCase().replace(/\s+/g, '');
  return norm(a) === norm(b);
}

/** True when a limit went down (`-1` and a missing value mean unlimited). */
function decreased(before: unknown, after: unknown): boolean {
  const n = (v: unknown) => {
    const x = typeof v === 'string' ? Number(v) : v;
    return typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : Infinity;
  };
  return n(after) < n(before);
}

function get(v: unknown, field: string): unknown {
  let cur = v;
  for (const seg of fieldPath(field)) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

function show(v: unknown): string {
  return v === undefined ? 'unset' : JSON.stringify(v);
}

function describeScheme(shape: string): string {
  const [type, ...rest] = shape.split('|');
  const detail = rest.filter((x) => x).join(', ');
  return detail ? `${type} (${detail})` : (type ?? '');
}

/** `{ deprecation }` for a removal whose element the base deprecated, else nothing. */
function deprecated(node: object): { deprecation?: Deprecation } {
  const d = deprecationOf(node);
  return d ? { deprecation: d } : {};
}
