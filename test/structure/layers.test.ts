import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths.js';

/** Every .ts file under a folder of src/, recursively. */
function files(dir: string): string[] {
  const abs = path.join(ROOT, 'src', dir);
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(abs, f));
}

/** The src/ folders a file imports from (relative imports only). */
function importedLayers(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const layers: string[] = [];
  for (const m of text.matchAll(/from\s+'(\.[^']+)'/g)) {
    const target = path.relative(path.join(ROOT, 'src'), path.resolve(path.dirname(file), m[1]!));
    layers.push(target.split(path.sep)[0]!);
  }
  return layers;
}

describe('layers', () => {
  // core holds the model, catalogue, matcher and shared comparator; it must not know the formats,
  // nor the orchestration, config or CLI above it.
  for (const [layer, forbidden] of [
    ['core', ['formats', 'engine', 'config', 'cli', 'policy', 'registry', 'report']],
    ['config', ['formats', 'engine', 'cli']],
    ['formats', ['engine', 'cli', 'config']],
  ] as const) {
    it(`src/${layer} imports none of ${forbidden.join(', ')}`, () => {
      const bad = files(layer).flatMap((f) =>
        importedLayers(f)
          .filter((l) => (forbidden as readonly string[]).includes(l))
          .map((l) => `${path.relative(ROOT, f)} → src/${l}`),
      );
      expect(bad).toEqual([]);
    });
  }
});
