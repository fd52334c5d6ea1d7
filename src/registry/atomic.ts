import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Durable, atomic file-system steps for the registry: a file is written completely and fsynced
 * before it is renamed into place, and the folder holding it is fsynced after the rename.
 */

/** Name of the folder inside the registry where publishes stage their writes. */
export const TMP_DIR = '.treaty-tmp';

export function tmpName(prefix: string): string {
  return `${prefix}-${process.pid}-${randomBytes(6).toString('hex')}`;
}

export async function fsyncDir(dir: string): Promise<void> {
  let fh: fs.FileHandle | undefined;
  try {
    fh = await fs.open(dir, 'r');
    await fh.sync();
  } catch (e) {
    // Some file systems cannot fsync a directory; the rename is still atomic there.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EBADF') throw e;
  } finally {
    await fh?.close();
  }
}

/** Creates a new file (never overwrites), writes it completely and fsyncs it. */
export async function writeNewFile(file: string, data: string | Uint8Array): Promise<void> {
  const fh = await fs.open(file, 'wx', 0o644);
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Replaces `target` atomically: write a temp file in `stageDir`, fsync, rename, fsync the folder. */
export async function replaceFile(
  target: string,
  data: string | Uint8Array,
  stageDir: string,
): Promise<void> {
  await fs.mkdir(stageDir, { recursive: true });
  const tmp = path.join(stageDir, tmpName(path.basename(target)));
  try {
    await writeNewFile(tmp, data);
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  await fsyncDir(path.dirname(target));
}
