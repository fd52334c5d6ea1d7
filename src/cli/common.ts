import { readFileSync } from 'node:fs';
import type { Command } from 'commander';

export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** Commands set their exit code through this, so `main` can return it without process.exit. */
export function setExit(cmd: Command, code: number): void {
  (cmd as Command & { treatyExit?: number }).treatyExit = code;
}

export function exitOf(cmd: Command): number | undefined {
  return (cmd as Command & { treatyExit?: number }).treatyExit;
}
