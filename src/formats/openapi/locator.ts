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
export class Locator {
  private readonly origins = new WeakMap<object, Origin>();
  private readonly maps = new Map<string, LocationMap>();

  constructor(
    /** Absolute path of a file for display (`FileSource.absolute`). */
    private readonly absolute: (rel: string) => string,
  ) {}

  /** Records a parsed file: its location map and every object node of its value. */
  addFile(rel: string, map: LocationMap, value: unknown): void {
    this.maps.set(rel, map);
    const stack: Array<{ node: unknown; pointer: string[] }> = [{ node: value, pointer: [] }];
    while (stack.length) {
      const { node, pointer } = stack.pop()!;
      if (!node || typeof node !== 'object' || this.origins.has(node)) continue;
      this.origins.set(node, { file: rel, pointer });
      if (Array.isArray(node)) {
        node.forEach((child, i) => stack.push({ node: child, pointer: [...pointer, String(i)] }));
      } else {
        for (const [key, child] of Object.entries(node)) {
          if (child && typeof child === 'object')
            stack.push({ node: child, pointer: [...pointer, key] });
        }
      }
    }
  }

  /** Registers a node built by normalisation (e.g. a 2.0 parameter's schema) at an existing origin. */
  register(node: object, origin: Origin): void {
    if (!this.origins.has(node)) this.origins.set(node, origin);
  }

  /** Registers `node` at the origin of `like`, when `like` is known. */
  registerLike(node: object, like: object, ...extra: string[]): void {
    const o = this.origins.get(like);
    if (o) this.register(node, { file: o.file, pointer: [...o.pointer, ...extra] });
  }

  origin(node: object): Origin | undefined {
    return this.origins.get(node);
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
    const o = this.origins.get(node);
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
