import path from 'node:path';
import { isRemoteRegistry } from '../registry/remote.js';
import { promises as fs } from 'node:fs';
import { InputError } from '../core/errors.js';
import type { ContractRef, Format } from '../core/model.js';
import { DirSource } from '../core/source.js';
import { adapters } from '../formats/index.js';
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
    for (const c of config.contracts) {
      const abs = path.resolve(config.root, c.path);
      const stat = await fs.stat(abs).catch(() => undefined);
      if (!stat) {
        throw new InputError(`contract '${c.id}': path '${c.path}' does not exist`, {
          file: config.file,
        });
      }
      const options: Record<string, unknown> = { ...(c.options ?? {}) };
      if (config.allowRemoteRefs) options.allowRemoteRefs = true;
      if (c.include) options.include = c.include;
      const line = c.major !== undefined ? { major: c.major } : {};
      refs.push(
        stat.isDirectory()
          ? { id: c.id, format: c.format, root: abs, entries: [], options, ...line }
          : {
              id: c.id,
              format: c.format,
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

export interface DiscoverOptions {
  /** Folders (relative to root) to leave out, e.g. the registry. */
  skip?: string[];
  allowRemoteRefs?: boolean;
}

export async function discoverContracts(
  root: string,
  opts: DiscoverOptions = {},
): Promise<ContractRef[]> {
  const skip = (opts.skip ?? []).filter((s) => s && !s.startsWith('..')).map(toPosix);
  const source = new DirSource(root, (rel) =>
    skip.some((s) => rel === s || rel.startsWith(s + '/')),
  );
  const files = await source.list();
  const refs: ContractRef[] = [];
  const options = opts.allowRemoteRefs ? { allowRemoteRefs: true } : undefined;

  const sniffers = adapters().filter((a) => a.format === 'openapi' || a.format === 'asyncapi');
  for (const rel of files) {
    if (!DOC_EXT.test(rel)) continue;
    const stat = await fs.stat(source.absolute(rel));
    if (stat.size > MAX_SNIFF_BYTES) continue;
    const text = await source.read(rel);
    const adapter = sniffers.find((a) => a.detect(rel, text));
    if (!adapter) continue;
    const dir = path.posix.dirname(rel);
    refs.push({
      id: idFromPath(rel.replace(DOC_EXT, ''), adapter.format),
      format: adapter.format,
      root: dir === '.' ? root : source.absolute(dir),
      entries: [path.posix.basename(rel)],
      ...(options ? { options } : {}),
    });
  }

  const protos = files.filter((f) => f.endsWith('.proto'));
  if (protos.length && adapters().some((a) => a.format === 'protobuf')) {
    const bufRoots = files
      .filter((f) => /(^|\/)buf\.ya?ml$/.test(f))
      .map((f) => path.posix.dirname(f))
      .sort((a, b) => b.length - a.length);
    const groups = new Map<string, string[]>();
    const loose: string[] = [];
    for (const p of protos) {
      const bufRoot = bufRoots.find((r) => r === '.' || p.startsWith(r + '/'));
      if (bufRoot !== undefined) groups.set(bufRoot, [...(groups.get(bufRoot) ?? []), p]);
      else loose.push(p);
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
  const avro = adapters().find((a) => a.format === 'avro');
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
