import type { ResolvedDocument } from './load.js';
import type { Locator } from './locator.js';
import { mediaTypeKey } from './media-types.js';
import type {
  Header,
  MediaType,
  OAuthFlow,
  OpenApiModel,
  Operation,
  Parameter,
  ParameterIn,
  RequestBody,
  Response,
  SecurityRequirements,
  SecurityScheme,
} from './model.js';

type Obj = Record<string, unknown>;

export const METHODS = [
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
] as const;

/** 3.x: header parameters with these names are ignored by the specification. */
const IGNORED_HEADER_PARAMS = new Set(['accept', 'content-type', 'authorization']);

/** 2.0 `collectionFormat` → 3.x style (explode given separately). */
const COLLECTION_FORMATS: Record<string, { style?: string; explode: boolean }> = {
  csv: { explode: false },
  ssv: { style: 'spaceDelimited', explode: false },
  tsv: { style: 'tabDelimited', explode: false },
  pipes: { style: 'pipeDelimited', explode: false },
  multi: { style: 'form', explode: true },
};

/** Keywords of a 2.0 parameter, header or items object that are JSON Schema keywords. */
const SCHEMA_KEYWORDS = [
  'type',
  'format',
  'enum',
  'default',
  'maximum',
  'exclusiveMaximum',
  'minimum',
  'exclusiveMinimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'multipleOf',
];

/** Builds the one model for 2.0, 3.0 and 3.1. */
export function normalise(resolved: ResolvedDocument): OpenApiModel {
  const { doc, dialect, locator } = resolved;
  const v2 = dialect === 'openapi-2.0';
  const info = obj(doc.info);
  const n = new Normaliser(doc, locator, v2);
  return {
    dialect,
    ...(typeof info?.version === 'string' ? { version: info.version } : {}),
    ...(typeof info?.title === 'string' ? { title: info.title } : {}),
    doc,
    locator,
    entry: resolved.entry,
    operations: n.operations(),
    webhooks: n.webhooks(),
    schemas: n.schemas(),
    securitySchemes: n.securitySchemes(),
    ...(Array.isArray(doc.security)
      ? { security: n.requirements(doc.security, ['security']) }
      : {}),
    servers: n.servers(),
    problems: n.problems,
  };
}

class Normaliser {
  /** Path parameters not in their template, once each (path-item ones reach every operation). */
  readonly problems: OpenApiModel['problems'] = [];
  private readonly misplaced = new Set<object>();

  constructor(
    private readonly doc: Obj,
    private readonly locator: Locator,
    private readonly v2: boolean,
  ) {}

  operations(): Operation[] {
    const paths = obj(this.doc.paths) ?? {};
    const keys = Object.keys(paths).filter((p) => p.startsWith('/'));
    // Paths of the same shape in one document (invalid, but written) keep their own key.
    const shapes = new Map<string, number>();
    for (const p of keys) shapes.set(pathShape(p), (shapes.get(pathShape(p)) ?? 0) + 1);
    const out: Operation[] = [];
    for (const path of keys) {
      const item = obj(paths[path]);
      if (!item) continue;
      const shape = shapes.get(pathShape(path))! > 1 ? path : pathShape(path);
      const itemPtr = ['paths', path];
      for (const method of METHODS) {
        const op = obj(item[method]);
        if (!op) continue;
        out.push(this.operation(path, shape, item, itemPtr, method, op));
      }
    }
    return out;
  }

  private operation(
    path: string,
    shape: string,
    item: Obj,
    itemPtr: string[],
    method: string,
    op: Obj,
  ): Operation {
    const ptr = [...itemPtr, method];
    const M = method.toUpperCase();
    const template = templateNames(path);
    const merged = new Map<string, { p: Obj; ptr: string[]; fromPathItem: boolean }>();
    const add = (list: unknown, listPtr: string[], fromPathItem: boolean) => {
      if (!Array.isArray(list)) return;
      list.forEach((raw, i) => {
        const p = obj(raw);
        if (!p || typeof p.name !== 'string' || typeof p.in !== 'string') return;
        // Operation parameters override path-item ones with the same name and location.
        merged.set(`${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`, {
          p,
          ptr: [...listPtr, String(i)],
          fromPathItem,
        });
      });
    };
    add(item.parameters, [...itemPtr, 'parameters'], true);
    add(op.parameters, [...ptr, 'parameters'], false);

    const parameters: Parameter[] = [];
    const body: Array<{ p: Obj; ptr: string[] }> = [];
    const form: Array<{ p: Obj; ptr: string[] }> = [];
    for (const { p, ptr: pptr, fromPathItem } of merged.values()) {
      if (p.in === 'body') body.push({ p, ptr: pptr });
      else if (p.in === 'formData') form.push({ p, ptr: pptr });
      else {
        const param = this.parameter(p, pptr, fromPathItem, template);
        if (param) parameters.push(param);
      }
    }

    const security = Array.isArray(op.security)
      ? this.requirements(op.security, [...ptr, 'security'])
      : undefined;
    const requestBody = this.v2
      ? this.requestBody2(op, ptr, body, form)
      : this.requestBody3(op.requestBody, [...ptr, 'requestBody']);
    return {
      node: op,
      ptr,
      key: `${M} ${shape}`,
      method: M,
      path,
      label: `${M} ${path}`,
      pathItem: { node: item, ptr: itemPtr },
      ...(typeof op.operationId === 'string' ? { operationId: op.operationId } : {}),
      tags: Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === 'string') : [],
      deprecated: op.deprecated === true,
      ...('x-sunset' in op ? { sunset: op['x-sunset'] } : {}),
      ...('x-stability-level' in op ? { stability: op['x-stability-level'] } : {}),
      parameters,
      ...(requestBody ? { requestBody } : {}),
      responses: this.responses(op, ptr),
      ...(security ? { security } : {}),
    };
  }

  private parameter(
    p: Obj,
    ptr: string[],
    fromPathItem: boolean,
    template: string[],
  ): Parameter | undefined {
    const where = p.in as ParameterIn;
    const name = p.name as string;
    if (!['path', 'query', 'header', 'cookie'].includes(where)) return undefined;
    if (where === 'header' && !this.v2 && IGNORED_HEADER_PARAMS.has(name.toLowerCase())) {
      return undefined;
    }
    const index = where === 'path' ? template.indexOf(name) : -1;
    if (where === 'path' && index < 0 && !this.v2 && ptr[0] === 'paths' && !this.misplaced.has(p)) {
      this.misplaced.add(p);
      const path = ptr[1] ?? '';
      this.problems.push({
        node: p,
        ptr,
        problem: `the path parameter '${name}' is not in the template ${path}`,
      });
    }
    const key =
      where === 'path' && index >= 0
        ? `path:#${index}`
        : `${where}:${where === 'header' ? name.toLowerCase() : name}`;
    const defaultStyle = where === 'query' || where === 'cookie' ? 'form' : 'simple';
    let schema: object | undefined;
    let style: string;
    let explode: boolean;
    if (this.v2) {
      schema = this.schemaOf2(p);
      const cf =
        p.type === 'array' ? COLLECTION_FORMATS[String(p.collectionFormat ?? 'csv')] : undefined;
      style = cf?.style ?? defaultStyle;
      explode = cf ? cf.explode : defaultStyle === 'form';
    } else {
      schema = obj(p.schema) ?? boolFalse(p.schema) ?? firstContentSchema(p.content);
      style = typeof p.style === 'string' ? p.style : defaultStyle;
      explode = typeof p.explode === 'boolean' ? p.explode : style === 'form';
    }
    return {
      node: p,
      ptr,
      key,
      name,
      in: where,
      required: where === 'path' || p.required === true,
      writtenRequired: p.required === true,
      deprecated: p.deprecated === true,
      ...('x-sunset' in p ? { sunset: p['x-sunset'] } : {}),
      ...(schema ? { schema } : {}),
      style,
      explode,
      allowReserved: p.allowReserved === true,
      fromPathItem,
    };
  }

  /** A JSON Schema built from a 2.0 parameter, header or items object, located at that object. */
  private schemaOf2(p: Obj): object {
    if (p.type === 'file') {
      const s = { type: 'string', format: 'binary' };
      this.locator.registerLike(s, p);
      return s;
    }
    const s: Obj = {};
    for (const k of SCHEMA_KEYWORDS) if (k in p) s[k] = p[k];
    for (const k of Object.keys(p)) if (k.startsWith('x-')) s[k] = p[k];
    const items = obj(p.items);
    if (items) {
      s.items = this.schemaOf2(items);
      this.locator.registerLike(s.items as object, p, 'items');
    }
    this.locator.registerLike(s, p);
    return s;
  }

  private requestBody3(raw: unknown, ptr: string[]): RequestBody | undefined {
    const rb = obj(raw);
    if (!rb) return undefined;
    return {
      node: rb,
      ptr,
      required: rb.required === true,
      content: this.content(rb.content, [...ptr, 'content']),
    };
  }

  private requestBody2(
    op: Obj,
    opPtr: string[],
    body: Array<{ p: Obj; ptr: string[] }>,
    form: Array<{ p: Obj; ptr: string[] }>,
  ): RequestBody | undefined {
    const consumes = stringList(op.consumes) ??
      stringList(this.doc.consumes) ?? ['application/json'];
    if (body.length) {
      const { p, ptr } = body[0]!;
      const schema = obj(p.schema);
      return {
        node: p,
        ptr,
        required: p.required === true,
        content: consumes.map((name) => ({
          node: p,
          ptr: [...opPtr, 'consumes', name],
          name,
          key: mediaTypeKey(name),
          ...(schema ? { schema } : {}),
        })),
      };
    }
    if (!form.length) return undefined;
    const properties: Obj = {};
    const required: string[] = [];
    for (const { p } of form) {
      properties[p.name as string] = this.schemaOf2(p);
      if (p.required === true) required.push(p.name as string);
    }
    const schema: Obj = { type: 'object', properties, ...(required.length ? { required } : {}) };
    const first = form[0]!;
    this.locator.registerLike(schema, first.p);
    this.locator.registerLike(properties, first.p);
    const formTypes = consumes.filter((c) =>
      /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(c),
    );
    const types = formTypes.length
      ? formTypes
      : [
          form.some(({ p }) => p.type === 'file')
            ? 'multipart/form-data'
            : 'application/x-www-form-urlencoded',
        ];
    return {
      node: first.p,
      ptr: first.ptr,
      required: required.length > 0,
      content: types.map((name) => ({
        node: first.p,
        ptr: [...opPtr, 'consumes', name],
        name,
        key: mediaTypeKey(name),
        schema,
      })),
    };
  }

  private content(raw: unknown, ptr: string[]): MediaType[] {
    const content = obj(raw);
    if (!content) return [];
    const out: MediaType[] = [];
    for (const [name, mtRaw] of Object.entries(content)) {
      const mt = obj(mtRaw) ?? {};
      // `schema: true` admits every body, as no schema does; `false` admits none.
      const schema = obj(mt.schema) ?? boolFalse(mt.schema);
      out.push({
        node: mt,
        ptr: [...ptr, name],
        name,
        key: mediaTypeKey(name),
        ...(schema ? { schema } : {}),
      });
    }
    return out;
  }

  private responses(op: Obj, opPtr: string[]): Response[] {
    const responses = obj(op.responses);
    if (!responses) return [];
    const produces = stringList(op.produces) ??
      stringList(this.doc.produces) ?? ['application/json'];
    const out: Response[] = [];
    for (const [status, raw] of Object.entries(responses)) {
      if (status.startsWith('x-')) continue;
      const r = obj(raw);
      if (!r) continue;
      const ptr = [...opPtr, 'responses', status];
      let content: MediaType[];
      if (this.v2) {
        const schema = obj(r.schema);
        content = schema
          ? produces.map((name) => ({
              node: r,
              ptr: [...ptr, 'produces', name],
              name,
              key: mediaTypeKey(name),
              schema,
            }))
          : [];
      } else {
        content = this.content(r.content, [...ptr, 'content']);
      }
      out.push({
        node: r,
        ptr,
        status: /^[1-5]xx$/i.test(status) ? status.toUpperCase() : status,
        content,
        headers: this.headers(r.headers, [...ptr, 'headers']),
      });
    }
    return out;
  }

  private headers(raw: unknown, ptr: string[]): Header[] {
    const headers = obj(raw);
    if (!headers) return [];
    const out: Header[] = [];
    for (const [name, hRaw] of Object.entries(headers)) {
      const h = obj(hRaw);
      if (!h || name.toLowerCase() === 'content-type') continue;
      const schema = this.v2
        ? this.schemaOf2(h)
        : (obj(h.schema) ?? boolFalse(h.schema) ?? firstContentSchema(h.content));
      out.push({
        node: h,
        ptr: [...ptr, name],
        name,
        key: name.toLowerCase(),
        required: h.required === true,
        deprecated: h.deprecated === true,
        ...(schema ? { schema } : {}),
      });
    }
    return out;
  }

  webhooks(): OpenApiModel['webhooks'] {
    const hooks = obj(this.doc.webhooks);
    if (!hooks) return [];
    return Object.entries(hooks).flatMap(([name, raw]) => {
      const item = obj(raw);
      if (!item) return [];
      const ptr = ['webhooks', name];
      const operations = METHODS.flatMap((method) => {
        const op = obj(item[method]);
        if (!op) return [];
        const o = this.operation(name, name, item, ptr, method, op);
        return [{ ...o, key: o.method, label: `webhook '${name}' ${o.method}` }];
      });
      return [{ node: item, ptr, name, operations }];
    });
  }

  schemas(): OpenApiModel['schemas'] {
    const base = this.v2 ? ['definitions'] : ['components', 'schemas'];
    const map = obj(this.v2 ? this.doc.definitions : obj(this.doc.components)?.schemas);
    if (!map) return [];
    return Object.entries(map).flatMap(([name, raw]) => {
      const s = obj(raw);
      return s ? [{ node: s, ptr: [...base, name], name }] : [];
    });
  }

  securitySchemes(): SecurityScheme[] {
    const base = this.v2 ? ['securityDefinitions'] : ['components', 'securitySchemes'];
    const map = obj(
      this.v2 ? this.doc.securityDefinitions : obj(this.doc.components)?.securitySchemes,
    );
    if (!map) return [];
    const out: SecurityScheme[] = [];
    for (const [name, raw] of Object.entries(map)) {
      const s = obj(raw);
      if (!s) continue;
      const ptr = [...base, name];
      const type = this.v2 && s.type === 'basic' ? 'http' : String(s.type ?? '');
      const scheme =
        this.v2 && s.type === 'basic'
          ? 'basic'
          : typeof s.scheme === 'string'
            ? s.scheme.toLowerCase()
            : undefined;
      out.push({
        node: s,
        ptr,
        name,
        type,
        ...(scheme ? { scheme } : {}),
        flows: this.flows(s, ptr),
      });
    }
    return out;
  }

  private flows(s: Obj, ptr: string[]): OAuthFlow[] {
    if (s.type !== 'oauth2') return [];
    const flow = (name: string, f: Obj, fptr: string[]): OAuthFlow => ({
      node: f,
      ptr: fptr,
      name,
      ...(typeof f.authorizationUrl === 'string' ? { authorizationUrl: f.authorizationUrl } : {}),
      ...(typeof f.tokenUrl === 'string' ? { tokenUrl: f.tokenUrl } : {}),
      ...(typeof f.refreshUrl === 'string' ? { refreshUrl: f.refreshUrl } : {}),
      scopes: Object.fromEntries(
        Object.entries(obj(f.scopes) ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : '']),
      ),
    });
    if (this.v2) {
      const names: Record<string, string> = {
        implicit: 'implicit',
        password: 'password',
        application: 'clientCredentials',
        accessCode: 'authorizationCode',
      };
      return [flow(names[String(s.flow)] ?? String(s.flow), s, ptr)];
    }
    const flows = obj(s.flows) ?? {};
    return Object.entries(flows).flatMap(([name, f]) =>
      obj(f) ? [flow(name, obj(f)!, [...ptr, 'flows', name])] : [],
    );
  }

  requirements(list: unknown[], ptr: string[]): SecurityRequirements {
    return {
      node: list,
      ptr,
      requirements: list.flatMap((raw, i) => {
        const r = obj(raw);
        if (!r) return [];
        const schemes = Object.fromEntries(
          Object.entries(r).map(([k, v]) => [
            k,
            Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [],
          ]),
        );
        return [
          {
            node: r,
            ptr: [...ptr, String(i)],
            key: Object.keys(schemes).sort().join(' AND '),
            schemes,
          },
        ];
      }),
    };
  }

  servers(): OpenApiModel['servers'] {
    if (this.v2) {
      if (typeof this.doc.host !== 'string' && typeof this.doc.basePath !== 'string') return [];
      const schemes = stringList(this.doc.schemes) ?? ['https'];
      const host = typeof this.doc.host === 'string' ? this.doc.host : '';
      const basePath = typeof this.doc.basePath === 'string' ? this.doc.basePath : '';
      return schemes.map((scheme) => ({
        node: this.doc,
        ptr: host ? ['host'] : ['basePath'],
        url: host ? `${scheme}://${host}${basePath}` : basePath,
      }));
    }
    if (!Array.isArray(this.doc.servers)) return [];
    return this.doc.servers.flatMap((raw, i) => {
      const s = obj(raw);
      return s && typeof s.url === 'string'
        ? [{ node: s, ptr: ['servers', String(i)], url: s.url }]
        : [];
    });
  }
}

/** `/pets/{petId}` → `/pets/{}`: templates compared by shape. */
export function pathShape(path: string): string {
  return path.replace(/\{[^}/]*\}/g, '{}');
}

function templateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}/]*)\}/g)].map((m) => m[1]!);
}

function obj(x: unknown): Obj | undefined {
  return x && typeof x === 'object' && !Array.isArray(x) ? (x as Obj) : undefined;
}

function stringList(x: unknown): string[] | undefined {
  return Array.isArray(x) && x.length
    ? x.filter((s): s is string => typeof s === 'string')
    : undefined;
}

function firstContentSchema(content: unknown): object | undefined {
  const c = obj(content);
  if (!c) return undefined;
  for (const mt of Object.values(c)) {
    const s = obj(obj(mt)?.schema);
    if (s) return s;
  }
  return undefined;
}

/**
 * 3.1 allows `schema: true/false`. `true` admits every value, as no schema does (undefined);
 * `false` admits none: the comparator reads it as `not: {}`.
 */
function boolFalse(schema: unknown): object | undefined {
  return schema === false ? { not: {} } : undefined;
}

/** The schema `false` (as boolFalse builds it): no value validates. */
export function admitsNothing(schema: object | undefined): boolean {
  const s = obj(schema);
  return (
    !!s && Object.keys(s).length === 1 && !!obj(s.not) && Object.keys(obj(s.not)!).length === 0
  );
}
