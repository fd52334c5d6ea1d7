/**
 * Remote `$ref`s that were not fetched (`allowRemoteRefs` off), kept in the loaded document as
 * nodes that stand for them. Loaders (OpenAPI, AsyncAPI, JSON Schema documents) mark such a node
 * here; the JSON Schema comparator reads it as "not compared" (`ref-not-compared`) — never as a
 * schema that admits any value, and nothing beneath it is compared.
 */
const kept = new WeakMap<object, string>();

/** Marks `node` as standing for the remote reference `ref`, which was not fetched. */
export function keepRemoteRef(node: object, ref: string): void {
  kept.set(node, ref);
}

/** The remote reference `node` stands for, when it is one that was not fetched. */
export function keptRemoteRef(node: unknown): string | undefined {
  return typeof node === 'object' && node !== null ? kept.get(node) : undefined;
}
