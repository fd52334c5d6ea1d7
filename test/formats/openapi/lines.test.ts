import { describe, expect, it } from 'vitest';
import { segmentMajor } from '../../../src/core/document-version.js';
import { MemorySource } from '../../../src/core/source.js';
import { getCatalogue } from '../../../src/formats/index.js';
import { openapiAdapter } from '../../../src/formats/openapi/adapter.js';
import { TODAY, ids } from './helpers.js';

/**
 * One OpenAPI document carrying several major lines (`/v1/…` and `/v2/…` paths): how it splits.
 * End to end (check, publish, registry) in test/policy/coexistence.test.ts.
 */

const DOC = (o: { v1Extra?: string; shared?: string; version?: string } = {}) => `openapi: 3.0.3
info: { title: Orders, version: ${o.version ?? '2.1.0'} }
paths:
  /health:
    get:
      responses: { '200': { description: up } }
  /api/v1/orders:
    get:
      responses:
        '200':
          description: orders
          content: { application/json: { schema: { $ref: '#/components/schemas/OrderV1' } } }
${o.v1Extra ?? ''}  /api/v2/orders:
    get:
      responses:
        '200':
          description: orders
          content: { application/json: { schema: { $ref: '#/components/schemas/OrderV2' } } }
components:
  schemas:
    Money: { type: number }
    OrderV1: { type: object, properties: { total: { $ref: '#/components/schemas/Money' } } }
    OrderV2: { type: object, properties: { id: { type: string } } }
${o.shared ?? ''}`;

async function load(text: string, major?: number) {
  const source = new MemorySource('mem', new Map([['orders.yaml', text]]));
  return openapiAdapter.load(
    {
      id: 'orders',
      format: 'openapi',
      root: source.absolute(''),
      entries: ['orders.yaml'],
      options: { today: TODAY },
      ...(major !== undefined ? { major } : {}),
    },
    source,
  );
}

async function diff(base: string, rev: string, major: number) {
  const b = await load(base, major);
  const r = await load(rev, major);
  return openapiAdapter.compare(b, r, { catalogue: getCatalogue(), contract: 'orders' });
}

describe('version segments', () => {
  it('the first segment that is v and a number names the line', () => {
    expect(segmentMajor('/v2/orders', /\//)).toBe(2);
    expect(segmentMajor('/api/V3/orders/{id}', /\//)).toBe(3);
    expect(segmentMajor('/v1/orders/v2', /\//)).toBe(1);
    for (const p of ['/orders', '/v1beta1/orders', '/version2/x', '/2/orders', '/v01/x', '/{v}/x'])
      expect(segmentMajor(p, /\//), p).toBeUndefined();
  });
});

describe('one OpenAPI document with /v1/ and /v2/ paths', () => {
  it('reports its lines; loaded whole it is unchanged', async () => {
    const whole = await load(DOC());
    expect(whole.lines).toEqual([1, 2]);
    expect(whole.major).toBe(2);
    expect(whole.model.operations.map((o) => o.label)).toEqual([
      'GET /health',
      'GET /api/v1/orders',
      'GET /api/v2/orders',
    ]);
  });

  it('a line is its paths, the unversioned paths, and the schemas they reach', async () => {
    const v1 = await load(DOC(), 1);
    expect(v1.lines).toBeUndefined();
    expect(v1.major).toBe(1);
    expect(v1.lineField).toBe('the path segment /v1/');
    // One info.version cannot version two lines: each line's version is computed.
    expect(v1.version).toBeUndefined();
    expect(v1.model.operations.map((o) => o.label)).toEqual(['GET /health', 'GET /api/v1/orders']);
    expect(v1.model.schemas.map((s) => s.name)).toEqual(['Money', 'OrderV1']);
    const v2 = await load(DOC(), 2);
    expect(v2.version).toBeUndefined();
    expect(v2.model.operations.map((o) => o.label)).toEqual(['GET /health', 'GET /api/v2/orders']);
    expect(v2.model.schemas.map((s) => s.name)).toEqual(['OrderV2']);
  });

  it('a schema nothing reaches stays in every line', async () => {
    const shared = '    Unused: { type: string }\n';
    for (const major of [1, 2]) {
      const line = await load(DOC({ shared }), major);
      expect(line.model.schemas.map((s) => s.name)).toContain('Unused');
    }
  });

  it('a document with one version segment, or none, is one line as before', async () => {
    const one = DOC().replace(/\/api\/v1\/orders/, '/api/v2/orders2');
    expect((await load(one)).lines).toBeUndefined();
    expect((await load(one, 2)).model.operations).toHaveLength(3);
    const none = DOC().replace(/\/api\/v(\d)\/orders/g, '/api/orders$1');
    const loaded = await load(none);
    expect(loaded.lines).toBeUndefined();
    expect(loaded.major).toBe(2);
    expect(loaded.lineField).toBeUndefined();
  });

  it('a change in one line is not seen by the other; a shared path is seen by both', async () => {
    const base = DOC();
    const v1Removed = base.replace(/ {2}\/api\/v1\/orders:[\s\S]*?(?= {2}\/api\/v2)/, '');
    expect(ids(await diff(base, v1Removed, 1))).toContain('api-path-removed-without-deprecation');
    expect(await diff(base, v1Removed, 2)).toEqual([]);
    const healthGone = base.replace(/ {2}\/health:\n.*\n.*\n/, '');
    for (const major of [1, 2]) {
      expect(ids(await diff(base, healthGone, major))).toEqual([
        'api-path-removed-without-deprecation',
      ]);
    }
  });

  it('a schema another line alone still reaches is not removed from this one', async () => {
    // Line 1 stops using Money; line 2 starts: Money stays in the document.
    const base = DOC();
    const rev = base
      .replace("total: { $ref: '#/components/schemas/Money' }", 'total: { type: number }')
      .replace(
        'id: { type: string } }',
        "id: { type: string }, total: { $ref: '#/components/schemas/Money' } }",
      );
    expect(ids(await diff(base, rev, 1))).not.toContain('api-schema-removed');
    // Removed from the document: the line that reached it reports it.
    const gone = base
      .replace('    Money: { type: number }\n', '')
      .replace("total: { $ref: '#/components/schemas/Money' }", 'total: { type: number }');
    expect(ids(await diff(base, gone, 1))).toContain('api-schema-removed');
    expect(ids(await diff(base, gone, 2))).not.toContain('api-schema-removed');
  });
});
