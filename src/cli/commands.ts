import type { Command } from 'commander';
import type { CliIO } from './io.js';

/**
 * Every command's arguments, options and help, declared without loading what runs it: an action
 * imports its command's module (and through it the engines) only when that command runs, so
 * `treaty --version` and `treaty --help` load commander and this file. Each module named here
 * exports the action functions, `(io, ...commander's arguments)`.
 */

/** The action of a command, loaded from its module when the command runs. */
function lazy<M extends Record<K, Action>, K extends keyof M>(
  io: CliIO,
  load: () => Promise<M>,
  name: K,
): (...args: unknown[]) => Promise<void> {
  return async (...args) => (await load())[name](io, ...args);
}

/** commander passes the arguments, the options and the command; each action declares their types. */
type Action = (io: CliIO, ...args: any[]) => void | Promise<void>;

const REGISTRY_OPTION = [
  '--registry <dir|git+url>',
  'registry folder or git remote (default: from treaty.yaml, else ./registry)',
] as const;

export function registerCheck(program: Command, io: CliIO): void {
  program
    .command('check')
    .description(
      'compare every contract of the repository with its baseline (the registry by default) and apply the policy',
    )
    .argument('[contract...]', 'only these contract ids (default: all)')
    .option(
      '--against <baseline>',
      'baseline: git:<ref> (read from git objects, no checkout; its history dates deprecations for policy.deprecation.minDays) or a folder laid out like the repository (no dates: the period is reported unverified)',
    )
    .option('--fail-on <severity>', 'lowest severity that fails: breaking, warning, info, never')
    .option(
      '--strict',
      'a document that fails validation against its specification is an input error (exit 2), not a warning',
    )
    .option(
      '--evolution <mode>',
      'evolution mode for every contract (default: treaty.yaml, else expansion): expansion, backward, forward, full, none',
    )
    .option(
      '--no-fast-path',
      'load and compare every contract, even one whose files are byte for byte its published baseline',
    )
    .action(lazy(io, () => import('./check.js'), 'check'));
}

export function registerChangelog(program: Command, io: CliIO): void {
  program
    .command('changelog')
    .description(
      'what changed in each published version, newest first (or, with --pending, in the working tree): Breaking, Added, Changed, Deprecated, Removed; --format markdown (default), json, html, text',
    )
    .argument('[contract...]', 'contract ids (default: the contracts of treaty.yaml)')
    .option('--from <version>', 'first version shown (one contract; default: the first published)')
    .option('--to <version>', 'last version shown (one contract; default: the latest)')
    .option(
      '--pending',
      'the working tree against the latest published version, as the next version would read',
    )
    .option('--all', 'every contract in the registry, in one document')
    .option('--since <date>', 'only versions published on or after this date (YYYY-MM-DD)')
    .option('--registry <dir>', 'registry folder (default: from treaty.yaml, else ./registry)')
    .action(lazy(io, () => import('./changelog.js'), 'changelog'));
}

export function registerDiff(program: Command, io: CliIO): void {
  program
    .command('diff')
    .description(
      'compare two versions of a contract (two files or two folders), no registry needed',
    )
    .argument('<base>', 'the old version: a file or a folder')
    .argument('<revision>', 'the new version: a file or a folder')
    .option(
      '--fail-on <severity>',
      'lowest severity that fails: breaking, warning, info, never',
      'breaking',
    )
    .option(
      '--evolution <mode>',
      'evolution mode: expansion (only additions), backward, forward, full, none',
      'expansion',
    )
    .option('--id <id>', 'contract id to report under (default: from the file name)')
    .option(
      '--strict',
      'exit 2 on a document that fails validation against its specification (default: compare it and report the problems as warnings)',
    )
    .action(lazy(io, () => import('./diff.js'), 'diff'));
}

export function registerHook(program: Command, io: CliIO): void {
  const hook = program.command('hook').description('git pre-commit hook: check staged contracts');
  hook
    .command('install')
    .description(
      'add a git pre-commit hook that checks the staged contracts against HEAD (an existing hook is kept and runs first)',
    )
    .action(lazy(io, () => import('./hook.js'), 'hookInstall'));
  hook
    .command('run')
    .description(
      'what the hook runs: treaty check --against git:HEAD on the contracts with staged changes (silent when none)',
    )
    .action(lazy(io, () => import('./hook.js'), 'hookRun'));
}

export function registerInit(program: Command, io: CliIO): void {
  program
    .command('init')
    .description(
      'write a commented treaty.yaml for the contracts found here and an empty registry (never overwrites)',
    )
    .option('--github', 'also write .github/workflows/contracts.yml (check every pull request)')
    .action(lazy(io, () => import('./init.js'), 'init'));
}

export function registerPublish(program: Command, io: CliIO): void {
  program
    .command('publish')
    .description(
      "publish the contracts as new immutable versions to the registry: the document's version when the changes allow it (else refused, exit 1), computed from the changes when there is none",
    )
    .argument('[contract...]', 'only these contract ids (default: all)')
    .option(
      '--version <version>',
      "publish as this version instead of the document's (one contract only; checked like it)",
    )
    .option('--dry-run', 'print what would be written, write nothing')
    .option(...REGISTRY_OPTION)
    .action(lazy(io, () => import('./publish.js'), 'publish'));
}

export function registerRegistry(program: Command, io: CliIO): void {
  const registry = program
    .command('registry')
    .description('inspect and verify the registry folder of published contract versions');

  registry
    .command('list')
    .description(
      'list the published contracts, their major lines and the state of each line (active, deprecated until DATE, retired)',
    )
    .option(...REGISTRY_OPTION)
    .action(lazy(io, () => import('./registry.js'), 'registryList'));

  registry
    .command('show')
    .description(
      'show a published version: its manifest, files and changes (or print or export its files)',
    )
    .argument(
      '<contract>',
      'contract id, optionally @version or @major (the latest of that line; default: the latest version)',
    )
    .option(...REGISTRY_OPTION)
    .option('--file <path>', 'print this published file (e.g. the entry document) instead')
    .option('--export <dir>', 'copy the published files into this new folder, tree preserved')
    .action(lazy(io, () => import('./registry.js'), 'registryShow'));

  registry
    .command('verify')
    .description(
      'verify every published file against its sha256, every manifest against its schema, and the index against the folders',
    )
    .option(
      '--repair',
      'rebuild index.json and the changelogs left stale by an interrupted publish',
    )
    .option(...REGISTRY_OPTION)
    .action(lazy(io, () => import('./registry.js'), 'registryVerify'));

  registry
    .command('deprecate')
    .description(
      'mark a major line (id@1) or one version (id@1.2.0) deprecated, with the sunset date after which it may be removed',
    )
    .argument('<target>', 'contract id @ major line or version, e.g. orders-api@1')
    .option('--sunset <date>', 'YYYY-MM-DD after which the line is no longer supported')
    .option('--undo', 'mark it active again (clears the sunset)')
    .option(...REGISTRY_OPTION)
    .action(lazy(io, () => import('./registry.js'), 'registryDeprecate'));
}

export function registerRules(program: Command, io: CliIO): void {
  program
    .command('rules')
    .description('list the rule catalogue, or explain one rule')
    .argument('[id]', 'a rule id (or a peer tool check id, e.g. FIELD_SAME_TYPE)')
    .option('--for <format>', 'only rules of this contract format')
    .action(lazy(io, () => import('./rules.js'), 'showRules'));
}

export function registerVerify(program: Command, io: CliIO): void {
  program
    .command('verify')
    .description(
      'deploy gate: fail unless every contract is byte for byte (by sha256) a published version',
    )
    .argument('[contract...]', 'only these contract ids (default: all)')
    .option('--published', 'every contract must be a published version (the one check verify runs)')
    .action(lazy(io, () => import('./verify.js'), 'verify'));
}

export function registerWaive(program: Command, io: CliIO): void {
  program
    .command('waive')
    .description(
      'accept one finding (by the fingerprint the JSON report prints) until a date: appends a waiver to the waivers file',
    )
    .argument('<fingerprint>', "the finding's fingerprint (treaty check --format json)")
    .requiredOption('--reason <text>', 'why the change is accepted')
    .requiredOption('--expires <date>', 'last day the waiver applies (YYYY-MM-DD)')
    .option('--file <path>', 'waivers file (default: policy.waivers of treaty.yaml)')
    .action(lazy(io, () => import('./waive.js'), 'waive'));
}

/**
 * `treaty publish --version X`: the program's own `--version` flag would take it (commander reads
 * program options anywhere in the line). After the `publish` command, `--version X` is rewritten
 * to `--version=X`, which only publish's option accepts.
 */
export function routePublishVersion(argv: readonly string[]): string[] {
  const out = [...argv];
  const cmd = out.indexOf('publish', 2);
  if (cmd < 0) return out;
  for (let i = cmd + 1; i < out.length - 1; i++) {
    if (out[i] === '--') break;
    if (out[i] === '--version') out.splice(i, 2, `--version=${out[i + 1]}`);
  }
  return out;
}
