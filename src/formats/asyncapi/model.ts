import type { SourceLocation } from '../../core/model.js';
import type { DocumentSet } from '../jsonschema/documents.js';

/**
 * One model for AsyncAPI 2.x and 3.x. Operations carry the action from the application's point of
 * view (`send` / `receive`), already corrected for the document's perspective, so a 2.x document
 * and its 3.0 migration produce the same model. Every element keeps its resolved node (for
 * identity: a message reached from two channels is one `MessageM`) and its source location.
 */

/** What the application described by the contract does with a message. */
export type AppAction = 'send' | 'receive';

export type Perspective = 'application' | 'client';

export interface AsyncModel {
  /** The `asyncapi` field, e.g. `2.6.0`. */
  specVersion: string;
  major: number;
  /** Whose side the document is written from (operations are already corrected for it). */
  perspective: Perspective;
  infoVersion?: string;
  defaultContentType?: string;
  servers: ServerM[];
  channels: ChannelM[];
  operations: OperationM[];
  /** Security schemes by name (components.securitySchemes keys). */
  schemes: Map<string, SchemeM>;
  docs: DocumentSet;
  /** The entry file (relative to the contract root). */
  rootFile: string;
  /** Location of the whole document (its `asyncapi` key). */
  at: SourceLocation;
  /** One major line of a document carrying several (versioned channels): lines.ts. */
  line?: number;
}

export interface SecurityM {
  /** Alternatives; each is the sorted list of schemes (with scopes) it requires together. */
  alternatives: string[];
  at: SourceLocation;
}

export interface SchemeM {
  name: string;
  type: string;
  /** Canonical text of the fields clients depend on (type, in, parameter name, flows, URLs). */
  shape: string;
  at: SourceLocation;
}

export interface ServerM {
  key: string;
  /** Host (and path) normalised: no scheme, lowercase, `{}` for variables. */
  host: string;
  /** The host as written (variables kept), for messages. */
  hostText: string;
  protocol: string;
  protocolVersion?: string;
  /** The variables named in the host, in host order (allowed values from their `enum`). */
  variables: ParameterM[];
  security?: SecurityM;
  bindings?: Record<string, unknown>;
  node: object;
  at: SourceLocation;
}

export interface ChannelM {
  key: string;
  /** The address as written (2.x: the channel key); null when unknown/dynamic (3.x `address: null`). */
  address: string | null;
  /** The address with parameter names erased (`user/{}`), for matching. */
  shape: string | null;
  messages: ChannelMessage[];
  /** Server keys the channel is available on; undefined means all servers. */
  servers?: string[];
  /** Address parameters by name, in the order they appear in the address. */
  parameters: ParameterM[];
  /**
   * Parameters the channel declares that its address does not name, by name (invalid, but real
   * documents use them for the query of a WebSocket or HTTP handshake).
   */
  looseParameters?: ParameterM[];
  bindings?: Record<string, unknown>;
  node: object;
  at: SourceLocation;
}

/** An address parameter or server variable; `values` are the allowed values when it lists them (enum). */
export interface ParameterM {
  name: string;
  values?: string[];
  /** 2.x: the parameter's `schema` (format, pattern, type, length), compared like a payload. */
  schema?: object;
  at: SourceLocation;
}

/** A message as a member of one channel. */
export interface ChannelMessage {
  message: MessageM;
  /** The key of the message in the channel's `messages` (3.x). */
  channelKey?: string;
  /** Where the membership is declared (the channel's messages entry, the 2.x operation message). */
  at: SourceLocation;
}

export interface OperationM {
  id: string;
  /** True for 2.x operations without operationId (id made from action and address). */
  synthesized: boolean;
  action: AppAction;
  /** `send`/`receive` (3.x) or `publish`/`subscribe` (2.x), as written. */
  rawAction: string;
  channel?: ChannelM;
  messages: OperationMessage[];
  reply?: ReplyM;
  security?: SecurityM;
  bindings?: Record<string, unknown>;
  node: object;
  at: SourceLocation;
}

export interface OperationMessage {
  message: MessageM;
  at: SourceLocation;
}

export interface ReplyM {
  /** Runtime expression of a dynamic reply address (`reply.address.location`). */
  addressLocation?: string;
  channel?: ChannelM;
  messages: OperationMessage[];
  at: SourceLocation;
}

/** `remote`: a remote `$ref` that was not fetched (allowRemoteRefs off), compared by its URL. */
export type SchemaFamily = 'json-schema' | 'openapi' | 'avro' | 'other' | 'remote';

export interface SchemaM {
  schema: unknown;
  /** The declared schema format (media type), if any. */
  format?: string;
  family: SchemaFamily;
  at: SourceLocation;
}

export interface MessageM {
  /** The resolved message node with traits applied. */
  node: object;
  name?: string;
  messageId?: string;
  componentKey?: string;
  title?: string;
  /** A name for messages and `affects`: name, messageId, component key, channel key, or a fallback. */
  label: string;
  /** Lenient mode: the message is a `$ref` that could not be resolved (its text). */
  unresolved?: string;
  payload?: SchemaM;
  headers?: SchemaM;
  correlationId?: { location?: string; at: SourceLocation };
  /** Own contentType; the effective one falls back to the document's defaultContentType. */
  contentType?: string;
  bindings?: Record<string, unknown>;
  at: SourceLocation;
}
