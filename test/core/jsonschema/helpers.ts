import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Catalogue, findingFactory } from '../../../src/core/catalogue.js';
import { LocationMap } from '../../../src/core/locations.js';
import type { Finding, SourceLocation } from '../../../src/core/model.js';
import { pointerFromString } from '../../../src/core/model.js';
import type {
  SchemaComparatorOptions,
  SchemaDirection,
  SchemaPlace,
  SchemaSide,
} from '../../../src/core/jsonschema/api.js';
import { createSchemaComparator } from '../../../src/core/jsonschema/compare.js';
import { fileSchemaSide } from '../../../src/core/jsonschema/locate.js';
import { SCHEMA_RULES } from '../../../src/core/jsonschema/rules.js';

export const FIXTURES = resolve(import.meta.dirname, '../../../fixtures/jsonschema-compare');

export const catalogue = new Catalogue().register(SCHEMA_RULES);

/**
 * Replaces local `$ref` objects by their targets, in place (same identity, as swagger-parser's
 * dereference does), so shared components are shared nodes and recursive schemas are cycles.
 */
export function derefLocal(root: unknown): unknown {
  const target = (ref: string): unknown => {
    let node: unknown = root;
    for (const seg of pointerFromString(ref)) node = (node as Record<string, unknown>)[seg];
    return node;
  };
  const seen = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    const entries = Array.isArray(node) ? node.entries() : Object.entries(node);
    for (const [key, child] of entries) {
      if (
        child &&
        typeof child === 'object' &&
        typeof (child as { $ref?: unknown }).$ref === 'string'
      ) {
        let t = target((child as { $ref: string }).$ref);
        // Chains of refs.
        while (t && typeof t === 'object' && typeof (t as { $ref?: unknown }).$ref === 'string')
          t = target((t as { $ref: string }).$ref);
        (node as Record<string | number, unknown>)[key as string] = t;
        visit(t);
      } else visit(child);
    }
  };
  visit(root);
  return root;
}

/** Parses a YAML text, resolves local refs and returns a side for the schema at `pointer`. */
export function sideOf(
  file: string,
  text: string,
  pointer = '',
  dialect: SchemaSide['dialect'] = 'openapi-3.1',
): SchemaSide {
  const { map, value } = LocationMap.parse(file, text);
  // Locations are recorded before dereferencing, so shared nodes point at their definition.
  const side = fileSchemaSide(map, value, [], dialect);
  derefLocal(value);
  return { ...side, schema: resolvePointer(value, pointer) };
}

function resolvePointer(value: unknown, pointer: string): unknown {
  let node = value;
  for (const seg of pointerFromString(pointer)) node = (node as Record<string, unknown>)[seg];
  return node;
}

/** The same document, another schema in it (`side` must be the document root). */
export function at(side: SchemaSide, pointer: string): SchemaSide {
  return { ...side, schema: resolvePointer(side.schema, pointer) };
}

export function loadSide(path: string, pointer = '', dialect?: SchemaSide['dialect']): SchemaSide {
  return sideOf(path, readFileSync(path, 'utf8'), pointer, dialect);
}

const fallback = (file: string): SourceLocation => ({ file, line: 1, column: 1, pointer: [] });

export interface RunOptions {
  place?: SchemaPlace;
  direction?: SchemaDirection;
  affects?: string;
  format?: 'openapi' | 'asyncapi' | 'jsonschema';
  /** Pointer of the place (e.g. the media type) in both files; schemas elsewhere are named schemas. */
  fallback?: string[];
  lifecycle?: SchemaComparatorOptions['lifecycle'];
}

/** Compares two sides once and returns the findings. */
export function diff(base: SchemaSide, rev: SchemaSide, o: RunOptions = {}): Finding[] {
  const c = comparator(o.format, o.lifecycle);
  c.compare(base, rev, o);
  return c.cmp.findings();
}

/** One comparator for several requests (as an adapter uses it for a whole document). */
export function comparator(
  format: RunOptions['format'] = 'openapi',
  lifecycle?: RunOptions['lifecycle'],
) {
  const cmp = createSchemaComparator({
    catalogue,
    make: findingFactory(catalogue, 'c', format),
    format,
    ...(lifecycle ? { lifecycle } : {}),
  });
  return {
    cmp,
    compare(base: SchemaSide, rev: SchemaSide, o: RunOptions = {}) {
      const at = (side: SchemaSide, name: string): SourceLocation => ({
        ...fallback(side.locate(side.schema as object)?.file ?? name),
        pointer: o.fallback ?? [],
      });
      cmp.compare({
        base,
        rev,
        direction: o.direction ?? 'write',
        place: o.place ?? { kind: 'request-body', mediaType: 'application/json' },
        affects: o.affects ?? 'POST /x',
        fallbackBase: at(base, 'base'),
        fallbackRev: at(rev, 'rev'),
      });
    },
  };
}

/** Short view of findings for assertions: rule, severity, file name, line. */
export function brief(fs: Finding[]): string[] {
  return fs.map(
    (f) => `${f.rule} ${f.severity} ${f.location.file.split('/').pop()}:${f.location.line}`,
  );
}
