import { readDocumentVersion } from '../core/document-version.js';
import { PolicyRefusal, UsageError } from '../core/errors.js';
import type { Finding } from '../core/model.js';
import type { ChangeKind } from '../core/rule.js';
import { position } from '../report/paths.js';
import {
  bumpBetween,
  bumpRank,
  compareSemver,
  formatSemver,
  increment,
  parseSemver,
  type Bump,
  type BumpReason,
  type SemVer,
} from './semver.js';

/**
 * The version a contract is (or would be) published as: one notion for `publish` and for every
 * report of `check`. The document's own version is used when it is consistent with the findings;
 * otherwise publish refuses and says what to set. See docs/registry.md "Which version".
 */

/** Where the published version comes from. */
export type VersionSource = 'document' | 'completed' | 'computed' | 'flag';

/** `versioning:` of a contract in treaty.yaml. */
export type Versioning = 'document' | 'computed';

/** What `check` reports and `publish` does for one contract (the JSON report's `next`). */
export interface NextVersion {
  /** publish: a new version; unchanged: already published with these files; refused: publish says no. */
  action: 'publish' | 'unchanged' | 'refused';
  /** The version that is (unchanged) or would be (publish) published. */
  version?: string;
  /** Its major line. */
  major?: number;
  /** The published version the findings are against (absent for a first publish). */
  previous?: string;
  bump?: 'initial' | 'major' | 'minor' | 'patch' | 'release';
  /**
   * A first publish of one of several major lines of the contract published together: `first`
   * when it is the contract's first (lowest) line.
   */
  newLine?: { first: boolean };
  source?: VersionSource;
  /** The changes that decide the bump, counted as the changelog groups them. */
  changes?: { breaking: number; added: number; other: number };
  /** refused: the least version the findings allow in the wanted line, when there is one. */
  required?: string;
  /** refused: why, and what to set. Else: what treaty did with the document's version. */
  message?: string;
}

/** `first version of major line 2`, `first version of major line 1, the contract's first line` */
export function firstOfLine(major: number, first: boolean): string {
  return `first version of major line ${major}${first ? ", the contract's first line" : ''}`;
}

/** What the version is wanted from: `--version`, the document, or nothing (computed). */
export type Wanted =
  | { kind: 'exact'; version: SemVer; label: string; field: string; from: 'flag' | 'document' }
  | { kind: 'partial'; major: number; minor?: number; label: string; field: string }
  | { kind: 'date'; date: string; label: string; field: string }
  | { kind: 'computed'; major?: number; note?: string; field?: string };

export interface WantedInput {
  /** `--version`. */
  flag?: string;
  /** The document's version as written, and where it is written (`info.version`). */
  declared?: string;
  declaredAt?: string;
  /** The major line the contract declares apart from a version (a protobuf package's `vN`). */
  major?: number;
  versioning?: Versioning;
}

/**
 * Reads what the version is wanted from. `--version` must be a semantic version in the contract's
 * declared major line (usage errors, exit 2).
 */
export function wantedVersion(input: WantedInput): Wanted {
  const field = input.declaredAt ?? 'the version';
  const doc = input.declared !== undefined ? readDocumentVersion(input.declared) : undefined;
  const declaredMajor =
    doc && (doc.kind === 'semver' || doc.kind === 'partial') ? doc.major : input.major;
  if (input.flag !== undefined) {
    const v = parseSemver(input.flag);
    if (!v) {
      throw new UsageError(
        `--version '${input.flag}' is not a semantic version (MAJOR.MINOR.PATCH with an optional -prerelease)`,
      );
    }
    if (declaredMajor !== undefined && v.major !== declaredMajor) {
      throw new UsageError(
        `--version ${input.flag} is not in the document's major line ${declaredMajor}${input.declared !== undefined ? ` (${field} ${input.declared})` : ''}: change the document's version to start major line ${v.major}`,
      );
    }
    return {
      kind: 'exact',
      version: v,
      label: `--version ${input.flag}`,
      field: '--version',
      from: 'flag',
    };
  }
  if (!doc)
    return { kind: 'computed', ...(input.major !== undefined ? { major: input.major } : {}) };
  const label = `${field} ${input.declared}`;
  if (input.versioning === 'computed') {
    return {
      kind: 'computed',
      ...(declaredMajor !== undefined ? { major: declaredMajor } : {}),
      field,
    };
  }
  switch (doc.kind) {
    case 'semver':
      return { kind: 'exact', version: parseSemver(doc.version)!, label, field, from: 'document' };
    case 'partial':
      return {
        kind: 'partial',
        major: doc.major,
        ...(doc.minor !== undefined ? { minor: doc.minor } : {}),
        label,
        field,
      };
    case 'date':
      return { kind: 'date', date: doc.date, label, field };
    case 'other':
      return {
        kind: 'computed',
        ...(input.major !== undefined ? { major: input.major } : {}),
        note: `${field} '${input.declared}' is not a semantic version, a date (YYYY-MM-DD) or a major[.minor] (v3, 1.0): the version is computed`,
      };
  }
}

/** The major line the wanted version names, if any (dates and undeclared versions name none). */
export function wantedLine(w: Wanted): number | undefined {
  switch (w.kind) {
    case 'exact':
      return w.version.major;
    case 'partial':
      return w.major;
    case 'date':
      return undefined;
    case 'computed':
      return w.major;
  }
}

/**
 * Publish refuses the version (exit 1: the policy says no, the inputs are fine); `required` is the
 * least version the findings allow.
 */
export class VersionRefusal extends PolicyRefusal {
  constructor(
    message: string,
    readonly required?: string,
  ) {
    super(message);
  }
}

export interface DecideContext {
  wanted: Wanted;
  /** The major line being published into. */
  line: number;
  /** Every published major line of the contract, lowest first. */
  lines: readonly number[];
  /** Latest published version of the line (absent: a new line or a first publish). */
  latest?: string;
  /** Is this version already published? */
  exists: (version: string) => boolean;
  /** Date versions the published versions declared (for a date document version). */
  publishedDates: readonly { date: string; version: string }[];
  /** The findings against `latest` and the bump they call for. */
  why: BumpReason;
  findings: readonly Finding[];
  kindOf: (rule: string) => ChangeKind | undefined;
  /** Folder paths in messages are shown relative to. */
  cwd: string;
  /** What a protobuf contract changes to start a new line (`the package's vN suffix`). */
  lineField?: string;
}

export interface Decision {
  version: string;
  source: VersionSource;
  /** What treaty did with the document's version, when that is worth saying. */
  note?: string;
}

/**
 * Chooses the version: the wanted one when it is consistent with the findings, else a
 * `PolicyRefusal` (exit 1) naming the findings, the bump they need and what to set.
 */
export function decideVersion(ctx: DecideContext): Decision {
  const { wanted: w, latest, why } = ctx;
  const needed = why.bump;
  const date = w.kind === 'date' ? checkDate(w, ctx) : undefined;
  if (!latest) {
    // A new major line, or the first publish.
    switch (w.kind) {
      case 'exact':
        if (ctx.exists(formatSemver(w.version))) refuseExisting(w, ctx);
        return { version: formatSemver(w.version), source: w.from };
      case 'partial':
        return {
          version: `${w.major}.${w.minor ?? 0}.0`,
          source: 'completed',
          note: `${w.label} completed as ${w.major}.${w.minor ?? 0}.0`,
        };
      default:
        return {
          version: `${ctx.line}.0.0`,
          source: 'computed',
          ...((date ?? (w.kind === 'computed' ? w.note : undefined))
            ? { note: date ?? (w as { note: string }).note }
            : {}),
        };
    }
  }
  if (w.kind === 'exact' && ctx.exists(formatSemver(w.version))) refuseExisting(w, ctx);
  if (needed === 'major' && (w.kind === 'exact' || w.kind === 'partial')) {
    const wantedMajor = w.kind === 'exact' ? w.version.major : w.major;
    if (wantedMajor === ctx.line) refuseBreaking(ctx, w.label, w.field);
  }
  switch (w.kind) {
    case 'exact': {
      const v = formatSemver(w.version);
      if (ctx.exists(v)) refuseExisting(w, ctx);
      if (compareSemver(w.version, latest) <= 0) {
        refuse(
          ctx,
          `${w.label} is not greater than ${latest}, the latest published version of major line ${ctx.line}`,
          w.field,
        );
      }
      const got = bumpBetween(latest, w.version);
      if (got !== 'release' && bumpRank(got) < bumpRank(needed)) {
        refuse(ctx, `${w.label} is a ${got} release`, w.field);
      }
      return { version: v, source: w.from };
    }
    case 'partial': {
      const l = parseSemver(latest)!;
      const least = increment(latest, needed);
      if (w.minor === undefined) {
        return { version: least, source: 'completed', note: `${w.label} completed as ${least}` };
      }
      if (w.minor > l.minor) {
        const v = `${w.major}.${w.minor}.0`;
        return { version: v, source: 'completed', note: `${w.label} completed as ${v}` };
      }
      if (w.minor === l.minor && needed === 'patch') {
        return { version: least, source: 'completed', note: `${w.label} completed as ${least}` };
      }
      refuse(
        ctx,
        w.minor < l.minor
          ? `${w.label} is below ${latest}, the latest published version of major line ${ctx.line}`
          : `${w.label} leaves room for a patch release only`,
        w.field,
        true,
      );
    }
    case 'date':
    case 'computed': {
      if (needed === 'major') {
        const declared = w.kind === 'computed' && w.major !== undefined;
        if (declared) refuseBreaking(ctx, undefined, w.field);
        const top = ctx.lines[ctx.lines.length - 1] ?? ctx.line;
        return { version: `${top + 1}.0.0`, source: 'computed', ...(date ? { note: date } : {}) };
      }
      const note = date ?? (w.kind === 'computed' ? w.note : undefined);
      return {
        version: increment(latest, needed),
        source: 'computed',
        ...(note ? { note } : {}),
      };
    }
  }
}

/** A date version must be later than every date a published version declared. */
function checkDate(w: Extract<Wanted, { kind: 'date' }>, ctx: DecideContext): string {
  const later = ctx.publishedDates.filter((p) => p.date >= w.date);
  if (later.length) {
    const last = later.reduce((a, b) => (b.date > a.date ? b : a));
    throw new VersionRefusal(
      `${w.label} is not later than ${last.date} (published as ${last.version}); date versions compare as dates: set ${w.field} to a later date`,
    );
  }
  return `${w.label} is a date: it names no major line, so the version is computed (a breaking change starts the next major line)`;
}

function refuseExisting(w: Extract<Wanted, { kind: 'exact' }>, ctx: DecideContext): never {
  refuse(
    ctx,
    `${w.label} is already published with other files, and published versions never change`,
    w.field,
  );
}

function refuseBreaking(ctx: DecideContext, label: string | undefined, field?: string): never {
  const what = label ? `${label} stays in major line ${ctx.line}, but ` : '';
  throw new VersionRefusal(
    `${what}${needsText(ctx)} (${driving(ctx)}): ${newLineText(ctx, field)}`,
    `${ctx.line + 1}.0.0`,
  );
}

/** What to set to start the next major line. */
function newLineText(ctx: DecideContext, field: string | undefined): string {
  const next = ctx.line + 1;
  if (ctx.lineField) {
    // A line named in the contract (a package suffix, a path segment): the next free one, as
    // a newer line may already be published beside it.
    const free = Math.max(ctx.line, ...ctx.lines) + 1;
    return `move ${ctx.lineField} to v${free} (a new major line; v${ctx.line} stays published)`;
  }
  const keep = `(a new major line; ${ctx.line}.x stays published)`;
  return field === '--version'
    ? `change the document's version to ${next}.0.0 ${keep}`
    : `set ${field ?? "the document's version"} to ${next}.0.0 ${keep}`;
}

/**
 * `<problem>: <the changes> need a <bump> release (<findings>): set <field> to <least> or later`.
 */
function refuse(ctx: DecideContext, problem: string, field: string, partial = false): never {
  const least = increment(ctx.latest!, ctx.why.bump);
  const shown = partial ? least.split('.').slice(0, 2).join('.') : least;
  const set =
    ctx.why.bump === 'major'
      ? newLineText(ctx, field)
      : field === '--version'
        ? `pass --version ${least} or later`
        : `set ${field} to ${shown} or later`;
  const because = ctx.findings.length ? ` — ${needsText(ctx)} (${driving(ctx)})` : '';
  throw new VersionRefusal(`${problem}${because}: ${set}`, least);
}

/** `2 additions against 1.0.0 need a minor release` */
function needsText(ctx: DecideContext): string {
  const { why, latest } = ctx;
  const n = why.bump === 'major' ? why.breaking : why.bump === 'minor' ? why.added : why.other;
  const word =
    why.bump === 'major' ? 'breaking change' : why.bump === 'minor' ? 'addition' : 'other change';
  const counted = n ? `${n} ${word}${n === 1 ? '' : 's'}` : 'the changed files';
  const verb = n === 1 ? 'needs' : 'need';
  return `${counted} against ${latest} ${verb} a ${why.bump} release`;
}

/** The findings that decide the bump, named by position and rule (at most three). */
function driving(ctx: DecideContext): string {
  const { why } = ctx;
  const pick = ctx.findings.filter((f) => {
    const breaking = f.severity === 'breaking' && !(f.waived && !f.waived.expired);
    if (why.bump === 'major') return breaking;
    if (why.bump === 'minor') return !breaking && ctx.kindOf(f.rule) === 'addition';
    return true;
  });
  if (!pick.length) return 'files changed, no structural change detected';
  const named = pick
    .slice(0, 3)
    .map(
      (f) =>
        `${position(f.location, ctx.cwd)} ${f.rule}: ${f.message.replace(/\s+/g, ' ').replace(/\.$/, '')}`,
    );
  return named.join('; ') + (pick.length > 3 ? `; and ${pick.length - 3} more` : '');
}

export type { Bump };
