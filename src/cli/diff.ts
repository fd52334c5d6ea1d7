import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { discoverContracts } from '../engine/discover.js';
import { DirSource } from '../core/source.js';
import { readTextFile } from '../core/text.js';
import { InputError, UsageError } from '../core/errors.js';
import {
  EVOLUTION_MODES,
  type ContractRef,
  type EvolutionMode,
  type Finding,
} from '../core/model.js';
import { compareContracts, loadContract } from '../engine/run.js';
import { getCatalogue, sniffers } from '../formats/index.js';
import { contractFinding } from '../engine/check.js';
import { contractAdded, contractRemoved } from '../core/rules.js';
import { applyPolicy } from '../policy/index.js';
import {
  buildReport,
  versionFields,
  FAIL_ON,
  type ContractResult,
  type FailOn,
} from '../report/report.js';
import { VERSION, setExit } from './common.js';
import { globalsOf } from './globals.js';
import type { CliIO } from './io.js';
import { printReport } from './output.js';

interface DiffOptions {
  failOn: string;
  evolution: string;
  id?: string;
  strict?: boolean;
}

/** `treaty diff <base> <revision>`: two files or two folders, no config, no registry. */
export async function diff(
  io: CliIO,
  baseArg: string,
  revArg: string,
  opts: DiffOptions,
  cmd: Command,
): Promise<void> {
  const g = globalsOf(cmd, io);
  const failOn = parseFailOn(opts.failOn);
  const evolution = parseEvolution(opts.evolution);
  const base = path.resolve(g.cwd, baseArg);
  const rev = path.resolve(g.cwd, revArg);
  const bs = await statOf(base);
  const rs = await statOf(rev);
  if (bs.isDirectory() !== rs.isDirectory()) {
    throw new UsageError('diff takes two files or two folders, not one of each');
  }
  const pairs = (
    bs.isDirectory() ? await folderPairs(base, rev) : [await filePair(base, rev, opts.id)]
  ).map((p) => (opts.strict ? p : lenient(p)));

  const findings: Finding[] = [];
  const contracts: Array<Omit<ContractResult, 'status' | 'summary'> & { isNew?: boolean }> = [];
  for (const pair of pairs) {
    if (!pair.rev) {
      findings.push(contractFinding(contractRemoved, pair.base!));
      contracts.push({
        id: pair.base!.id,
        format: pair.base!.format,
        baseline: path.relative(g.cwd, pair.base!.root),
      });
      continue;
    }
    const revLoaded = await loadContract(pair.rev, pair.revSource);
    if (!pair.base) {
      findings.push(contractFinding(contractAdded, pair.rev));
      contracts.push({
        id: pair.rev.id,
        format: pair.rev.format,
        ...versionFields(revLoaded),
        isNew: true,
      });
      continue;
    }
    const baseLoaded = await loadContract(pair.base, pair.baseSource);
    findings.push(...compareContracts(baseLoaded, revLoaded));
    contracts.push({
      id: pair.rev.id,
      format: pair.rev.format,
      ...versionFields(revLoaded),
      baseline: displayPath(g.cwd, pair.base),
    });
  }
  const report = buildReport(
    VERSION,
    failOn,
    contracts,
    applyPolicy(findings, {
      severity: {},
      evolution: () => evolution,
      catalogue: getCatalogue(),
      stability: () => 'beta',
    }),
  );
  printReport(report, g, io);
  setExit(cmd, report.summary.failed ? 1 : 0);
}

interface Pair {
  base?: ContractRef;
  rev?: ContractRef;
  /** The folders as discovery listed them, when the pair is read from them (listed once). */
  baseSource?: DirSource;
  revSource?: DirSource;
}

/** Without --strict, documents that fail validation are compared; their problems become warnings. */
function lenient(pair: Pair): Pair {
  const mark = (ref?: ContractRef) =>
    ref && { ...ref, options: { lenient: true, ...(ref.options ?? {}) } };
  return { ...pair, base: mark(pair.base), rev: mark(pair.rev) };
}

async function filePair(base: string, rev: string, id?: string): Promise<Pair> {
  const text = readTextFile(rev);
  const relName = path.basename(rev);
  const adapter = sniffers().find((a) => a.detect(relName, text));
  if (!adapter) {
    throw new InputError(
      'not a contract treaty can read (OpenAPI, AsyncAPI, JSON Schema, Avro or .proto)',
      {
        file: rev,
      },
    );
  }
  const contractId =
    id ??
    path
      .basename(rev)
      .replace(/\.[^.]+$/, '')
      .toLowerCase();
  const mk = (file: string): ContractRef => ({
    id: contractId,
    format: adapter.format,
    root: path.dirname(file),
    entries: [path.basename(file)],
  });
  // The revision is read once: loading it takes the text read here to sniff its format.
  const revSource = new DirSource(path.dirname(rev));
  revSource.readAlready(path.basename(rev), text);
  return { base: mk(base), rev: mk(rev), revSource };
}

/** Two folders: a .proto tree each, or the contracts discovered in each, matched by id. */
async function folderPairs(base: string, rev: string): Promise<Pair[]> {
  const baseSource = new DirSource(base);
  const revSource = new DirSource(rev);
  const [b, r] = await Promise.all([
    discoverContracts(base, { source: baseSource }),
    discoverContracts(rev, { source: revSource }),
  ]);
  const onlyProto = (refs: ContractRef[]) =>
    refs.length > 0 && refs.every((x) => x.format === 'protobuf');
  if (onlyProto(b) && onlyProto(r)) {
    // Two proto trees: the folders given are the import roots.
    const mk = (root: string): ContractRef => ({
      id: path.basename(rev).toLowerCase() || 'proto',
      format: 'protobuf',
      root,
      entries: [],
    });
    return [{ base: mk(base), rev: mk(rev), baseSource, revSource }];
  }
  if (!b.length && !r.length) {
    throw new InputError('no contracts found in either folder', { file: rev });
  }
  const ids = [...new Set([...b, ...r].map((x) => x.id))].sort();
  return ids.map((id) => ({ base: b.find((x) => x.id === id), rev: r.find((x) => x.id === id) }));
}

function displayFile(ref: ContractRef): string {
  return ref.entries.length === 1 ? path.join(ref.root, ref.entries[0]!) : ref.root;
}

function displayPath(cwd: string, ref: ContractRef): string {
  return path.relative(cwd, displayFile(ref)) || '.';
}

async function statOf(p: string) {
  try {
    return await fs.stat(p);
  } catch {
    throw new InputError('file or folder not found', { file: p });
  }
}

export function parseFailOn(v: string): FailOn {
  if (!(FAIL_ON as readonly string[]).includes(v)) {
    throw new UsageError(`unknown --fail-on '${v}' (expected ${FAIL_ON.join(', ')})`);
  }
  return v as FailOn;
}

export function parseEvolution(v: string): EvolutionMode {
  if (!(EVOLUTION_MODES as readonly string[]).includes(v)) {
    throw new UsageError(`unknown --evolution '${v}' (expected ${EVOLUTION_MODES.join(', ')})`);
  }
  return v as EvolutionMode;
}
