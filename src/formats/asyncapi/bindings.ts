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
    kafka: ['topic'],
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
    amqp: ['cc', 'bcc', 'deliveryMode', 'mandatory'],
    mqtt: ['qos', 'retain'],
    nats: ['queue'],
  },
  message: {
    kafka: ['schemaIdLocation', 'schemaIdPayloadEncoding', 'schemaLookupStrategy'],
    amqp: ['contentEncoding', 'messageType'],
    mqtt: ['payloadFormatIndicator', 'contentType'],
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
