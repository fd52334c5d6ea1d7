/**
 * The binding fields that change compatibility, per element and protocol: where a message goes
 * (topic, exchange, queue), how it is encoded (schema id location, content encoding) and the
 * delivery contract (QoS, retain, HTTP method). Other fields (partitions, client ids, consumer
 * groups, bindingVersion) are the application's own business and are not compared. The Kafka
 * message key is a schema and goes through the JSON Schema comparator instead.
 */
export type BindingElement = 'server' | 'channel' | 'operation' | 'message';

export const RELEVANT_BINDING_FIELDS: Record<BindingElement, Record<string, readonly string[]>> = {
  server: {
    kafka: ['schemaRegistryVendor'],
  },
  channel: {
    kafka: [
      'topic',
      // Topic configuration keys contain dots: a '/' separates the path segments.
      'topicConfiguration/cleanup.policy',
      'topicConfiguration/retention.ms',
      'topicConfiguration/retention.bytes',
      'topicConfiguration/max.message.bytes',
      'topicConfiguration/confluent.key.schema.validation',
      'topicConfiguration/confluent.value.schema.validation',
      'topicConfiguration/confluent.key.subject.name.strategy',
      'topicConfiguration/confluent.value.subject.name.strategy',
    ],
    amqp: [
      'is',
      'exchange.name',
      'exchange.type',
      'exchange.durable',
      'exchange.autoDelete',
      'exchange.vhost',
      'queue.name',
      'queue.durable',
      'queue.exclusive',
      'queue.autoDelete',
      'queue.vhost',
    ],
    ws: ['method'],
    websockets: ['method'],
    sqs: ['queue.name', 'queue.fifoQueue'],
    sns: ['name', 'ordering.type'],
    ibmmq: ['destinationType', 'queue.objectName', 'topic.string', 'topic.objectName'],
    googlepubsub: ['topic', 'schemaSettings.encoding', 'schemaSettings.name'],
    pulsar: ['namespace', 'persistence'],
    anypointmq: ['destination', 'destinationType'],
    jms: ['destination', 'destinationType'],
  },
  operation: {
    http: ['type', 'method'],
    amqp: ['cc', 'bcc', 'deliveryMode', 'mandatory', 'expiration', 'replyTo'],
    mqtt: ['qos', 'retain', 'messageExpiryInterval'],
    nats: ['queue'],
  },
  message: {
    kafka: ['schemaIdLocation', 'schemaIdPayloadEncoding', 'schemaLookupStrategy'],
    amqp: ['contentEncoding', 'messageType'],
    mqtt: ['payloadFormatIndicator', 'contentType', 'responseTopic'],
    http: ['statusCode'],
    ibmmq: ['type'],
    googlepubsub: ['schema.name'],
  },
};

/**
 * Values a field has when it is not written (from the binding specifications). HTTP operation
 * bindings dropped `type` in 0.3.0: an operation without it is still a request.
 */
export const BINDING_DEFAULTS: Record<string, unknown> = {
  'amqp.is': 'routingKey',
  'http.type': 'request',
  'mqtt.qos': 0,
  'mqtt.retain': false,
};

/**
 * Fields where only a decrease takes something away (a shorter retention, a smaller maximum
 * message size); `-1` means unlimited.
 */
export const BINDING_DECREASE_ONLY: ReadonlySet<string> = new Set([
  'kafka.topicConfiguration/retention.ms',
  'kafka.topicConfiguration/retention.bytes',
  'kafka.topicConfiguration/max.message.bytes',
  'mqtt.messageExpiryInterval',
  'amqp.expiration',
]);

/**
 * Binding fields that are schemas, compared by the JSON Schema comparator like payloads (the Kafka
 * message key has its own place, `message-key`). WebSocket `query` and `headers` are the
 * handshake a client sends when it connects; HTTP `query` is sent with the operation's request;
 * HTTP and Anypoint MQ `headers` and MQTT `correlationData` travel with the message.
 */
export const BINDING_SCHEMAS: Record<BindingElement, Record<string, readonly string[]>> = {
  server: {},
  channel: { ws: ['query', 'headers'], websockets: ['query', 'headers'] },
  operation: { http: ['query'] },
  message: { http: ['headers'], anypointmq: ['headers'], mqtt: ['correlationData'] },
};

/** The path segments of a binding field: `a.b`, or `a/b.c` when keys contain dots. */
export function fieldPath(field: string): string[] {
  return field.includes('/') ? field.split('/') : field.split('.');
}
