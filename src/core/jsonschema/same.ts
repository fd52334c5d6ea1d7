import { keptRemoteRef } from '../kept-refs.js';

/**
 * Are two resolved schemas the same, key for key and value for value? Most schemas of a new
 * version are the ones of the last (GitHub's REST description changes a few hundred of its tens
 * of thousands between releases): a pair that is the same has no change to find, and detection
 * (which builds a normalised view of every node it walks) need not see it.
 *
 * Resolved documents share nodes and contain cycles, so sameness is decided coinductively: a pair
 * met again while it is being compared is assumed to be the same. A `true` that rests on such an
 * assumption is remembered only when the outermost comparison succeeds; any other result at once.
 * A `$ref` left in a resolved document (a remote reference that was not fetched) is never the
 * same as anything: what it points at may have changed, and the comparator says so.
 */
export class Sameness {
  private readonly known = new WeakMap<object, WeakMap<object, boolean>>();
  /** Answers given by assumption so far: a `true` reached without one rests on none. */
  private assumptions = 0;

  same(a: unknown, b: unknown): boolean {
    const assumed = new Map<object, Set<object>>();
    const result = this.eq(a, b, assumed);
    if (result) {
      for (const [x, ys] of assumed) for (const y of ys) this.remember(x, y, true);
    }
    return result;
  }

  private remember(a: object, b: object, value: boolean): void {
    let inner = this.known.get(a);
    if (!inner) this.known.set(a, (inner = new WeakMap()));
    inner.set(b, value);
  }

  private eq(a: unknown, b: unknown, assumed: Map<object, Set<object>>): boolean {
    if (a === b && (typeof a !== 'object' || a === null)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
      return Number.isNaN(a) && Number.isNaN(b);
    }
    const hit = this.known.get(a)?.get(b);
    if (hit !== undefined) return hit;
    let pending = assumed.get(a);
    if (pending?.has(b)) {
      this.assumptions++;
      return true;
    }
    if (!pending) assumed.set(a, (pending = new Set()));
    pending.add(b);
    const before = this.assumptions;
    const result = this.compareNodes(a, b, assumed);
    if (!result || this.assumptions === before) this.remember(a, b, result);
    return result;
  }

  private compareNodes(a: object, b: object, assumed: Map<object, Set<object>>): boolean {
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (Array.isArray(a)) {
      const y = b as unknown[];
      if (a.length !== y.length) return false;
      for (let i = 0; i < a.length; i++) if (!this.eq(a[i], y[i], assumed)) return false;
      return true;
    }
    const x = a as Record<string, unknown>;
    const y = b as Record<string, unknown>;
    if (typeof x.$ref === 'string' || typeof y.$ref === 'string') return false;
    // The same for a node that stands for one (an OpenAPI loader keeps it without its `$ref`).
    if (keptRemoteRef(x) !== undefined || keptRemoteRef(y) !== undefined) return false;
    const keys = Object.keys(x);
    if (keys.length !== Object.keys(y).length) return false;
    for (const k of keys) {
      if (!Object.prototype.hasOwnProperty.call(y, k)) return false;
      if (!this.eq(x[k], y[k], assumed)) return false;
    }
    return true;
  }
}
