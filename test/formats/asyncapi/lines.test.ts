import { describe, expect, it } from 'vitest';
import { MemorySource } from '../../../src/core/source.js';
import { getCatalogue } from '../../../src/formats/index.js';
import { asyncapiAdapter } from '../../../src/formats/asyncapi/adapter.js';

/**
 * One AsyncAPI document carrying several major lines (versioned channels): how it splits.
 * End to end (check, publish, registry) in test/policy/coexistence.test.ts.
 */

const V3 = `asyncapi: 3.0.0
info: { title: Orders, version: 1.4.0 }
channels:
  placedV1:
    address: orders.placed.v1
    messages: { placed: { payload: { type: object, properties: { id: { type: string } } } } }
  placedV2:
    address: orders/v2/placed
    messages: { placed: { payload: { type: object, properties: { id: { type: integer } } } } }
  heartbeat:
    address: service.heartbeat
    messages: { beat: { payload: { type: string } } }
operations:
  sendPlacedV1: { action: send, channel: { $ref: '#/channels/placedV1' } }
  sendPlacedV2: { action: send, channel: { $ref: '#/channels/placedV2' } }
  sendBeat: { action: send, channel: { $ref: '#/channels/heartbeat' } }
`;

const V2 = `asyncapi: 2.6.0
info: { title: Orders, version: 2.0.0 }
channels:
  orders-v1-placed:
    subscribe: { operationId: placedV1, message: { payload: { type: string } } }
  orders-v2-placed:
    subscribe: { operationId: placedV2, message: { payload: { type: string } } }
`;

async function load(text: string, major?: number) {
  const source = new MemorySource('mem', new Map([['events.yaml', text]]));
  return asyncapiAdapter.load(
    {
      id: 'events',
      format: 'asyncapi',
      root: source.absolute(''),
      entries: ['events.yaml'],
      ...(major !== undefined ? { major } : {}),
    },
    source,
  );
}

describe('one AsyncAPI document with versioned channels', () => {
  it('3.x: lines from channel addresses; a line keeps its channels, the unversioned ones and their operations', async () => {
    const whole = await load(V3);
    expect(whole.lines).toEqual([1, 2]);
    expect(whole.major).toBe(1);
    const v1 = await load(V3, 1);
    expect(v1.major).toBe(1);
    // One info.version cannot version two lines: each line's version is computed.
    expect(v1.version).toBeUndefined();
    expect(v1.lineField).toBe('the channel version segment v1');
    expect(v1.model.channels.map((c) => c.key)).toEqual(['placedV1', 'heartbeat']);
    expect(v1.model.operations.map((o) => o.id)).toEqual(['sendPlacedV1', 'sendBeat']);
    const v2 = await load(V3, 2);
    expect(v2.version).toBeUndefined();
    expect(v2.model.channels.map((c) => c.key)).toEqual(['placedV2', 'heartbeat']);
    expect(v2.model.operations.map((o) => o.id)).toEqual(['sendPlacedV2', 'sendBeat']);
  });

  it('2.x: lines from channel names', async () => {
    expect((await load(V2)).lines).toEqual([1, 2]);
    const v2 = await load(V2, 2);
    expect(v2.model.channels.map((c) => c.key)).toEqual(['orders-v2-placed']);
    expect(v2.model.operations.map((o) => o.id)).toEqual(['placedV2']);
  });

  it('a change inside line 2 is not seen by line 1', async () => {
    const rev = V3.replace('id: { type: integer }', 'id: { type: string }');
    const compare = async (major: number) =>
      asyncapiAdapter.compare(await load(V3, major), await load(rev, major), {
        catalogue: getCatalogue(),
        contract: 'events',
      });
    expect(await compare(1)).toEqual([]);
    expect((await compare(2)).length).toBeGreaterThan(0);
  });

  it('a document with one versioned channel, or none, is one line as before', async () => {
    const one = V3.replace('orders/v2/placed', 'orders/v1/placed2');
    expect((await load(one)).lines).toBeUndefined();
    expect((await load(one, 1)).model.channels).toHaveLength(3);
  });
});
