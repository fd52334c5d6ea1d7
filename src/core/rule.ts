import type { EvolutionMode, Format, Peer, Severity } from './model.js';

/**
 * What kind of change a rule detects. The semver bump of a publish and the changelog grouping are
 * derived from it: `removal`/`modification` with severity breaking → major, `addition` → minor.
 */
export type ChangeKind = 'addition' | 'removal' | 'modification' | 'deprecation' | 'lifecycle';

export type MessageArgs = Record<string, string | number | boolean>;

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

/** Modes for the common cases, so declarations stay short. */
export const MODES = {
  /** Breaks consumers that read or send the old contract: fails under every checking mode. */
  breaking: ['expansion', 'backward', 'full'] as const,
  /** Breaks producers when consumers upgrade first. */
  forward: ['expansion', 'forward', 'full'] as const,
  /** An in-place change or removal that is compatible but not an expansion. */
  expansionOnly: ['expansion'] as const,
  /** Never fails by itself (additions, informational). */
  none: [] as const,
} satisfies Record<string, readonly EvolutionMode[]>;

export function defineRule<A extends MessageArgs>(def: RuleDef<A>): RuleDef<A> {
  return def;
}
