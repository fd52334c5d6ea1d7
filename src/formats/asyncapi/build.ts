import type { SourceLocation } from '../../core/model.js';
import { isObject, type DocumentSet } from '../jsonschema/documents.js';
import type {
  AppAction,
  AsyncModel,
  ChannelM,
  MessageM,
  OperationM,
  OperationMessage,
  ParameterM,
  Perspective,
  SchemaFamily,
  SchemaM,
  SchemeM,
  SecurityM,
  ServerM,
} from './model.js';

/**
 * Builds the version-independent model from a resolved AsyncAPI document. Defensive: in lenient
 * mode the document may be invalid, so anything malformed is skipped rather than trusted.
 */
export function buildModel(
  root: Record<string, unknown>,
  docs: DocumentSet,
  rootFile: string,
  perspective: Perspective,
): AsyncModel {
  const specVersion = String(root.asyncapi ?? '');
  const major = Number(specVersion.split('.')[0]) || 0;
  const b = new Builder(root, docs, major, perspective);
  const info = obj(root.info);
  const model: AsyncModel = {
    specVersion,
    major,
    perspective,
    servers: b.servers(),
    channels: [],
    operations: [],
    schemes: b.schemes(),
    docs,
    rootFile,
    at: docs.locate(root, 'asyncapi') ?? loc(rootFile),
  };
  if (info && typeof info.version === 'string') model.infoVersion = info.version;
  if (typeof root.defaultContentType === 'string')
    model.defaultContentType = root.defaultContentType;
  if (major >= 3) b.buildV3();
  else b.buildV2();
  model.channels = [...b.channelsByNode.values()];
  model.operations = b.operations;
  return model;
}

class Builder {
  readonly channelsByNode = new Map<object, ChannelM>();
  readonly operations: OperationM[] = [];
  private readonly messagesByNode = new Map<object, MessageM>();
  private readonly merged = new Map<object, Record<string, unknown>>();
  private readonly serverKeys = new Map<object, string>();
  private readonly schemeNames = new Map<object, string>();
  private readonly schemeByShape = new Map<string, string>();
  private readonly componentMessageKeys = new Map<object, string>();
  /** Messages that are unfetched remote `$ref`s, by URL: each reference to one URL is one message. */
  private readonly remoteMessages = new Map<string, MessageM>();

  constructor(
    private readonly root: Record<string, unknown>,
    private readonly docs: DocumentSet,
    private readonly major: number,
    private readonly perspective: Perspective,
  ) {
    const components = obj(root.components);
    for (const [k, v] of entries(components?.messages)) this.componentMessageKeys.set(v, k);
    const shapes = new Map<string, string | undefined>();
    for (const [k, v] of entries(components?.securitySchemes)) {
      this.schemeNames.set(v, k);
      const shape = schemeShape(v);
      shapes.set(shape, shapes.has(shape) ? undefined : k);
    }
    for (const [shape, k] of shapes) if (k) this.schemeByShape.set(shape, k);
  }

  private at(node: unknown, ...segs: string[]): SourceLocation {
    return this.docs.locate(node, ...segs) ?? this.docs.locate(this.root) ?? loc('');
  }

  schemes(): Map<string, SchemeM> {
    const out = new Map<string, SchemeM>();
    for (const [name, s] of entries(obj(this.root.components)?.securitySchemes)) {
      out.set(name, { name, type: str(s.type) ?? '', shape: schemeShape(s), at: this.at(s) });
    }
    return out;
  }

  servers(): ServerM[] {
    const out: ServerM[] = [];
    for (const [key, s] of entries(this.root.servers)) {
      this.serverKeys.set(s, key);
      // Without scheme (3.x hosts are written with one too) and without credentials
      // (`user:password@`): neither tells servers apart, and a password must not reach a report.
      const host = (
        this.major >= 3 ? `${str(s.host) ?? ''}${str(s.pathname) ?? ''}` : (str(s.url) ?? '')
      )
        .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
        .replace(/^[^/]*@/, '');
      const server: ServerM = {
        key,
        host: normaliseHost(host),
        hostText: host.replace(/\/+$/, ''),
        variables: this.templateValues(host, obj(s.variables), (v) => v.enum, s, 'variables'),
        protocol: (str(s.protocol) ?? '').toLowerCase(),
        node: s,
        at: this.at(s),
      };
      if (typeof s.protocolVersion === 'string') server.protocolVersion = s.protocolVersion;
      const security = this.security(s.security, s);
      if (security) server.security = security;
      const bindings = obj(s.bindings);
      if (bindings) server.bindings = bindings;
      out.push(server);
    }
    return out;
  }

  /** 2.x: requirement objects `{name: scopes}`; 3.x: a list of (resolved) security schemes. */
  private security(value: unknown, owner: object): SecurityM | undefined {
    if (!Array.isArray(value)) return undefined;
    const alternatives: string[] = [];
    for (const item of value) {
      if (!isObject(item)) continue;
      if (this.major >= 3) {
        // An inline scheme (the 2.x → 3.0 converter writes oauth2 with scopes inline) is named
        // after the component scheme of the same shape, so the same requirement keeps its name.
        const name =
          this.schemeNames.get(item) ??
          this.schemeByShape.get(schemeShape(item)) ??
          str(item.type) ??
          'inline';
        alternatives.push(withScopes(name, item.scopes));
      } else {
        alternatives.push(
          Object.keys(item)
            .sort()
            .map((name) => withScopes(name, item[name]))
            .join(' + '),
        );
      }
    }
    return { alternatives: [...new Set(alternatives)].sort(), at: this.at(owner, 'security') };
  }

  private channel(key: string, node: Record<string, unknown>, address: string | null): ChannelM {
    let ch = this.channelsByNode.get(node);
    if (ch) return ch;
    ch = {
      key,
      address,
      shape: address === null ? null : address.replace(/\{[^}]*\}/g, '{}'),
      messages: [],
      parameters: this.parameters(node, address),
      node,
      at: this.at(node),
    };
    const loose = this.looseParameters(node, ch.parameters);
    if (loose.length) ch.looseParameters = loose;
    const bindings = obj(node.bindings);
    if (bindings) ch.bindings = bindings;
    if (Array.isArray(node.servers)) {
      ch.servers = node.servers
        .map((s) => (typeof s === 'string' ? s : isObject(s) ? this.serverKeys.get(s) : undefined))
        .filter((s): s is string => typeof s === 'string');
    }
    this.channelsByNode.set(node, ch);
    return ch;
  }

  /**
   * The parameters named in the address, in address order; their allowed values from `enum`
   * (3.x) or `schema.enum` (2.x). A parameter the channel does not describe allows anything.
   */
  private parameters(node: Record<string, unknown>, address: string | null): ParameterM[] {
    return this.templateValues(
      address ?? '',
      obj(node.parameters),
      (p) => (Array.isArray(p.enum) ? p.enum : obj(p.schema)?.enum),
      node,
      'parameters',
    );
  }

  /** The declared parameters the address does not name, by name, with their allowed values. */
  private looseParameters(node: Record<string, unknown>, named: ParameterM[]): ParameterM[] {
    const declared = obj(node.parameters);
    if (!declared) return [];
    const inAddress = new Set(named.map((p) => p.name));
    return Object.keys(declared)
      .filter((name) => !inAddress.has(name))
      .sort()
      .map((name) => {
        const d = obj(declared[name]);
        const list = d && (Array.isArray(d.enum) ? d.enum : obj(d.schema)?.enum);
        const param: ParameterM = {
          name,
          at: (d && this.docs.locate(d)) ?? this.at(declared, name),
        };
        if (Array.isArray(list)) param.values = list.map((v) => String(v));
        return param;
      });
  }

  /** The `{names}` of a template with the values their declarations allow, in template order. */
  private templateValues(
    template: string,
    declared: Record<string, unknown> | undefined,
    values: (declaration: Record<string, unknown>) => unknown,
    owner: object,
    key: string,
  ): ParameterM[] {
    const names = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
    return names.map((name) => {
      const d = obj(declared?.[name]);
      const list = d ? values(d) : undefined;
      const param: ParameterM = { name, at: (d && this.docs.locate(d)) ?? this.at(owner, key) };
      if (Array.isArray(list)) param.values = list.map((v) => String(v));
      if (d && typeof d.schema === 'object' && d.schema !== null) param.schema = d.schema;
      return param;
    });
  }

  private action(raw: string): AppAction {
    const appSends = raw === 'send' || raw === 'subscribe';
    const flipped = this.perspective === 'client' ? !appSends : appSends;
    return flipped ? 'send' : 'receive';
  }

  buildV2(): void {
    for (const [address, chNode] of entries(this.root.channels)) {
      const ch = this.channel(address, chNode, address);
      for (const raw of ['subscribe', 'publish'] as const) {
        const opNode = obj(chNode[raw]);
        if (!opNode) continue;
        const op = this.withTraits(opNode, 2);
        const explicitId = str(op.operationId);
        const operation: OperationM = {
          id: explicitId ?? `${raw} ${address}`,
          synthesized: explicitId === undefined,
          action: this.action(raw),
          rawAction: raw,
          channel: ch,
          messages: [],
          node: opNode,
          at: this.at(chNode, raw),
        };
        const security = this.security(op.security, opNode);
        if (security) operation.security = security;
        const bindings = obj(op.bindings);
        if (bindings) operation.bindings = bindings;
        const msg = op.message;
        const oneOf = isObject(msg) && Array.isArray(msg.oneOf) ? msg.oneOf : undefined;
        const list: Array<[unknown, string[]]> = oneOf
          ? oneOf.map((m, i) => [m, ['message', 'oneOf', String(i)]])
          : msg !== undefined
            ? [[msg, ['message']]]
            : [];
        list.forEach(([m, segs], i) => {
          if (!isObject(m)) return;
          const fallback = `${explicitId ?? `${raw} ${address}`} message${list.length > 1 ? ` ${i + 1}` : ''}`;
          const message = this.message(m, fallback);
          const at = this.at(opNode, ...segs);
          operation.messages.push({ message, at });
          if (!ch.messages.some((cm) => cm.message === message)) ch.messages.push({ message, at });
        });
        this.operations.push(operation);
      }
    }
  }

  buildV3(): void {
    for (const [key, chNode] of entries(this.root.channels)) this.channelV3(key, chNode);
    for (const [id, opNode] of entries(this.root.operations)) {
      const op = this.withTraits(opNode, 3);
      const raw = str(op.action) ?? '';
      const chNode = obj(op.channel);
      const ch = chNode ? this.channelV3(this.keyOf(chNode), chNode) : undefined;
      const operation: OperationM = {
        id,
        synthesized: false,
        action: this.action(raw),
        rawAction: raw,
        messages: [],
        node: opNode,
        at: this.at(opNode),
      };
      if (ch) operation.channel = ch;
      operation.messages = this.listedOr(op.messages, opNode, ch);
      // Messages must come from the channel; one referenced from elsewhere still travels on it.
      for (const om of operation.messages) {
        if (ch && !ch.messages.some((cm) => cm.message === om.message)) {
          ch.messages.push({ message: om.message, at: om.at });
        }
      }
      const security = this.security(op.security, opNode);
      if (security) operation.security = security;
      const bindings = obj(op.bindings);
      if (bindings) operation.bindings = bindings;
      const reply = obj(op.reply);
      if (reply) {
        const replyCh = obj(reply.channel);
        const rch = replyCh ? this.channelV3(this.keyOf(replyCh), replyCh) : undefined;
        operation.reply = {
          messages: this.listedOr(reply.messages, reply, rch),
          at: this.at(opNode, 'reply'),
        };
        if (rch) operation.reply.channel = rch;
        const location = str(obj(reply.address)?.location);
        if (location) operation.reply.addressLocation = location;
      }
      this.operations.push(operation);
    }
  }

  private channelV3(key: string, chNode: Record<string, unknown>): ChannelM {
    const known = this.channelsByNode.get(chNode);
    if (known) return known;
    const address = typeof chNode.address === 'string' ? chNode.address : null;
    const ch = this.channel(key, chNode, address);
    for (const [mkey, m] of entries(chNode.messages)) {
      const message = this.message(m, mkey);
      // The same message under two keys is one message of the channel.
      if (ch.messages.some((cm) => cm.message === message)) continue;
      ch.messages.push({ message, channelKey: mkey, at: this.at(chNode, 'messages', mkey) });
    }
    return ch;
  }

  /**
   * The messages an operation (or reply) lists, else every message of its channel. An entry that
   * is an empty object — what a `$ref` that cannot be resolved leaves in lenient mode — names no
   * message; a list of nothing but such entries counts as not given.
   */
  private listedOr(list: unknown, owner: object, ch: ChannelM | undefined): OperationMessage[] {
    const all = () => ch?.messages.map((cm) => ({ message: cm.message, at: cm.at })) ?? [];
    if (!Array.isArray(list)) return all();
    const named = list.filter((m) => !this.namesNothing(m));
    if (list.length && !named.length) return all();
    return this.opMessages(list, owner, ['messages'], ch);
  }

  private opMessages(
    list: unknown[],
    owner: object,
    segs: string[],
    ch: ChannelM | undefined,
  ): OperationMessage[] {
    const out: OperationMessage[] = [];
    list.forEach((m, i) => {
      if (!isObject(m) || this.namesNothing(m)) return;
      const message = this.message(
        m,
        ch?.messages.find((cm) => cm.message.node === m)?.channelKey ?? `message ${i + 1}`,
      );
      out.push({ message, at: this.at(owner, ...segs, String(i)) });
    });
    return out;
  }

  /**
   * An operation's message entry that names no message: an empty object, or (lenient mode) a
   * `$ref` that cannot be resolved — the operation then handles what its channel carries.
   */
  private namesNothing(m: unknown): boolean {
    return (isObject(m) && Object.keys(m).length === 0) || this.docs.isBrokenRef(m);
  }

  /** The key a node has in its container (for channels reached only through an operation). */
  private keyOf(node: object): string {
    const o = this.docs.origin(node);
    return o?.pointer[o.pointer.length - 1] ?? 'channel';
  }

  private message(raw: Record<string, unknown>, fallback: string): MessageM {
    const byRef = this.docs.isKeptRef(raw) || this.docs.isBrokenRef(raw);
    const known =
      this.messagesByNode.get(raw) ??
      (byRef ? this.remoteMessages.get(String(raw.$ref)) : undefined);
    if (known) return known;
    if (this.docs.isBrokenRef(raw)) {
      // Lenient mode: what the message was cannot be known; it is compared by its reference.
      const ref = raw.$ref;
      const message: MessageM = {
        node: raw,
        label: fallback,
        unresolved: ref,
        at: this.at(raw),
      };
      this.messagesByNode.set(raw, message);
      this.remoteMessages.set(ref, message);
      return message;
    }
    const m = this.withTraits(raw, this.major);
    const componentKey = this.componentMessageKeys.get(raw);
    const name = str(m.name);
    const messageId = str(m.messageId);
    const title = str(m.title);
    const message: MessageM = {
      node: raw,
      label: name ?? messageId ?? componentKey ?? fallback,
      at: this.at(raw),
    };
    if (name) message.name = name;
    if (messageId) message.messageId = messageId;
    if (componentKey) message.componentKey = componentKey;
    if (title) message.title = title;
    if (m.payload !== undefined)
      message.payload = this.schema(m.payload, m.schemaFormat, raw, 'payload');
    if (m.headers !== undefined)
      message.headers = this.schema(m.headers, undefined, raw, 'headers');
    const corr = obj(m.correlationId);
    if (corr) {
      message.correlationId = { at: this.at(raw, 'correlationId') };
      if (typeof corr.location === 'string') message.correlationId.location = corr.location;
    }
    if (typeof m.contentType === 'string') message.contentType = m.contentType;
    const bindings = obj(m.bindings);
    if (bindings) message.bindings = bindings;
    this.messagesByNode.set(raw, message);
    if (byRef) this.remoteMessages.set(String(raw.$ref), message);
    return message;
  }

  /** A schema with its format: 2.x `schemaFormat` on the message, 3.x multi-format schema objects. */
  private schema(value: unknown, messageFormat: unknown, owner: object, key: string): SchemaM {
    let schema = value;
    let format = str(messageFormat);
    if (
      this.major >= 3 &&
      isObject(value) &&
      typeof value.schemaFormat === 'string' &&
      'schema' in value
    ) {
      format = value.schemaFormat;
      schema = value.schema;
    }
    // A remote reference that was not fetched: compared by its URL only.
    const remote = this.docs.isKeptRef(schema) ? `remote $ref ${schema.$ref}` : undefined;
    if (remote) format = remote;
    const out: SchemaM = {
      schema,
      family: remote ? 'remote' : schemaFamily(format),
      at: this.at(owner, key),
    };
    if (format) out.format = format;
    return out;
  }

  /**
   * Applies traits. 2.x: a trait's fields override the element's (parser behaviour); 3.x: the
   * element's own fields win. Merged objects keep the element's location.
   */
  private withTraits(node: Record<string, unknown>, major: number): Record<string, unknown> {
    if (!Array.isArray(node.traits) || !node.traits.length) return node;
    const done = this.merged.get(node);
    if (done) return done;
    const { traits, ...own } = node;
    let result: unknown = major >= 3 ? {} : own;
    for (const t of traits as unknown[]) if (isObject(t)) result = mergePatch(result, t);
    if (major >= 3) result = mergePatch(result, own);
    const out = result as Record<string, unknown>;
    this.docs.adopt(out, node);
    this.merged.set(node, out);
    return out;
  }
}

/** RFC 7386 JSON Merge Patch, without mutating either side. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = isObject(v) && isObject(out[k]) ? mergePatch(out[k], v) : v;
  }
  return out;
}

export function schemaFamily(format: string | undefined): SchemaFamily {
  if (!format) return 'json-schema';
  const f = format.toLowerCase();
  if (
    f.startsWith('application/vnd.aai.asyncapi') ||
    /^application\/schema(\+json|\+yaml)?(;|$)/.test(f)
  ) {
    return 'json-schema';
  }
  if (f.startsWith('application/vnd.oai.openapi')) return 'openapi';
  if (f.startsWith('application/vnd.apache.avro')) return 'avro';
  return 'other';
}

function schemeShape(s: Record<string, unknown>): string {
  const flows = obj(s.flows);
  const flowShape = flows
    ? Object.keys(flows)
        .sort()
        .map((f) => {
          const flow = obj(flows[f]) ?? {};
          return `${f}(${str(flow.authorizationUrl) ?? ''} ${str(flow.tokenUrl) ?? ''})`;
        })
        .join(',')
    : '';
  return [s.type, s.in, s.name, s.scheme, s.openIdConnectUrl, flowShape]
    .map((x) => (typeof x === 'string' ? x : ''))
    .join('|');
}

function withScopes(name: string, scopes: unknown): string {
  const list = Array.isArray(scopes)
    ? scopes.filter((s): s is string => typeof s === 'string')
    : [];
  return list.length ? `${name}(${[...list].sort().join(', ')})` : name;
}

function normaliseHost(h: string): string {
  return h
    .toLowerCase()
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\/+$/, '');
}

function entries(v: unknown): Array<[string, Record<string, unknown>]> {
  if (!isObject(v)) return [];
  return Object.entries(v).filter((e): e is [string, Record<string, unknown>] => isObject(e[1]));
}

function obj(v: unknown): Record<string, unknown> | undefined {
  return isObject(v) ? v : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function loc(file: string): SourceLocation {
  return { file, line: 0, column: 0, pointer: [] };
}
