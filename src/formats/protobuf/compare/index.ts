import { matchBy } from '../../../core/match.js';
import type { ProtoFile, ProtoTree } from '../tree.js';
import { Comparison, type RawFinding } from './context.js';
import { compareDeprecations } from './deprecation.js';
import { compareEnums } from './enums.js';
import { compareExtensions } from './fields.js';
import { compareFilePair } from './files.js';
import { compareMessages } from './messages.js';
import { comparePackages } from './packages.js';
import { changedNames, touching } from './scope.js';
import { compareServices } from './services.js';
import { buildViews } from './views.js';

export type { Place, RawFinding } from './context.js';

/**
 * Compares two trees the way buf breaking does: files by path, messages, enums, services and
 * extensions by full name wherever they live, fields by number, enum values by number, methods by
 * name; every collection goes through the keyed matcher. Locations follow buf: the element in the
 * current tree, its surviving parent for a deletion (the file's first line when nothing survives),
 * nothing for a deleted file or package.
 *
 * Only what can differ is looked at: files whose bytes changed, files added or removed, and
 * unchanged files that can see one of those through their imports (their type references may
 * resolve differently). A type that moves is declared in two changed files, so matching the
 * declarations of those files finds it.
 */
export function compareTrees(base: ProtoTree, rev: ProtoTree): RawFinding[] {
  const files = matchBy(base.contractFiles(), rev.contractFiles(), (f) => f.path);
  const nonClean = new Set<string>();
  for (const { base: b, rev: r } of files.both) {
    if (!b.parsed.same(r.parsed)) nonClean.add(b.path);
  }
  for (const { key } of files.removed) nonClean.add(key);
  for (const { key } of files.added) nonClean.add(key);
  for (const [p, f] of base.files) {
    const g = rev.files.get(p);
    if (f.dependency && (!g || !g.parsed.same(f.parsed))) nonClean.add(p);
  }
  for (const [p, f] of rev.files) if (f.dependency && !base.files.has(p)) nonClean.add(p);

  // A removed file whose package is gone everywhere cannot hold a type that moved (full names
  // carry the package) nor anything a package-level rule looks at: its declarations are skipped.
  const revPackages = new Set(rev.contractFiles().map((f) => f.parsed.header.package));
  const baseSet: ProtoFile[] = files.removed
    .map((x) => x.base)
    .filter((f) => revPackages.has(f.parsed.header.package));
  const revSet: ProtoFile[] = files.added.map((x) => x.rev);
  const pairs: Array<{ base: ProtoFile; rev: ProtoFile }> = [];
  const touchesBase = touching(base, nonClean);
  const touchesRev = touching(rev, nonClean);
  for (const pair of files.both) {
    if (nonClean.has(pair.key) || touchesRev(pair.rev) || touchesBase(pair.base)) {
      baseSet.push(pair.base);
      revSet.push(pair.rev);
      pairs.push(pair);
    }
  }
  // Files added or removed change the visible files of whoever imports them, which `unchanged`
  // checks directly; only files present in both trees need their declarations diffed.
  const names = changedNames(
    base,
    rev,
    [...nonClean].filter((p) => base.files.has(p) && rev.files.has(p)),
  );
  const cx = new Comparison(base, rev, buildViews(base, baseSet), buildViews(rev, revSet), names);

  for (const { base: f } of files.removed) {
    cx.emit(
      'FILE_NO_DELETE',
      { file: f.path },
      ['files', f.path],
      undefined,
      {
        tree: base,
        file: f,
      },
      true,
    );
  }
  for (const { rev: f } of files.added) {
    cx.emit('proto-file-added', { file: f.path }, ['files', f.path], { tree: rev, file: f });
  }
  for (const pair of pairs) {
    compareFilePair(cx, cx.bv.files.get(pair.base.path)!, cx.rv.files.get(pair.rev.path)!);
  }
  compareMessages(cx);
  compareEnums(cx);
  compareServices(cx);
  compareExtensions(cx);
  comparePackages(cx);
  compareDeprecations(cx);
  return cx.out;
}
