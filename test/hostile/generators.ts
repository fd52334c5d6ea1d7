import fc from 'fast-check';

/**
 * fast-check generators of valid contracts: OpenAPI 3.0, AsyncAPI 3.0, JSON Schema 2020-12 and
 * proto3, small but covering objects, arrays, enums, required lists, parameters and messages.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export const ident = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);

const scalar: fc.Arbitrary<Obj> = fc.constantFrom<Obj>(
  { type: 'string' },
  { type: 'integer' },
  { type: 'number' },
  { type: 'boolean' },
  { type: 'string', format: 'date-time' },
  { type: 'string', enum: ['a', 'b', 'c'] },
  { type: 'integer', minimum: 0, maximum: 100 },
  { type: 'string', maxLength: 20 },
);

export const schema: fc.Arbitrary<Obj> = fc.letrec<{ schema: Obj; object: Obj; array: Obj }>(
  (tie) => ({
    schema: fc.oneof({ depthSize: 'small', maxDepth: 3 }, scalar, tie('object'), tie('array')),
    object: fc.dictionary(ident, tie('schema'), { minKeys: 1, maxKeys: 4 }).chain((properties) =>
      fc.subarray(Object.keys(properties)).map((required): Obj => {
        const o: Obj = { type: 'object', properties };
        if (required.length) o.required = required;
        return o;
      }),
    ),
    array: tie('schema').map((items): Obj => ({ type: 'array', items })),
  }),
).schema;

export const objectSchema: fc.Arbitrary<Obj> = fc
  .dictionary(ident, schema, { minKeys: 1, maxKeys: 4 })
  .map((properties): Obj => ({ type: 'object', properties }));

const operation = fc
  .record({
    params: fc.uniqueArray(fc.record({ name: ident, required: fc.boolean(), schema: scalar }), {
      selector: (p) => p.name,
      maxLength: 3,
    }),
    response: objectSchema,
    body: fc.option(objectSchema, { nil: undefined }),
  })
  .map(({ params, response, body }): Obj => {
    const op: Obj = {
      responses: {
        '200': { description: 'ok', content: { 'application/json': { schema: response } } },
      },
    };
    if (params.length) {
      op.parameters = params.map((p) => ({
        name: p.name,
        in: 'query',
        required: p.required,
        schema: p.schema,
      }));
    }
    if (body) {
      op.requestBody = { required: true, content: { 'application/json': { schema: body } } };
    }
    return op;
  });

export const openapi: fc.Arbitrary<Obj> = fc
  .dictionary(
    ident,
    fc.record({ get: operation, post: fc.option(operation, { nil: undefined }) }, {}),
    { minKeys: 1, maxKeys: 4 },
  )
  .map((paths): Obj => {
    const out: Obj = {};
    for (const [name, ops] of Object.entries(paths)) {
      const item: Obj = { get: ops.get };
      if (ops.post) item.post = ops.post;
      out[`/${name}`] = item;
    }
    return { openapi: '3.0.3', info: { title: 'Generated', version: '1.0.0' }, paths: out };
  });

export const asyncapi: fc.Arbitrary<Obj> = fc
  .dictionary(
    ident,
    fc.record({ action: fc.constantFrom('send', 'receive'), payload: objectSchema }),
    { minKeys: 1, maxKeys: 4 },
  )
  .map((chans): Obj => {
    const channels: Obj = {};
    const operations: Obj = {};
    for (const [name, c] of Object.entries(chans)) {
      channels[name] = { address: name, messages: { msg: { payload: c.payload } } };
      operations[`on-${name}`] = {
        action: c.action,
        channel: { $ref: `#/channels/${name}` },
        messages: [{ $ref: `#/channels/${name}/messages/msg` }],
      };
    }
    return {
      asyncapi: '3.0.0',
      info: { title: 'Generated', version: '1.0.0' },
      channels,
      operations,
    };
  });

export const jsonschema: fc.Arbitrary<Obj> = objectSchema.map((s): Obj => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  ...s,
}));

export interface ProtoField {
  name: string;
  type: string;
  number: number;
}
export interface ProtoMessage {
  name: string;
  fields: ProtoField[];
}

const protoType = fc.constantFrom('string', 'int32', 'int64', 'bool', 'double', 'bytes', 'Status');

export const proto: fc.Arbitrary<ProtoMessage[]> = fc
  .uniqueArray(
    fc.record({
      name: fc.stringMatching(/^[A-Z][a-z0-9]{0,6}$/),
      fields: fc.uniqueArray(
        fc.record({ name: ident, type: protoType, number: fc.integer({ min: 1, max: 50 }) }),
        { selector: (f) => f.name, minLength: 1, maxLength: 5 },
      ),
    }),
    { selector: (m) => m.name, minLength: 1, maxLength: 3 },
  )
  .map((msgs) =>
    // Field numbers unique per message (protoc refuses duplicates).
    msgs.map((m) => {
      const seen = new Set<number>();
      return { ...m, fields: m.fields.filter((f) => !seen.has(f.number) && seen.add(f.number)) };
    }),
  );

/** proto3 text; `order` permutes the fields inside each message (the order is not semantic). */
export function protoText(
  msgs: ProtoMessage[],
  order: (fields: ProtoField[]) => ProtoField[] = (f) => f,
): string {
  const body = msgs
    .map(
      (m) =>
        `message ${m.name} {\n${order(m.fields)
          .map((f) => `  ${f.type} ${f.name} = ${f.number};`)
          .join('\n')}\n}\n`,
    )
    .join('\n');
  return `syntax = "proto3";\npackage gen.v1;\n\nenum Status {\n  STATUS_UNSPECIFIED = 0;\n  STATUS_ON = 1;\n}\n\n${body}`;
}

/** The same value with every object's keys in another order (a seeded permutation). */
export function shuffleKeys(v: Json, seed: number): Json {
  let s = seed >>> 0 || 1;
  const rand = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const walk = (x: Json): Json => {
    if (Array.isArray(x)) return x.map(walk);
    if (x && typeof x === 'object') {
      const keys = Object.keys(x);
      for (let i = keys.length - 1; i > 0; i--) {
        const j = Math.floor(rand() * (i + 1));
        [keys[i], keys[j]] = [keys[j]!, keys[i]!];
      }
      const out: Obj = {};
      for (const k of keys) out[k] = walk(x[k]!);
      return out;
    }
    return x;
  };
  return walk(v);
}
