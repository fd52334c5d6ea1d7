import { main } from '../../src/cli/index.js';
import { ROOT } from './paths.js';

export { ROOT, FIXTURES } from './paths.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output (no TTY, so no colour). */
export async function runCli(args: string[], cwd = ROOT): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'treaty', ...args], {
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
    isTTY: false,
    cwd,
    env: {},
  });
  return { code, stdout, stderr };
}
