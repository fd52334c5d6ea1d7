/** Where a command writes. Injected so tests run commands in-process and read their output. */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Is stdout a terminal (colour on by default)? */
  isTTY: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export function processIO(): CliIO {
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    isTTY: !!process.stdout.isTTY,
    cwd: process.cwd(),
    env: process.env,
  };
}
