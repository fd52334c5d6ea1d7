import { defineRule, MODES } from '../../core/rule.js';
import { withExplain } from '../../core/rule-explain.js';
import { ASYNCAPI_EXPLAIN } from './explain.js';
import { ASYNCAPI_LIFECYCLE_RULES } from './lifecycle.js';

/**
 * The AsyncAPI rules (channels, operations, messages, servers, bindings, security). Schema-level
 * rules for payloads, headers and Kafka keys belong to the shared JSON Schema comparator.
 * `equivalents['asyncapi-diff']` lists the @asyncapi/diff standard paths (2.x and 3.x) that cover
 * the same change; @asyncapi/diff classifies by path and action (add / remove / edit).
 */

const F = ['asyncapi'] as const;

// ── document ─────────────────────────────────────────────────────────────────────────────────

export const asyncapiDocumentInvalid = defineRule<{ problem: string }>({
  id: 'asyncapi-document-invalid',
  formats: F,
  severity: 'warning',
  kind: 'lifecycle',
  modes: MODES.none,
  description:
    'The document does not validate against its AsyncAPI version; it was compared anyway (check and diff unless --strict or the contract sets strict: true).',
  equivalents: {},
  message: ({ problem }) => `the document is not valid AsyncAPI: ${problem}`,
  explain: {
    why: 'An invalid document may be read differently by code generators and other tools, so the comparison is best effort.',
  },
});

export const asyncapiRefRepaired = defineRule<{ problem: string }>({
  id: 'asyncapi-ref-repaired',
  formats: F,
  severity: 'warning',
  kind: 'lifecycle',
  modes: MODES.none,
  description:
    "A `$ref` JSON pointer has an unescaped '/' inside a component name; it was read as the longest key that exists.",
  equivalents: {},
  message: ({ problem }) => problem,
  explain: {
    why: "A '/' inside a key must be written '~1' in a JSON pointer. @asyncapi/parser and code generators reject such a reference; treaty reads what the author evidently meant so the comparison is not flooded with removed messages, and says so.",
    example: {
      before: "$ref: '#/components/messages/v1~1Results'",
      after: "$ref: '#/components/messages/v1/Results'  # key 'v1/Results'",
    },
  },
});

export const asyncapiVersionChanged = defineRule<{ before: string; after: string }>({
  id: 'asyncapi-version-changed',
  formats: F,
  severity: 'info',
  kind: 'modification',
  modes: MODES.none,
  description:
    'The AsyncAPI specification version changed (e.g. a 2.x → 3.0 migration); elements are still compared by meaning.',
  equivalents: { 'asyncapi-diff': ['/asyncapi'] },
  message: ({ before, after }) => `the AsyncAPI version changed from ${before} to ${after}`,
});

export const defaultContentTypeChanged = defineRule<{ before: string; after: string }>({
  id: 'default-content-type-changed',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.symmetric,
  description:
    'The defaultContentType changed for messages that declare no contentType of their own.',
  equivalents: { 'asyncapi-diff': ['/defaultContentType'] },
  message: ({ before, after }) => `the default content type changed from '${before}' to '${after}'`,
  explain: {
    why: 'Producers and consumers of every message without its own contentType encode and decode with the default.',
    example: {
      before: 'defaultContentType: application/json',
      after: 'defaultContentType: application/avro',
    },
  },
});

// ── servers ──────────────────────────────────────────────────────────────────────────────────

export const serverRemoved = defineRule<{ server: string }>({
  id: 'server-removed',
  formats: F,
  severity: 'breaking',
  kind: 'removal',
  modes: MODES.breaking,
  description: 'A server (broker) is gone.',
  equivalents: { 'asyncapi-diff': ['/servers/*'] },
  message: ({ server }) => `server '${server}' was removed`,
  explain: { why: 'Clients connected to that server lose the API.' },
});

export const serverAdded = defineRule<{ server: string }>({
  id: 'server-added',
  formats: F,
  severity: 'info',
  kind: 'addition',
  modes: MODES.none,
  description: 'A server (broker) was added.',
  equivalents: { 'asyncapi-diff': ['/servers/*'] },
  message: ({ server }) => `server '${server}' was added`,
});

export const serverProtocolChanged = defineRule<{ server: string; before: string; after: string }>({
  id: 'server-protocol-changed',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.symmetric,
  description: "A server's protocol changed.",
  equivalents: { 'asyncapi-diff': ['/servers/*/protocol'] },
  message: ({ server, before, after }) =>
    `the protocol of server '${server}' changed from '${before}' to '${after}'`,
  explain: { why: 'Clients speak the old protocol and can no longer connect.' },
});

export const serverProtocolVersionChanged = defineRule<{
  server: string;
  before: string;
  after: string;
}>({
  id: 'server-protocol-version-changed',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.breaking,
  description: "A server's protocol version changed.",
  equivalents: { 'asyncapi-diff': ['/servers/*/protocolVersion'] },
  message: ({ server, before, after }) =>
    `the protocol version of server '${server}' changed from '${before}' to '${after}'`,
  explain: {
    why: 'Every party connects to the server, whichever way its messages flow: clients built for the old protocol version (MQTT 3.1.1 → 5, AMQP 0-9-1 → 1.0) may no longer connect or behave the same.',
    example: { before: 'protocolVersion: 3.1.1', after: 'protocolVersion: 5.0.0' },
  },
});

export const serverHostChanged = defineRule<{ server: string; before: string; after: string }>({
  id: 'server-host-changed',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.breaking,
  description:
    "A server's address (2.x url, 3.x host and pathname: host name, port or path) changed.",
  equivalents: { 'asyncapi-diff': ['/servers/*/url', '/servers/*/host', '/servers/*/pathname'] },
  message: ({ server, before, after }) =>
    `the host of server '${server}' changed from '${before}' to '${after}'`,
  explain: {
    why: 'Producers and consumers both connect to the server, so in either direction and either perspective a client configured with the old host, port or path stops reaching it. A host that became a template still accepting the old one (a variable whose values include it) is no change.',
    example: { before: 'host: broker.example.com:9092', after: 'host: broker.example.com:9093' },
  },
});

export const serverVariableValuesRemoved = defineRule<{
  server: string;
  variable: string;
  values: string;
}>({
  id: 'server-variable-values-removed',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.breaking,
  description:
    'A server variable no longer accepts values it accepted (enum values removed, or an enum where any value went).',
  equivalents: {
    'asyncapi-diff': ['/servers/*/variables/*/enum', '/servers/*/variables/*/enum/*'],
  },
  message: ({ server, variable, values }) =>
    `variable '${variable}' of server '${server}' no longer accepts ${values}`,
  explain: {
    why: 'Each value is an address clients connect to (a port, a region, an environment): clients configured with a dropped value can no longer connect.',
    example: {
      before: "variables:\n  port:\n    enum: ['1883', '8883']",
      after: "variables:\n  port:\n    enum: ['8883']",
    },
  },
});

export const protocolRemoved = defineRule<{ protocol: string; name: string }>({
  id: 'protocol-removed',
  formats: F,
  severity: 'breaking',
  kind: 'removal',
  modes: MODES.breaking,
  description: 'No server offers a protocol that a server offered before.',
  equivalents: {},
  message: ({ protocol }) => `no server offers protocol '${protocol}' any more`,
  explain: { why: 'Clients that only speak that protocol cannot reach the API at all.' },
});

// ── channels ─────────────────────────────────────────────────────────────────────────────────

export const channelRemoved = defineRule<{ channel: string }>({
  id: 'channel-removed',
  formats: F,
  severity: 'breaking',
  kind: 'removal',
  modes: MODES.breaking,
  description: 'A channel (topic, queue, routing key) is gone, with its operations and messages.',
  equivalents: { 'asyncapi-diff': ['/channels/*'] },
  message: ({ channel }) => `channel '${channel}' was removed`,
  explain: {
    why: 'Producers publish to a destination nobody reads, consumers subscribe to one nobody writes.',
    example: { before: 'channels:\n  user/signedup: …', after: 'channels: {}' },
  },
});

export const channelAdded = defineRule<{ channel: string }>({
  id: 'channel-added',
  formats: F,
  severity: 'info',
  kind: 'addition',
  modes: MODES.none,
  description: 'A channel was added.',
  equivalents: { 'asyncapi-diff': ['/channels/*'] },
  message: ({ channel }) => `channel '${channel}' was added`,
});

export const channelRenamed = defineRule<{ before: string; after: string; address: string }>({
  id: 'channel-renamed',
  formats: F,
  severity: 'info',
  kind: 'modification',
  modes: MODES.expansionOnly,
  description:
    'A 3.x channel key changed while its address stayed the same (not visible on the wire).',
  equivalents: {},
  message: ({ before, after, address }) =>
    `channel '${before}' was renamed to '${after}' (address '${address}' unchanged)`,
});

export const channelAddressChanged = defineRule<{ channel: string; before: string; after: string }>(
  {
    id: 'channel-address-changed',
    formats: F,
    severity: 'breaking',
    kind: 'modification',
    modes: MODES.symmetric,
    description:
      'A channel (matched by its key, operations or messages) moved to another address (topic, queue).',
    equivalents: { 'asyncapi-diff': ['/channels/*/address'] },
    message: ({ channel, before, after }) =>
      `the address of channel '${channel}' changed from '${before}' to '${after}'`,
    explain: {
      why: 'Existing producers and consumers keep using the old topic or queue.',
      example: { before: 'address: user/signedup', after: 'address: users/signed-up' },
    },
  },
);

export const channelAddressGeneralized = defineRule<{
  channel: string;
  before: string;
  after: string;
}>({
  id: 'channel-address-generalized',
  formats: F,
  severity: 'info',
  kind: 'modification',
  modes: MODES.forward,
  description:
    'A channel address became a template that still matches the old address (e.g. a fixed id became a parameter).',
  equivalents: { 'asyncapi-diff': ['/channels/*/address'] },
  message: ({ channel, before, after }) =>
    `the address of channel '${channel}' was generalized from '${before}' to '${after}' (the old address still matches)`,
  explain: {
    why: 'The old address is one instance of the new template: producers and consumers using it are still served.',
    example: { before: 'address: user/42/signedup', after: 'address: user/{userId}/signedup' },
  },
});

export const channelParameterValuesRemoved = defineRule<{
  channel: string;
  parameter: string;
  values: string;
}>({
  id: 'channel-parameter-values-removed',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.breaking,
  description:
    'An address parameter no longer accepts values it accepted (enum values removed, or an enum where any value went).',
  equivalents: {
    'asyncapi-diff': ['/channels/*/parameters/*/enum', '/channels/*/parameters/*/schema'],
  },
  message: ({ channel, parameter, values }) =>
    `parameter '${parameter}' of channel '${channel}' no longer accepts ${values}`,
  explain: {
    why: 'The channel no longer exists for those values: producers publishing there are not heard, consumers subscribed there receive nothing.',
    example: {
      before: 'parameters:\n  env:\n    enum: [dev, sit, prod]',
      after: 'parameters:\n  env:\n    enum: [dev, prod]',
    },
  },
});

export const channelParameterRemoved = defineRule<{ channel: string; parameter: string }>({
  id: 'channel-parameter-removed',
  formats: F,
  severity: 'breaking',
  kind: 'removal',
  modes: MODES.breaking,
  description:
    'A parameter the channel declares outside its address (invalid, but used by real documents for the query of a WebSocket or HTTP handshake) was removed.',
  equivalents: { 'asyncapi-diff': ['/channels/*/parameters/*'] },
  message: ({ channel, parameter }) =>
    `parameter '${parameter}' of channel '${channel}' was removed (it is not in the address: a query or handshake parameter)`,
  explain: {
    why: 'A parameter that is not part of the address can only be passed some other way, typically in the query of the connection: clients that pass it are no longer described, and a server that rejects unknown parameters refuses them.',
    example: {
      before:
        'address: /v1/listen\nparameters:\n  model:\n    enum: [nova-2, nova-3]\n  tier:\n    enum: [base, enhanced]',
      after: 'address: /v1/listen\nparameters:\n  model:\n    enum: [nova-2, nova-3]',
    },
  },
});

export const channelParameterRenamed = defineRule<{
  channel: string;
  before: string;
  after: string;
  /** The parameter's place in the address (fingerprint). */
  name: string;
}>({
  id: 'channel-parameter-renamed',
  formats: F,
  severity: 'info',
  kind: 'modification',
  modes: MODES.none,
  description:
    'An address parameter was renamed (`users.{userId}` → `users.{userid}`); the addresses on the broker are the same.',
  equivalents: { 'asyncapi-diff': ['/channels/*/parameters/*'] },
  message: ({ channel, before, after }) =>
    `parameter '${before}' of channel '${channel}' was renamed to '${after}' (same addresses)`,
  explain: {
    why: 'The topic or queue names do not change, so nothing on the wire breaks; code generated from the document names its arguments after the parameter, so callers may need a rename.',
    example: { before: 'address: users.{userId}', after: 'address: users.{userid}' },
  },
});

export const channelServerRemoved = defineRule<{ channel: string; server: string }>({
  id: 'channel-server-removed',
  formats: F,
  severity: 'breaking',
  kind: 'removal',
  modes: MODES.breaking,
  description: 'A channel is no longer available on a server that still exists.',
  equivalents: { 'asyncapi-diff': ['/channels/*/servers/*'] },
  message: ({ channel, server }) =>
    `channel '${channel}' is no longer available on server '${server}'`,
});

// ── operations ───────────────────────────────────────────────────────────────────────────────

export const operationRemoved = defineRule<{ operation: string; action: string; channel: string }>({
  id: 'operation-removed',
  formats: F,
  severity: 'breaking',
  kind: 'removal',
  modes: MODES.breaking,
  description: 'An operation is gone while its channel stays.',
  equivalents: {
    'asyncapi-diff': ['/channels/*/publish', '/channels/*/subscribe', '/operations/*'],
  },
  message: ({ operation, action, channel }) =>
    `operation '${operation}' (the application ${action}s on '${channel}') was removed`,
  explain: {
    why: 'A removed send stops messages consumers rely on; a removed receive drops what producers send.',
  },
});

export const operationAdded = defineRule<{ operation: string; action: string; channel: string }>({
  id: 'operation-added',
  formats: F,
  severity: 'info',
  kind: 'addition',
  modes: MODES.none,
  description: 'An operation was added to an existing channel.',
  equivalents: {
    'asyncapi-diff': ['/channels/*/publish', '/channels/*/subscribe', '/operations/*'],
  },
  message: ({ operation, action, channel }) =>
    `operation '${operation}' (the application ${action}s on '${channel}') was added`,
});

export const operationRenamed = defineRule<{ before: string; after: string }>({
  id: 'operation-renamed',
  formats: F,
  severity: 'info',
  kind: 'modification',
  modes: MODES.expansionOnly,
  description:
    'An operation id changed; the operation was matched by its channel and action (not visible on the wire, but generated code names change).',
  equivalents: {
    'asyncapi-diff': ['/channels/*/publish/operationId', '/channels/*/subscribe/operationId'],
  },
  message: ({ before, after }) => `operation '${before}' was renamed to '${after}'`,
});

export const operationActionChanged = defineRule<{
  operation: string;
  before: string;
  after: string;
}>({
  id: 'operation-action-changed',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.symmetric,
  description: 'An operation flipped between send and receive (2.x publish/subscribe).',
  equivalents: { 'asyncapi-diff': ['/operations/*/action'] },
  message: ({ operation, before, after }) =>
    `operation '${operation}' changed from ${before} to ${after}`,
  explain: {
    why: 'Every counterpart of the operation now has the wrong role: consumers become producers and vice versa.',
    example: { before: 'action: send', after: 'action: receive' },
  },
});

export const operationChannelChanged = defineRule<{
  operation: string;
  before: string;
  after: string;
}>({
  id: 'operation-channel-changed',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.symmetric,
  description: 'An operation moved to another channel.',
  equivalents: { 'asyncapi-diff': ['/operations/*/channel'] },
  message: ({ operation, before, after }) =>
    `operation '${operation}' moved from channel '${before}' to '${after}'`,
});

export const operationMessageRemoved = defineRule<{
  operation: string;
  message: string;
  name: string;
}>({
  id: 'operation-message-removed',
  formats: F,
  severity: 'breaking',
  kind: 'removal',
  modes: MODES.breaking,
  description: 'An operation no longer sends or receives a message that its channel still carries.',
  equivalents: { 'asyncapi-diff': ['/operations/*/messages/*'] },
  message: ({ operation, message }) =>
    `operation '${operation}' no longer uses message '${message}'`,
});

export const operationMessageAdded = defineRule<{
  operation: string;
  message: string;
  name: string;
}>({
  id: 'operation-message-added',
  formats: F,
  severity: 'info',
  kind: 'addition',
  modes: MODES.none,
  variants: {
    read: {
      when: 'where consumers receive the message (an unknown message may reach them)',
      modes: MODES.expansionOnly,
    },
  },
  description:
    'An operation uses one more message (a warning when the application sends it: strict consumers may not know it).',
  equivalents: { 'asyncapi-diff': ['/operations/*/messages/*'] },
  message: ({ operation, message }) =>
    `operation '${operation}' now also uses message '${message}'`,
});

export const operationReplyRemoved = defineRule<{ operation: string }>({
  id: 'operation-reply-removed',
  formats: F,
  severity: 'breaking',
  kind: 'removal',
  modes: MODES.breaking,
  description: 'A request/reply operation no longer declares a reply.',
  equivalents: { 'asyncapi-diff': ['/operations/*/reply'] },
  message: ({ operation }) => `operation '${operation}' no longer has a reply`,
  explain: { why: 'Requesters wait for a reply that is no longer sent.' },
});

export const operationReplyAdded = defineRule<{ operation: string }>({
  id: 'operation-reply-added',
  formats: F,
  severity: 'info',
  kind: 'addition',
  modes: MODES.none,
  description: 'An operation now declares a reply.',
  equivalents: { 'asyncapi-diff': ['/operations/*/reply'] },
  message: ({ operation }) => `operation '${operation}' now has a reply`,
});

export const operationReplyAddressChanged = defineRule<{
  operation: string;
  before: string;
  after: string;
}>({
  id: 'operation-reply-address-changed',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.symmetric,
  description: 'The reply of an operation goes to another channel or runtime address.',
  equivalents: {
    'asyncapi-diff': ['/operations/*/reply/address', '/operations/*/reply/channel'],
  },
  message: ({ operation, before, after }) =>
    `the reply of operation '${operation}' moved from '${before}' to '${after}'`,
});

export const operationReplyMessageRemoved = defineRule<{
  operation: string;
  message: string;
  name: string;
}>({
  id: 'operation-reply-message-removed',
  formats: F,
  severity: 'breaking',
  kind: 'removal',
  modes: MODES.breaking,
  description: 'A reply message of an operation is gone.',
  equivalents: { 'asyncapi-diff': ['/operations/*/reply/messages/*'] },
  message: ({ operation, message }) =>
    `operation '${operation}' no longer replies with message '${message}'`,
});

export const operationReplyMessageAdded = defineRule<{
  operation: string;
  message: string;
  name: string;
}>({
  id: 'operation-reply-message-added',
  formats: F,
  severity: 'info',
  kind: 'addition',
  modes: MODES.none,
  description: 'An operation can reply with one more message.',
  equivalents: { 'asyncapi-diff': ['/operations/*/reply/messages/*'] },
  message: ({ operation, message }) =>
    `operation '${operation}' can now reply with message '${message}'`,
});

// ── messages ─────────────────────────────────────────────────────────────────────────────────

export const messageRemoved = defineRule<{ message: string; channel: string }>({
  id: 'message-removed',
  formats: F,
  severity: 'breaking',
  kind: 'removal',
  modes: MODES.breaking,
  description: 'A message is no longer carried by a channel.',
  equivalents: {
    'asyncapi-diff': [
      '/channels/*/publish/message',
      '/channels/*/subscribe/message',
      '/channels/*/messages/*',
    ],
  },
  message: ({ message, channel }) => `message '${message}' was removed from channel '${channel}'`,
});

export const messageAdded = defineRule<{ message: string; channel: string }>({
  id: 'message-added',
  formats: F,
  severity: 'info',
  kind: 'addition',
  // An addition in every mode, `expansion` included (issue 9: a new version may add channels and
  // messages): a new event type on a topic is how event contracts grow, and the warning where the
  // application sends it tells strict consumers. Compare a new response status in OpenAPI.
  modes: MODES.none,
  description:
    'A channel carries one more message (a warning when the application sends it: strict consumers may not know it).',
  equivalents: {
    'asyncapi-diff': [
      '/channels/*/publish/message',
      '/channels/*/subscribe/message',
      '/channels/*/messages/*',
    ],
  },
  message: ({ message, channel }) => `message '${message}' was added to channel '${channel}'`,
});

export const messageRenamed = defineRule<{ before: string; after: string }>({
  id: 'message-renamed',
  formats: F,
  severity: 'info',
  kind: 'modification',
  modes: MODES.expansionOnly,
  description:
    'A message name changed; it was matched by its key, its payload or as the only message of its channel.',
  equivalents: {
    'asyncapi-diff': [
      '/channels/*/publish/message/name',
      '/channels/*/subscribe/message/name',
      '/channels/*/messages/*/name',
    ],
  },
  message: ({ before, after }) => `message '${before}' was renamed to '${after}'`,
});

export const messageContentTypeChanged = defineRule<{
  message: string;
  before: string;
  after: string;
}>({
  id: 'message-content-type-changed',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.symmetric,
  description: "A message's effective content type changed.",
  equivalents: {
    'asyncapi-diff': [
      '/channels/*/publish/message/contentType',
      '/channels/*/subscribe/message/contentType',
      '/channels/*/messages/*/contentType',
    ],
  },
  message: ({ message, before, after }) =>
    `the content type of message '${message}' changed from '${before}' to '${after}'`,
  explain: {
    why: 'The other side decodes the payload with the old content type.',
    example: {
      before: 'contentType: application/json',
      after: 'contentType: application/cloudevents+json',
    },
  },
});

export const messageSchemaFormatChanged = defineRule<{
  message: string;
  part: string;
  before: string;
  after: string;
}>({
  id: 'message-schema-format-changed',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.symmetric,
  description:
    'A payload or headers schema changed its format family (JSON Schema, Avro, OpenAPI, …).',
  equivalents: {
    'asyncapi-diff': [
      '/channels/*/publish/message/schemaFormat',
      '/channels/*/subscribe/message/schemaFormat',
    ],
  },
  message: ({ message, part, before, after }) =>
    `the ${part} schema format of message '${message}' changed from '${before}' to '${after}'`,
});

export const messageSchemaNotCompared = defineRule<{
  message: string;
  part: string;
  format: string;
}>({
  id: 'message-schema-not-compared',
  formats: F,
  severity: 'info',
  kind: 'modification',
  modes: MODES.none,
  description:
    'A payload or headers schema in a format treaty cannot compare (RAML, protobuf, …) changed; review it by hand.',
  equivalents: {},
  message: ({ message, part, format }) =>
    `the ${part} schema of message '${message}' changed but is not compared (format '${format}')`,
});

/** Shared with OpenAPI and JSON Schema (the comparator reports unfetched remote refs with it). */
export { refNotCompared } from '../../core/jsonschema/ref-rule.js';

export const messageCorrelationIdRemoved = defineRule<{ message: string; location: string }>({
  id: 'message-correlation-id-removed',
  formats: F,
  severity: 'breaking',
  kind: 'removal',
  modes: MODES.breaking,
  description: 'A message no longer declares its correlation id.',
  equivalents: {
    'asyncapi-diff': [
      '/channels/*/publish/message/correlationId',
      '/channels/*/subscribe/message/correlationId',
      '/channels/*/messages/*/correlationId',
    ],
  },
  message: ({ message, location }) =>
    `message '${message}' no longer declares a correlation id (was '${location}')`,
  explain: { why: 'Counterparts that match requests and replies by it lose the link.' },
});

export const messageCorrelationIdChanged = defineRule<{
  message: string;
  before: string;
  after: string;
}>({
  id: 'message-correlation-id-changed',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.symmetric,
  description: "A message's correlation id is read from another location.",
  equivalents: {
    'asyncapi-diff': [
      '/channels/*/publish/message/correlationId/location',
      '/channels/*/subscribe/message/correlationId/location',
      '/channels/*/messages/*/traits/*/correlationId/location',
    ],
  },
  message: ({ message, before, after }) =>
    `the correlation id of message '${message}' moved from '${before}' to '${after}'`,
});

export const messageCorrelationIdAdded = defineRule<{ message: string; location: string }>({
  id: 'message-correlation-id-added',
  formats: F,
  severity: 'info',
  kind: 'addition',
  modes: MODES.none,
  description: 'A message now declares a correlation id.',
  equivalents: {
    'asyncapi-diff': [
      '/channels/*/publish/message/correlationId',
      '/channels/*/subscribe/message/correlationId',
      '/channels/*/messages/*/correlationId',
    ],
  },
  message: ({ message, location }) =>
    `message '${message}' now declares correlation id '${location}'`,
});

// ── bindings and security ────────────────────────────────────────────────────────────────────

export const bindingChanged = defineRule<{
  element: string;
  protocol: string;
  field: string;
  before: string;
  after: string;
  /** `protocol.field`: tells two changes of one binding apart (fingerprint). */
  name: string;
}>({
  id: 'binding-changed',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.symmetric,
  description:
    'A protocol binding field that counterparts depend on changed (Kafka topic and schema id encoding, AMQP exchange and queue, HTTP method, MQTT QoS/retain, …).',
  equivalents: {
    'asyncapi-diff': [
      '/servers/*/bindings',
      '/channels/*/bindings',
      '/channels/*/publish/bindings',
      '/channels/*/subscribe/bindings',
      '/channels/*/publish/message/bindings',
      '/channels/*/subscribe/message/bindings',
      '/channels/*/messages/*/bindings',
      '/operations/*/bindings',
    ],
  },
  message: ({ element, protocol, field, before, after }) =>
    `the ${protocol} binding '${field}' of ${element} changed from ${before} to ${after}`,
  explain: {
    why: 'Bindings say how a message travels on a given protocol: a different exchange, topic, key or schema id encoding breaks the counterpart just like a different payload.',
    example: {
      before: 'bindings:\n  amqp:\n    exchange: { name: orders, type: topic }',
      after: 'bindings:\n  amqp:\n    exchange: { name: orders, type: fanout }',
    },
  },
});

export const securityAdded = defineRule<{ element: string; requirement: string }>({
  id: 'security-added',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.breaking,
  description: 'A server or operation that needed no security now requires it.',
  equivalents: { 'asyncapi-diff': ['/servers/*/security', '/operations/*/security'] },
  message: ({ element, requirement }) => `${element} now requires security '${requirement}'`,
});

export const securityRemoved = defineRule<{ element: string }>({
  id: 'security-removed',
  formats: F,
  severity: 'info',
  kind: 'modification',
  modes: MODES.forward,
  description: 'A server or operation no longer requires security.',
  equivalents: { 'asyncapi-diff': ['/servers/*/security', '/operations/*/security'] },
  message: ({ element }) => `${element} no longer requires security`,
});

export const securityAlternativeRemoved = defineRule<{
  element: string;
  requirement: string;
  name: string;
}>({
  id: 'security-alternative-removed',
  formats: F,
  severity: 'breaking',
  kind: 'removal',
  modes: MODES.breaking,
  description: 'A server or operation no longer accepts one of its security requirements.',
  equivalents: {
    'asyncapi-diff': ['/servers/*/security/*', '/operations/*/security/*'],
  },
  message: ({ element, requirement }) => `${element} no longer accepts security '${requirement}'`,
  explain: { why: 'Clients authenticating that way are rejected.' },
});

export const securityAlternativeAdded = defineRule<{
  element: string;
  requirement: string;
  name: string;
}>({
  id: 'security-alternative-added',
  formats: F,
  severity: 'info',
  kind: 'addition',
  modes: MODES.none,
  description: 'A server or operation accepts one more security requirement.',
  equivalents: {
    'asyncapi-diff': ['/servers/*/security/*', '/operations/*/security/*'],
  },
  message: ({ element, requirement }) => `${element} now also accepts security '${requirement}'`,
});

export const securitySchemeChanged = defineRule<{ scheme: string; before: string; after: string }>({
  id: 'security-scheme-changed',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.symmetric,
  description:
    'A security scheme in use changed how clients authenticate (type, parameter, location, flows).',
  equivalents: {},
  message: ({ scheme, before, after }) =>
    `security scheme '${scheme}' changed from ${before} to ${after}`,
});

/** The explicit list registered in src/formats/index.ts. */
// ── stability ────────────────────────────────────────────────────────────────────────────────

export const channelStabilityDecreased = defineRule<{
  channel: string;
  before: string;
  after: string;
}>({
  id: 'channel-stability-decreased',
  formats: F,
  severity: 'breaking',
  kind: 'lifecycle',
  modes: MODES.breaking,
  description: "A channel's x-stability-level was lowered (e.g. stable → beta).",
  equivalents: {},
  message: ({ channel, before, after }) =>
    `channel '${channel}': stability decreased from ${before} to ${after}`,
  explain: {
    why: 'Consumers adopted the channel at the stated stability; at a lower level it may change or disappear without notice.',
    example: {
      before:
        'channels:\n  orderCreated:\n    address: orders.created\n    x-stability-level: stable',
      after: 'channels:\n  orderCreated:\n    address: orders.created\n    x-stability-level: beta',
      language: 'yaml',
    },
  },
});

export const operationStabilityDecreased = defineRule<{
  operation: string;
  before: string;
  after: string;
}>({
  id: 'operation-stability-decreased',
  formats: F,
  severity: 'breaking',
  kind: 'lifecycle',
  modes: MODES.breaking,
  description: "An operation's x-stability-level was lowered (e.g. stable → beta).",
  equivalents: {},
  message: ({ operation, before, after }) =>
    `operation '${operation}': stability decreased from ${before} to ${after}`,
  explain: {
    why: 'Consumers adopted the operation at the stated stability; at a lower level it may change or disappear without notice.',
    example: {
      before:
        'operations:\n  publishOrderCreated:\n    action: send\n    x-stability-level: stable',
      after: 'operations:\n  publishOrderCreated:\n    action: send\n    x-stability-level: alpha',
      language: 'yaml',
    },
  },
});

export const ASYNCAPI_RULES = [
  ...ASYNCAPI_LIFECYCLE_RULES,
  asyncapiDocumentInvalid,
  asyncapiRefRepaired,
  asyncapiVersionChanged,
  defaultContentTypeChanged,
  serverRemoved,
  serverAdded,
  serverProtocolChanged,
  serverProtocolVersionChanged,
  serverHostChanged,
  serverVariableValuesRemoved,
  protocolRemoved,
  channelRemoved,
  channelAdded,
  channelRenamed,
  channelAddressChanged,
  channelAddressGeneralized,
  channelParameterValuesRemoved,
  channelParameterRemoved,
  channelParameterRenamed,
  channelServerRemoved,
  operationRemoved,
  operationAdded,
  operationRenamed,
  operationActionChanged,
  operationChannelChanged,
  operationMessageRemoved,
  operationMessageAdded,
  operationReplyRemoved,
  operationReplyAdded,
  operationReplyAddressChanged,
  operationReplyMessageRemoved,
  operationReplyMessageAdded,
  messageRemoved,
  messageAdded,
  messageRenamed,
  messageContentTypeChanged,
  messageSchemaFormatChanged,
  messageSchemaNotCompared,
  messageCorrelationIdRemoved,
  messageCorrelationIdChanged,
  messageCorrelationIdAdded,
  bindingChanged,
  securityAdded,
  securityRemoved,
  securityAlternativeRemoved,
  securityAlternativeAdded,
  securitySchemeChanged,
  channelStabilityDecreased,
  operationStabilityDecreased,
];

// Explanations kept in explain.ts, merged into the declarations above.
withExplain(ASYNCAPI_RULES, ASYNCAPI_EXPLAIN);
