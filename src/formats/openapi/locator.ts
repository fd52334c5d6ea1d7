import type { LocationMap } from '../../core/locations.js';
import type { Pointer, SourceLocation } from '../../core/model.js';

/** Where a parsed object node was written: the file (relative to the contract root) and its pointer there. */
export interface Origin {
  file: string;
  pointer: Pointer;
}

/**
 * The location map of a loaded OpenAPI document. Every object node (objects and arrays) of every
 * parsed file is recorded by identity BEFORE `$ref`s are dereferenced; dereferencing replaces a
 * `$ref` object by its target object (same identity), so any node of the resolved document —
 * including nodes reached through `$ref`s into other files — can be located afterwards.
 */
/** Where a parsed node sits: its parent node and key (the pointer is built when asked for). */
interface Link {
  file: string;
  up: object | undefined;
  key: string;
}

export class Locator {
  // A Map, not a WeakMap: every node lives as long as the document anyway, and a Map takes the
  // hundreds of thousands of nodes of a large document at about half the cost.
  private readonly origins = new Map<object, Origin | Link>();
  private readonly maps = new Map<string, LocationMap>();

  constructor(
    /** Absolute path of a file for display (`FileSource.absolute`). */
    private readonly absolute: (rel: string) => string,
  ) {}

  /**
   * Records a parsed file: its location map and every object node of its value. `each` is called
   * with every node recorded, parents first (depth first, the last key of a node first).
   */
  addFile(rel: string, map: LocationMap, value: unknown, each?: (node: object) => void): void {
    this.maps.set(rel, map);
    if (!value || typeof value !== 'object' || this.origins.has(value)) return;
    // One link per node (parent and key), not a pointer array: a 13 MB document has millions.
    this.origins.set(value, { file: rel, up: undefined, key: '' });
    const stack: object[] = [value];
    while (stack.length) {
      const node = stack.pop()!;
      each?.(node);
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) this.link(node[i], rel, node, String(i), stack);
      } else {
        for (const key of Object.keys(node))
          this.link((node as Record<string, unknown>)[key], rel, node, key, stack);
      }
    }
  }

  private link(child: unknown, file: string, up: object, key: string, stack: object[]): void {
    if (!child || typeof child !== 'object' || this.origins.has(child)) return;
    this.origins.set(child, { file, up, key });
    stack.push(child);
  }

  /** Registers a node built by normalisation (e.g. a 2.0 parameter's schema) at an existing origin. */
  register(node: object, origin: Origin): void {
    if (!this.origins.has(node)) this.origins.set(node, origin);
  }

  /** Registers `node` at the origin of `like`, when `like` is known. */
  registerLike(node: object, like: object, ...extra: string[]): void {
    const o = this.origin(like);
    if (o) this.register(node, { file: o.file, pointer: [...o.pointer, ...extra] });
  }

  origin(node: object): Origin | undefined {
    const o = this.origins.get(node);
    if (!o || 'pointer' in o) return o;
    const keys: string[] = [];
    for (let l: Origin | Link | undefined = o; l;) {
      if ('pointer' in l) return { file: o.file, pointer: [...l.pointer, ...keys.reverse()] };
      if (l.up === undefined) break;
      keys.push(l.key);
      l = this.origins.get(l.up);
    }
    return { file: o.file, pointer: keys.reverse() };
  }

  /** The location map of one parsed file. */
  map(rel: string): LocationMap | undefined {
    return this.maps.get(rel);
  }

  files(): string[] {
    return [...this.maps.keys()];
  }

  /** Location of a node (pointer in its own file), or undefined for a node that was never parsed. */
  locate(node: object, ...extra: string[]): SourceLocation | undefined {
    const o = this.origin(node);
    if (!o) return undefined;
    return this.locateIn(o.file, [...o.pointer, ...extra]);
  }

  /** Location of a pointer inside one parsed file. */
  locateIn(rel: string, pointer: Pointer): SourceLocation {
    const map = this.maps.get(rel);
    if (!map) return { file: this.absolute(rel), line: 0, column: 0, pointer: [...pointer] };
    const loc = map.locate(pointer);
    return { ...loc, file: this.absolute(rel) };
  }
}
