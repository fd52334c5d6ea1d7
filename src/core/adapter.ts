import type { Catalogue } from './catalogue.js';
import type { LocationMap } from './locations.js';
import type { ContractRef, Finding, Format } from './model.js';
import type { FileSource } from './source.js';

/**
 * A loaded contract: the format's normalised model plus what every stage needs to know about it.
 * The model type is the adapter's own business.
 */
export interface LoadedContract<M = unknown> {
  ref: ContractRef;
  /** Version declared by the document (`info.version`, proto package `vN`), if any. */
  version?: string;
  /** Major line of the version (1 for `1.4.2`, 2 for `pkg.v2`), if any. */
  major?: number;
  /**
   * The major lines one document carries when it carries several (protobuf packages `pkg.v1` and
   * `pkg.v2` in one tree): the engine then loads each line on its own (`ContractRef.major`).
   */
  lines?: number[];
  /** Every file the contract consists of (entries plus $ref'd / imported files), relative to root. */
  files: string[];
  /** Problems found while loading that did not stop it (lenient mode); reported as findings. */
  problems?: Finding[];
  model: M;
  /**
   * The location map of one parsed file of the contract (path relative to root): how a removal
   * found in the base is placed on its nearest surviving ancestor in the revision.
   */
  locationMap?: (rel: string) => LocationMap | undefined;
  /** How the source the contract was read from names a file in locations (set by `loadContract`). */
  absolute?: (rel: string) => string;
}

export interface CompareContext {
  catalogue: Catalogue;
  contract: string;
  /** Adapter options from config (e.g. protobuf categories, asyncapi perspective). */
  options?: Record<string, unknown>;
}

/** What a format knows: its language. Nothing of the registry, the policy or the output. */
export interface FormatAdapter<M = unknown> {
  readonly format: Format;
  /** Does this file (path + text) look like an entry document of this format? For discovery. */
  detect(rel: string, text: string): boolean;
  /** Loads and normalises a contract from a source. Throws InputError (exit 2) on bad input. */
  load(ref: ContractRef, source: FileSource): Promise<LoadedContract<M>>;
  /** Compares a base with a revision; findings point at the revision (the base for removals). */
  compare(base: LoadedContract<M>, rev: LoadedContract<M>, ctx: CompareContext): Finding[];
}
