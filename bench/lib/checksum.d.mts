// Types of checksum.mjs, for test/bench.
export interface Digest {
  files: number;
  sha256: string;
}
export function sha256(bytes: string | Uint8Array): string;
export function sha256File(file: string): string;
export function listTree(dir: string, exts?: string[], skip?: string[]): string[];
export function treeDigest(files: Map<string, string | Uint8Array>, hashed?: boolean): Digest;
export function dirDigest(dir: string, exts?: string[]): Digest;
export function checksumProblems(
  expected: Record<string, string>,
  actual: Record<string, string>,
): string[];
