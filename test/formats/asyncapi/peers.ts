import { createRequire } from 'node:module';
import type { LoadedContract } from '../../../src/core/adapter.js';
import type { AsyncModel } from '../../../src/formats/asyncapi/model.js';

/**
 * The peer tools, run the way their documentation says: @asyncapi/diff on two valid, dereferenced
 * documents; json-schema-diff-validator on two schemas (it throws on a breaking change).
 */
const require = createRequire(import.meta.url);
const asyncapiDiff = require('@asyncapi/diff') as {
  diff(a: unknown, b: unknown): { breaking(): Array<{ path: string; action: string }> };
};
const jsdv = require('json-schema-diff-validator') as {
  validateSchemaCompatibility(a: unknown, b: unknown): void;
};

/** A JSON copy with cycles cut (both tools walk the documents with fast-json-patch). */
export function plain(value: unknown): unknown {
  const onPath = new Set<object>();
  const walk = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (onPath.has(v)) return {};
    onPath.add(v);
    const out = Array.isArray(v)
      ? v.map(walk)
      : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    onPath.delete(v);
    return out;
  };
  return walk(value);
}

/** The dereferenced document of a loaded contract (resolved in place at load time). */
export async function dereferenced(c: LoadedContract<AsyncModel>): Promise<unknown> {
  return plain(await c.model.docs.load(c.model.rootFile));
}

/** @asyncapi/diff's verdict: the breaking change paths, or `error` when it refuses the pair. */
export function asyncapiDiffBreaking(a: unknown, b: unknown): string[] | 'error' {
  try {
    return asyncapiDiff
      .diff(a, b)
      .breaking()
      .map((c) => `${c.action} ${c.path}`);
  } catch {
    return 'error';
  }
}

/** json-schema-diff-validator's verdict: true when it calls the change breaking. */
export function jsdvBreaking(a: unknown, b: unknown): boolean {
  try {
    jsdv.validateSchemaCompatibility(plain(a), plain(b));
    return false;
  } catch {
    return true;
  }
}
