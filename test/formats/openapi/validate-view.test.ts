import { describe, expect, it } from 'vitest';
import { acyclicView, sharedView, validates } from '../../../src/formats/openapi/validate.js';

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
