import { createHash } from 'node:crypto';
import type { LoadedContract } from '../core/adapter.js';
import type { Baseline } from '../core/baseline.js';
import { InputError } from '../core/errors.js';
import type { ContractRef } from '../core/model.js';
import { DirSource } from '../core/source.js';
import { folderFiles } from '../formats/index.js';
import type { RegistryBaselines } from '../registry/baseline-provider.js';
import { readContractFiles } from '../registry/plan.js';
import type { LoadRecord, Manifest } from '../registry/types.js';
import { compareContracts, loadContract } from './run.js';

/**
 * The unchanged-commit fast path of `treaty check`. A contract whose files are byte for byte (by
 * sha256) those of the version its check would compare with is not loaded nor compared: the
 * comparison of a contract with itself finds nothing, so the check goes on with no findings and
 * the revision as it was loaded at publish (its version, major line), which the manifest records.
 * Everything after the comparison — policy, coexistence of major lines, sunsets, waivers, the next
 * version — runs as for any contract, on today's date and today's config.
 *
 * The record is proof only for the same inputs: publish writes it (`loadRecord`) only when the
 * loaded contract compared with a second load of itself gives no finding (no validation problem,
 * no lint such as an invalid stability level), and the check uses it only when the treaty version,
 * the format, the entries, the major line asked for and the contract's options are those hashed
 * into it, every file it read hashes the same, and — for a folder contract — the folder holds no
 * other file the format could read. Anything else, or a baseline other than the registry, takes
 * the full path.
 */

/** Options naming inputs outside the contract's files (remote `$ref`s, protobuf include paths). */
const OUTSIDE_INPUTS = ['allowRemoteRefs', 'includePaths'];
/** How validation problems would be reported; with none found, the mode changes nothing. */
const VALIDATION_MODE = new Set(['validation', 'lenient', 'strict']);

/** sha256 of what shapes loading a contract besides its files. */
export function loadInputs(ref: ContractRef, treaty: string): string {
  const options = Object.fromEntries(
    Object.entries(ref.options ?? {})
      .filter(([k]) => !VALIDATION_MODE.has(k))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const inputs = {
    treaty,
    format: ref.format,
    entries: [...ref.entries].sort(),
    major: ref.major ?? null,
    options,
  };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

const outsideInputs = (ref: ContractRef) =>
  OUTSIDE_INPUTS.find((k) => ref.options?.[k] !== undefined && ref.options[k] !== false);

/**
 * The record publish writes into the manifest, or undefined when the contract cannot be answered
 * for without loading: it has validation problems, carries several major lines, reads inputs
 * outside its files, or finds something when compared with itself.
 */
export async function loadRecord(
  ref: ContractRef,
  rev: LoadedContract,
  treaty: string,
): Promise<LoadRecord | undefined> {
  if (rev.problems?.length || (rev.lines?.length ?? 0) > 1 || outsideInputs(ref)) return undefined;
  const again = await loadContract(rev.ref);
  if (again.problems?.length || compareContracts(again, rev).length) return undefined;
  return {
    treaty,
    inputs: loadInputs(ref, treaty),
    ...(rev.version !== undefined ? { version: rev.version } : {}),
    ...(rev.versionField !== undefined ? { versionField: rev.versionField } : {}),
    ...(rev.major !== undefined ? { major: rev.major } : {}),
    ...(rev.lineField !== undefined ? { lineField: rev.lineField } : {}),
  };
}

/** A contract answered for without loading: the revision as recorded, and its baseline. */
export interface Unchanged {
  rev: LoadedContract;
  baseline: Baseline;
  /** The files hashed. */
  files: number;
}

/**
 * Is this contract byte for byte the version its check would compare with, with a record that
 * proves the comparison finds nothing? `{ unchanged }` when it is; else why not, for `--debug`.
 */
export async function unchangedContract(
  ref: ContractRef,
  baselines: RegistryBaselines,
  treaty: string,
): Promise<{ unchanged: Unchanged } | { reason: string }> {
  const registry = baselines.registry;
  const outside = outsideInputs(ref);
  if (outside) return { reason: `option ${outside} reads inputs outside its files` };
  if (!registry.has(ref.id)) return { reason: 'not published yet' };
  const inputs = loadInputs(ref, treaty);
  let reason = 'no published version matches its files';
  // Each major line's latest version, the latest line first: a revision is compared with the
  // latest version of its own line.
  for (const major of [...registry.lines(ref.id)].reverse()) {
    const entry = registry.latest(ref.id, major)!;
    const manifest = await registry.manifest(ref.id, entry.version);
    const why = await differs(ref, manifest, inputs, treaty);
    if (why) {
      if (major === registry.lines(ref.id).at(-1)) reason = `${entry.version}: ${why}`;
      continue;
    }
    const record = manifest.loaded!;
    const rev: LoadedContract = {
      ref,
      ...(record.version !== undefined ? { version: record.version } : {}),
      ...(record.versionField !== undefined ? { versionField: record.versionField } : {}),
      ...(record.major !== undefined ? { major: record.major } : {}),
      ...(record.lineField !== undefined ? { lineField: record.lineField } : {}),
      files: manifest.files.map((f) => f.path),
      model: undefined,
    };
    // The baseline the full check would pick for this revision must be the version matched.
    const baseline = await baselines.find(ref, rev);
    if (baseline?.version !== entry.version) {
      reason = `its files are those of ${entry.version}, but its baseline is ${baseline?.version ?? 'none'}`;
      continue;
    }
    return { unchanged: { rev, baseline, files: manifest.files.length } };
  }
  return { reason };
}

/** Why the working tree is not the published version `manifest` describes (undefined: it is). */
async function differs(
  ref: ContractRef,
  manifest: Manifest,
  inputs: string,
  treaty: string,
): Promise<string | undefined> {
  const record = manifest.loaded;
  if (!record) return 'its manifest has no load record';
  if (record.treaty !== treaty) return `loaded by treaty ${record.treaty} when published`;
  if (record.inputs !== inputs) return 'its entries or options changed since it was published';
  const published = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  let mine;
  try {
    mine = await readContractFiles({ ref, files: [...published.keys()], model: undefined });
  } catch (e) {
    // A file gone or unsafe: the full check reports it as loading would.
    if (e instanceof InputError) return e.message;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'a file it read is gone';
    throw e;
  }
  if (mine.length !== published.size) return 'its files are not those published';
  const changed = mine.find((f) => published.get(f.path) !== f.sha256);
  if (changed) return `${changed.path} changed`;
  if (!ref.entries.length) {
    const reads = folderFiles(ref.format);
    if (!reads) return 'a folder of a format without folder contracts';
    const added = (await new DirSource(ref.root).list()).find(
      (rel) => reads.test(rel) && !published.has(rel),
    );
    if (added) return `${added} is new in its folder`;
  }
  return undefined;
}

/**
 * The contracts of a check answered for without loading, by ref. Only a contract listed once (its
 * id not split over entries per major line) and not transitive (that compares every version of
 * the line) is tried; `note` hears how each was decided (`treaty check --debug`).
 */
export async function unchangedContracts(
  refs: readonly ContractRef[],
  baselines: RegistryBaselines,
  o: { treaty: string; transitive: (id: string) => boolean; note?: (line: string) => void },
): Promise<Map<ContractRef, Unchanged>> {
  const out = new Map<ContractRef, Unchanged>();
  for (const ref of refs) {
    let result: Awaited<ReturnType<typeof unchangedContract>>;
    if (refs.filter((r) => r.id === ref.id).length > 1) {
      result = { reason: 'listed once per major line' };
    } else if (o.transitive(ref.id)) {
      result = { reason: 'transitive: compared with every version of its line' };
    } else result = await unchangedContract(ref, baselines, o.treaty);
    if ('unchanged' in result) {
      out.set(ref, result.unchanged);
      o.note?.(
        `${ref.id}: unchanged since ${result.unchanged.baseline.version} (${result.unchanged.files} files by sha256): not loaded, not compared`,
      );
    } else o.note?.(`${ref.id}: full check (${result.reason})`);
  }
  return out;
}
