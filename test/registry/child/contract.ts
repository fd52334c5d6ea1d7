import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { LoadedContract } from '../../../src/core/adapter.js';

/** The contract the crash tests publish: an entry and 20 referenced files, new bytes per `stamp`. */
export const CRASH_FILES = [
  'openapi.yaml',
  ...Array.from({ length: 20 }, (_, i) => `schemas/part-${String(i).padStart(2, '0')}.yaml`),
];

export async function writeCrashContract(root: string, stamp: string): Promise<LoadedContract> {
  await fs.rm(root, { recursive: true, force: true });
  await fs.mkdir(path.join(root, 'schemas'), { recursive: true });
  for (const f of CRASH_FILES) {
    await fs.writeFile(path.join(root, f), `description: ${f} ${stamp}\n${'x: 1\n'.repeat(200)}`);
  }
  return {
    ref: { id: 'crash', format: 'openapi', root, entries: ['openapi.yaml'] },
    files: CRASH_FILES,
    model: null,
  };
}
