import { isDeepStrictEqual } from 'node:util';
import { renameHint } from '../../../core/catalogue.js';
import { ANNOTATIONS } from '../../../core/jsonschema/normalise.js';
import { matchBy, type Matched } from '../../../core/match.js';
import type { Finding } from '../../../core/model.js';
import type { Element, Operation, Parameter } from '../model.js';
import type { Diff } from './context.js';
import { compareParameterDeprecation, removal } from './lifecycle.js';

/**
 * Request parameters of a matched operation, keyed by location and name (header names
 * case-insensitive, path parameters by their position in the template, so `/pets/{id}` and
 * `/pets/{petId}` carry the same parameter). Path-item parameters are already merged in.
 */
export function compareParameters(d: Diff, b: Operation, r: Operation): void {
  const operation = r.label;
  const m = pairByName(matchBy(b.parameters, r.parameters, (p) => p.key));
  const start = d.out.length;

  for (const { rev: p } of m.added) {
    const args = { operation, in: p.in, name: p.name };
    if (p.in === 'path') d.added('new-request-path-parameter', args, p);
    else if (p.fromPathItem) {
      d.added(
        p.required
          ? 'new-required-request-default-parameter-to-existing-path'
          : 'new-optional-request-default-parameter-to-existing-path',
        args,
        p,
      );
    } else {
      d.added(
        p.required ? 'new-required-request-parameter' : 'new-optional-request-parameter',
        args,
        p,
      );
    }
  }

  for (const { base: p } of m.removed) {
    const args = { operation, in: p.in, name: p.name };
    const verdict = removal(p.deprecated, p.sunset, d.policy.today);
    switch (verdict.kind) {
      case 'without-deprecation':
        d.removed('request-parameter-removed', args, p);
        break;
      case 'with-deprecation':
        d.removed('request-parameter-removed-with-deprecation', args, p, {
          deprecation: verdict.sunset ? { sunset: verdict.sunset } : {},
        });
        break;
      case 'before-sunset':
        d.removed(
          'request-parameter-removed-before-sunset',
          { ...args, sunset: verdict.sunset },
          p,
        );
        break;
      case 'sunset-parse':
        d.removed('request-parameter-sunset-parse', { ...args, sunset: verdict.raw }, [
          p,
          'x-sunset',
        ]);
        break;
    }
  }

  foldRename(d, start, m.added, m.removed);

  for (const { base: bp, rev: rp } of m.both) {
    compareParameter(d, r, bp, rp);
  }
}

/**
 * A path parameter whose name is not in its template (an invalid document, reported by the loader)
 * is keyed by its name: when the other side declares a path parameter of that name, they are one
 * parameter (`testId` beside `/test/{id}`, then `/test/{testId}`). Parameters in their templates
 * stay paired by position, so `{group_id}` → `{groupId}` is one parameter.
 */
function pairByName(m: Matched<Parameter>): Matched<Parameter> {
  const misplaced = (p: Parameter) => p.in === 'path' && !p.key.startsWith('path:#');
  const both = [...m.both];
  const added = [...m.added];
  const removed = m.removed.filter(({ base }) => {
    if (base.in !== 'path') return true;
    const i = added.findIndex(
      ({ rev }) =>
        rev.in === 'path' && rev.name === base.name && (misplaced(base) || misplaced(rev)),
    );
    if (i < 0) return true;
    both.push({ key: base.key, base, rev: added.splice(i, 1)[0]!.rev });
    return false;
  });
  return { added, removed, both };
}

const RANK: Record<string, number> = { info: 0, warning: 1, breaking: 2 };

/**
 * One parameter removed and one added in the same location, of the same type: probably a rename.
 * One finding says so — the more severe of the two (the removal on a tie), naming the other.
 */
function foldRename(
  d: Diff,
  start: number,
  added: ReadonlyArray<{ rev: Parameter }>,
  removed: ReadonlyArray<{ base: Parameter }>,
): void {
  if (added.length !== 1 || removed.length !== 1) return;
  const a = added[0]!.rev;
  const b = removed[0]!.base;
  if (a.in !== b.in || a.in === 'path' || typeOf(a) !== typeOf(b)) return;
  const emitted = d.out.slice(start);
  if (emitted.length !== 2) return;
  const [fa, fr] = emitted as [Finding, Finding];
  const keepAdded = RANK[fa.severity]! > RANK[fr.severity]!;
  const kept = keepAdded ? fa : fr;
  const hint: Record<string, string> = keepAdded ? { renamedFrom: b.name } : { renamedTo: a.name };
  kept.args = { ...kept.args, ...hint };
  kept.message += renameHint(hint);
  d.out.splice(start, 2, kept);
}

function typeOf(p: Parameter): string {
  const t = (p.schema as Record<string, unknown> | undefined)?.type;
  return Array.isArray(t) ? t.join(',') : typeof t === 'string' ? t : '';
}

function compareParameter(d: Diff, op: Operation, b: Parameter, r: Parameter): void {
  const args = { operation: op.label, in: r.in, name: r.name };

  d.requiredChanged(
    {
      required: 'request-parameter-became-required',
      optional: 'request-parameter-became-optional',
    },
    args,
    b,
    r,
  );

  compareParameterDeprecation(d, op, b, r, args);

  // A default matters to clients that leave an optional parameter out (oasdiff: both optional).
  // A path parameter is compared as written: one that does not say `required: true` declares a
  // default (oasdiff reads it so), also when only its name changed (`{group_id}` → `{groupId}`).
  const optional = (p: Parameter) => (p.in === 'path' ? !p.writtenRequired : !p.required);
  if (optional(b) && optional(r)) {
    const bd = defaultOf(b);
    const rd = defaultOf(r);
    if (bd.has || rd.has) {
      if (!bd.has) {
        d.changed(
          'request-parameter-default-value-added',
          { ...args, after: show(rd.value) },
          b,
          defaultAt(r),
          {
            after: rd.value,
          },
        );
      } else if (!rd.has) {
        d.changed(
          'request-parameter-default-value-removed',
          { ...args, before: show(bd.value) },
          defaultAt(b),
          r,
          {
            before: bd.value,
          },
        );
      } else if (!isDeepStrictEqual(bd.value, rd.value)) {
        d.changed(
          'request-parameter-default-value-changed',
          { ...args, before: show(bd.value), after: show(rd.value) },
          defaultAt(b),
          defaultAt(r),
          { before: bd.value, after: rd.value },
        );
      }
    }
  }

  // Serialisation: compared by the methods in effect, so writing out a default is no change.
  if (b.schema && r.schema) {
    if (b.style !== r.style) {
      d.changed(
        'request-parameter-style-changed',
        { ...args, before: b.style, after: r.style },
        [b, 'style'],
        [r, 'style'],
        { before: b.style, after: r.style },
      );
    } else if (b.explode !== r.explode && !(isScalar(b.schema) && isScalar(r.schema))) {
      d.changed(
        'request-parameter-explode-changed',
        { ...args, before: b.explode, after: r.explode },
        [b, 'explode'],
        [r, 'explode'],
        { before: b.explode, after: r.explode },
      );
    }
  }
  if (r.in === 'query' && b.allowReserved !== r.allowReserved) {
    d.changed(
      r.allowReserved
        ? 'request-parameter-became-allow-reserved'
        : 'request-parameter-became-not-allow-reserved',
      args,
      [b, 'allowReserved'],
      [r, 'allowReserved'],
    );
  }

  if (b.schema && r.schema) {
    if (spreads(b, r)) {
      // `?tag=a` is a one-element array of a form-exploded query parameter: a scalar that became
      // such an array of itself still accepts what clients sent (oasdiff: type generalized).
      d.changed(
        'request-parameter-type-generalized',
        {
          subject: `${r.in} parameter '${r.name}'`,
          change: 'type-generalized',
          before: typeOf(b) || 'any',
          after: 'array',
        },
        schemaAt(b, 'type'),
        schemaAt(r, 'type'),
        { before: typeOf(b), after: 'array' },
      );
    } else {
      d.schemas({ schema: b.schema, at: b }, { schema: r.schema, at: r }, 'write', {
        kind: 'request-parameter',
        in: r.in,
        name: r.name,
      });
    }
  }
}

/**
 * A query parameter serialised `style: form, explode: true` (the default) whose scalar schema
 * became an array whose items accept every value the scalar did: `?tag=a` is a one-element array.
 * Every query value is text, so items of type string accept any scalar type (`string|integer` →
 * array of strings), number accepts integer. The items' other keywords must be those of the
 * scalar (a `pattern` or `maxLength` added to the items refuses values sent before), the array
 * must accept one item, and a nullable scalar stays nullable. Anything else is compared as schemas
 * (a type change).
 */
function spreads(b: Parameter, r: Parameter): boolean {
  if (r.in !== 'query' || r.style !== 'form' || !r.explode || !b.schema || !r.schema) return false;
  const base = b.schema as Record<string, unknown>;
  const arr = r.schema as Record<string, unknown>;
  const items = arr.items as Record<string, unknown> | undefined;
  const baseTypes = typesOf(base);
  if (!isScalar(base) || !baseTypes.length || !items || typeof items !== 'object') return false;
  if (!typesOf(arr).includes('array') || typesOf(arr).some((t) => t !== 'array')) return false;
  if (typeof arr.minItems === 'number' && arr.minItems > 1) return false;
  if (arr.maxItems === 0) return false;
  const itemTypes = typesOf(items);
  const accepts = (t: string) =>
    itemTypes.includes(t) ||
    itemTypes.includes('string') ||
    (t === 'integer' && itemTypes.includes('number'));
  if (!baseTypes.every(accepts)) return false;
  if (nullable(base) && !nullable(arr) && !nullable(items)) return false;
  const arrayRest = Object.keys(arr).filter(
    (k) =>
      !['type', 'items', 'nullable', 'minItems', 'maxItems', 'uniqueItems'].includes(k) &&
      !ANNOTATIONS.has(k) &&
      !k.startsWith('x-'),
  );
  return !arrayRest.length && isDeepStrictEqual(constraints(base), constraints(items));
}

/** The declared types without `null` (3.1 type arrays; 3.0 `nullable` is read by `nullable`). */
function typesOf(s: Record<string, unknown>): string[] {
  const t = s.type;
  return (Array.isArray(t) ? t.map(String) : typeof t === 'string' ? [t] : []).filter(
    (x) => x !== 'null',
  );
}

function nullable(s: Record<string, unknown>): boolean {
  return (
    s.nullable === true ||
    s['x-nullable'] === true ||
    (Array.isArray(s.type) && s.type.includes('null'))
  );
}

/** The keywords that constrain values, apart from the type and nullability. */
function constraints(s: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(s).filter(
      ([k]) =>
        !['type', 'nullable', 'x-nullable'].includes(k) &&
        !ANNOTATIONS.has(k) &&
        !k.startsWith('x-'),
    ),
  );
}

function defaultOf(p: Parameter): { has: boolean; value?: unknown } {
  const s = p.schema as Record<string, unknown> | undefined;
  return s && 'default' in s ? { has: true, value: s.default } : { has: false };
}

/** The default of the parameter's schema (a 2.0 parameter's built schema is located at the parameter). */
function defaultAt(p: Parameter): readonly [Element, ...string[]] {
  return schemaAt(p, 'default');
}

/** A keyword of the parameter's schema (a 2.0 parameter's built schema is located at the parameter). */
function schemaAt(p: Parameter, keyword: string): readonly [Element, ...string[]] {
  return p.schema ? [{ node: p.schema, ptr: [...p.ptr, 'schema'] }, keyword] : [p];
}

function show(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Every value the schema allows is a single value (explode changes nothing on the wire). */
function isScalar(schema: object): boolean {
  const s = schema as Record<string, unknown>;
  if (s.oneOf || s.anyOf || s.allOf) return false;
  const types = Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type];
  if (!types.length) return false;
  return types.every((t) => ['string', 'number', 'integer', 'boolean', 'null'].includes(String(t)));
}
