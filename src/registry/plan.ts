import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { LoadedContract } from '../core/adapter.js';
import { InputError, RegistryError, UsageError } from '../core/errors.js';
import type { Finding, Format } from '../core/model.js';
import { summarise } from '../core/model.js';
import type { ChangeKind } from '../core/rule.js';
import { readDocumentVersion } from '../core/document-version.js';
import {
  decideVersion,
  firstOfLine,
  wantedLine,
  wantedVersion,
  type Decision,
  type NextVersion,
} from '../policy/next-version.js';
import {
  bumpBetween,
  bumpFor,
  formatSemver,
  parseSemver,
  type BumpReason,
} from '../policy/semver.js';
import { sortFindings } from '../report/report.js';
import { changeItems, type ChangeItem } from '../changelog/model.js';
import { renderEntry } from './changelog.js';
import { assertContractId, assertNoSymlinks, assertRelPath, inputErrorAt } from './paths.js';
import { sha256 } from './read.js';
import { MANIFEST_FILE, type Registry } from './registry.js';
import type { Manifest, ManifestChanges, PublishBump, VersionEntry } from './types.js';

/** One file a publish writes. `content` is the exact bytes read from the contract's folder. */
export interface PlannedFile {
  path: string;
  sha256: string;
  size: number;
  content: Buffer;
}

/**
 * What a publish will do, computed before anything is written: plain data, printed by
 * `--dry-run` and applied by `applyPlan`.
 */
export interface PublishPlan {
  /** Absolute registry folder. */
  registry: string;
  contract: string;
  format: Format;
  version: string;
  /** `unchanged`: this exact contract is already published; applying it writes nothing. */
  action: 'publish' | 'unchanged';
  /** One sentence saying why this version (or why nothing is written). */
  reason: string;
  /** Target folder of the version. */
  dir: string;
  /** Latest version of the same major line when planned (applyPlan refuses if it moved). */
  lineLatest?: string;
  files: PlannedFile[];
  manifest: Manifest;
  /** The CHANGELOG.md entry of this version. */
  changelog: string;
  /** Findings against `manifest.previous`. */
  findings: Finding[];
  /** The version decision as reports show it (`treaty check`'s next version). */
  next: NextVersion;
}

export interface PublishRequest {
  registry: Registry;
  /** The revision, loaded from the working tree (its ref.root is where files are read). */
  contract: LoadedContract;
  /** Compares the revision with a published version (the baseline chosen by the plan). */
  compare: (base: VersionEntry) => Promise<Finding[]>;
  /** Change kind of a rule (catalogue), for the bump and the changelog groups. */
  kindOf: (rule: string) => ChangeKind | undefined;
  /** `--version`. */
  version?: string;
  now?: Date;
  /** The git commit published from, when in a git repository. */
  source?: { commit: string; dirty: boolean };
  /** Folder paths in messages are shown relative to (default: the process's). */
  cwd?: string;
  /**
   * The major lines of this contract planned in the same run (a contract listed once per line, or
   * one document carrying several): a first publish then names its line.
   */
  runLines?: readonly number[];
}

/**
 * Plans publishing one contract.
 *
 * The version is wanted from `--version`, else the document's own version (`info.version`, a JSON
 * Schema `version`/`$id`; never with `versioning: computed`), else it is computed. Its major line
 * (a protobuf package's `vN`, or the highest published line when nothing declares one) decides the
 * version it is compared with: the latest of that line. The findings decide the least bump
 * (breaking → major, addition → minor, else patch); `decideVersion` takes the wanted version when
 * it is consistent with them and refuses (exit 1, naming the findings and what to set) when not.
 * - A new line (or the first publish) is compared with the latest version of the closest lower
 *   line, for its changelog.
 * - Identical files to the latest version of the line (or to an existing wanted version) →
 *   unchanged.
 */
export async function planPublish(req: PublishRequest): Promise<PublishPlan> {
  const { registry, contract } = req;
  const id = contract.ref.id;
  assertContractId(id);
  const format = contract.ref.format;
  const known = registry.format(id);
  if (known && known !== format) {
    throw new UsageError(
      `contract '${id}' is published as ${known} in the registry; it cannot be published as ${format}`,
    );
  }
  const clash = registry.contracts().find((c) => c !== id && c.toLowerCase() === id.toLowerCase());
  if (clash) {
    throw new UsageError(
      `contract id '${id}' differs from the published '${clash}' only in letter case`,
    );
  }
  const files = await readContractFiles(contract);
  const entries = [...new Set(contract.ref.entries)].sort();

  const versioning = contract.ref.options?.versioning === 'computed' ? 'computed' : 'document';
  const wanted = wantedVersion({
    ...(req.version !== undefined ? { flag: req.version } : {}),
    ...(contract.version !== undefined ? { declared: contract.version } : {}),
    ...(contract.versionField !== undefined ? { declaredAt: contract.versionField } : {}),
    ...(contract.major !== undefined ? { major: contract.major } : {}),
    versioning,
  });
  const lines = registry.lines(id);
  const line = wantedLine(wanted) ?? lines[lines.length - 1] ?? 1;

  const base = {
    registry: registry.root,
    contract: id,
    format,
    files,
    entries,
    documentVersion: contract.version,
    now: req.now ?? new Date(),
    source: req.source,
  };

  const latest = registry.latest(id, line);
  const latestManifest = latest ? await registry.manifest(id, latest.version) : undefined;
  if (latest && latestManifest && sameFiles(latestManifest, files, entries)) {
    return unchanged(
      registry,
      latest,
      latestManifest,
      base,
      `no file changed since ${latest.version}`,
    );
  }
  // An exact version that exists: same bytes is a no-op; other bytes are refused (--version:
  // the registry is immutable; the document's version: below, naming what to set instead).
  if (wanted.kind === 'exact') {
    const existing = registry.find(id, formatSemver(wanted.version));
    if (existing) {
      const m = await registry.manifest(id, existing.version);
      if (sameFiles(m, files, entries)) {
        return unchanged(
          registry,
          existing,
          m,
          base,
          `${existing.version} is already published with the same files`,
        );
      }
      if (wanted.from === 'flag') refuseImmutable(existing);
    }
  }

  const decide = async (
    previous: VersionEntry | undefined,
    findings: Finding[],
  ): Promise<{ decision: Decision; why: BumpReason }> => {
    const why = bumpFor(findings, req.kindOf);
    const decision = decideVersion({
      wanted,
      line,
      lines,
      ...(previous && previous.major === line ? { latest: previous.version } : {}),
      exists: (v) => !!registry.find(id, v),
      publishedDates: wanted.kind === 'date' ? await publishedDates(registry, id) : [],
      why,
      findings,
      kindOf: req.kindOf,
      cwd: req.cwd ?? process.cwd(),
      ...(contract.lineField !== undefined ? { lineField: contract.lineField } : {}),
    });
    return { decision, why };
  };

  if (latest) {
    const findings = sortFindings(await req.compare(latest));
    const { decision, why } = await decide(latest, findings);
    const version = decision.version;
    if (registry.find(id, version)) refuseImmutable(registry.find(id, version)!);
    const bump: PublishBump = bumpBetween(latest.version, version);
    const reason =
      `${bump} release against ${latest.version}: ` +
      (why.breaking || why.added || why.other
        ? changesText(why)
        : 'files changed, no structural change detected');
    return build(registry, base, {
      version,
      bump,
      previous: latest.version,
      lineLatest: line === parseSemver(version)!.major ? latest.version : undefined,
      findings,
      reason,
      kindOf: req.kindOf,
      decision,
      why,
    });
  }

  // A new major line (or the first publish). Several lines published in one run are planned
  // before any is written: a first publish names its line, and says whether it is the first.
  const lower = lines.filter((l) => l < line);
  const prev = lower.length ? registry.latest(id, lower[lower.length - 1]) : undefined;
  const findings = prev ? sortFindings(await req.compare(prev)) : [];
  const { decision, why } = await decide(undefined, findings);
  const major = parseSemver(decision.version)!.major;
  const siblings = (req.runLines ?? []).filter((l) => l !== major);
  const newLine =
    !prev && !lines.length && siblings.length
      ? { first: siblings.every((l) => l > major) }
      : undefined;
  return build(registry, base, {
    version: decision.version,
    bump: prev ? 'major' : 'initial',
    previous: prev?.version,
    lineLatest: undefined,
    findings,
    ...(newLine ? { newLine } : {}),
    reason: prev
      ? `new major line ${line}, compared with ${prev.version}`
      : lines.length
        ? `new major line ${line}`
        : newLine
          ? firstOfLine(major, newLine.first)
          : 'first published version',
    kindOf: req.kindOf,
    decision,
    why,
  });
}

/** `1 breaking change, 2 additions, 1 other change` */
export function changesText(c: { breaking: number; added: number; other: number }): string {
  return [
    c.breaking && plural(c.breaking, 'breaking change'),
    c.added && plural(c.added, 'addition'),
    c.other && plural(c.other, 'other change'),
  ]
    .filter(Boolean)
    .join(', ');
}

function refuseImmutable(existing: VersionEntry): never {
  throw new RegistryError(
    `version ${existing.version} of '${existing.contract}' is already published with different files; published versions are immutable (publish a new version)`,
    { file: existing.dir },
  );
}

/** Date versions the published versions of a contract declared (from their manifests). */
async function publishedDates(
  registry: Registry,
  id: string,
): Promise<Array<{ date: string; version: string }>> {
  const out: Array<{ date: string; version: string }> = [];
  for (const v of registry.versions(id)) {
    const m = await registry.manifest(id, v.version);
    const d = m.documentVersion !== undefined ? readDocumentVersion(m.documentVersion) : undefined;
    if (d?.kind === 'date') out.push({ date: d.date, version: v.version });
  }
  return out;
}

interface PlanBase {
  registry: string;
  contract: string;
  format: Format;
  files: PlannedFile[];
  entries: string[];
  documentVersion?: string;
  now: Date;
  source?: { commit: string; dirty: boolean };
}

function build(
  registry: Registry,
  base: PlanBase,
  o: {
    version: string;
    bump: PublishBump;
    previous?: string;
    lineLatest?: string;
    findings: Finding[];
    reason: string;
    kindOf: (rule: string) => ChangeKind | undefined;
    decision: Decision;
    why: BumpReason;
    newLine?: { first: boolean };
  },
): PublishPlan {
  const major = parseSemver(o.version)!.major;
  // A version joins its line's lifecycle: a deprecated line stays deprecated.
  const line = registry.versions(base.contract).filter((v) => v.major === major);
  const last = line[line.length - 1];
  const deprecated = !!line.length && line.every((v) => v.deprecated);
  const manifest: Manifest = {
    manifestVersion: 1,
    contract: base.contract,
    version: o.version,
    format: base.format,
    major,
    ...(base.documentVersion !== undefined ? { documentVersion: base.documentVersion } : {}),
    publishedAt: base.now.toISOString(),
    ...(base.source ? { source: base.source } : {}),
    entries: base.entries,
    files: base.files.map(({ path: p, sha256: h, size }) => ({ path: p, sha256: h, size })),
    ...(o.previous ? { previous: o.previous } : {}),
    bump: o.bump,
    summary: summarise(o.findings),
    ...changesOf(o.findings, o.kindOf),
    deprecated,
    ...(deprecated && last?.sunset ? { sunset: last.sunset } : {}),
  };
  return {
    registry: base.registry,
    contract: base.contract,
    format: base.format,
    version: o.version,
    action: 'publish',
    reason: o.reason,
    dir: registry.versionDir(base.contract, o.version),
    ...(o.lineLatest ? { lineLatest: o.lineLatest } : {}),
    files: base.files,
    manifest,
    changelog: renderEntry(manifest),
    findings: o.findings,
    next: {
      action: 'publish',
      version: o.version,
      major,
      ...(o.previous ? { previous: o.previous } : {}),
      bump: o.bump,
      ...(o.newLine ? { newLine: o.newLine } : {}),
      source: o.decision.source,
      changes: { breaking: o.why.breaking, added: o.why.added, other: o.why.other },
      ...(o.decision.note ? { message: o.decision.note } : {}),
    },
  };
}

function unchanged(
  registry: Registry,
  existing: VersionEntry,
  m: Manifest,
  base: PlanBase,
  reason: string,
): PublishPlan {
  return {
    registry: registry.root,
    contract: existing.contract,
    format: base.format,
    version: existing.version,
    action: 'unchanged',
    reason,
    dir: existing.dir,
    files: base.files,
    manifest: m,
    changelog: renderEntry(m),
    findings: [],
    next: { action: 'unchanged', version: existing.version, major: existing.major },
  };
}

/** Reads every file of the contract (entries + referenced files) as bytes, refusing unsafe paths. */
export async function readContractFiles(contract: LoadedContract): Promise<PlannedFile[]> {
  const root = contract.ref.root;
  const rels = [...new Set([...contract.ref.entries, ...contract.files])].sort();
  if (!rels.length)
    throw new InputError(`contract '${contract.ref.id}' has no files`, { file: root });
  const out: PlannedFile[] = [];
  for (const rel of rels) {
    assertRelPath(rel, root);
    if (rel === MANIFEST_FILE) {
      throw new InputError(
        `a contract file cannot be named ${MANIFEST_FILE}: the registry keeps its manifest there`,
        { file: path.join(root, rel) },
      );
    }
    await assertNoSymlinks(root, rel, 'file', inputErrorAt);
    const content = await fs.readFile(path.join(root, ...rel.split('/')));
    out.push({ path: rel, sha256: sha256(content), size: content.length, content });
  }
  return out;
}

function sameFiles(
  m: Manifest,
  files: readonly PlannedFile[],
  entries: readonly string[],
): boolean {
  const a = m.files.map((f) => `${f.path}\0${f.sha256}`).sort();
  const b = files.map((f) => `${f.path}\0${f.sha256}`).sort();
  return (
    a.join('\n') === b.join('\n') &&
    [...m.entries].sort().join('\n') === [...entries].sort().join('\n')
  );
}

/** The structured change list of a version, and the grouped messages kept beside it. */
function changesOf(
  findings: readonly Finding[],
  kindOf: (rule: string) => ChangeKind | undefined,
): { changes: ManifestChanges; changeList: ChangeItem[] } {
  const changeList = changeItems(findings, kindOf);
  const pick = (...groups: ChangeItem['group'][]) =>
    changeList.filter((i) => groups.includes(i.group)).map((i) => i.message);
  return {
    changes: {
      breaking: pick('breaking'),
      added: pick('added'),
      deprecated: pick('deprecated'),
      changed: pick('changed', 'removed'),
    },
    changeList,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
