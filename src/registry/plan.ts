import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { LoadedContract } from '../core/adapter.js';
import { InputError, RegistryError, UsageError } from '../core/errors.js';
import type { Finding, Format } from '../core/model.js';
import { summarise } from '../core/model.js';
import type { ChangeKind } from '../core/rule.js';
import {
  bumpBetween,
  bumpFor,
  bumpRank,
  compareSemver,
  formatSemver,
  increment,
  parseSemver,
  type Bump,
  type SemVer,
} from '../policy/semver.js';
import { position } from '../report/paths.js';
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
}

/**
 * Plans publishing one contract.
 *
 * The major line is the document's (info.version / proto package `vN`); `--version` must stay in
 * it. Without a declared major, `--version` chooses the line, else the highest published line.
 * - The line has versions: the findings against its latest version decide the bump (breaking →
 *   major, which cannot stay in this line and is refused; addition → minor; anything else →
 *   patch). The version is `--version` (refused if not greater than the latest or if it bumps
 *   less than the findings need), else the document's version when it is such a version, else
 *   the computed one. A contract without a declared major line takes the major bump itself.
 * - The line is new: the version is `--version`, else the document's version, else `<major>.0.0`;
 *   it is compared with the latest version of the closest lower line for its changelog.
 * - Identical files to the latest version of the line (or to an existing `--version`) → unchanged.
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

  const requested = req.version === undefined ? undefined : parseFlagVersion(req.version);
  const docSem = contract.version ? parseSemver(contract.version) : undefined;
  const docMajor = contract.major ?? docSem?.major;
  if (requested && docMajor !== undefined && requested.major !== docMajor) {
    throw new UsageError(
      `--version ${req.version} is not in the document's major line ${docMajor}${contract.version ? ` (version ${contract.version})` : ''}: change the document's version to start major line ${requested.major}`,
    );
  }
  const lines = registry.lines(id);
  const line = requested?.major ?? docMajor ?? lines[lines.length - 1] ?? 1;

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

  // An explicit version that exists: same bytes is a no-op, anything else is refused.
  if (requested) {
    const v = formatSemver(requested);
    const existing = registry.find(id, v);
    if (existing) return unchangedOrRefuse(registry, existing, base);
  }

  const latest = registry.latest(id, line);
  if (latest) {
    const latestManifest = await registry.manifest(id, latest.version);
    if (sameFiles(latestManifest, files, entries)) {
      return unchanged(
        registry,
        latest,
        latestManifest,
        base,
        `no file changed since ${latest.version}`,
      );
    }
    const findings = sortFindings(await req.compare(latest));
    const why = bumpFor(findings, req.kindOf);
    let version: string;
    if (why.breaking && (requested || docMajor !== undefined)) {
      const next = `${line + 1}.0.0`;
      throw new UsageError(
        `${plural(why.breaking, 'breaking change')} against ${latest.version} ${why.breaking === 1 ? 'needs' : 'need'} a new major version: ` +
          (docMajor !== undefined
            ? `set the document's version to ${next} (a new major line; ${line}.x stays published)`
            : `publish as --version ${next}`) +
          ` — first: ${firstBreaking(findings, req.cwd ?? process.cwd())}`,
      );
    } else if (why.breaking) {
      const top = lines[lines.length - 1]!;
      version = `${top + 1}.0.0`;
    } else if (requested) {
      version = formatSemver(requested);
      assertRequested(version, latest.version, why.bump, findings, req.kindOf);
    } else if (docSem && acceptable(docSem, latest.version, why.bump)) {
      version = formatSemver(docSem);
    } else {
      version = increment(latest.version, why.bump);
    }
    if (registry.find(id, version)) {
      throw new UsageError(
        `version ${version} of '${id}' is already published with other files; pass --version with a higher version`,
      );
    }
    const bump: PublishBump = bumpBetween(latest.version, version);
    const reason =
      `${bump} release against ${latest.version}: ` +
      (why.breaking || why.added || why.other
        ? [
            why.breaking && plural(why.breaking, 'breaking change'),
            why.added && plural(why.added, 'addition'),
            why.other && plural(why.other, 'other change'),
          ]
            .filter(Boolean)
            .join(', ')
        : 'files changed, no structural change detected');
    return build(registry, base, {
      version,
      bump,
      previous: latest.version,
      lineLatest: line === parseSemver(version)!.major ? latest.version : undefined,
      findings,
      reason,
      kindOf: req.kindOf,
    });
  }

  // A new major line (or the first publish).
  const version = requested
    ? formatSemver(requested)
    : docSem && docSem.major === line
      ? formatSemver(docSem)
      : `${line}.0.0`;
  const lower = lines.filter((l) => l < line);
  const prev = lower.length ? registry.latest(id, lower[lower.length - 1]) : undefined;
  const findings = prev ? sortFindings(await req.compare(prev)) : [];
  return build(registry, base, {
    version,
    bump: prev ? 'major' : 'initial',
    previous: prev?.version,
    lineLatest: undefined,
    findings,
    reason: prev
      ? `new major line ${line}, compared with ${prev.version}`
      : lines.length
        ? `new major line ${line}`
        : 'first published version',
    kindOf: req.kindOf,
  });
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
  };
}

async function unchangedOrRefuse(
  registry: Registry,
  existing: VersionEntry,
  base: PlanBase,
): Promise<PublishPlan> {
  const m = await registry.manifest(existing.contract, existing.version);
  if (!sameFiles(m, base.files, base.entries)) {
    throw new RegistryError(
      `version ${existing.version} of '${existing.contract}' is already published with different files; published versions are immutable (publish a new version)`,
      { file: existing.dir },
    );
  }
  return unchanged(
    registry,
    existing,
    m,
    base,
    `${existing.version} is already published with the same files`,
  );
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

function parseFlagVersion(v: string): SemVer {
  const s = parseSemver(v);
  if (!s) {
    throw new UsageError(
      `--version '${v}' is not a semantic version (MAJOR.MINOR.PATCH with an optional -prerelease)`,
    );
  }
  return s;
}

function acceptable(v: SemVer, latest: string, needed: Bump): boolean {
  if (compareSemver(v, latest) <= 0) return false;
  const got = bumpBetween(latest, v);
  return got === 'release' || bumpRank(got) >= bumpRank(needed);
}

function assertRequested(
  version: string,
  latest: string,
  needed: Bump,
  findings: readonly Finding[],
  kindOf: (rule: string) => ChangeKind | undefined,
): void {
  if (compareSemver(version, latest) <= 0) {
    throw new UsageError(
      `--version ${version} is not greater than ${latest}, the latest published version of its major line`,
    );
  }
  const got = bumpBetween(latest, version);
  if (got !== 'release' && bumpRank(got) < bumpRank(needed)) {
    const example = findings.find((f) => kindOf(f.rule) === 'addition');
    throw new UsageError(
      `--version ${version} is a ${got} release, but the changes against ${latest} need a ${needed} release (at least ${increment(latest, needed)})` +
        (example ? ` — e.g. ${example.message}` : ''),
    );
  }
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

function firstBreaking(findings: readonly Finding[], cwd: string): string {
  const f = findings.find((x) => x.severity === 'breaking' && !(x.waived && !x.waived.expired))!;
  return `${position(f.location, cwd)}: ${f.rule}: ${f.message}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
