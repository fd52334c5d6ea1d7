import type { LocationMap } from '../locations.js';
import type { Pointer, SourceLocation } from '../model.js';
import type { SchemaSide } from './api.js';

/**
 * Locates the nodes of one parsed YAML/JSON file: walks the parsed value once, remembering the
 * pointer of every object and array by identity, and answers `locate` / `locateAt` through the
 * file's LocationMap. Reusable by loaders of single-file documents (AsyncAPI payload schemas,
 * JSON Schema contracts); the OpenAPI loader has its own multi-file Locator.
 */
export function fileLocator(
  map: LocationMap,
  value: unknown,
  file = map.file,
): Pick<SchemaSide, 'locate' | 'locateAt' | 'origin'> {
  const pointers = new WeakMap<object, Pointer>();
  const stack: Array<{ node: unknown; pointer: string[] }> = [{ node: value, pointer: [] }];
  while (stack.length) {
    const { node, pointer } = stack.pop()!;
    if (!node || typeof node !== 'object' || pointers.has(node)) continue;
    pointers.set(node, pointer);
    const entries = Array.isArray(node)
      ? node.map((child, i) => [String(i), child] as const)
      : Object.entries(node);
    for (const [key, child] of entries)
      if (child && typeof child === 'object')
        stack.push({ node: child, pointer: [...pointer, key] });
  }
  const at = (node: object, extra: readonly string[]): SourceLocation | undefined => {
    const pointer = pointers.get(node);
    if (!pointer) return undefined;
    return { ...map.locate([...pointer, ...extra]), file };
  };
  return {
    locate: (node) => at(node, []),
    locateAt: (node, path) => at(node, path),
    origin: (node) => {
      const pointer = pointers.get(node);
      return pointer ? { file, pointer } : undefined;
    },
  };
}

/** A SchemaSide over one parsed file: the schema at `pointer` inside `value`. */
export function fileSchemaSide(
  map: LocationMap,
  value: unknown,
  pointer: Pointer = [],
  dialect: SchemaSide['dialect'] = 'json-schema',
  file = map.file,
): SchemaSide {
  let schema: unknown = value;
  for (const seg of pointer) schema = (schema as Record<string, unknown> | undefined)?.[seg];
  return { schema, dialect, ...fileLocator(map, value, file) };
}
