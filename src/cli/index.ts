import { Command, CommanderError } from 'commander';
import { TreatyError, UsageError } from '../core/errors.js';
import { limitsFrom, resetLimits, setLimits, type InputLimits } from '../core/limits.js';
import { processIO, type CliIO } from './io.js';
import { VERSION, exitOf } from './common.js';
import {
  registerChangelog,
  registerCheck,
  registerDiff,
  registerHook,
  registerInit,
  registerPublish,
  registerRegistry,
  registerRules,
  registerVerify,
  registerWaive,
  routePublishVersion,
} from './commands.js';

export { VERSION, setExit } from './common.js';

/**
 * The commands, declared in commands.ts and registered from this explicit list; each loads its
 * module only when it runs. A command is added only once it really works.
 */
const COMMANDS: Array<(program: Command, io: CliIO) => void> = [
  registerCheck,
  registerDiff,
  registerPublish,
  registerChangelog,
  registerRegistry,
  registerRules,
  registerVerify,
  registerHook,
  registerInit,
  registerWaive,
];

export function buildProgram(io: CliIO): Command {
  const program = new Command('treaty')
    .description(
      'API contract governance: breaking changes, evolution policy and a registry for OpenAPI, AsyncAPI, protobuf, JSON Schema and Avro contracts',
    )
    .version(VERSION, '-V, --version')
    .option(
      '-f, --format <format>',
      'output format: text, json, markdown, github, junit, sarif (changelog: markdown, json, html, text)',
    )
    .option('-q, --quiet', 'print only findings that fail the policy and errors')
    .option('--no-color', 'never colour the output (colour is only used on a terminal)')
    .option('-c, --config <file>', 'config file (default: treaty.yaml in --cwd)')
    .option('-C, --cwd <dir>', 'run as if started in this folder', '.')
    .option('--debug', 'print stack traces of internal errors')
    .option('--max-depth <n>', 'deepest nesting of a document or schema (default 256)')
    .option('--max-file-size-mb <n>', 'largest file read, in MB (default 64)')
    .option('--max-files <n>', 'most files in one contract tree (default 20000)')
    .option('--max-aliases <n>', 'most YAML alias expansions in a document (default 10000)')
    .showHelpAfterError('(run treaty --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  for (const register of COMMANDS) register(program, io);
  return program;
}

/** Runs the CLI and resolves to the exit code: 0 passed, 1 policy failed, 2 usage or input error. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const program = buildProgram(io);
  let exitCode = 0;
  let acted = false;
  resetLimits();
  program.hook('preAction', (_this, action) => {
    acted = true;
    setLimits('cli', cliLimits(action));
  });
  // The git registry clones a command opened; `--help` and `--version` load no registry code.
  const closeRemotes = async () => {
    if (acted) await (await import('../registry/location.js')).closeRemotes();
  };
  program.hook('postAction', (_this, action) => {
    const code = exitOf(action);
    if (typeof code === 'number') exitCode = code;
  });
  try {
    await program.parseAsync(routePublishVersion(argv));
    await closeRemotes();
    return exitCode;
  } catch (e) {
    await closeRemotes().catch(() => {});
    if (e instanceof CommanderError) {
      // --help and --version end with code 0; usage errors were already printed by commander.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof TreatyError) {
      io.err(`treaty: ${e.oneLine()}\n`);
      return e.exitCode;
    }
    const debug = argv.includes('--debug');
    io.err(
      debug && e instanceof Error
        ? `${e.stack}\n`
        : `treaty: internal error: ${(e as Error)?.message ?? String(e)} (run with --debug for details)\n`,
    );
    return 2;
  }
}

/** The `--max-*` options as limits; a value that is not a positive number is a usage error. */
function cliLimits(cmd: Command): Partial<InputLimits> {
  const o = cmd.optsWithGlobals() as Record<string, string | undefined>;
  const num = (flag: string, v: string | undefined, integer = true): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!(n > 0) || (integer && !Number.isInteger(n))) {
      throw new UsageError(
        `--${flag} must be a positive ${integer ? 'integer' : 'number'}, not '${v}'`,
      );
    }
    return n;
  };
  const raw: Parameters<typeof limitsFrom>[0] = {};
  const depth = num('max-depth', o.maxDepth);
  const size = num('max-file-size-mb', o.maxFileSizeMb, false);
  const files = num('max-files', o.maxFiles);
  const aliases = num('max-aliases', o.maxAliases);
  if (depth !== undefined) raw.depth = depth;
  if (size !== undefined) raw.fileSizeMb = size;
  if (files !== undefined) raw.files = files;
  if (aliases !== undefined) raw.aliases = aliases;
  return limitsFrom(raw);
}
