import type { RuleDef } from './rule.js';
import { fixtureExample } from './rule-examples.js';

type Explain = NonNullable<RuleDef['explain']>;
type Example = NonNullable<Explain['example']>;

/** Explanations kept apart from a format's declarations: id → why and/or example. */
export type RuleExplainTable = Readonly<
  Record<string, { why?: string; example?: { before: string; after: string; language?: string } }>
>;

/**
 * Merges a table into the declarations that lack a `why` or an example (in place, so the exported
 * rule objects and the catalogue's are the same), and returns the list.
 */
export function withExplain<T extends RuleDef<any>>(
  defs: readonly T[],
  table: RuleExplainTable,
  language = 'yaml',
): T[] {
  for (const def of defs) {
    const row = table[def.id];
    if (!row) continue;
    const why = def.explain?.why ?? row.why;
    if (!why) continue;
    const example = def.explain?.example ?? (row.example && { language, ...row.example });
    def.explain = { why, ...(example ? { example } : {}) };
  }
  return [...defs];
}

/** A rule explained for `treaty rules <id>`: where its text and its example come from. */
export interface RuleExplanation {
  why: string;
  /** `rule`: declared with the rule (or its format's table); `fallback`: derived from its kind. */
  whyFrom: 'rule' | 'fallback';
  example?: Example & { source?: string; swapped?: boolean };
}

/**
 * The explanation of a rule: its declared `why` and example; else the example from its fixture pair
 * (dist/rule-examples.json), and a sentence derived from its kind and severity.
 */
export function explainRule(def: RuleDef): RuleExplanation {
  const declared = def.explain?.why?.trim();
  const why = declared || fallbackWhy(def);
  const out: RuleExplanation = { why, whyFrom: declared ? 'rule' : 'fallback' };
  if (def.explain?.example) out.example = { ...def.explain.example };
  else {
    const ex = fixtureExample(def.id);
    if (ex) {
      out.example = {
        before: ex.before,
        after: ex.after,
        language: ex.language,
        source: ex.source,
        ...(ex.swapped ? { swapped: true } : {}),
      };
    }
  }
  return out;
}

/** A sentence from the rule's kind, severity and modes, for a rule without a `why`. */
export function fallbackWhy(def: RuleDef): string {
  const fails = def.modes.length
    ? ` It fails a check in ${def.modes.join(', ')} mode${def.modes.length > 1 ? 's' : ''}.`
    : ' It never fails a check by itself.';
  const breaks = def.severity === 'breaking';
  const text: Record<RuleDef['kind'], string> = {
    addition: breaks
      ? 'Consumers relying on the old contract do not know what was added, and the addition makes their existing use invalid.'
      : 'Consumers relying on the old contract keep working and can ignore what was added; it is reported for the changelog and the next minor version.',
    removal: breaks
      ? 'Consumers relying on the old contract still use what was removed and fail when it is gone.'
      : 'Consumers relying on the old contract may still use what was removed; the removal follows the policy, so it is reported for the changelog.',
    modification: breaks
      ? 'Consumers relying on the old contract expect the previous form and fail on the new one.'
      : 'Consumers relying on the old contract keep working, but the change is worth a look in the changelog.',
    deprecation: 'Nothing breaks yet: consumers are told to migrate before the element is removed.',
    lifecycle: breaks
      ? "Consumers relying on the element's announced lifecycle (its stability or sunset) lose the promise they planned around."
      : "The element's lifecycle changed; consumers relying on the old contract are not broken by it.",
  };
  return text[def.kind] + fails;
}
