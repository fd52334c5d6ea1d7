import path from 'node:path';
import { GitRegistry, cacheRoot, isRemoteRegistry } from './remote.js';

/**
 * Where a command reads or writes the registry: a folder, or the registry folder of a cached clone
 * of a git remote (fetched first). A git registry's clone is locked while a command uses it; the
 * CLI closes every remote a command opened when the command ends (`closeRemotes`).
 */

const open = new Map<string, GitRegistry>();

/** A `--registry` value or `registry:` from treaty.yaml: git specs stay as written, folders resolve. */
export function registrySpec(value: string, base: string): string {
  return isRemoteRegistry(value) ? value : path.resolve(base, value);
}

/**
 * The folder to read a registry from. A git registry is fetched into its cached clone; when the
 * remote cannot be reached, the state fetched last is read and `warn` says so.
 */
export async function registryFolder(
  spec: string,
  io: { err(text: string): void; env: NodeJS.ProcessEnv },
): Promise<string> {
  if (!isRemoteRegistry(spec)) return spec;
  const remote = await openRemote(spec, io.env);
  const { dir, offline } = await remote.sync('allow');
  if (offline) io.err(`treaty: warning: ${offline}\n`);
  return dir;
}

/** A git registry for writing (publish, deprecate): the caller runs its change in `publish`. */
export async function openRemote(spec: string, env: NodeJS.ProcessEnv): Promise<GitRegistry> {
  const known = open.get(spec);
  if (known) return known;
  const remote = await GitRegistry.open(spec, {
    cacheDir: cacheRoot(env),
    ...(env.TREATY_PUBLISH_ATTEMPTS ? { maxAttempts: Number(env.TREATY_PUBLISH_ATTEMPTS) } : {}),
  });
  open.set(spec, remote);
  return remote;
}

/** Releases the clones the command used. */
export async function closeRemotes(): Promise<void> {
  const all = [...open.values()];
  open.clear();
  await Promise.all(all.map((r) => r.close()));
}

/** The git registry spec whose clone holds `dir`, for messages (undefined for a plain folder). */
export function remoteOf(dir: string): string | undefined {
  for (const [spec, remote] of open)
    if (path.resolve(remote.dir) === path.resolve(dir)) return spec;
  return undefined;
}
