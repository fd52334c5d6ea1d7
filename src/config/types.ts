import type {
  ContractRef,
  EvolutionMode,
  Format,
  Severity,
  StabilityLevel,
} from '../core/model.js';
import type { FailOn } from '../report/report.js';

/** One contract as written in treaty.yaml (paths relative to the config file's folder). */
export interface ContractConfig {
  id: string;
  /** Absent: recognised from the file (as discovery does). */
  format?: Format;
  /** Entry file (OpenAPI/AsyncAPI/JSON Schema) or root folder (protobuf). */
  path: string;
  /** Globs of files inside the root that belong to the contract (protobuf, jsonschema). */
  include?: string[];
  evolution?: EvolutionMode;
  transitive?: boolean;
  /** The major line this entry provides (else the document's version says). */
  major?: number;
  /** Format options passed to the adapter untouched (perspective, lenient, categories, direction, ...). */
  options?: Record<string, unknown>;
}

/** The validated, resolved treaty.yaml (or the defaults when there is none). */
export interface TreatyConfig {
  /** Absolute path of the config file, undefined when defaults are used. */
  file?: string;
  /** Absolute folder everything is relative to (the config file's folder, or --cwd). */
  root: string;
  /** Absolute path of the registry folder (default `<root>/registry`). */
  registry: string;
  contracts?: ContractConfig[];
  /** Line (and column) of each contract entry in the config file, for errors that name it. */
  contractLines?: Array<{ line: number; column: number }>;
  policy: {
    failOn: FailOn;
    evolution: EvolutionMode;
    severity: Record<string, Severity | 'off'>;
    /** Elements that declare a stability below this level change freely (default beta). */
    stability: StabilityLevel;
    /** Absolute path of the waivers file, if any. */
    waivers?: string;
    /** Deprecation before removal: days a deprecation must be published before the removal. */
    deprecation?: { minDays: number };
  };
  allowRemoteRefs: boolean;
}

export type { ContractRef };
