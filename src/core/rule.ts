import type { EvolutionMode, Format, Peer, Severity } from './model.js';

/**
 * What kind of change a rule detects. The semver bump of a publish and the changelog grouping are
 * derived from it: `removal`/`modification` with severity breaking → major, `addition` → minor.
 */
export type ChangeKind = 'addition' | 'removal' | 'modification' | 'deprecation' | 'lifecycle';

export type MessageArgs = Record<string, string | number | boolean>;

/**
 * Rules of a large generated table, built on first use: their ids are known up front (a catalogue
 * needs them to answer `has`), each rule is built when it is first asked for.
 */
export interface LazyRules {
  ids(): readonly string[];
  build(id: string): RuleDef<any>;
}

/** A rule, declared once as data. Detection lives in the format's comparer, never here. */
export interface RuleDef<A extends MessageArgs = MessageArgs> {
  /** Stable kebab-case id. Never renamed; retire with `deprecated` + `replacedBy`. */
  id: string;
  formats: readonly Format[];
  severity: Severity;
  /** One line: what must stay true / what the rule catches. */
  description: string;
  kind: ChangeKind;
  /** Evolution modes in which a finding of this rule fails the check. */
  modes: readonly EvolutionMode[];
  /**
   * When whether a finding fails depends on more than the rule (the direction the data flows, or
   * a case the comparer recognises): the modes of each variant, keyed by the finding's `variant`.
   * `modes` stays the rule's default (a finding without a variant).
   */
  variants?: Readonly<Record<string, RuleVariant>>;
  /** Matching check ids of the peer tools. */
  equivalents: Partial<Record<Peer, readonly string[]>>;
  /** buf-style categories (protobuf: FILE, PACKAGE, WIRE_JSON, WIRE). */
  categories?: readonly string[];
  /** Renders the finding's one plain sentence from its named arguments. */
  message: (args: A) => string;
  /** Longer explanation for `treaty rules <id>`: why it breaks consumers, with an example. */
  explain?: {
    why: string;
    example?: { before: string; after: string; language?: string };
  };
  deprecated?: boolean;
  replacedBy?: string;
}

export interface RuleVariant {
  /** When this variant applies, as a phrase: "where consumers read the data". */
  when: string;
  modes: readonly EvolutionMode[];
}

/** The modes a finding of this rule fails in: its variant's, else the rule's. */
export function modesOf(rule: RuleDef<any>, variant?: string): readonly EvolutionMode[] {
  return (variant !== undefined && rule.variants?.[variant]?.modes) || rule.modes;
}

/**
 * The modes a change fails in, from what it does to consumers (the one definition every rule
 * table derives from):
 * - `backward` (consumers of the published contract keep working): the change breaks them
 *   (`breaking` in its direction).
 * - `forward` (the published contract still serves consumers built against the new one: a client
 *   that upgrades first, a provider that rolls back): the change breaks in the mirrored direction.
 *   Judged on elements both versions have: a whole new operation, field or channel never fails
 *   forward (rule tables do not flag it), a required property added to a response does.
 * - `full`: backward or forward.
 * - `expansion`: backward, or anything that is not an addition (removed, renamed, retyped,
 *   tightened or loosened in place), or an addition that is not harmless where it sits (a
 *   `warning` addition, e.g. an enum value consumers read). Annotation-only changes never fail;
 *   deprecation and lifecycle findings (marking, sunset dates, stability) fail where they break.
 * - `none`: never.
 */
export function deriveModes(c: {
  /** Severity in the change's own direction. */
  severity: Severity;
  kind: ChangeKind;
  /** Does the change break in the mirrored direction (see `forward`)? */
  forward?: boolean;
  /** Only annotations changed (descriptions, summaries, examples, annotation-only subschemas). */
  annotation?: boolean;
}): EvolutionMode[] {
  if (c.annotation) return [];
  const backward = c.severity === 'breaking';
  const policyKind = c.kind === 'deprecation' || c.kind === 'lifecycle';
  const forward = !!c.forward && !policyKind;
  const expansion = backward || (c.kind === 'addition' ? c.severity !== 'info' : !policyKind);
  const out: EvolutionMode[] = [];
  if (expansion) out.push('expansion');
  if (backward) out.push('backward');
  if (forward) out.push('forward');
  if (backward || forward) out.push('full');
  return out;
}

/** Modes for the common cases, so declarations stay short. */
export const MODES = {
  /** Breaks consumers that read or send the old contract: fails under every checking mode. */
  breaking: ['expansion', 'backward', 'full'] as const,
  /** Breaks consumers either way: of the published contract, and built against the new one. */
  symmetric: ['expansion', 'backward', 'forward', 'full'] as const,
  /** Breaks only consumers built against the new contract when they meet the published one. */
  forward: ['expansion', 'forward', 'full'] as const,
  /** An in-place change or removal that is compatible but not an expansion. */
  expansionOnly: ['expansion'] as const,
  /** Never fails by itself (additions, informational). */
  none: [] as const,
} satisfies Record<string, readonly EvolutionMode[]>;

export function defineRule<A extends MessageArgs>(def: RuleDef<A>): RuleDef<A> {
  return def;
}
