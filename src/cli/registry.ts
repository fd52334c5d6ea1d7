import { constants as fsConstants, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { UsageError } from '../core/errors.js';
import { versionOf } from '../changelog/collect.js';
import { CHANGE_GROUPS, GROUP_TITLES } from '../changelog/model.js';
import { todayIso } from '../core/lifecycle.js';
import {
  describeLineState,
  lineState,
  setLifecycle,
  type LineState,
} from '../registry/lifecycle.js';
import type { FileSource } from '../core/source.js';
import { openRegistry, type Registry } from '../registry/registry.js';
import type { Manifest } from '../registry/types.js';
import { repairRegistry, verifyRegistry } from '../registry/verify.js';
import { openRemote, registryFolder, registrySpec, remoteOf } from '../registry/location.js';
import { isRemoteRegistry } from '../registry/remote.js';
import { displayPath } from '../report/paths.js';
import { setExit } from './common.js';
import { globalsOf, type GlobalOptions } from './globals.js';
import type { CliIO } from './io.js';

interface RegistryOptions {
  registry?: string;
}

/** `treaty registry list | show <id>[@version] | verify [--repair] | deprecate <id>@<line>`. */
export async function registryList(io: CliIO, opts: RegistryOptions, cmd: Command): Promise<void> {
  const g = globalsOf(cmd, io);
  const reg = await openRegistry(await registryDir(g, opts, io));
  if (g.format === 'json') {
    io.out(JSON.stringify({ ...reg.toIndex(), lines: linesJson(reg) }, null, 2) + '\n');
  } else io.out(listText(reg, g));
  setExit(cmd, 0);
}

export async function registryShow(
  io: CliIO,
  spec: string,
  opts: RegistryOptions & { file?: string; export?: string },
  cmd: Command,
): Promise<void> {
  const g = globalsOf(cmd, io);
  const reg = await openRegistry(await registryDir(g, opts, io));
  const at = spec.lastIndexOf('@');
  const id = at > 0 ? spec.slice(0, at) : spec;
  const requested = at > 0 ? spec.slice(at + 1) : undefined;
  if (!reg.has(id)) {
    throw new UsageError(
      `contract '${id}' is not in the registry ${shownRegistry(reg.root, g.cwd)} (published: ${reg.contracts().join(', ') || 'none'})`,
    );
  }
  const published = () =>
    reg
      .versions(id)
      .map((v) => v.version)
      .join(', ');
  const version =
    requested === undefined
      ? reg.latest(id)!.version
      : /^v?\d+$/.test(requested)
        ? reg.latest(id, Number(requested.replace(/^v/, '')))?.version
        : requested;
  if (!version || !reg.find(id, version)) {
    throw new UsageError(
      `contract '${id}' has no published ${version ? `version ${version}` : `major line ${requested}`} (published: ${published()})`,
    );
  }
  const manifest = await reg.manifest(id, version);
  const entry = reg.find(id, version)!;
  const source = reg.source(id, version);
  if (opts.file !== undefined) {
    const rel = opts.file.replace(/^\.\//, '');
    if (!manifest.files.some((f) => f.path === rel)) {
      throw new UsageError(
        `${id} ${version} has no file '${opts.file}' (files: ${manifest.files.map((f) => f.path).join(', ')})`,
      );
    }
    io.out(await source.read(rel));
    setExit(cmd, 0);
    return;
  }
  if (opts.export !== undefined) {
    const target = path.resolve(g.cwd, opts.export);
    const written = await exportVersion(source, manifest, target);
    io.out(`exported ${id} ${version}: ${written} file(s) → ${displayPath(target, g.cwd)}\n`);
    setExit(cmd, 0);
    return;
  }
  if (g.format === 'json') {
    io.out(
      JSON.stringify(
        {
          ...manifest,
          lifecycle: {
            state: lineState(entry, todayIso()).state,
            deprecated: entry.deprecated,
            ...(entry.sunset ? { sunset: entry.sunset } : {}),
          },
          dir: entry.dir,
        },
        null,
        2,
      ) + '\n',
    );
  } else io.out(showText(reg, manifest, g));
  setExit(cmd, 0);
}

export async function registryVerify(
  io: CliIO,
  opts: RegistryOptions & { repair?: boolean },
  cmd: Command,
): Promise<void> {
  const g = globalsOf(cmd, io);
  const spec = await registrySpecOf(g, opts);
  let dir: string;
  let repaired: string[] = [];
  if (opts.repair && isRemoteRegistry(spec)) {
    // Repairs of a git registry are committed and pushed like a publish.
    const outcome = await (
      await openRemote(spec, io.env)
    ).publish(async (d) => {
      const value = await repairRegistry(d);
      return { value, message: value.length ? 'treaty registry verify --repair' : undefined };
    });
    repaired = outcome.value;
    dir = await registryFolder(spec, io);
  } else {
    dir = await registryFolder(spec, io);
    repaired = opts.repair ? await repairRegistry(dir) : [];
  }
  const result = await verifyRegistry(dir);
  if (g.format === 'json') {
    io.out(JSON.stringify({ ...result, repaired }, null, 2) + '\n');
  } else {
    const lines = [
      ...repaired.map((r) => `repaired: ${r.replace(dir, displayPath(dir, g.cwd))}`),
      ...result.problems
        .filter((p) => !g.quiet || p.level === 'error')
        .map((p) => `${displayPath(p.path, g.cwd)}: ${p.level}: ${p.message}`),
    ];
    const errors = result.problems.filter((p) => p.level === 'error').length;
    const notes = result.problems.length - errors;
    lines.push(
      `${errors ? 'registry is corrupt' : 'registry verified'}: ${shownRegistry(result.registry, g.cwd)}, ${result.contracts} contract(s), ${result.versions} version(s), ${result.files} file(s); ${errors} error(s), ${notes} note(s)`,
    );
    io.out(lines.join('\n') + '\n');
  }
  setExit(cmd, result.ok ? 0 : 1);
}

export async function registryDeprecate(
  io: CliIO,
  spec: string,
  opts: RegistryOptions & { sunset?: string; undo?: boolean },
  cmd: Command,
): Promise<void> {
  const g = globalsOf(cmd, io);
  const at = spec.lastIndexOf('@');
  if (at <= 0 || at === spec.length - 1) {
    throw new UsageError(
      `name the major line or version to deprecate: <id>@<major> or <id>@<version> (e.g. ${spec.replace(/@.*$/, '')}@1)`,
    );
  }
  if (opts.undo && opts.sunset) throw new UsageError('--undo and --sunset exclude each other');
  const id = spec.slice(0, at);
  const target = spec.slice(at + 1);
  const change = {
    target,
    deprecated: !opts.undo,
    ...(opts.sunset ? { sunset: opts.sunset } : {}),
  };
  const where = await registrySpecOf(g, opts);
  const changed = isRemoteRegistry(where)
    ? (
        await (
          await openRemote(where, io.env)
        ).publish(async (dir) => ({
          value: await setLifecycle(dir, id, change),
          message: `treaty registry deprecate ${id}@${target}${opts.undo ? ' --undo' : opts.sunset ? ` --sunset ${opts.sunset}` : ''}`,
        }))
      ).value
    : await setLifecycle(where, id, change);
  // The state in the words `registry list` uses (a past sunset is retired at once).
  const state = describeLineState(
    lineState(
      { deprecated: !opts.undo, ...(opts.sunset ? { sunset: opts.sunset } : {}) },
      todayIso(),
    ),
  );
  io.out(
    g.format === 'json'
      ? JSON.stringify(
          {
            contract: id,
            versions: changed,
            deprecated: !opts.undo,
            ...(opts.sunset ? { sunset: opts.sunset } : {}),
          },
          null,
          2,
        ) + '\n'
      : `${id} ${changed.join(', ')}: ${state}\n`,
  );
  setExit(cmd, 0);
}

/** The registry to use: `--registry`, else treaty.yaml's, else ./registry (a folder or git+url). */
async function registrySpecOf(g: GlobalOptions, opts: RegistryOptions): Promise<string> {
  if (opts.registry) return registrySpec(opts.registry, g.cwd);
  return (await loadConfig(g.cwd, g.config)).registry;
}

/** The folder to read: a git registry is fetched into its cached clone first. */
async function registryDir(g: GlobalOptions, opts: RegistryOptions, io: CliIO): Promise<string> {
  return registryFolder(await registrySpecOf(g, opts), io);
}

/**
 * Copies a published version's files (each hash-checked on read) into a folder that must not exist
 * yet or be empty: a consumer generates clients from exactly what was published.
 */
async function exportVersion(
  source: FileSource,
  manifest: Manifest,
  target: string,
): Promise<number> {
  const existing = await fs.readdir(target).catch(() => undefined);
  if (existing && existing.length) {
    throw new UsageError(`--export folder is not empty: ${target} (nothing was written)`);
  }
  // Every file is hash-checked (read) before anything is written; then the bytes are copied.
  for (const f of manifest.files) await source.read(f.path);
  for (const f of manifest.files) {
    const file = path.join(target, ...f.path.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.copyFile(source.absolute(f.path), file, fsConstants.COPYFILE_EXCL);
  }
  return manifest.files.length;
}

function listText(reg: Registry, g: GlobalOptions): string {
  const ids = reg.contracts();
  if (!ids.length) return `no contracts published in ${shownRegistry(reg.root, g.cwd)}\n`;
  const out: string[] = [];
  for (const id of ids) {
    const versions = reg.versions(id);
    out.push(`${id} (${reg.format(id)})`);
    for (const major of reg.lines(id)) {
      const line = versions.filter((v) => v.major === major);
      const last = line[line.length - 1]!;
      out.push(
        `  ${major}.x  latest ${last.version}  ${describeLineState(lineState(last, todayIso()))}  versions: ${line.map((v) => v.version).join(', ')}`,
      );
    }
  }
  const count = ids.reduce((n, id) => n + reg.versions(id).length, 0);
  out.push(`${ids.length} contract(s), ${count} version(s) in ${shownRegistry(reg.root, g.cwd)}`);
  return out.join('\n') + '\n';
}

/** Every major line of every contract with its state (`registry list --format json`). */
function linesJson(reg: Registry) {
  const today = todayIso();
  const out: Record<string, Array<{ major: number; latest: string } & LineState>> = {};
  for (const id of reg.contracts()) {
    out[id] = reg.lines(id).map((major) => {
      const latest = reg.latest(id, major)!;
      return { major, latest: latest.version, ...lineState(latest, today) };
    });
  }
  return out;
}

function showText(reg: Registry, m: Manifest, g: GlobalOptions): string {
  const entry = reg.find(m.contract, m.version)!;
  const s = m.summary;
  const width = Math.max(...m.files.map((f) => f.path.length));
  const out = [
    `${m.contract} ${m.version} (${m.format}, major line ${m.major})`,
    `  folder      ${displayPath(entry.dir, g.cwd)}`,
    `  published   ${m.publishedAt}${m.source ? ` from commit ${m.source.commit}${m.source.dirty ? ' (with uncommitted changes)' : ''}` : ''}`,
    `  previous    ${m.previous ? `${m.previous} (${m.bump}): ${s.breaking} breaking, ${s.warning} warning, ${s.info} info, ${s.waived} waived` : 'none (first published version)'}`,
    `  lifecycle   ${describeLineState(lineState(entry, todayIso()))}`,
    ...(m.documentVersion ? [`  document    version ${m.documentVersion}`] : []),
    `  entries     ${m.entries.join(', ') || '(the whole folder)'}`,
    `  files`,
    ...m.files.map(
      (f) => `    ${f.path.padEnd(width)}  ${String(f.size).padStart(8)} B  sha256 ${f.sha256}`,
    ),
  ];
  const changes = versionOf(m).changes;
  const groups = CHANGE_GROUPS.filter((g) => changes.some((i) => i.group === g));
  if (groups.length) {
    out.push('  changes');
    for (const g of groups) {
      out.push(
        `    ${GROUP_TITLES[g]}`,
        ...changes
          .filter((i) => i.group === g)
          .map((i) => `      - ${i.message}${i.rule ? ` [${i.rule}]` : ''}`),
      );
    }
  }
  const others = reg.versions(m.contract).map((v) => v.version);
  out.push(`  versions    ${others.join(', ')}`);
  return out.join('\n') + '\n';
}

/** A registry as people know it: the git remote they named, else the folder. */
function shownRegistry(dir: string, cwd: string): string {
  return remoteOf(dir) ?? displayPath(dir, cwd);
}
