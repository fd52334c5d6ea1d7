import { promises as fs } from 'node:fs';
import path from 'node:path';
import { registrySpec } from '../registry/location.js';
import { InputError } from '../core/errors.js';
import { LocationMap } from '../core/locations.js';
import { readTextFile } from '../core/text.js';
import { limitsFrom, setLimits } from '../core/limits.js';
import type { EvolutionMode, Severity, StabilityLevel } from '../core/model.js';
import { describeError, schemaValidator } from '../core/json-schema-validator.js';
import type { FailOn } from '../report/report.js';
import type { ContractConfig, TreatyConfig } from './types.js';

export const CONFIG_NAMES = ['treaty.yaml', 'treaty.yml'];

interface RawConfig {
  version?: 1;
  registry?: string;
  allowRemoteRefs?: boolean;
  limits?: { depth?: number; fileSizeMb?: number; files?: number; aliases?: number };
  contracts?: Array<Record<string, unknown>>;
  policy?: {
    'fail-on'?: FailOn;
    evolution?: EvolutionMode;
    severity?: Record<string, Severity | 'off'>;
    stability?: StabilityLevel;
    waivers?: string;
    deprecation?: { minDays?: number };
  };
}

const CORE_KEYS = new Set(['id', 'format', 'path', 'include', 'evolution', 'transitive', 'major']);

/**
 * Loads treaty.yaml from `cwd` (or the given path), validates it against
 * schemas/treaty.schema.json and resolves its paths. Without a config file, returns the defaults
 * (contracts are then discovered). Any problem is an InputError with the file, line and key.
 */
export async function loadConfig(cwd: string, configPath?: string): Promise<TreatyConfig> {
  let file: string | undefined;
  if (configPath) {
    file = path.resolve(cwd, configPath);
  } else {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(cwd, name);
      if (await isFile(candidate)) {
        file = candidate;
        break;
      }
    }
  }
  if (!file) return defaults(cwd);

  const text = readTextFile(file, 'config file');
  const { map, value } = LocationMap.parse(file, text);
  const raw = (value ?? {}) as RawConfig;
  const validate = schemaValidator('treaty.schema.json');
  if (!validate(raw)) {
    const problem = describeError(validate.errors![0]!);
    const at = map.locate(problem.pointer);
    throw new InputError(`invalid config: ${problem.message}`, {
      file,
      line: at.line,
      column: at.column,
    });
  }
  const root = path.dirname(file);
  const cfg = defaults(root);
  cfg.file = file;
  if (raw.registry) cfg.registry = registrySpec(raw.registry, root);
  cfg.allowRemoteRefs = raw.allowRemoteRefs ?? false;
  if (raw.limits) setLimits('config', limitsFrom(raw.limits));
  if (raw.policy?.['fail-on']) cfg.policy.failOn = raw.policy['fail-on'];
  if (raw.policy?.evolution) cfg.policy.evolution = raw.policy.evolution;
  if (raw.policy?.severity) cfg.policy.severity = raw.policy.severity;
  if (raw.policy?.stability) cfg.policy.stability = raw.policy.stability;
  if (raw.policy?.waivers) cfg.policy.waivers = path.resolve(root, raw.policy.waivers);
  if (raw.policy?.deprecation?.minDays !== undefined) {
    cfg.policy.deprecation = { minDays: raw.policy.deprecation.minDays };
  }
  if (raw.contracts) {
    // An id may be listed once per major line, each entry with its own path (the major comes
    // from the document's version or `major:`; two entries in one line are caught when loaded).
    const seen = new Map<string, Array<{ path: string; major?: number }>>();
    cfg.contractLines = raw.contracts.map((_, i) => {
      const at = map.locate(['contracts', String(i)]);
      return { line: at.line, column: at.column };
    });
    cfg.contracts = raw.contracts.map((c, i) => {
      const id = c.id as string;
      const major = c.major as number | undefined;
      const twin = seen
        .get(id)
        ?.find((o) => o.path === c.path || (major !== undefined && o.major === major));
      if (twin) {
        const at = map.locate(['contracts', String(i), 'id']);
        const why = twin.path === c.path ? `with path '${twin.path}'` : `for major line ${major}`;
        throw new InputError(
          `invalid config: contract id '${id}' is listed twice ${why} (list a contract once per major line, each with its own path)`,
          { file, line: at.line, column: at.column },
        );
      }
      seen.set(id, [
        ...(seen.get(id) ?? []),
        { path: c.path as string, ...(major !== undefined ? { major } : {}) },
      ]);
      const options: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(c)) if (!CORE_KEYS.has(k)) options[k] = v;
      const contract: ContractConfig = { id, path: c.path as string };
      if (c.format) contract.format = c.format as ContractConfig['format'];
      if (c.include) contract.include = c.include as string[];
      if (c.evolution) contract.evolution = c.evolution as EvolutionMode;
      if (c.transitive !== undefined) contract.transitive = c.transitive as boolean;
      if (major !== undefined) contract.major = major;
      if (Object.keys(options).length) contract.options = options;
      return contract;
    });
  }
  return cfg;
}

function defaults(root: string): TreatyConfig {
  return {
    root,
    registry: path.join(root, 'registry'),
    policy: { failOn: 'breaking', evolution: 'expansion', severity: {}, stability: 'beta' },
    allowRemoteRefs: false,
  };
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}
