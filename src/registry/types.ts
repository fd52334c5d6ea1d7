import type { ChangeItem } from '../changelog/model.js';
import type { FindingSummary, Format } from '../core/model.js';

/** Bump level a published version was given against its previous version. */
export type PublishBump = 'initial' | 'major' | 'minor' | 'patch' | 'release';

/** One file of a published version. */
export interface ManifestFile {
  /** Posix path relative to the version folder (= relative to the contract root). */
  path: string;
  sha256: string;
  size: number;
}

/** Finding messages grouped by kind of change (removals that do not break are under `changed`). */
export interface ManifestChanges {
  breaking: string[];
  added: string[];
  deprecated: string[];
  changed: string[];
}

/** `<registry>/<contract>/<version>/manifest.json` (schemas/registry-manifest.schema.json). */
export interface Manifest {
  manifestVersion: 1;
  contract: string;
  version: string;
  format: Format;
  /** Major line this version belongs to. */
  major: number;
  /** Version declared by the document (info.version), when it declares one. */
  documentVersion?: string;
  /** ISO timestamp. */
  publishedAt: string;
  /** Where it was published from, when the contract lives in a git repository. */
  source?: { commit: string; dirty: boolean };
  /** Entry files (subset of files). */
  entries: string[];
  files: ManifestFile[];
  /** The version the findings were computed against; absent for the first publish. */
  previous?: string;
  bump: PublishBump;
  /** Finding counts against `previous`. */
  summary: FindingSummary;
  changes: ManifestChanges;
  /**
   * The structured change list the changelog is rendered from (group, rule id, message, affects,
   * sunset, hint). Absent in manifests written before it existed.
   */
  changeList?: ChangeItem[];
  /** Lifecycle when published (the index holds the current lifecycle). */
  deprecated: boolean;
  sunset?: string;
  /**
   * What loading the contract gave when it was published (engine/unchanged.ts): lets `treaty
   * check` answer for unchanged files without loading them. Absent in older manifests.
   */
  loaded?: LoadRecord;
}

/** The load of a published contract, as far as `treaty check` needs it when nothing changed. */
export interface LoadRecord {
  /** The treaty version that loaded it. */
  treaty: string;
  /** sha256 of format, entries, requested major line and options (validation mode left out). */
  inputs: string;
  version?: string;
  versionField?: string;
  major?: number;
  lineField?: string;
}

/** One version in `index.json`. */
export interface IndexVersion {
  version: string;
  format: Format;
  major: number;
  publishedAt: string;
  deprecated: boolean;
  /** ISO date (YYYY-MM-DD) after which the version (its major line) is no longer supported. */
  sunset?: string;
  /** sha256 of the version's manifest.json: a changed manifest is detected by `verify`. */
  manifestSha256: string;
}

/** `<registry>/index.json` (schemas/registry-index.schema.json). */
export interface RegistryIndex {
  indexVersion: 1;
  contracts: Record<string, { format: Format; versions: IndexVersion[] }>;
}

/** A published version as the rest of treaty sees it. */
export interface VersionEntry extends IndexVersion {
  contract: string;
  /** Absolute path of the version folder. */
  dir: string;
}
