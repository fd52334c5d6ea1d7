import type { RuleExplainTable } from '../../core/rule-explain.js';

/**
 * Why each AsyncAPI rule without an explanation of its own matters to consumers, for `treaty rules
 * <id>` and SARIF help. Merged into the declarations where ASYNCAPI_RULES is exported; the
 * before/after examples come from the rules' fixture pairs (dist/rule-examples.json).
 */
export const ASYNCAPI_EXPLAIN: RuleExplainTable = {
  'asyncapi-document-invalid': {
    example: {
      before: 'channels:\n  userSignedUp:\n    address: user/signedup',
      after: 'channels:\n  userSignedUp:\n    address: 42  # must be a string',
    },
  },
  'asyncapi-version-changed': {
    why: 'Nothing on the wire changes by itself (elements are compared by meaning), but tools and code generators pinned to the old specification version may not read the new document.',
  },
  'server-added': {
    why: 'A new broker is a deployment detail: existing clients keep using the servers they know.',
  },
  'channel-added': {
    why: 'A new channel breaks nobody: existing clients do not subscribe or publish to it.',
  },
  'channel-renamed': {
    why: 'Only the key in the document changed; the address on the broker is the same, so nothing on the wire changes (generated code may rename its accessors).',
  },
  'channel-server-removed': {
    why: 'Clients connected to that server no longer find the channel there: their subscriptions receive nothing and their publications go nowhere.',
  },
  'operation-added': {
    why: 'A new operation breaks nobody: existing clients do not use it.',
  },
  'operation-renamed': {
    why: 'Nothing on the wire changes, but code generated from the document names its methods after the operation id, so callers of the old name no longer compile.',
  },
  'operation-channel-changed': {
    why: 'The operation now sends or receives on another channel: clients still listening or publishing on the old one miss every message.',
  },
  'operation-message-removed': {
    why: 'The channel still carries the message, but this operation no longer sends or accepts it: consumers waiting for it get nothing, producers sending it are ignored or rejected.',
  },
  'operation-message-added': {
    why: 'Receiving one more message breaks no sender; when the application sends it, strict consumers may fail on a message they do not know (a warning).',
  },
  'operation-reply-added': {
    why: 'Requesters that ignore replies are unaffected; those that want one can now wait for it.',
  },
  'operation-reply-address-changed': {
    why: 'Requesters listen for replies on the old channel or address and never receive them.',
  },
  'operation-reply-message-removed': {
    why: 'Requesters that wait for that reply message never receive it.',
  },
  'operation-reply-message-added': {
    why: 'Requesters may receive one more kind of reply; they already handle the ones they know.',
  },
  'message-removed': {
    why: 'Consumers of the channel wait for a message that is no longer sent, and producers that send it are ignored or rejected.',
  },
  'message-added': {
    why: 'Consumers of the channel may receive a message they do not know; tolerant ones skip it, strict ones fail (a warning when the application sends it).',
  },
  'message-renamed': {
    why: 'Nothing on the wire changes, but code generated from the document names its types after the message, so code using the old name no longer compiles.',
  },
  'message-schema-format-changed': {
    why: 'The payload is encoded in another schema language (e.g. JSON Schema → Avro): consumers decode it with the old format and fail.',
  },
  'message-schema-not-compared': {
    why: 'treaty cannot compare schemas in this format, so a breaking change there would go unnoticed: review the payload change by hand.',
  },
  'message-correlation-id-changed': {
    why: 'Consumers read the correlation id from the old location, find nothing (or something else) and can no longer match replies to requests.',
  },
  'message-correlation-id-added': {
    why: 'A new correlation id breaks nobody: consumers that do not correlate ignore it.',
  },
  'security-added': {
    why: 'Clients that connected or called without credentials are now refused.',
  },
  'security-removed': {
    why: 'Clients that send credentials are still accepted; they are simply no longer needed.',
  },
  'security-alternative-added': {
    why: 'Clients can authenticate one more way; the ways they use are still accepted.',
  },
  'security-scheme-changed': {
    why: 'Clients authenticate the old way (another type, parameter, location or flow) and are refused.',
  },
};
