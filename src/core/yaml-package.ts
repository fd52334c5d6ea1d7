import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');
let loaded: Yaml | undefined;

/**
 * The `yaml` package, loaded on first use: it takes ~60 ms to load, and most YAML is read by the
 * fast path (yaml-fast.ts) without it. Its node tree is needed for positions the fast path is
 * unsure of, for YAML errors with their line, and where a file is edited keeping its comments.
 */
export function yamlPackage(): Yaml {
  return (loaded ??= createRequire(import.meta.url)('yaml') as Yaml);
}
