/**
 * Typed errors. An `InputError` or `UsageError` is the user's to fix: the CLI prints its one line
 * and exits 2. Anything else is a bug in treaty: printed with a stack only under `--debug`.
 */

export interface ErrorPosition {
  file?: string;
  line?: number;
  column?: number;
}

export class TreatyError extends Error {
  readonly exitCode: number = 2;
  constructor(
    message: string,
    readonly position: ErrorPosition = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** One line: `file:line:col: message`. */
  oneLine(): string {
    const { file, line, column } = this.position;
    const where = file ? [file, line, line ? column : undefined].filter((x) => x).join(':') : '';
    return (where ? `${where}: ` : '') + this.message.replace(/\s*\n\s*/g, ' ');
  }
}

/** A file the user gave us is missing, malformed or invalid. */
export class InputError extends TreatyError {}

/** The command line was used wrongly. */
export class UsageError extends TreatyError {}

/**
 * The policy refuses what was asked (publish: the version contradicts the changes). Not an input
 * error: the inputs are fine, the policy says no. Exit 1, like a failed check.
 */
export class PolicyRefusal extends TreatyError {
  override readonly exitCode: number = 1;
}

/** The registry folder is corrupt or cannot be written. */
export class RegistryError extends TreatyError {}
