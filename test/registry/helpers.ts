import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedContract } from '../../src/core/adapter.js';
import { Catalogue, findingFactory } from '../../src/core/catalogue.js';
import type { Finding, Format } from '../../src/core/model.js';
import { MODES, defineRule } from '../../src/core/rule.js';
import { applyPlan } from '../../src/registry/apply.js';
import { planPublish, type PublishPlan } from '../../src/registry/plan.js';
import { openRegistry } from '../../src/registry/registry.js';

export const FIXTURE = fileURLToPath(new URL('../../fixtures/registry/petstore', import.meta.url));

export async function tmpDir(prefix = 'treaty-registry-'): Promise<string> {
  return fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), prefix)));
}

/** Writes a contract tree (posix relative path → text) into `root`, replacing what was there. */
export async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  await fs.rm(root, { recursive: true, force: true });
  for (const [rel, text] of Object.entries(files)) {
    const p = path.join(root, ...rel.split('/'));
    await fs.mkdir(path.dirname(p), { recursive: true });
    await fs.writeFile(p, text);
  }
}

export async function copyFixture(dest: string): Promise<void> {
  await fs.cp(FIXTURE, dest, { recursive: true });
}

/** A loaded contract as an adapter returns it: entries plus the files they reference. */
export function contractAt(
  root: string,
  files: string[],
  o: { id?: string; version?: string; major?: number; format?: Format; entries?: string[] } = {},
): LoadedContract {
  return {
    ref: {
      id: o.id ?? 'petstore',
      format: o.format ?? 'openapi',
      root,
      entries: o.entries ?? [files[0]!],
    },
    ...(o.version !== undefined ? { version: o.version } : {}),
    ...(o.major !== undefined ? { major: o.major } : {}),
    files,
    model: null,
  };
}

/** Real rule declarations of every change kind, for findings with known kinds. */
export const RULES = [
  defineRule<{ path: string }>({
    id: 'test-operation-added',
    formats: ['openapi'],
    severity: 'info',
    description: 'an operation was added',
    kind: 'addition',
    modes: MODES.none,
    equivalents: {},
    message: (a) => `operation ${a.path} was added`,
  }),
  defineRule<{ path: string }>({
    id: 'test-operation-removed',
    formats: ['openapi'],
    severity: 'breaking',
    description: 'an operation was removed',
    kind: 'removal',
    modes: MODES.breaking,
    equivalents: {},
    message: (a) => `operation ${a.path} was removed`,
  }),
  defineRule<{ path: string }>({
    id: 'test-description-changed',
    formats: ['openapi'],
    severity: 'info',
    description: 'a description changed',
    kind: 'modification',
    modes: MODES.none,
    equivalents: {},
    message: (a) => `description of ${a.path} changed`,
  }),
  defineRule<{ path: string }>({
    id: 'test-operation-deprecated',
    formats: ['openapi'],
    severity: 'info',
    description: 'an operation was deprecated',
    kind: 'deprecation',
    modes: MODES.none,
    equivalents: {},
    message: (a) => `operation ${a.path} was deprecated`,
  }),
];

export const catalogue = new Catalogue().register(RULES);
export const kindOf = (rule: string) => catalogue.get(rule)?.kind;

export function finding(rule: string, p: string, file = '/x/openapi.yaml', line = 3): Finding {
  const make = findingFactory(catalogue, 'petstore', 'openapi');
  return make(rule, {
    args: { path: p },
    location: { file, line, column: 1, pointer: ['paths', p] },
  });
}

/** Plans and applies one publish; `findings` are what the comparison against the baseline found. */
export async function publish(
  registry: string,
  contract: LoadedContract,
  o: { findings?: Finding[]; version?: string; now?: Date; cwd?: string } = {},
): Promise<{ plan: PublishPlan; status: string }> {
  const reg = await openRegistry(registry);
  const plan = await planPublish({
    registry: reg,
    contract,
    compare: async () => o.findings ?? [],
    kindOf,
    ...(o.version ? { version: o.version } : {}),
    now: o.now ?? new Date('2026-01-01T00:00:00Z'),
    ...(o.cwd ? { cwd: o.cwd } : {}),
  });
  const res = await applyPlan(plan);
  return { plan, status: res.status };
}
