import path from 'node:path';
import { isRemoteRegistry } from '../registry/remote.js';
import { promises as fs, readFileSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import type { ContractRef, Format } from '../core/model.js';
import { DirSource } from '../core/source.js';
import { sniffers } from '../formats/index.js';
import type { TreatyConfig } from '../config/types.js';

/** Documents larger than this are not sniffed during discovery (they are still loadable by config). */
const MAX_SNIFF_BYTES = 64 * 1024 * 1024;
const DOC_EXT = /\.(ya?ml|json)$/i;

/**
 * The contracts of a repository: from the config when it lists them, else discovered —
 * OpenAPI/AsyncAPI documents by content, `.proto` trees (rooted at a buf.yaml, else at the
 * common folder of the .proto files) and Avro schemas (at the common folder of the files). node_modules, .git, dist and the registry are skipped.
 */
export async function resolveContracts(config: TreatyConfig): Promise<ContractRef[]> {
  if (config.contracts) {
    const refs: ContractRef[] = [];
    for (const [i, c] of config.contracts.entries()) {
      const at = { file: config.file, ...(config.contractLines?.[i] ?? {}) };
      const abs = path.resolve(config.root, c.path);
      const stat = await fs.stat(abs).catch(() => undefined);
      if (!stat) {
        throw new InputError(`contract '${c.id}': path '${c.path}' does not exist`, at);
      }
      const format = c.format ?? (await inferFormat(abs, stat.isDirectory()));
      if (!format) {
        throw new InputError(
          `contract '${c.id}': '${c.path}' is not a contract treaty can read (OpenAPI, AsyncAPI, JSON Schema, or a folder of .proto files); set its format`,
          at,
        );
      }
      const options: Record<string, unknown> = { ...(c.options ?? {}) };
      if (config.allowRemoteRefs) options.allowRemoteRefs = true;
      if (c.include) options.include = c.include;
      // OpenAPI decides which operations it compares from the threshold (oasdiff's option).
      if (format === 'openapi' && options.stabilityLevel === undefined)
        options.stabilityLevel = config.policy.stability;
      const line = c.major !== undefined ? { major: c.major } : {};
      refs.push(
        stat.isDirectory()
          ? { id: c.id, format, root: abs, entries: [], options, ...line }
          : {
              id: c.id,
              format,
              root: path.dirname(abs),
              entries: [path.basename(abs)],
              options,
              ...line,
            },
      );
    }
    return refs;
  }
  return discoverContracts(config.root, {
    skip: isRemoteRegistry(config.registry) ? [] : [path.relative(config.root, config.registry)],
    allowRemoteRefs: config.allowRemoteRefs,
  });
}

/**
 * The format of a configured path without `format:`: a document by its content (as discovery
 * does), a folder by what it holds (.proto files → protobuf, JSON Schema documents → jsonschema).
 */
async function inferFormat(abs: string, isDir: boolean): Promise<Format | undefined> {
  if (!isDir) {
    const stat = await fs.stat(abs);
    if (stat.size > MAX_SNIFF_BYTES) return undefined;
    const text = await fs.readFile(abs, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    return sniffers().find((a) => a.detect(path.basename(abs), text))?.format;
  }
  const source = new DirSource(abs);
  const files = await source.list();
  if (files.some((f) => f.endsWith('.proto'))) return 'protobuf';
  if (files.some((f) => /\.(avsc|avpr|avdl)$/.test(f))) return 'avro';
  const schema = sniffers().find((a) => a.format === 'jsonschema');
  for (const rel of files) {
    if (!DOC_EXT.test(rel) || !schema) continue;
    if (schema.detect(rel, await source.read(rel))) return 'jsonschema';
  }
  return undefined;
}

export interface DiscoverOptions {
  /** Folders (relative to root) to leave out, e.g. the registry. */
  skip?: string[];
  allowRemoteRefs?: boolean;
  /** The folder as a source, when the caller loads contracts from it next (it is listed once). */
  source?: DirSource;
}

export async function discoverContracts(
  root: string,
  opts: DiscoverOptions = {},
): Promise<ContractRef[]> {
  const skip = (opts.skip ?? []).filter((s) => s && !s.startsWith('..')).map(toPosix);
  const source =
    opts.source ??
    new DirSource(root, (rel) => skip.some((s) => rel === s || rel.startsWith(s + '/')));
  const files = await source.list();
  const refs: ContractRef[] = [];
  const options = opts.allowRemoteRefs ? { allowRemoteRefs: true } : undefined;

  const documents = sniffers().filter((a) => a.format === 'openapi' || a.format === 'asyncapi');
  for (const rel of files) {
    if (!DOC_EXT.test(rel)) continue;
    const stat = await fs.stat(source.absolute(rel));
    if (stat.size > MAX_SNIFF_BYTES) continue;
    // Sniffing only: a file treaty cannot decode is read leniently here, so an unrelated file
    // does not stop discovery; a contract among them fails when its loader reads it strictly.
    const text = await source.read(rel).catch((e: unknown) => {
      if (e instanceof InputError) return readFileSync(source.absolute(rel), 'utf8');
      throw e;
    });
    const sniffed = documents.find((a) => a.detect(rel, text));
    if (!sniffed) continue;
    const dir = path.posix.dirname(rel);
    refs.push({
      id: idFromPath(rel.replace(DOC_EXT, ''), sniffed.format),
      format: sniffed.format,
      root: dir === '.' ? root : source.absolute(dir),
      entries: [path.posix.basename(rel)],
      ...(options ? { options } : {}),
    });
  }

  const protos = files.filter((f) => f.endsWith('.proto'));
  if (protos.length && sniffers().some((a) => a.format === 'protobuf')) {
    const bufRoots = files
      .filter((f) => /(^|\/)buf\.ya?ml$/.test(f))
      .map((f) => path.posix.dirname(f))
      .sort((a, b) => b.length - a.length);
    const groups = new Map<string, string[]>();
    const loose: string[] = [];
    for (const p of protos) {
      const bufRoot = bufRoots.find((r) => r === '.' || p.startsWith(r + '/'));
      if (bufRoot === undefined) loose.push(p);
      else {
        const group = groups.get(bufRoot);
        if (group) group.push(p);
        else groups.set(bufRoot, [p]);
      }
    }
    if (loose.length) {
      const common = commonDir(loose);
      groups.set(common, [...(groups.get(common) ?? []), ...loose]);
    }
    for (const dir of [...groups.keys()].sort()) {
      refs.push({
        id: idFromPath(dir === '.' ? 'proto' : dir, 'protobuf'),
        format: 'protobuf',
        root: dir === '.' ? root : source.absolute(dir),
        entries: [],
        ...(options ? { options } : {}),
      });
    }
  }
  refs.push(...(await discoverAvro(source, files, root, options)));
  return refs;
}

/**
 * Avro schema files (`.avsc`, `.avpr`, `.avdl`, recognised by content) form one contract rooted at
 * their common folder, so named types defined in one file resolve in the others.
 */
async function discoverAvro(
  source: DirSource,
  files: string[],
  root: string,
  options: Record<string, unknown> | undefined,
): Promise<ContractRef[]> {
  const avro = sniffers().find((a) => a.format === 'avro');
  if (!avro) return [];
  const found: string[] = [];
  for (const rel of files) {
    if (!/\.(avsc|avpr|avdl)$/i.test(rel)) continue;
    if (avro.detect(rel, await source.read(rel))) found.push(rel);
  }
  if (!found.length) return [];
  const dir = commonDir(found);
  return [
    {
      id: idFromPath(dir === '.' ? 'avro' : dir, 'avro'),
      format: 'avro',
      root: dir === '.' ? root : source.absolute(dir),
      entries: [],
      ...(options ? { options } : {}),
    },
  ];
}

/** A stable id from a path: lowercase, `/` → `-`, other characters dropped. */
export function idFromPath(rel: string, format: Format): string {
  const id = rel
    .toLowerCase()
    .replace(/[\\/]+/g, '-')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '');
  return id || format;
}

function commonDir(files: string[]): string {
  const parts = files.map((f) => path.posix.dirname(f).split('/'));
  const first = parts[0]!;
  let n = first.length;
  for (const p of parts) {
    let i = 0;
    while (i < n && i < p.length && p[i] === first[i]) i++;
    n = i;
  }
  const dir = first.slice(0, n).join('/');
  return dir === '' ? '.' : dir;
}

const toPosix = (p: string) => p.split(path.sep).join('/');
