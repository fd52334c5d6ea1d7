import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes `files` (relative path → text) under `dir`, creating folders as needed. */
export function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}
