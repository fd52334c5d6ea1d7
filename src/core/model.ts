/**
 * The typed boundaries every stage shares: formats, severities, locations, contracts and findings.
 * Nothing here knows a particular format, the registry, the policy or an output.
 */

export const FORMATS = ['openapi', 'asyncapi', 'protobuf', 'jsonschema', 'avro'] as const;
export type Format = (typeof FORMATS)[number];

export const SEVERITIES = ['breaking', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Evolution modes of the policy (DESIGN.md "Policy"). */
export const EVOLUTION_MODES = ['expansion', 'backward', 'forward', 'full', 'none'] as const;
export type EvolutionMode = (typeof EVOLUTION_MODES)[number];

/** Stability levels an element can declare (OpenAPI/AsyncAPI x-stability-level, proto package versions). */
export const STABILITY_LEVELS = ['draft', 'alpha', 'beta', 'stable'] as const;
export type StabilityLevel = (typeof STABILITY_LEVELS)[number];

/** Peer tools whose check ids a rule maps to. */
export const PEERS = ['oasdiff', 'buf', 'asyncapi-diff', 'confluent'] as const;
export type Peer = (typeof PEERS)[number];

/** A JSON pointer as its unescaped segments: never a dotted string to re-parse. */
export type Pointer = readonly string[];

export interface SourceLocation {
  /** Path of the file: absolute from adapters (`FileSource.absolute`); the CLI shows it relative to cwd. */
  file: string;
  /** 1-based line, 0 when the element has no line (e.g. a deleted file). */
  line: number;
  /** 1-based column, 0 when unknown. */
  column: number;
  /** Pointer of the element inside its document (resolved document for OpenAPI/AsyncAPI). */
  pointer: Pointer;
}

export interface Waiver {
  reason: string;
  /** ISO date (YYYY-MM-DD) after which the waiver stops waiving. */
  expires?: string;
  /** True when the waiver matched but has expired: the finding counts again. */
  expired?: boolean;
}

/** How the deprecation policy judged a removal (policy/deprecation.ts). */
export type DeprecationWhy =
  | 'deprecated-sunset-passed'
  | 'removed-before-sunset'
  | 'deprecation-too-short'
  | 'deprecation-period-unverified'
  | 'never-deprecated';

/** What a baseline said of a removed element's deprecation. */
export interface Deprecation {
  sunset?: string;
  /**
   * YYYY-MM-DD: publish date of the earliest version of the line in which it was deprecated (for
   * a `git:` baseline, the date of the earliest commit of its history that deprecated it).
   */
  since?: string;
  /**
   * Why `since` is not known exactly: the baseline has no dates (a folder), or its history ends
   * while the element is still deprecated (a shallow clone; `since` is then a lower bound).
   */
  sinceUnknown?: string;
  /** Set by the deprecation policy pass. */
  why?: DeprecationWhy;
}

export interface Finding {
  /** Stable kebab-case rule id from the catalogue. */
  rule: string;
  severity: Severity;
  /** Severity the catalogue declares, when policy changed it. */
  defaultSeverity?: Severity;
  contract: string;
  format: Format;
  /** One plain sentence naming the element. Rendered from the rule and `args`. */
  message: string;
  /** Named arguments of the rule's message, kept raw for JSON and SARIF. */
  args: Record<string, string | number | boolean>;
  /**
   * In the revision, always a file of the working tree: a removal sits on its nearest surviving
   * ancestor (the contract's entry document when its file is gone), see `core/placement.ts`.
   */
  location: SourceLocation;
  /** In the base: where the element was (`git:<ref>:<path>` for a git baseline). */
  baseLocation?: SourceLocation;
  before?: unknown;
  after?: unknown;
  /** Operations / messages / methods a shared-schema change reaches. */
  affects?: string[];
  waived?: Waiver;
  /**
   * The rule's variant this finding is an instance of, when the rule declares variants (e.g. the
   * direction the data flows: `write`, `read`, `both`): its modes decide, not the rule's default.
   */
  variant?: string;
  /** The declared stability of the element the finding is in, when the format has one. */
  stability?: StabilityLevel;
  /** With `transitive`: the published version (baseline label) the finding was found against. */
  from?: string;
  /** What the policy decided and why (set by the policy passes). */
  verdict?: Verdict;
  /**
   * On a removal: the element was deprecated in the baseline, with its sunset (YYYY-MM-DD, from
   * the element or its comment tag) and, when the registry knows it, the date the element was
   * first published deprecated. The deprecation policy pass reads it.
   */
  deprecation?: Deprecation;
  /** The major line of the contract the finding is in, when the contract has several. */
  line?: number;
  /** Stable id of this finding across runs: rule + contract + pointer. */
  fingerprint: string;
}

/**
 * Why the policy gave a finding its severity: the evolution mode (the rule lists it or not), a
 * severity override by rule id, or an exemption (stability below the threshold, a passed sunset).
 * Waivers and fail-on are applied on top (see `waived` and the report's `fails`).
 */
export interface Verdict {
  by: 'mode' | 'override' | 'stability' | 'exempt';
  /** The active evolution mode. */
  mode: EvolutionMode;
  /** Does the active mode fail this finding (before exemptions, overrides, waivers)? */
  modeFails: boolean;
  /** A short plain phrase: why it is exempt, which override. */
  detail?: string;
}

/** A contract as configured or discovered in a service repository. */
export interface ContractRef {
  id: string;
  format: Format;
  /** Root folder of the contract, absolute. Files are read relative to it. */
  root: string;
  /** Entry files relative to `root` (one OpenAPI/AsyncAPI document; many .proto files). */
  entries: string[];
  /** Extra options from config, passed to the format adapter untouched. */
  options?: Record<string, unknown>;
  /**
   * The major line this ref provides: config `major:`, or one line of a document that carries
   * several (the adapter then loads only that line's part).
   */
  major?: number;
}

/** Summary counts used by reports and manifests. */
export interface FindingSummary {
  breaking: number;
  warning: number;
  info: number;
  waived: number;
}

export function summarise(findings: readonly Finding[]): FindingSummary {
  const s: FindingSummary = { breaking: 0, warning: 0, info: 0, waived: 0 };
  for (const f of findings) {
    if (f.waived && !f.waived.expired) s.waived++;
    else s[f.severity]++;
  }
  return s;
}

export function pointerToString(p: Pointer): string {
  return p.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function pointerFromString(s: string): string[] {
  if (s === '' || s === '#') return [];
  const body = s.startsWith('#') ? s.slice(1) : s;
  return body
    .split('/')
    .slice(1)
    .map((seg) => decodeURIComponent(seg).replace(/~1/g, '/').replace(/~0/g, '~'));
}
