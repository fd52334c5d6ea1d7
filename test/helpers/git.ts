import { execFileSync } from 'node:child_process';

/** Identity and settings every test repository commits with (no user config needed). */
export const GIT_ENV = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@t',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@t',
};

/** `git <args>` in `repo`, returning stdout as text. */
export function gitIn(repo: string): (...args: string[]) => string {
  return (...args) =>
    execFileSync('git', args, { cwd: repo, env: { ...process.env, ...GIT_ENV } }).toString();
}
