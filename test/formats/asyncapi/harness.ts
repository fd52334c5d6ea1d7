import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Catalogue } from '../../../src/core/catalogue.js';
import type { FormatAdapter } from '../../../src/core/adapter.js';
import { SCHEMA_RULES } from '../../../src/core/jsonschema/rules.js';
import type { ContractRef, Finding } from '../../../src/core/model.js';
import { DirSource } from '../../../src/core/source.js';
import { asyncapiAdapter } from '../../../src/formats/asyncapi/adapter.js';
import { ASYNCAPI_RULES } from '../../../src/formats/asyncapi/rules.js';
import { jsonschemaAdapter } from '../../../src/formats/jsonschema/adapter.js';
import { JSONSCHEMA_RULES } from '../../../src/formats/jsonschema/rules.js';

/**
 * Runs a fixture pair: `<case>/base.yaml` + `<case>/revision.yaml` (or `<case>/base/` and
 * `<case>/revision/` folders holding `asyncapi.yaml` and the files it references).
 */
export const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../fixtures',
);

export const catalogue = new Catalogue()
  .register(SCHEMA_RULES)
  .register(ASYNCAPI_RULES)
  .register(JSONSCHEMA_RULES);

export interface Brief {
  rule: string;
  severity: string;
  /** Path relative to the case folder. */
  file: string;
  line: number;
}

export function side(caseDir: string, name: 'base' | 'revision', entry = 'asyncapi.yaml') {
  const folder = path.join(caseDir, name);
  if (existsSync(folder) && statSync(folder).isDirectory()) return { root: folder, entry };
  for (const ext of ['.yaml', '.yml', '.json']) {
    if (existsSync(folder + ext)) return { root: caseDir, entry: name + ext };
  }
  throw new Error(`no ${name} in ${caseDir}`);
}

export async function diffWith(
  adapter: FormatAdapter<any>,
  caseDir: string,
  options?: Record<string, unknown>,
  entries?: (s: { root: string; entry: string }) => string[],
  withProblems = false,
): Promise<Finding[]> {
  const load = async (name: 'base' | 'revision') => {
    const s = side(caseDir, name);
    const ref: ContractRef = {
      id: 'events',
      format: adapter.format,
      root: s.root,
      entries: entries ? entries(s) : [s.entry],
      ...(options ? { options } : {}),
    };
    return adapter.load(ref, new DirSource(s.root));
  };
  const [base, rev] = [await load('base'), await load('revision')];
  const found = adapter.compare(base, rev, {
    catalogue,
    contract: 'events',
    ...(options ? { options } : {}),
  });
  // What a run reports: the revision's load problems, then the comparison.
  return withProblems ? [...(rev.problems ?? []), ...found] : found;
}

/** A fixture pair as a run reports it: the revision's load problems (warnings) included. */
export async function diffCaseReported(
  caseDir: string,
  options?: Record<string, unknown>,
): Promise<Finding[]> {
  return diffWith(asyncapiAdapter, caseDir, options, undefined, true);
}

export async function diffCase(
  caseDir: string,
  options?: Record<string, unknown>,
): Promise<Finding[]> {
  return diffWith(asyncapiAdapter, caseDir, options);
}

export async function diffSchemas(caseDir: string, options?: Record<string, unknown>) {
  return diffWith(jsonschemaAdapter, caseDir, options, () => []);
}

/** Findings as (rule, severity, file relative to the case, line), in a stable order. */
export function brief(findings: readonly Finding[], caseDir: string): Brief[] {
  return findings
    .map((f) => ({
      rule: f.rule,
      severity: f.severity,
      file: path.relative(caseDir, f.location.file).split(path.sep).join('/'),
      line: f.location.line,
    }))
    .sort(
      (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule),
    );
}

export { jsonschemaAdapter };
