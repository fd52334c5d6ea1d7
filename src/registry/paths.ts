import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError, RegistryError } from '../core/errors.js';
import { isSemver } from '../policy/semver.js';

/**
 * Every name that becomes a path inside the registry is checked here, so nothing is ever written
 * outside the registry folder: contract ids are single safe path segments, file paths are relative
 * posix paths without `.`/`..`/empty segments, and no symlink is followed, neither in the contract's
 * source tree nor inside the registry.
 */

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function isValidContractId(id: string): boolean {
  return ID_RE.test(id);
}

export function assertContractId(id: string): void {
  if (!isValidContractId(id)) {
    throw new InputError(
      `contract id '${id}' cannot be published: use letters, digits, '.', '_' and '-' (starting with a letter or digit, at most 100 characters)`,
    );
  }
}

export function assertVersion(version: string): void {
  if (!isSemver(version)) {
    throw new InputError(
      `'${version}' is not a semantic version (MAJOR.MINOR.PATCH with an optional -prerelease)`,
    );
  }
}

/** Is `rel` a safe relative posix path (no absolute, `..`, `.`, empty segment, backslash or NUL)? */
export function isSafeRelPath(rel: string): boolean {
  if (!rel || rel.startsWith('/') || /^[A-Za-z]:/.test(rel)) return false;
  if (rel.includes('\\') || rel.includes('\0')) return false;
  return rel.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

export function assertRelPath(rel: string, where: string): void {
  if (!isSafeRelPath(rel)) {
    throw new InputError(
      `file '${rel}' is outside the contract root or not a plain relative path; only files inside the contract's folder can be published`,
      { file: where },
    );
  }
}

/** Joins safe segments under a base folder and double-checks the result stays inside it. */
export function inside(base: string, ...rels: string[]): string {
  const joined = path.join(base, ...rels.flatMap((r) => r.split('/')));
  const relative = path.relative(base, joined);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new RegistryError(`refusing a path outside the registry: ${joined}`);
  }
  return joined;
}

/**
 * Checks that every component of `rel` below `base` is a real directory or (the last one) a
 * regular file, never a symlink.
 */
export async function assertNoSymlinks(
  base: string,
  rel: string,
  kind: 'file' | 'dir',
  errorOf: (message: string, file: string) => Error,
): Promise<void> {
  const segs = rel.split('/');
  let cur = base;
  for (let i = 0; i < segs.length; i++) {
    cur = path.join(cur, segs[i]!);
    let st: import('node:fs').Stats;
    try {
      st = await fs.lstat(cur);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw errorOf(code === 'ENOENT' ? 'file not found' : `cannot read (${code})`, cur);
    }
    if (st.isSymbolicLink()) throw errorOf('is a symlink; symlinks are never followed', cur);
    const last = i === segs.length - 1;
    if (!last && !st.isDirectory()) throw errorOf('is not a directory', cur);
    if (last && kind === 'file' && !st.isFile()) throw errorOf('is not a regular file', cur);
    if (last && kind === 'dir' && !st.isDirectory()) throw errorOf('is not a directory', cur);
  }
}

export const inputErrorAt = (message: string, file: string) => new InputError(message, { file });
export const registryErrorAt = (message: string, file: string) =>
  new RegistryError(message, { file });
