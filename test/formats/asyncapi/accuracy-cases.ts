/**
 * Fixture pairs for issue 14 (accuracy on real event contracts): bindings, servers, addresses,
 * sloppy and unresolvable references, `required` without `properties`, renames and replies. Each
 * row is run as a whole run reports it (the revision's load warnings included) by
 * accuracy.test.ts; rules.test.ts counts them when it checks that every rule fires and has a
 * near-miss.
 */
export type Row = [rule: string, severity: string, file: string, line: number];
export interface AccuracyCase {
  case: string;
  expect: Row[];
  nearMiss?: string[];
  options?: Record<string, unknown>;
}

const lenient = { lenient: true };
const client = { perspective: 'client' };

export const ACCURACY_CASES: AccuracyCase[] = [
  // ── sloppy references ──────────────────────────────────────────────────────────────────────
  {
    // `#/components/messages/v1/Results` for the key `v1/Results`: read as meant, with a warning;
    // the revision only adds an optional field.
    case: 'v3/ref-repaired',
    expect: [
      ['asyncapi-ref-repaired', 'warning', 'revision.yaml', 10],
      ['asyncapi-ref-repaired', 'warning', 'revision.yaml', 23],
      ['message-optional-property-added', 'info', 'revision.yaml', 31],
    ],
    nearMiss: ['message-removed', 'operation-message-removed'],
  },
  {
    case: 'v2/ref-repaired',
    expect: [
      ['asyncapi-ref-repaired', 'warning', 'revision.yaml', 10],
      ['asyncapi-ref-repaired', 'warning', 'revision.yaml', 16],
      ['message-optional-property-added', 'info', 'revision.yaml', 24],
    ],
    nearMiss: ['message-removed'],
  },
  {
    case: 'v2/ref-repaired',
    options: client,
    expect: [
      ['asyncapi-ref-repaired', 'warning', 'revision.yaml', 10],
      ['asyncapi-ref-repaired', 'warning', 'revision.yaml', 16],
      ['message-optional-property-added', 'info', 'revision.yaml', 24],
    ],
    nearMiss: ['message-removed'],
  },
  {
    // The same keys written with `~1`: nothing to repair.
    case: 'v3/ref-repaired.near-miss',
    expect: [['message-optional-property-added', 'info', 'revision.yaml', 31]],
    nearMiss: ['asyncapi-ref-repaired'],
  },
  {
    // Two references that resolve to nothing: neither "removed" nor "any value".
    case: 'lenient/ref-not-compared',
    options: lenient,
    expect: [
      ['asyncapi-document-invalid', 'warning', 'revision.yaml', 12],
      ['asyncapi-document-invalid', 'warning', 'revision.yaml', 23],
      ['ref-not-compared', 'warning', 'revision.yaml', 11],
      ['ref-not-compared', 'warning', 'revision.yaml', 22],
    ],
    nearMiss: ['message-removed', 'message-type-removed', 'message-required-property-removed'],
  },
  {
    // The same broken reference on both sides: nothing changed there.
    case: 'lenient/ref-not-compared.near-miss',
    options: lenient,
    expect: [['asyncapi-document-invalid', 'warning', 'revision.yaml', 23]],
    nearMiss: ['ref-not-compared'],
  },
  // ── parameters declared outside the address (real WebSocket documents, 3.x) ──────────────
  {
    // A handshake query parameter gone and a value another no longer accepts: compared by name,
    // and the document is said to be invalid (once per channel).
    case: 'v3/parameter-outside-address',
    options: lenient,
    expect: [
      ['asyncapi-document-invalid', 'warning', 'revision.yaml', 12],
      ['channel-parameter-removed', 'breaking', 'revision.yaml', 12],
      ['channel-parameter-values-removed', 'breaking', 'revision.yaml', 13],
    ],
  },
  {
    case: 'v3/parameter-outside-address',
    options: { ...lenient, ...client },
    expect: [
      ['asyncapi-document-invalid', 'warning', 'revision.yaml', 12],
      ['channel-parameter-removed', 'breaking', 'revision.yaml', 12],
      ['channel-parameter-values-removed', 'breaking', 'revision.yaml', 13],
    ],
  },
  {
    // A parameter and a value more: nothing lost.
    case: 'v3/parameter-outside-address.near-miss',
    options: lenient,
    expect: [['asyncapi-document-invalid', 'warning', 'revision.yaml', 12]],
    nearMiss: ['channel-parameter-removed', 'channel-parameter-values-removed'],
  },
  // ── an allOf flattened into one object (a real WebSocket document) ─────────────────────────
  {
    // `stop` was required by an allOf part (closed by additionalProperties: false) and still is:
    // neither a new required property nor a newly closed object.
    case: 'v3/all-of-flattened',
    expect: [
      ['message-all-of-removed', 'warning', 'base.yaml', 28],
      ['message-all-of-removed', 'warning', 'base.yaml', 29],
    ],
    nearMiss: ['message-required-property-added', 'message-additional-properties-restricted'],
  },
  {
    // Flattened, and a required field more: that one is new.
    case: 'v3/all-of-flattened.near-miss',
    expect: [
      ['message-all-of-removed', 'warning', 'base.yaml', 28],
      ['message-all-of-removed', 'warning', 'base.yaml', 29],
      ['message-required-property-added', 'breaking', 'revision.yaml', 27],
    ],
    nearMiss: ['message-additional-properties-restricted'],
  },
  // ── bindings: schemas through the payload comparator, fields that change compatibility ──────
  {
    // A WebSocket query value and a handshake header made required: the clients that connect
    // write them (application perspective).
    case: 'v3/binding-ws-query',
    expect: [
      ['binding-enum-value-removed', 'breaking', 'revision.yaml', 21],
      ['binding-property-became-required', 'breaking', 'revision.yaml', 26],
    ],
  },
  {
    // Written from the client's side, the document still describes the service the clients
    // connect to: they send the handshake in either perspective, so the same change breaks them.
    case: 'v3/binding-ws-query',
    options: client,
    expect: [
      ['binding-enum-value-removed', 'breaking', 'revision.yaml', 21],
      ['binding-property-became-required', 'breaking', 'revision.yaml', 26],
    ],
  },
  {
    // Only loosened: a query value more, a description on the headers.
    case: 'v3/binding-ws-query.near-miss',
    expect: [['binding-enum-value-added', 'info', 'revision.yaml', 21]],
    nearMiss: ['binding-enum-value-removed', 'binding-property-became-required', 'binding-changed'],
  },
  {
    // The same loosening written from the client's side: still nothing a connecting client sends
    // is refused.
    case: 'v3/binding-ws-query.near-miss',
    options: client,
    expect: [['binding-enum-value-added', 'info', 'revision.yaml', 21]],
    nearMiss: ['binding-enum-value-removed', 'binding-property-became-required', 'binding-changed'],
  },
  {
    case: 'v2/binding-ws-headers',
    expect: [
      ['binding-optional-property-removed', 'warning', 'base.yaml', 19],
      ['binding-property-became-required', 'breaking', 'revision.yaml', 23],
    ],
  },
  {
    case: 'v2/binding-ws-headers',
    options: client,
    expect: [
      ['binding-optional-property-removed', 'warning', 'base.yaml', 19],
      ['binding-property-became-required', 'breaking', 'revision.yaml', 23],
    ],
  },
  {
    // HTTP operation query and message headers of a received webhook: consumers write them.
    case: 'v3/binding-http-query',
    expect: [
      ['binding-max-length-set', 'warning', 'revision.yaml', 24],
      ['binding-pattern-added', 'breaking', 'revision.yaml', 36],
    ],
  },
  {
    case: 'v3/binding-http-query',
    options: client,
    expect: [
      ['binding-max-length-set', 'info', 'revision.yaml', 24],
      ['binding-pattern-added', 'info', 'revision.yaml', 36],
    ],
  },
  {
    // Kafka topic configuration: compaction instead of deletion, a shorter retention.
    case: 'v3/binding-kafka-topic-config',
    expect: [
      ['binding-changed', 'breaking', 'revision.yaml', 16],
      ['binding-changed', 'breaking', 'revision.yaml', 17],
    ],
  },
  {
    // Unlimited retention and a larger maximum message size take nothing away.
    case: 'v3/binding-kafka-topic-config.near-miss',
    expect: [],
    nearMiss: ['binding-changed'],
  },
  {
    // MQTT correlation data changed type; an AMQP queue was renamed.
    case: 'v2/binding-mqtt-amqp',
    expect: [
      ['binding-changed', 'breaking', 'revision.yaml', 35],
      ['binding-type-changed', 'breaking', 'revision.yaml', 24],
    ],
  },
  // ── `required` without `properties` ───────────────────────────────────────────────────────
  {
    // 'tenant' is required but never declared: dropping it from `required` of a sent message
    // is a promise readers lose.
    case: 'v3/required-undeclared',
    expect: [['message-property-became-optional', 'breaking', 'revision.yaml', 26]],
  },
  {
    case: 'v3/required-undeclared',
    options: client,
    expect: [['message-property-became-optional', 'info', 'revision.yaml', 26]],
  },
  {
    // Declaring the required name (still required) only says what it holds.
    case: 'v3/required-undeclared.near-miss',
    expect: [['message-type-specialized', 'info', 'revision.yaml', 30]],
    nearMiss: ['message-property-became-optional', 'message-optional-property-added'],
  },
  {
    // 2.x, no `properties` at all: a sent message loses a required name, a received one gains one.
    case: 'v2/required-undeclared',
    expect: [
      ['message-property-became-optional', 'breaking', 'revision.yaml', 11],
      ['message-property-became-required', 'breaking', 'revision.yaml', 19],
    ],
  },
  {
    case: 'v2/required-undeclared',
    options: client,
    expect: [
      ['message-property-became-optional', 'info', 'revision.yaml', 11],
      ['message-property-became-required', 'info', 'revision.yaml', 19],
    ],
  },
  // ── channel addresses ──────────────────────────────────────────────────────────────────────
  {
    // Only the parameter's name changed: the same topics on the broker (info, not silent).
    case: 'v3/channel-parameter-renamed',
    expect: [['channel-parameter-renamed', 'info', 'revision.yaml', 7]],
    nearMiss: ['channel-address-changed', 'channel-removed', 'channel-added'],
  },
  {
    case: 'v3/channel-parameter-renamed',
    options: client,
    expect: [['channel-parameter-renamed', 'info', 'revision.yaml', 7]],
    nearMiss: ['channel-address-changed'],
  },
  {
    // 2.x parameter schema gained `format: uuid` on a channel the application receives on:
    // producers publishing to other order ids are no longer heard.
    case: 'v2/channel-parameter-pattern',
    expect: [['channel-parameter-type-specialized', 'breaking', 'revision.yaml', 11]],
  },
  {
    case: 'v2/channel-parameter-pattern',
    options: client,
    expect: [['channel-parameter-type-specialized', 'info', 'revision.yaml', 11]],
  },
  {
    case: 'v2/channel-parameter-pattern.near-miss',
    expect: [],
    nearMiss: ['channel-parameter-type-specialized', 'channel-parameter-renamed'],
  },
  // ── renames: one finding, both names, the worse side's verdict ───────────────────────────
  {
    // userName → username in a sent message: readers of userName lose it (a warning, as any
    // optional property removed), and the finding names the new property.
    case: 'v3/property-renamed',
    expect: [['message-optional-property-removed', 'warning', 'base.yaml', 25]],
    nearMiss: ['message-optional-property-added'],
  },
  {
    case: 'v3/property-renamed',
    options: client,
    expect: [['message-optional-property-removed', 'warning', 'base.yaml', 25]],
    nearMiss: ['message-optional-property-added'],
  },
  {
    // A property of another type replaced the removed one: two findings, no rename hint.
    case: 'v3/property-renamed.near-miss',
    expect: [
      ['message-optional-property-added', 'info', 'revision.yaml', 25],
      ['message-optional-property-removed', 'warning', 'base.yaml', 25],
    ],
  },
  {
    // email → emailAddress, required, in a received message: producers must now send the new
    // name (breaking) — the addition is the finding kept.
    case: 'v2/property-renamed',
    expect: [['message-required-property-added', 'breaking', 'revision.yaml', 17]],
    nearMiss: ['message-required-property-removed'],
  },
  {
    // From the client's side the message is read: readers of email lose it.
    case: 'v2/property-renamed',
    options: client,
    expect: [['message-required-property-removed', 'breaking', 'base.yaml', 17]],
    nearMiss: ['message-required-property-added'],
  },
  // ── replies flow against their operation ─────────────────────────────────────────────────
  {
    // The application receives Ping and replies Pong: Pong is read by its counterparts, so a
    // required field becoming optional breaks them.
    case: 'v3/reply-direction',
    expect: [['message-property-became-optional', 'breaking', 'revision.yaml', 44]],
  },
  {
    // Written from the client's side: the client sends Ping and receives Pong, which the other
    // side writes — a looser reply is fine.
    case: 'v3/reply-direction',
    options: client,
    expect: [['message-property-became-optional', 'info', 'revision.yaml', 44]],
  },
  {
    // The request (Ping), not the reply, loosened: fine where the application receives it.
    case: 'v3/reply-direction.near-miss',
    expect: [['message-property-became-optional', 'info', 'revision.yaml', 33]],
  },
  {
    case: 'v3/reply-direction.near-miss',
    options: client,
    expect: [['message-property-became-optional', 'breaking', 'revision.yaml', 33]],
  },
];
