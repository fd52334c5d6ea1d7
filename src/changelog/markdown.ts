import {
  CHANGE_GROUPS,
  GROUP_TITLES,
  breakingChanges,
  type ChangeItem,
  type Changelog,
  type ChangelogVersion,
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

/**
 * Markdown. The full history of one contract has the layout of `<registry>/<id>/CHANGELOG.md`
 * (`# Changelog: <id>`, a `##` per version): that file is exactly this rendering.
 */
export function renderMarkdown(doc: Changelog): string {
  const single = doc.scope.kind === 'contract' && doc.contracts.length === 1;
  const out: string[] = [
    single ? `# Changelog: ${doc.contracts[0]!.contract}` : '# Changelog',
    '',
    scopeLine(doc),
    '',
  ];
  if (!doc.contracts.length) out.push(nothingNote(doc), '');
  const breaking = breakingChanges(doc);
  if (doc.scope.kind === 'pending' && breaking.length) {
    out.push(`## Breaking changes first (${breaking.length})`, '');
    for (const { contract, item } of breaking) out.push(`- **${inline(contract)}**: ${line(item)}`);
    out.push('');
  }
  for (const c of doc.contracts) {
    if (!single) out.push(`## ${inline(c.contract)} (${c.format})`, '');
    for (const v of c.versions) out.push(...version(v, single ? 2 : 3));
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

/** One version's entry, its heading at `depth`. */
export function version(v: ChangelogVersion, depth: number): string[] {
  const h = '#'.repeat(depth);
  const out = [`${h} ${versionTitle(v)}`, '', versionMeta(v), ''];
  if (v.note) out.push(inline(v.note), '');
  if (!v.structured && v.changes.length) out.push(`_${LEGACY_NOTE}_`, '');
  for (const g of CHANGE_GROUPS) {
    const items = v.changes.filter((i) => i.group === g);
    if (!items.length) continue;
    out.push(`${h}# ${GROUP_TITLES[g]}`, '', ...items.map((i) => `- ${line(i)}`), '');
  }
  const empty = emptyNote(v);
  if (empty) out.push(empty, '');
  return out;
}

function line(i: ChangeItem): string {
  const text = [sentence(i.message), ...itemNotes(i)].map(inline).join(' ');
  return i.rule ? `${text} (\`${i.rule}\`)` : text;
}

/** Text on one Markdown line: no raw HTML, no line breaks, no accidental emphasis or links. */
function inline(s: string): string {
  return s
    .replace(/\r?\n|\r/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([*`[\]])/g, '\\$1')
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_');
}
