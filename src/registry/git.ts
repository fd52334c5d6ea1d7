import { execFile } from 'node:child_process';

/** The git commit a contract is published from, and whether its files have uncommitted changes. */
export async function gitSource(
  root: string,
  files: readonly string[],
): Promise<{ commit: string; dirty: boolean } | undefined> {
  const commit = (await git(root, ['rev-parse', '--verify', '-q', 'HEAD']))?.trim();
  if (!commit || !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit)) return undefined;
  const status = await git(root, ['status', '--porcelain', '--', ...files]);
  return { commit, dirty: status === undefined || status.trim() !== '' };
}

function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (err, stdout) =>
      resolve(err ? undefined : stdout),
    );
  });
}
