// Types of generate.mjs, for test/bench.
export interface Pair {
  base: Map<string, string>;
  revision: Map<string, string>;
}
export const DEFAULT_SEED: number;
export const CHANGES: Record<string, { breaking: string[]; additive: string[] }>;
export const GENERATORS: Record<string, (seed: number) => Pair>;
export function prng(seed: number): () => number;
export function generate(name: string, seed?: number): Pair;
export function writeSides(dir: string, pair: Pair): Pair;
