import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { InputError } from '../core/errors.js';
import type { ContractRef } from '../core/model.js';

const exec = promisify(execFile);

/** The line that marks a pre-commit hook as treaty's own. */
export const HOOK_MARKER = '# treaty pre-commit hook (treaty hook install)';
/** Files a contract can consist of (what the hook's shell prefilter looks for). */
export const CONTRACT_FILES = '\\.(ya?ml|json|proto|avsc|avpr|avdl)$';

/** Where an existing hook is kept; treaty's hook runs it first. */
export const CHAINED = 'pre-commit.before-treaty';

async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await exec('git', args, { cwd })).stdout.trim();
}

/** The hooks folder git uses (core.hooksPath honoured), absolute. */
export async function hooksDir(cwd: string): Promise<string> {
  let dir: string;
  try {
    dir = await git(cwd, 'rev-parse', '--git-path', 'hooks');
  } catch {
    throw new InputError('treaty hook install: not inside a git repository', { file: cwd });
  }
  return path.resolve(cwd, dir);
}

/**
 * The hook script: runs a kept earlier hook first (its failure stops the commit), then
 * `treaty hook run` with the treaty that installed it.
 */
export function hookScript(treatyBin: string): string {
  return [
    '#!/bin/sh',
    HOOK_MARKER,
    '# Checks the staged API contracts against HEAD; silent when no contract changed.',
    '# Skip once with: git commit --no-verify',
    `hooks=$(dirname "$0")`,
    `if [ -x "$hooks/${CHAINED}" ]; then "$hooks/${CHAINED}" "$@" || exit $?; fi`,
    '# A contract is YAML, JSON, .proto or Avro: a commit staging none of those skips node.',
    `git diff --cached --name-only --no-renames | grep -qiE '${CONTRACT_FILES}' || exit 0`,
    `exec node ${shellQuote(treatyBin)} hook run`,
    '',
  ].join('\n');
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export type InstallResult = 'installed' | 'chained' | 'updated';

/**
 * Installs the pre-commit hook. An existing hook that is not treaty's is kept (renamed to
 * `pre-commit.before-treaty`) and chained; treaty's own is rewritten. Refuses when a chained hook
 * is already kept, rather than overwrite it.
 */
export async function installHook(
  cwd: string,
  treatyBin: string,
): Promise<{ file: string; result: InstallResult }> {
  const dir = await hooksDir(cwd);
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, 'pre-commit');
  const existing = await fs.readFile(file, 'utf8').catch(() => undefined);
  let result: InstallResult = 'installed';
  if (existing !== undefined) {
    if (existing.includes(HOOK_MARKER)) result = 'updated';
    else {
      const kept = path.join(dir, CHAINED);
      if (
        await fs.stat(kept).then(
          () => true,
          () => false,
        )
      ) {
        throw new InputError(
          `a pre-commit hook exists and ${CHAINED} is taken: remove one of them first`,
          { file },
        );
      }
      await fs.rename(file, kept);
      await fs.chmod(kept, 0o755);
      result = 'chained';
    }
  }
  await fs.writeFile(file, hookScript(treatyBin), { mode: 0o755 });
  await fs.chmod(file, 0o755);
  return { file, result };
}

/** Paths (relative to the repository top) staged for the commit, deletions included. */
export async function stagedFiles(cwd: string): Promise<{ top: string; files: string[] }> {
  const top = await git(cwd, 'rev-parse', '--show-toplevel');
  const out = await git(top, 'diff', '--cached', '--name-only', '--no-renames', '-z');
  return { top, files: out.split('\0').filter(Boolean) };
}

/**
 * The contracts a commit touches: a staged file inside a contract's folder (a tree of files) or
 * inside the folder of its entry document, which holds what it references.
 */
export function touchedContracts(
  refs: readonly ContractRef[],
  top: string,
  staged: readonly string[],
): ContractRef[] {
  const abs = staged.map((f) => path.join(top, ...f.split('/')));
  return refs.filter((r) =>
    abs.some((f) => {
      const rel = path.relative(r.root, f);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    }),
  );
}

/** Does HEAD exist (not the first commit)? */
export async function hasHead(cwd: string): Promise<boolean> {
  return exec('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd }).then(
    () => true,
    () => false,
  );
}
