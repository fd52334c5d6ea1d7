import { describe, expect, it } from 'vitest';
import { LocationMap } from '../../../src/core/locations.js';
import {
  acyclicView,
  sharedView,
  validates,
  validatesReusing,
} from '../../../src/formats/openapi/validate.js';

/** A resolved 3.0 document built as swagger-parser leaves it: `$ref` slots replaced by their targets. */
function resolved() {
  const pet: Record<string, unknown> = { type: 'object', properties: {} };
  (pet.properties as Record<string, unknown>).parent = pet; // a cycle
  const ok = { description: 'ok', content: { 'application/json': { schema: pet } } };
  const doc = {
    openapi: '3.0.3',
    info: { title: 't', version: '1.0.0' },
    paths: {
      '/pets': { get: { responses: { '200': ok } }, post: { responses: { '200': ok } } },
    },
    components: { schemas: { Pet: pet }, responses: { Ok: ok } },
  };
  const slots = new Map<object, Map<string, string>>([
    [ok.content['application/json'], new Map([['schema', '#/components/schemas/Pet']])],
    [pet.properties as object, new Map([['parent', '#/components/schemas/Pet']])],
    [doc.paths['/pets'].get.responses, new Map([['200', '#/components/responses/Ok']])],
    [doc.paths['/pets'].post.responses, new Map([['200', '#/components/responses/Ok']])],
  ]);
  return { doc, slot: (p: object, k: string) => slots.get(p)?.get(k) };
}

describe('the validation view of a resolved OpenAPI document', () => {
  it('validates each shared node once per role: later $ref slots read as the Reference written', () => {
    const { doc, slot } = resolved();
    const view = sharedView(doc, slot) as any;
    expect(view.paths['/pets'].get.responses['200'].description).toBe('ok');
    expect(view.paths['/pets'].post.responses['200']).toEqual({
      $ref: '#/components/responses/Ok',
    });
    // The schema met first under the response is whole there; its cycle and its definition are references.
    const schema = view.paths['/pets'].get.responses['200'].content['application/json'].schema;
    expect(schema.properties.parent).toEqual({ $ref: '#/components/schemas/Pet' });
    expect(view.components.responses.Ok.description).toBe('ok');
    expect(validates(view)).toBe(true);
    expect(validates(acyclicView(doc))).toBe(true);
  });

  it('an invalid shared node is still found, where it is first met', () => {
    const { doc, slot } = resolved();
    delete (doc.components.responses.Ok as Record<string, unknown>).description;
    expect(validates(sharedView(doc, slot))).toBe(false);
    expect(validates(acyclicView(doc))).toBe(false);
  });

  it('a $ref where the specification allows none (an operation) reads as invalid: the exact view decides', () => {
    const { doc } = resolved();
    const op = doc.paths['/pets'].get;
    (doc.paths as Record<string, any>)['/other'] = { get: op };
    const slot = (p: object, k: string) =>
      p === (doc.paths as Record<string, any>)['/other'] && k === 'get' ? './op.yaml' : undefined;
    expect(validates(sharedView(doc, slot))).toBe(false);
    expect(validates(acyclicView(doc))).toBe(true);
  });
});

describe('validation of a document after another one (a comparison’s base after its revision)', () => {
  const ok = { get: { responses: { '200': { description: 'ok' } } } };
  const doc = (paths: Record<string, unknown>) =>
    LocationMap.parse(
      '/spec.json',
      JSON.stringify(
        {
          openapi: '3.0.3',
          info: { title: 't', version: '1.0.0' },
          paths,
          components: { schemas: { Id: { type: 'string' } } },
        },
        null,
        2,
      ),
    );

  it('reads the JSON text of a part as written', () => {
    const { map } = doc({ '/a': ok });
    expect(JSON.parse(map.valueText(['paths', '/a'])!)).toEqual(ok);
    expect(map.valueText(['components', 'schemas', 'Id'])).toBe(
      '{\n        "type": "string"\n      }',
    );
    expect(map.valueText(['paths', '/none'])).toBeUndefined();
  });

  it('gives the same answer as validating the whole document, whatever parts it shares', () => {
    const a = doc({ '/a': ok, '/b': ok });
    expect(validatesReusing(a.value, a.map)).toBe(true);
    // /a as before, /c new and invalid (a response without a description)
    const b = doc({ '/a': ok, '/c': { get: { responses: { '200': {} } } } });
    expect(validatesReusing(b.value, b.map)).toBe(false);
    expect(validates(b.value)).toBe(false);
    const c = doc({ '/a': ok, '/c': ok });
    expect(validatesReusing(c.value, c.map)).toBe(true);
  });
});
