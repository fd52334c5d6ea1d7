#!/usr/bin/env node
// Our own benchmark contracts, generated deterministically from a seed (same seed, same bytes):
// - `asyncapi`: one large AsyncAPI 2.6 document — 320 Kafka channels over 20 domains, one message
//   each with headers, payload schemas sharing entity schemas, channel/operation/message bindings;
// - `openapi-tree`: an OpenAPI 3.0 description split into a tree of YAML files with relative $refs,
//   laid out like DigitalOcean's (a root file, resources/<name>/{operations, parameters.yml,
//   responses/, models/, examples.yml}, shared/), 30 resources, ~300 files.
// Each comes as a base and a revision with a small set of real changes between them (some
// breaking, some additive), listed in CHANGES below.
// Usage: node bench/generate.mjs <asyncapi|openapi-tree> <out-dir> [seed]
//   writes <out-dir>/base/... and <out-dir>/revision/...
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

export const DEFAULT_SEED = 20261202;

/** The changes each revision makes, for the README and the reader of the table. */
export const CHANGES = {
  asyncapi: {
    breaking: [
      'a channel the service sends on is removed',
      'a message the service receives gets a new required payload property',
      'a shared schema property changes type (Money.amount: string → number)',
      "a sent message's Kafka key schema changes type (string → integer)",
      'a property is removed from a sent message payload',
    ],
    additive: [
      'a new entity with four new channels and messages',
      'an optional property added to a sent message payload',
      'an enum value added to a received message payload',
      'descriptions reworded',
    ],
  },
  'openapi-tree': {
    breaking: [
      'a DELETE operation is removed',
      'an optional query parameter becomes required',
      'a shared model property changes type (meta.total: integer → string)',
      'a property is removed from a response model',
      'a request body model gets a new required property',
      'a request enum loses a value',
    ],
    additive: [
      'a new resource (five operations, its own files)',
      'an optional property added to a response model',
      'a new optional query parameter',
      'an enum value added to a model used in requests and responses',
    ],
  },
};

/** mulberry32: a small, fast, seedable PRNG (numbers in [0, 1)). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function tools(seed) {
  const rnd = prng(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const sample = (xs, n) => {
    const pool = [...xs];
    const out = [];
    while (out.length < n && pool.length)
      out.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0]);
    return out;
  };
  const sentence = (n = int(6, 16)) => {
    const words = Array.from({ length: n }, () => pick(WORDS));
    const s = words.join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  return { rnd, int, pick, sample, sentence };
}

const WORDS = (
  'the a an of to for with when after before each every this that its their value request ' +
  'response event record account customer order item amount total status state current new old ' +
  'previous next time date region zone resource identifier unique optional required returned ' +
  'sent received updated created deleted list page limit field object array string number used ' +
  'by on in is are be may must can will only once again default set unset enabled disabled'
).split(' ');

const camel = (s) => s.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const pascal = (s) => camel(s).replace(/^./, (c) => c.toUpperCase());
const clone = (v) => structuredClone(v);
const yaml = (v) => YAML.stringify(v, { lineWidth: 100 });

// ---------------------------------------------------------------------------------------------
// AsyncAPI

const DOMAINS = [
  'orders',
  'payments',
  'shipping',
  'inventory',
  'customers',
  'catalog',
  'pricing',
  'billing',
  'invoices',
  'returns',
  'loyalty',
  'reviews',
  'notifications',
  'accounts',
  'subscriptions',
  'warehouses',
  'suppliers',
  'fraud',
  'support',
  'marketing',
];
const ENTITIES = [
  'order',
  'line-item',
  'payment',
  'refund',
  'shipment',
  'parcel',
  'stock-level',
  'reservation',
  'customer',
  'address',
  'product',
  'variant',
  'price',
  'discount',
  'invoice',
  'credit-note',
  'return',
  'voucher',
  'review',
  'message',
  'account',
  'plan',
  'warehouse',
  'supplier',
  'case',
  'campaign',
  'segment',
  'ticket',
  'batch',
  'transfer',
];
const EVENTS = [
  'created',
  'updated',
  'deleted',
  'archived',
  'restored',
  'approved',
  'rejected',
  'expired',
];

function entitySchema(t, entity, names) {
  const props = {
    id: { type: 'string', format: 'uuid', description: t.sentence() },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    status: {
      type: 'string',
      enum: t.sample(
        ['draft', 'active', 'pending', 'suspended', 'closed', 'failed', 'settled'],
        t.int(3, 6),
      ),
    },
  };
  const n = t.int(6, 16);
  for (let i = 0; i < n; i++) {
    const name = `${camel(t.pick(ENTITIES))}${pascal(t.pick(['code', 'count', 'note', 'ref', 'flag', 'label', 'total', 'level', 'kind', 'score']))}${i}`;
    const kind = t.int(0, 7);
    props[name] =
      kind === 0
        ? { type: 'integer', minimum: 0, maximum: t.int(10, 100000) }
        : kind === 1
          ? { type: 'boolean', default: t.rnd() < 0.5 }
          : kind === 2
            ? { $ref: '#/components/schemas/Money' }
            : kind === 3
              ? { $ref: '#/components/schemas/Address' }
              : kind === 4
                ? {
                    type: 'array',
                    items: { type: 'string', maxLength: 64 },
                    maxItems: t.int(5, 50),
                  }
                : kind === 5 && names.length
                  ? { $ref: `#/components/schemas/${t.pick(names)}Ref` }
                  : { type: 'string', maxLength: t.int(16, 512), description: t.sentence() };
  }
  props.metadata = { $ref: '#/components/schemas/Metadata' };
  return {
    type: 'object',
    description: t.sentence(),
    required: ['id', 'createdAt', 'status'],
    properties: props,
  };
}

function asyncapiBase(seed) {
  const t = tools(seed);
  const doc = {
    asyncapi: '2.6.0',
    id: 'urn:com:acme:commerce-events',
    info: {
      title: 'Acme commerce events',
      version: '4.12.0',
      description: `${t.sentence(30)}\n\n${t.sentence(40)}`,
      contact: { name: 'Platform team', email: 'platform@acme.example' },
      license: { name: 'Apache 2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
    },
    servers: {
      production: {
        url: 'kafka.prod.acme.internal:9092',
        protocol: 'kafka',
        protocolVersion: '3.6',
        description: 'Production cluster',
        security: [{ saslScram: [] }],
        bindings: {
          kafka: {
            schemaRegistryUrl: 'https://registry.prod.acme.internal',
            schemaRegistryVendor: 'confluent',
            bindingVersion: '0.4.0',
          },
        },
      },
      staging: {
        url: 'kafka.staging.acme.internal:9092',
        protocol: 'kafka',
        protocolVersion: '3.6',
        description: 'Staging cluster',
        security: [{ saslScram: [] }],
        bindings: {
          kafka: {
            schemaRegistryUrl: 'https://registry.staging.acme.internal',
            schemaRegistryVendor: 'confluent',
            bindingVersion: '0.4.0',
          },
        },
      },
    },
    defaultContentType: 'application/json',
    channels: {},
    components: {
      securitySchemes: {
        saslScram: { type: 'scramSha512', description: 'SCRAM-SHA-512 over TLS' },
      },
      schemas: {
        Money: {
          type: 'object',
          required: ['amount', 'currency'],
          properties: {
            amount: {
              type: 'string',
              pattern: '^-?[0-9]+(\\.[0-9]{1,4})?$',
              description: 'Decimal amount',
            },
            currency: { type: 'string', minLength: 3, maxLength: 3, description: 'ISO 4217 code' },
          },
        },
        Address: {
          type: 'object',
          required: ['country'],
          properties: {
            line1: { type: 'string', maxLength: 200 },
            line2: { type: 'string', maxLength: 200 },
            city: { type: 'string', maxLength: 100 },
            postcode: { type: 'string', maxLength: 20 },
            country: { type: 'string', pattern: '^[A-Z]{2}$' },
          },
        },
        Actor: {
          type: 'object',
          required: ['type', 'id'],
          properties: {
            type: { type: 'string', enum: ['user', 'service', 'system'] },
            id: { type: 'string' },
            displayName: { type: 'string' },
          },
        },
        Metadata: {
          type: 'object',
          additionalProperties: { type: 'string', maxLength: 500 },
          maxProperties: 50,
        },
        EventHeaders: {
          type: 'object',
          required: ['correlationId', 'schemaVersion'],
          properties: {
            correlationId: { type: 'string', format: 'uuid' },
            causationId: { type: 'string', format: 'uuid' },
            schemaVersion: { type: 'integer', minimum: 1 },
            tenant: { type: 'string', maxLength: 64 },
            traceparent: {
              type: 'string',
              pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
            },
          },
        },
      },
      messages: {},
    },
  };
  const schemas = doc.components.schemas;
  const entityNames = [];
  const sendOps = [];
  const receiveOps = [];
  for (const domain of DOMAINS) {
    for (const entity of t.sample(ENTITIES, 4)) {
      const E = `${pascal(domain)}${pascal(entity)}`;
      schemas[E] = entitySchema(t, entity, entityNames);
      schemas[`${E}Ref`] = {
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          href: { type: 'string', format: 'uri' },
        },
      };
      entityNames.push(E);
      for (const event of t.sample(EVENTS, 4))
        addChannel(t, doc, domain, entity, event, sendOps, receiveOps);
    }
  }
  return { doc, sendOps, receiveOps };
}

function addChannel(t, doc, domain, entity, event, sendOps, receiveOps) {
  const E = `${pascal(domain)}${pascal(entity)}`;
  const M = `${E}${pascal(event)}`;
  const name = `acme.${domain}.${entity}.${event}.v1`;
  // The service sends most events; it receives commands/requests on about a third of the channels.
  const receives = t.rnd() < 0.3;
  const payload = {
    type: 'object',
    required: ['eventId', 'occurredAt', 'data'],
    properties: {
      eventId: { type: 'string', format: 'uuid' },
      occurredAt: { type: 'string', format: 'date-time' },
      actor: { $ref: '#/components/schemas/Actor' },
      data: { $ref: `#/components/schemas/${E}` },
      reason: { type: 'string', maxLength: 500, description: t.sentence() },
    },
  };
  if (event === 'updated') {
    payload.properties.changes = {
      type: 'array',
      items: {
        type: 'object',
        required: ['field'],
        properties: { field: { type: 'string' }, before: {}, after: {} },
      },
    };
  }
  if (receives)
    payload.properties.priority = {
      type: 'string',
      enum: ['low', 'normal', 'high'],
      default: 'normal',
    };
  doc.components.schemas[`${M}Payload`] = payload;
  doc.components.messages[M] = {
    name: M,
    title: `${pascal(entity)} ${event}`,
    summary: t.sentence(),
    contentType: 'application/json',
    correlationId: { location: '$message.header#/correlationId' },
    headers: { $ref: '#/components/schemas/EventHeaders' },
    payload: { $ref: `#/components/schemas/${M}Payload` },
    bindings: {
      kafka: {
        key: { type: 'string', format: 'uuid', description: `The ${entity} id` },
        schemaIdLocation: 'header',
        bindingVersion: '0.4.0',
      },
    },
  };
  const op = {
    operationId: `${receives ? 'handle' : 'emit'}${M}`,
    summary: t.sentence(),
    description: t.sentence(24),
    tags: [{ name: domain }],
    bindings: {
      kafka: {
        groupId: { type: 'string', enum: [`${domain}-service`] },
        clientId: { type: 'string', enum: [`${domain}-service`] },
        bindingVersion: '0.4.0',
      },
    },
    message: { $ref: `#/components/messages/${M}` },
  };
  doc.channels[name] = {
    description: t.sentence(20),
    // AsyncAPI 2.x is written from the client's side: `publish` = the service receives.
    [receives ? 'publish' : 'subscribe']: op,
    bindings: {
      kafka: {
        topic: name,
        partitions: t.pick([3, 6, 12, 24, 48]),
        replicas: 3,
        topicConfiguration: {
          'cleanup.policy': ['delete'],
          'retention.ms': t.pick([86400000, 604800000, 2592000000]),
        },
        bindingVersion: '0.4.0',
      },
    },
  };
  (receives ? receiveOps : sendOps).push({ channel: name, message: M });
}

function asyncapiPair(seed) {
  const { doc, sendOps, receiveOps } = asyncapiBase(seed);
  const rev = clone(doc);
  const s = rev.components.schemas;
  const t = tools(seed + 1);
  // Breaking.
  delete rev.channels[sendOps[7].channel];
  const recv = s[`${receiveOps[3].message}Payload`];
  recv.properties.requestedBy = { $ref: '#/components/schemas/Actor' };
  recv.required.push('requestedBy');
  s.Money.properties.amount = { type: 'number', description: 'Decimal amount' };
  rev.components.messages[sendOps[11].message].bindings.kafka.key = { type: 'integer', minimum: 1 };
  delete s[`${sendOps[19].message}Payload`].properties.reason;
  // Additive.
  for (const event of ['created', 'updated', 'approved', 'expired'])
    addChannel(t, rev, 'orders', 'gift-card', event, [], []);
  s.OrdersGiftCard = entitySchema(t, 'gift-card', []);
  s[`${sendOps[23].message}Payload`].properties.channel = {
    type: 'string',
    enum: ['web', 'store', 'phone'],
  };
  s[`${receiveOps[5].message}Payload`].properties.priority.enum.push('urgent');
  rev.info.description = `${t.sentence(30)}\n\n${t.sentence(40)}`;
  rev.info.version = '4.13.0';
  return {
    base: new Map([['asyncapi.yaml', yaml(doc)]]),
    revision: new Map([['asyncapi.yaml', yaml(rev)]]),
  };
}

// ---------------------------------------------------------------------------------------------
// OpenAPI tree

const RESOURCES = [
  ['droplets', 'droplet'],
  ['volumes', 'volume'],
  ['snapshots', 'snapshot'],
  ['images', 'image'],
  ['domains', 'domain'],
  ['records', 'record'],
  ['firewalls', 'firewall'],
  ['load_balancers', 'load_balancer'],
  ['vpcs', 'vpc'],
  ['certificates', 'certificate'],
  ['databases', 'database'],
  ['kubernetes_clusters', 'cluster'],
  ['node_pools', 'node_pool'],
  ['registries', 'registry'],
  ['repositories', 'repository'],
  ['apps', 'app'],
  ['deployments', 'deployment'],
  ['projects', 'project'],
  ['tags', 'tag'],
  ['ssh_keys', 'ssh_key'],
  ['regions', 'region'],
  ['sizes', 'size'],
  ['reserved_ips', 'reserved_ip'],
  ['cdn_endpoints', 'cdn_endpoint'],
  ['spaces_keys', 'spaces_key'],
  ['uptime_checks', 'uptime_check'],
  ['alerts', 'alert'],
  ['monitoring_policies', 'monitoring_policy'],
  ['namespaces', 'namespace'],
  ['invoices', 'invoice'],
];

const crossRef = ([res, sing]) => ({ $ref: `../../${res}/models/${sing}.yml` });

/** A resource's model; it may point at earlier resources' models (never back: no cycles). */
function treeModel(t, res, sing, earlier) {
  const props = {
    id: {
      type: 'string',
      format: 'uuid',
      readOnly: true,
      description: t.sentence(),
      example: 'bb5c5fa9-3ee1-4d37-a1d2-6dd5fa3cc6a1',
    },
    name: {
      type: 'string',
      maxLength: 255,
      pattern: '^[a-zA-Z0-9_.-]+$',
      description: t.sentence(),
      example: `example-${sing}`,
    },
    status: { $ref: `${sing}_status.yml` },
    created_at: { type: 'string', format: 'date-time', readOnly: true, description: t.sentence() },
    region: { $ref: '../../regions/models/region.yml' },
    tags: { $ref: '../../../shared/attributes/tags_array.yml' },
  };
  if (res === 'regions') props.region = { type: 'string', description: t.sentence() };
  const n = t.int(8, 20);
  for (let i = 0; i < n; i++) {
    const name = `${t.pick(['size', 'memory', 'disk', 'count', 'limit', 'port', 'label', 'url', 'kind', 'level', 'ttl', 'weight'])}_${t.pick(['total', 'max', 'min', 'current', 'default', 'used', 'free'])}_${i}`;
    const kind = t.int(0, 6);
    props[name] =
      kind === 0
        ? {
            type: 'integer',
            minimum: 0,
            maximum: t.int(10, 65535),
            description: t.sentence(),
            example: t.int(1, 10),
          }
        : kind === 1
          ? { type: 'boolean', description: t.sentence(), default: false }
          : kind === 2 && earlier.length
            ? crossRef(t.pick(earlier))
            : kind === 3
              ? {
                  type: 'array',
                  items: { type: 'string', maxLength: 128 },
                  description: t.sentence(),
                }
              : kind === 4
                ? {
                    type: 'object',
                    description: t.sentence(),
                    properties: Object.fromEntries(
                      Array.from({ length: t.int(2, 4) }, (_, j) => [
                        `${t.pick(['enabled', 'value', 'unit', 'mode'])}_${j}`,
                        { type: t.pick(['string', 'integer', 'boolean']) },
                      ]),
                    ),
                  }
                : { type: 'string', maxLength: t.int(16, 1024), description: t.sentence() };
  }
  return {
    type: 'object',
    description: t.sentence(20),
    properties: props,
    required: ['id', 'name', 'status'],
  };
}

function treeResource(t, files, root, [res, sing], earlier) {
  const dir = `resources/${res}`;
  const tag = res
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
  const id = `${sing}_id`;
  // Regions are referenced by every model, so they point at nothing themselves (no cycles).
  const model = treeModel(t, res, sing, res === 'regions' ? [] : earlier);
  const statuses = t.sample(
    ['new', 'active', 'off', 'archive', 'pending', 'error', 'provisioning', 'degraded'],
    t.int(3, 6),
  );
  files.set(`${dir}/models/${sing}.yml`, model);
  files.set(`${dir}/models/${sing}_status.yml`, {
    type: 'string',
    enum: statuses,
    description: t.sentence(),
    example: statuses[0],
  });
  const createProps = {
    name: {
      type: 'string',
      maxLength: 255,
      pattern: '^[a-zA-Z0-9_.-]+$',
      description: t.sentence(),
    },
    status: { $ref: `${sing}_status.yml` },
    tags: { $ref: '../../../shared/attributes/tags_array.yml' },
  };
  for (const k of Object.keys(model.properties).slice(6, 6 + t.int(2, 6))) {
    const v = model.properties[k];
    if (!v.$ref) createProps[k] = clone(v);
  }
  files.set(`${dir}/models/${sing}_create.yml`, {
    type: 'object',
    required: ['name'],
    properties: createProps,
  });
  files.set(`${dir}/parameters.yml`, {
    [id]: {
      in: 'path',
      name: id,
      required: true,
      description: `A unique identifier for a ${sing}.`,
      schema: { type: 'string', format: 'uuid' },
      example: 'bb5c5fa9-3ee1-4d37-a1d2-6dd5fa3cc6a1',
    },
    [`${sing}_name`]: {
      in: 'query',
      name: 'name',
      required: false,
      description: t.sentence(),
      schema: { type: 'string' },
    },
    [`${sing}_status`]: {
      in: 'query',
      name: 'status',
      required: false,
      description: t.sentence(),
      schema: { $ref: `models/${sing}_status.yml` },
    },
  });
  files.set(`${dir}/examples.yml`, {
    [`${sing}_single`]: {
      value: {
        [sing]: {
          id: 'bb5c5fa9-3ee1-4d37-a1d2-6dd5fa3cc6a1',
          name: `example-${sing}`,
          status: statuses[0],
        },
      },
    },
    [`${res}_all`]: {
      value: {
        [res]: [
          {
            id: 'bb5c5fa9-3ee1-4d37-a1d2-6dd5fa3cc6a1',
            name: `example-${sing}`,
            status: statuses[0],
          },
        ],
        links: {},
        meta: { total: 1 },
      },
    },
  });
  const rateHeaders = {
    'ratelimit-limit': { $ref: '../../../shared/headers.yml#/ratelimit-limit' },
    'ratelimit-remaining': { $ref: '../../../shared/headers.yml#/ratelimit-remaining' },
    'ratelimit-reset': { $ref: '../../../shared/headers.yml#/ratelimit-reset' },
  };
  files.set(`${dir}/responses/all_${res}.yml`, {
    description: t.sentence(),
    headers: rateHeaders,
    content: {
      'application/json': {
        schema: {
          allOf: [
            {
              type: 'object',
              properties: { [res]: { type: 'array', items: { $ref: `../models/${sing}.yml` } } },
            },
            { $ref: '../../../shared/pages.yml#/pagination' },
            { $ref: '../../../shared/meta.yml' },
          ],
        },
        examples: { all: { $ref: `../examples.yml#/${res}_all` } },
      },
    },
  });
  files.set(`${dir}/responses/${sing}.yml`, {
    description: t.sentence(),
    headers: rateHeaders,
    content: {
      'application/json': {
        schema: { type: 'object', properties: { [sing]: { $ref: `../models/${sing}.yml` } } },
        examples: { single: { $ref: `../examples.yml#/${sing}_single` } },
      },
    },
  });
  const errors = {
    401: { $ref: '../../shared/responses/unauthorized.yml' },
    429: { $ref: '../../shared/responses/too_many_requests.yml' },
    500: { $ref: '../../shared/responses/server_error.yml' },
    default: { $ref: '../../shared/responses/unexpected_error.yml' },
  };
  const op = (verb, summary, extra) => ({
    operationId: `${res}_${verb}`,
    summary,
    description: `${t.sentence(20)}\n\n${t.sentence(30)}`,
    tags: [tag],
    ...extra,
    security: [{ bearer_auth: [`${sing}:${verb === 'list' || verb === 'get' ? 'read' : verb}`] }],
  });
  files.set(
    `${dir}/${res}_list.yml`,
    op('list', `List all ${tag}`, {
      parameters: [
        { $ref: '../../shared/parameters.yml#/per_page' },
        { $ref: '../../shared/parameters.yml#/page' },
        { $ref: `parameters.yml#/${sing}_name` },
        { $ref: `parameters.yml#/${sing}_status` },
      ],
      responses: { 200: { $ref: `responses/all_${res}.yml` }, ...errors },
    }),
  );
  files.set(
    `${dir}/${res}_create.yml`,
    op('create', `Create a new ${sing}`, {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: `models/${sing}_create.yml` } } },
      },
      responses: { 201: { $ref: `responses/${sing}.yml` }, ...errors },
    }),
  );
  files.set(
    `${dir}/${res}_get.yml`,
    op('get', `Retrieve an existing ${sing}`, {
      parameters: [{ $ref: `parameters.yml#/${id}` }],
      responses: {
        200: { $ref: `responses/${sing}.yml` },
        404: { $ref: '../../shared/responses/not_found.yml' },
        ...errors,
      },
    }),
  );
  files.set(
    `${dir}/${res}_update.yml`,
    op('update', `Update a ${sing}`, {
      parameters: [{ $ref: `parameters.yml#/${id}` }],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: { $ref: `models/${sing}_create.yml` } } },
      },
      responses: {
        200: { $ref: `responses/${sing}.yml` },
        404: { $ref: '../../shared/responses/not_found.yml' },
        ...errors,
      },
    }),
  );
  files.set(
    `${dir}/${res}_delete.yml`,
    op('delete', `Delete a ${sing}`, {
      parameters: [{ $ref: `parameters.yml#/${id}` }],
      responses: {
        204: { $ref: '../../shared/responses/no_content.yml' },
        404: { $ref: '../../shared/responses/not_found.yml' },
        ...errors,
      },
    }),
  );
  root.tags.push({ name: tag, description: t.sentence(25) });
  root.paths[`/v2/${res}`] = {
    get: { $ref: `${dir}/${res}_list.yml` },
    post: { $ref: `${dir}/${res}_create.yml` },
  };
  root.paths[`/v2/${res}/{${id}}`] = {
    get: { $ref: `${dir}/${res}_get.yml` },
    put: { $ref: `${dir}/${res}_update.yml` },
    delete: { $ref: `${dir}/${res}_delete.yml` },
  };
}

function treeShared(files) {
  const error = (description) => ({
    description,
    headers: {
      'ratelimit-limit': { $ref: '../headers.yml#/ratelimit-limit' },
      'ratelimit-remaining': { $ref: '../headers.yml#/ratelimit-remaining' },
      'ratelimit-reset': { $ref: '../headers.yml#/ratelimit-reset' },
    },
    content: { 'application/json': { schema: { $ref: '../models/error.yml' } } },
  });
  files.set(
    'shared/responses/unauthorized.yml',
    error('Authentication failed due to invalid credentials.'),
  );
  files.set('shared/responses/not_found.yml', error('The resource was not found.'));
  files.set(
    'shared/responses/too_many_requests.yml',
    error('The API rate limit has been exceeded.'),
  );
  files.set('shared/responses/server_error.yml', error('There was a server error.'));
  files.set('shared/responses/unexpected_error.yml', error('There was an unexpected error.'));
  files.set('shared/responses/no_content.yml', {
    description: 'The action was successful and the response body is empty.',
  });
  files.set('shared/models/error.yml', {
    type: 'object',
    required: ['id', 'message'],
    properties: {
      id: { type: 'string', description: 'A short identifier of the error.', example: 'not_found' },
      message: { type: 'string', description: 'A message with more details about the error.' },
      request_id: { type: 'string', description: 'The request id, for support.' },
    },
  });
  files.set('shared/headers.yml', {
    'ratelimit-limit': {
      schema: { type: 'integer' },
      description: 'The number of requests allowed per hour.',
    },
    'ratelimit-remaining': {
      schema: { type: 'integer' },
      description: 'The number of requests remaining before the limit resets.',
    },
    'ratelimit-reset': {
      schema: { type: 'integer' },
      description: 'The time when the limit resets, in seconds since the epoch.',
    },
  });
  files.set('shared/parameters.yml', {
    per_page: {
      in: 'query',
      name: 'per_page',
      required: false,
      description: 'Number of items per page.',
      schema: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
    },
    page: {
      in: 'query',
      name: 'page',
      required: false,
      description: 'Which page to return.',
      schema: { type: 'integer', minimum: 1, default: 1 },
    },
  });
  files.set('shared/pages.yml', {
    pagination: {
      type: 'object',
      properties: {
        links: {
          type: 'object',
          properties: {
            pages: {
              type: 'object',
              properties: {
                first: { type: 'string', format: 'uri' },
                prev: { type: 'string', format: 'uri' },
                next: { type: 'string', format: 'uri' },
                last: { type: 'string', format: 'uri' },
              },
            },
          },
        },
      },
    },
  });
  files.set('shared/meta.yml', {
    type: 'object',
    required: ['meta'],
    properties: {
      meta: {
        type: 'object',
        required: ['total'],
        properties: {
          total: { type: 'integer', description: 'Number of objects returned by the request.' },
        },
      },
    },
  });
  files.set('shared/attributes/tags_array.yml', {
    type: 'array',
    items: { type: 'string', maxLength: 255 },
    nullable: true,
    description: 'A flat array of tag names as strings.',
  });
}

function treeBase(seed, resources = RESOURCES) {
  const t = tools(seed);
  const files = new Map();
  const root = {
    openapi: '3.0.0',
    info: {
      title: 'Acme Cloud API',
      version: '2.0',
      description: `${t.sentence(40)}\n\n${t.sentence(40)}`,
      license: { name: 'Apache 2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0.html' },
      contact: { name: 'Acme Cloud', url: 'https://cloud.acme.example' },
    },
    servers: [{ url: 'https://api.cloud.acme.example', description: 'production' }],
    tags: [],
    paths: {},
    components: { securitySchemes: { bearer_auth: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer_auth: [] }],
  };
  files.set('acme-cloud.v2.yaml', root);
  treeShared(files);
  const earlier = [];
  for (const r of resources) {
    treeResource(t, files, root, r, earlier);
    earlier.push(r);
  }
  return { files, root, t };
}

function openapiTreePair(seed) {
  const { files } = treeBase(seed);
  const base = new Map([...files].map(([k, v]) => [k, clone(v)]));
  const rev = new Map([...files].map(([k, v]) => [k, clone(v)]));
  const root = rev.get('acme-cloud.v2.yaml');
  const [r5, r2, r7, r9, r11, r3, r4, r12] = [5, 2, 7, 9, 11, 3, 4, 12].map((i) => RESOURCES[i]);
  // Breaking.
  delete root.paths[`/v2/${r5[0]}/{${r5[1]}_id}`].delete;
  rev.delete(`resources/${r5[0]}/${r5[0]}_delete.yml`);
  rev.get(`resources/${r2[0]}/parameters.yml`)[`${r2[1]}_name`].required = true;
  rev.get('shared/meta.yml').properties.meta.properties.total.type = 'string';
  const m7 = rev.get(`resources/${r7[0]}/models/${r7[1]}.yml`).properties;
  delete m7[
    Object.keys(m7).filter(
      (k) => !rev.get(`resources/${r7[0]}/models/${r7[1]}.yml`).required.includes(k),
    )[3]
  ];
  const c9 = rev.get(`resources/${r9[0]}/models/${r9[1]}_create.yml`);
  c9.properties.billing_account = {
    type: 'string',
    maxLength: 64,
    description: 'The account billed for it.',
  };
  c9.required.push('billing_account');
  rev.get(`resources/${r11[0]}/models/${r11[1]}_status.yml`).enum.pop();
  // Additive.
  const t = tools(seed + 1);
  treeResource(t, rev, root, ['backups', 'backup'], RESOURCES.slice(0, 3));
  rev.get(`resources/${r3[0]}/models/${r3[1]}.yml`).properties.fingerprint = {
    type: 'string',
    readOnly: true,
    description: 'A hash of the content.',
  };
  const p4 = rev.get(`resources/${r4[0]}/parameters.yml`);
  p4[`${r4[1]}_sort`] = {
    in: 'query',
    name: 'sort',
    required: false,
    schema: { type: 'string', enum: ['name', 'created_at'] },
  };
  rev
    .get(`resources/${r4[0]}/${r4[0]}_list.yml`)
    .parameters.push({ $ref: `parameters.yml#/${r4[1]}_sort` });
  rev.get(`resources/${r12[0]}/models/${r12[1]}_status.yml`).enum.push('maintenance');
  root.info.version = '2.1';
  const text = (m) =>
    new Map([...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, yaml(v)]));
  return { base: text(base), revision: text(rev) };
}

// ---------------------------------------------------------------------------------------------

export const GENERATORS = { asyncapi: asyncapiPair, 'openapi-tree': openapiTreePair };

/** The two sides of a generated pair: `{ base, revision }`, each a Map of relative path → text. */
export function generate(name, seed = DEFAULT_SEED) {
  const g = GENERATORS[name];
  if (!g) throw new Error(`no generator ${name} (have ${Object.keys(GENERATORS).join(', ')})`);
  return g(seed);
}

/** Writes the two sides of a pair to `<dir>/base` and `<dir>/revision` (replacing what was there). */
export function writeSides(dir, pair) {
  for (const side of ['base', 'revision']) {
    rmSync(path.join(dir, side), { recursive: true, force: true });
    for (const [rel, text] of pair[side]) {
      const file = path.join(dir, side, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  return pair;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [name, dir, seed] = process.argv.slice(2);
  if (!name || !dir) {
    console.error('usage: node bench/generate.mjs <asyncapi|openapi-tree> <out-dir> [seed]');
    process.exit(2);
  }
  const pair = writeSides(dir, generate(name, seed ? Number(seed) : DEFAULT_SEED));
  const size = (m) => [...m.values()].reduce((n, s) => n + Buffer.byteLength(s), 0);
  console.log(
    `${name}: base ${pair.base.size} files ${(size(pair.base) / 1e6).toFixed(2)} MB, revision ${pair.revision.size} files ${(size(pair.revision) / 1e6).toFixed(2)} MB → ${dir}`,
  );
}
