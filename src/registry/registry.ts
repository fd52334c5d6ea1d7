import { promises as fs } from 'node:fs';
import path from 'node:path';
import { RegistryError } from '../core/errors.js';
import type { ContractRef } from '../core/model.js';
import type { FileSource } from '../core/source.js';
import { compareSemver, isSemver } from '../policy/semver.js';
import { assertNoSymlinks, inside, isValidContractId, registryErrorAt } from './paths.js';
import { readBytes, readIndexFile, readManifestFile, registryText, sha256 } from './read.js';
import type { IndexVersion, Manifest, RegistryIndex, VersionEntry } from './types.js';

export const INDEX_FILE = 'index.json';
export const MANIFEST_FILE = 'manifest.json';
export const CHANGELOG_FILE = 'CHANGELOG.md';

/**
 * A registry folder, read. `index.json` lists the versions and their lifecycle; each version folder
 * holds its manifest and files. The version folders are the truth about what was published: a
 * folder with a valid manifest that the index does not list yet (a publish interrupted between
 * renaming the folder into place and rewriting the index) is part of the registry and is added to
 * the index by the next publish or `treaty registry verify --repair`.
 */
export class Registry {
  private constructor(
    /** Absolute path of the registry folder. */
    readonly root: string,
    private readonly state: RegistryIndex,
    /** Was index.json present (false: empty or derived from the folders). */
    readonly hasIndex: boolean,
    /** Versions found in folders but missing from index.json. */
    readonly unindexed: readonly VersionEntry[],
  ) {}

  static async open(dir: string): Promise<Registry> {
    const root = path.resolve(dir);
    const indexFile = path.join(root, INDEX_FILE);
    let index: RegistryIndex = { indexVersion: 1, contracts: {} };
    let hasIndex = false;
    const st = await fs.lstat(indexFile).catch(() => undefined);
    if (st) {
      if (!st.isFile()) {
        throw new RegistryError('is not a regular file (symlinks are never followed)', {
          file: indexFile,
        });
      }
      index = await readIndexFile(indexFile);
      hasIndex = true;
    }
    const unindexed = await findUnindexed(root, index);
    const state = mergeIndex(index, unindexed);
    return new Registry(root, state, hasIndex, unindexed);
  }

  /** The index as it should be on disk: index.json plus unindexed version folders. */
  toIndex(): RegistryIndex {
    return structuredClone(this.state);
  }

  contracts(): string[] {
    return Object.keys(this.state.contracts).sort();
  }

  has(id: string): boolean {
    return Object.hasOwn(this.state.contracts, id);
  }

  format(id: string) {
    return this.state.contracts[id]?.format;
  }

  /** Published versions of a contract, lowest first. */
  versions(id: string): VersionEntry[] {
    const c = Object.hasOwn(this.state.contracts, id) ? this.state.contracts[id] : undefined;
    if (!c) return [];
    return c.versions.map((v) => ({ ...v, contract: id, dir: this.versionDir(id, v.version) }));
  }

  find(id: string, version: string): VersionEntry | undefined {
    return this.versions(id).find((v) => v.version === version);
  }

  /** Highest version of a contract, or of one major line of it. */
  latest(id: string, major?: number): VersionEntry | undefined {
    const vs = this.versions(id).filter((v) => major === undefined || v.major === major);
    return vs[vs.length - 1];
  }

  /** Major lines of a contract, lowest first. */
  lines(id: string): number[] {
    return [...new Set(this.versions(id).map((v) => v.major))].sort((a, b) => a - b);
  }

  versionDir(id: string, version: string): string {
    return inside(this.root, id, version);
  }

  private readonly manifests = new Map<string, Promise<Manifest>>();

  /**
   * Reads and validates a version's manifest; checks it against the index's manifest hash. Read
   * once per opened registry (published versions are immutable).
   */
  manifest(id: string, version: string): Promise<Manifest> {
    const key = `${id}@${version}`;
    let m = this.manifests.get(key);
    if (!m) {
      m = this.readManifest(id, version);
      this.manifests.set(key, m);
      m.catch(() => this.manifests.delete(key));
    }
    return m;
  }

  private async readManifest(id: string, version: string): Promise<Manifest> {
    const entry = this.require(id, version);
    const file = path.join(entry.dir, MANIFEST_FILE);
    const { manifest, sha256: hash } = await readManifestFile(file, id, version);
    if (hash !== entry.manifestSha256) {
      throw new RegistryError(
        'manifest.json was changed after it was published (its sha256 differs from index.json)',
        { file },
      );
    }
    return manifest;
  }

  /** The published files of a version, for a format adapter to load a baseline from. */
  source(id: string, version: string): FileSource {
    return new RegistrySource(this, this.require(id, version));
  }

  /** A contract reference for loading a published version with its adapter. */
  async ref(id: string, version: string, options?: Record<string, unknown>): Promise<ContractRef> {
    const m = await this.manifest(id, version);
    const entry = this.require(id, version);
    return {
      id,
      format: m.format,
      root: entry.dir,
      entries: [...m.entries],
      ...(options ? { options } : {}),
    };
  }

  private require(id: string, version: string): VersionEntry {
    const entry = this.find(id, version);
    if (!entry) {
      throw new RegistryError(
        this.has(id)
          ? `contract '${id}' has no published version ${version}`
          : `contract '${id}' was never published`,
        { file: this.root },
      );
    }
    return entry;
  }
}

export function openRegistry(dir: string): Promise<Registry> {
  return Registry.open(dir);
}

/** A version folder as a FileSource: lists the manifest's files and checks each hash on read. */
export class RegistrySource implements FileSource {
  readonly label: string;
  private files?: Promise<Map<string, { sha256: string; size: number }>>;

  constructor(
    private readonly registry: Registry,
    readonly entry: VersionEntry,
  ) {
    this.label = `registry:${entry.contract}@${entry.version}`;
  }

  private manifestFiles() {
    this.files ??= this.registry
      .manifest(this.entry.contract, this.entry.version)
      .then((m) => new Map(m.files.map((f) => [f.path, { sha256: f.sha256, size: f.size }])));
    return this.files;
  }

  absolute(rel: string): string {
    return path.join(this.entry.dir, ...rel.split('/'));
  }

  async read(rel: string): Promise<string> {
    const meta = (await this.manifestFiles()).get(rel);
    const file = this.absolute(rel);
    if (!meta) {
      throw new RegistryError(`file is not part of published version ${this.entry.version}`, {
        file,
      });
    }
    await assertNoSymlinks(this.entry.dir, rel, 'file', registryErrorAt);
    const bytes = await readBytes(file);
    if (bytes.length !== meta.size || sha256(bytes) !== meta.sha256) {
      throw new RegistryError(
        'published file was changed: its sha256 differs from manifest.json (run treaty registry verify)',
        { file },
      );
    }
    return registryText(bytes, file);
  }

  async exists(rel: string): Promise<boolean> {
    return (await this.manifestFiles()).has(rel);
  }

  async list(): Promise<string[]> {
    return [...(await this.manifestFiles()).keys()].sort();
  }
}

/** Version folders with a manifest.json that index.json does not list. */
async function findUnindexed(root: string, index: RegistryIndex): Promise<VersionEntry[]> {
  const out: VersionEntry[] = [];
  for (const id of await listDirs(root)) {
    if (!isValidContractId(id)) continue;
    const known = new Set(
      (Object.hasOwn(index.contracts, id) ? index.contracts[id]!.versions : []).map(
        (v) => v.version,
      ),
    );
    for (const version of await listDirs(path.join(root, id))) {
      if (!isSemver(version) || known.has(version)) continue;
      const dir = path.join(root, id, version);
      const file = path.join(dir, MANIFEST_FILE);
      const st = await fs.lstat(file).catch(() => undefined);
      if (!st) continue; // not a published version (verify notes it)
      const { manifest, sha256: hash } = await readManifestFile(file, id, version);
      out.push({ ...indexEntryOf(manifest, hash), contract: id, dir });
    }
  }
  return out;
}

/** Real subfolders (no symlinks, no dot-folders) of a folder; none when it does not exist. */
export async function listDirs(dir: string): Promise<string[]> {
  let ents: import('node:fs').Dirent[];
  try {
    ents = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return ents
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

export function indexEntryOf(m: Manifest, manifestSha256: string): IndexVersion {
  return {
    version: m.version,
    format: m.format,
    major: m.major,
    publishedAt: m.publishedAt,
    deprecated: m.deprecated,
    ...(m.sunset ? { sunset: m.sunset } : {}),
    manifestSha256,
  };
}

/** Adds versions to an index (lifecycle of listed versions is kept), sorted by semver. */
export function mergeIndex(
  index: RegistryIndex,
  add: readonly (IndexVersion & { contract: string })[],
): RegistryIndex {
  const out: RegistryIndex = structuredClone(index);
  for (const v of add) {
    const { contract, ...rest } = v;
    const entry: IndexVersion = {
      version: rest.version,
      format: rest.format,
      major: rest.major,
      publishedAt: rest.publishedAt,
      deprecated: rest.deprecated,
      ...(rest.sunset ? { sunset: rest.sunset } : {}),
      manifestSha256: rest.manifestSha256,
    };
    const c = (out.contracts[contract] ??= { format: entry.format, versions: [] });
    const i = c.versions.findIndex((x) => x.version === entry.version);
    if (i >= 0) c.versions[i] = entry;
    else c.versions.push(entry);
  }
  const sorted: RegistryIndex = { indexVersion: 1, contracts: {} };
  for (const id of Object.keys(out.contracts).sort()) {
    const c = out.contracts[id]!;
    sorted.contracts[id] = {
      format: c.format,
      versions: [...c.versions].sort((a, b) => compareSemver(a.version, b.version)),
    };
  }
  return sorted;
}
