import { Chalk } from 'chalk';
import {
  CHANGE_GROUPS,
  GROUP_TITLES,
  breakingChanges,
  type ChangeGroup,
  type Changelog,
  type ChangeItem,
} from './model.js';
import {
  LEGACY_NOTE,
  emptyNote,
  itemNotes,
  nothingNote,
  scopeLine,
  sentence,
  versionMeta,
  versionTitle,
} from './words.js';

/** Plain text for a terminal: colour only when asked (a TTY), the same words as Markdown. */
export function renderText(doc: Changelog, opts: { color: boolean }): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const paint: Record<ChangeGroup, (s: string) => string> = {
    breaking: c.red.bold,
    added: c.green,
    changed: c.blue,
    deprecated: c.yellow,
    removed: c.magenta,
  };
  const out: string[] = [scopeLine(doc), ''];
  if (!doc.contracts.length) out.push(nothingNote(doc), '');
  const breaking = breakingChanges(doc);
  if (doc.scope.kind === 'pending' && breaking.length) {
    out.push(paint.breaking(`Breaking changes first (${breaking.length})`));
    for (const { contract, item } of breaking) out.push(`  - ${contract}: ${line(item)}`);
    out.push('');
  }
  for (const ct of doc.contracts) {
    out.push(c.bold(`${ct.contract} (${ct.format})`));
    for (const v of ct.versions) {
      out.push(`  ${c.bold(versionTitle(v))}  ${c.dim(versionMeta(v))}`);
      if (v.note) out.push(`    ${v.note}`);
      if (!v.structured && v.changes.length) out.push(`    ${c.dim(LEGACY_NOTE)}`);
      for (const g of CHANGE_GROUPS) {
        const items = v.changes.filter((i) => i.group === g);
        if (!items.length) continue;
        out.push(`    ${paint[g](GROUP_TITLES[g])}`);
        for (const i of items) out.push(`      - ${line(i)}`);
      }
      const empty = emptyNote(v);
      if (empty) out.push(`    ${empty}`);
    }
    out.push('');
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

function line(i: ChangeItem): string {
  const text = [sentence(i.message), ...itemNotes(i)].join(' ').replace(/\r?\n|\r/g, ' ');
  return i.rule ? `${text} [${i.rule}]` : text;
}
