import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';
import type { RuleDef } from '../core/rule.js';
import { explainRule } from '../core/rule-explain.js';
import { getCatalogue } from '../formats/index.js';
import { globalsOf } from './globals.js';
import type { CliIO } from './io.js';

/** `treaty rules [id]`: the catalogue, or one rule explained. */
export function showRules(
  io: CliIO,
  id: string | undefined,
  opts: { for?: string },
  cmd: Command,
): void {
  const g = globalsOf(cmd, io);
  const catalogue = getCatalogue();
  if (id) {
    const def =
      catalogue.get(id) ??
      catalogue.all().find((r) => Object.values(r.equivalents).some((ids) => ids?.includes(id)));
    if (!def) throw new UsageError(`unknown rule '${id}' (run 'treaty rules' for the list)`);
    io.out(
      g.format === 'json' ? JSON.stringify(toExplainedJson(def), null, 2) + '\n' : explain(def),
    );
    return;
  }
  const rules = catalogue.all(opts.for as never);
  if (g.format === 'json') {
    io.out(JSON.stringify(rules.map(toJson), null, 2) + '\n');
    return;
  }
  const width = Math.max(10, ...rules.map((r) => r.id.length));
  const lines = rules.map(
    (r) =>
      `${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.formats.join(',').padEnd(10)}  ${r.description}`,
  );
  io.out(lines.join('\n') + (lines.length ? '\n' : '') + `${rules.length} rules\n`);
}

export function toJson(r: RuleDef) {
  return {
    id: r.id,
    formats: [...r.formats],
    severity: r.severity,
    description: r.description,
    kind: r.kind,
    modes: [...r.modes],
    ...(r.variants
      ? {
          variants: Object.fromEntries(
            Object.entries(r.variants).map(([k, v]) => [k, { when: v.when, modes: [...v.modes] }]),
          ),
        }
      : {}),
    equivalents: Object.fromEntries(
      Object.entries(r.equivalents).map(([k, v]) => [k, [...(v ?? [])]]),
    ),
    ...(r.categories ? { categories: [...r.categories] } : {}),
    ...(r.deprecated ? { deprecated: true, replacedBy: r.replacedBy } : {}),
  };
}

/** One rule for `treaty rules <id> --format json`: the catalogue entry plus why and example. */
export function toExplainedJson(r: RuleDef) {
  const { why, example } = explainRule(r);
  return { ...toJson(r), why, ...(example ? { example } : {}) };
}

function explain(r: RuleDef): string {
  const eq = Object.entries(r.equivalents)
    .map(([peer, ids]) => `${peer}: ${ids?.join(', ')}`)
    .join('; ');
  const parts = [
    `${r.id} (${r.severity}; ${r.formats.join(', ')})`,
    '',
    r.description,
    '',
    `Fails in modes: ${modeList(r.modes)}${r.variants ? ' (by default; see below)' : ''}`,
  ];
  for (const v of Object.values(r.variants ?? {})) {
    parts.push(`  ${v.when}: ${modeList(v.modes)}`);
  }
  if (eq) parts.push(`Equivalents: ${eq}`);
  if (r.categories) parts.push(`Categories: ${r.categories.join(', ')}`);
  const { why, example } = explainRule(r);
  parts.push('', `Why: ${why}`);
  if (example) {
    const from = example.source
      ? ` (from ${example.source}${example.swapped ? ', base and revision swapped' : ''})`
      : '';
    parts.push(
      '',
      `Example${from}:`,
      'Before:',
      indent(example.before),
      '',
      'After:',
      indent(example.after),
    );
  }
  return parts.join('\n') + '\n';
}

/** The modes a rule fails in; "no mode" rather than "none", which reads as the mode `none`. */
const modeList = (modes: readonly string[]) =>
  modes.length ? modes.join(', ') : 'no mode (only a severity override or --fail-on makes it fail)';

const indent = (s: string) =>
  (s.trim() ? s : '(nothing)')
    .trimEnd()
    .split('\n')
    .map((l) => '    ' + l)
    .join('\n');
