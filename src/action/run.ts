import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { main } from '../cli/index.js';
import type { CliIO } from '../cli/io.js';
import { getCatalogue } from '../formats/index.js';
import { render } from '../report/index.js';
import type { Report } from '../report/report.js';
import { nextVersions } from './next-versions.js';

const exec = promisify(execFile);

/**
 * The GitHub Action (action.yml): runs `treaty check` once, then writes what GitHub shows from
 * its report — annotations at file and line (workflow commands on stdout), a Markdown job summary
 * ($GITHUB_STEP_SUMMARY), the step's outputs ($GITHUB_OUTPUT) and, when asked, a SARIF file.
 *
 * Inputs come as environment variables (action.yml maps them): INPUT_CONFIG, INPUT_AGAINST,
 * INPUT_FAIL_ON, INPUT_EVOLUTION, INPUT_WORKING_DIRECTORY, INPUT_SARIF_FILE. Resolves to the exit
 * code: 0 passed, 1 the policy failed, 2 an input error.
 */
export async function runAction(io: CliIO): Promise<number> {
  const env = io.env;
  const input = (name: string) => (env[`INPUT_${name}`] ?? '').trim();
  const workspace = path.resolve(io.cwd, env.GITHUB_WORKSPACE || '.');
  const cwd = path.resolve(workspace, input('WORKING_DIRECTORY') || '.');
  const setOutput = (outputs: Record<string, string>) => appendOutputs(env.GITHUB_OUTPUT, outputs);

  let against = input('AGAINST');
  try {
    if (!against) against = await pullRequestBase(env.GITHUB_EVENT_PATH, cwd, io);
  } catch (e) {
    return fail(io, (e as Error).message, setOutput);
  }

  const args = ['check', '--format', 'json', '--cwd', cwd];
  if (input('CONFIG')) args.push('--config', path.resolve(workspace, input('CONFIG')));
  if (input('FAIL_ON')) args.push('--fail-on', input('FAIL_ON'));
  if (input('EVOLUTION')) args.push('--evolution', input('EVOLUTION'));
  const run = await check(against ? [...args, '--against', against] : args, io);
  if (run.code === 2 || !run.stdout.trim()) {
    return fail(io, run.stderr.trim().replace(/^treaty: /, '') || 'treaty check failed', setOutput);
  }
  const report = reviveReport(JSON.parse(run.stdout) as Report, cwd);
  // Next versions count from what is published: against a git ref, ask the registry too.
  let published = report;
  if (against) {
    const registry = await check(args, io);
    if (registry.code !== 2 && registry.stdout.trim()) {
      published = JSON.parse(registry.stdout) as Report;
    }
  }

  // Paths relative to the repository root: that is where GitHub places annotations and SARIF results.
  const opts = { color: false, quiet: false, catalogue: getCatalogue(), cwd: workspace };
  io.out(render(report, 'github', opts));
  const summary = render(report, 'markdown', opts);
  if (env.GITHUB_STEP_SUMMARY) await fs.appendFile(env.GITHUB_STEP_SUMMARY, summary + '\n');
  else io.out(summary + '\n');
  if (input('SARIF_FILE')) {
    const file = path.resolve(workspace, input('SARIF_FILE'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, render(report, 'sarif', opts));
  }
  await setOutput({
    result: report.summary.failed ? 'failed' : 'passed',
    breaking: String(report.summary.breaking),
    'next-versions': JSON.stringify(nextVersions(published, getCatalogue())),
  });
  io.out(
    `treaty: ${report.summary.failed ? 'failed' : 'passed'} — ${report.summary.breaking} breaking, ${report.summary.warning} warnings in ${report.summary.contracts} contracts${against ? ` (against ${against})` : ''}\n`,
  );
  return run.code;
}

/** `treaty check` in-process, its output captured. */
async function check(
  args: string[],
  io: CliIO,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'treaty', ...args], {
    ...io,
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** An input error: one `::error::` line (GitHub shows it on the run), `result=error`, exit 2. */
async function fail(
  io: CliIO,
  message: string,
  setOutput: (o: Record<string, string>) => Promise<void>,
): Promise<number> {
  io.out(`::error title=treaty::${message.replace(/%/g, '%25').replace(/\r?\n/g, '%0A')}\n`);
  await setOutput({ result: 'error', breaking: '0', 'next-versions': '{}' });
  return 2;
}

/**
 * On a pull request, the baseline is the base branch as the event saw it (`git:<base sha>`); a
 * shallow clone lacks that commit, so it is fetched first. Other events: the registry.
 */
async function pullRequestBase(
  eventPath: string | undefined,
  cwd: string,
  io: CliIO,
): Promise<string> {
  if (!eventPath) return '';
  let event: { pull_request?: { base?: { sha?: string; ref?: string } } };
  try {
    event = JSON.parse(await fs.readFile(eventPath, 'utf8')) as typeof event;
  } catch (e) {
    throw new Error(`cannot read the GitHub event payload ${eventPath}: ${(e as Error).message}`);
  }
  const base = event.pull_request?.base;
  const rev = base?.sha || base?.ref;
  if (!rev) return '';
  const has = await exec('git', ['cat-file', '-e', `${rev}^{commit}`], { cwd }).then(
    () => true,
    () => false,
  );
  if (!has) {
    io.out(`::group::git fetch origin ${rev} (the pull request's base, absent from this clone)\n`);
    try {
      await exec('git', ['fetch', '--no-tags', '--depth=1', 'origin', rev], { cwd });
    } catch (e) {
      throw new Error(
        `cannot fetch the pull request's base ${rev}: ${(e as Error).message.split('\n')[0]} (use actions/checkout with fetch-depth: 0, or set the 'against' input)`,
      );
    } finally {
      io.out('::endgroup::\n');
    }
  }
  return `git:${rev}`;
}

/** The JSON report with its paths absolute again (relative to the folder check ran in). */
function reviveReport(report: Report, cwd: string): Report {
  const abs = (file: string) => (file.startsWith('git:') ? file : path.resolve(cwd, file));
  return {
    ...report,
    findings: report.findings.map((f) => ({
      ...f,
      location: { ...f.location, file: abs(f.location.file) },
      ...(f.baseLocation
        ? { baseLocation: { ...f.baseLocation, file: abs(f.baseLocation.file) } }
        : {}),
    })),
  };
}

/** Appends `name=value` lines (heredoc form for values with line breaks) to $GITHUB_OUTPUT. */
async function appendOutputs(
  file: string | undefined,
  outputs: Record<string, string>,
): Promise<void> {
  if (!file) return;
  const lines = Object.entries(outputs).map(([k, v]) => {
    if (!/[\r\n]/.test(v)) return `${k}=${v}\n`;
    const delimiter = `treaty_${k.replace(/\W/g, '_')}_EOF`;
    return `${k}<<${delimiter}\n${v}\n${delimiter}\n`;
  });
  await fs.appendFile(file, lines.join(''));
}
