import { matchBy } from '../../../core/match.js';
import { option } from '../ast.js';
import { FILE_OPTION_RULES } from '../rules.js';
import type { FileView } from '../semantics.js';
import type { Comparison } from './context.js';
import { byNested, nestedName, survivingParent } from './views.js';

export function compareFilePair(cx: Comparison, p: FileView, c: FileView): void {
  const ptr = ['files', c.file.path];
  for (const r of FILE_OPTION_RULES) {
    const po = option(p.ast.options, r.option);
    const co = option(c.ast.options, r.option);
    const before = po?.value.text ?? r.unset;
    const after = co?.value.text ?? r.unset;
    if (before !== after) {
      cx.emit(
        r.buf,
        { file: c.file.path, before, after },
        [...ptr, 'options', r.option],
        cx.place(c, co?.at),
        cx.place(p, po?.at),
      );
    }
  }
  if (p.ast.syntax !== c.ast.syntax || p.ast.edition !== c.ast.edition) {
    cx.emit(
      'FILE_SAME_SYNTAX',
      { file: c.file.path, before: syntaxName(p), after: syntaxName(c) },
      [...ptr, 'syntax'],
      cx.place(c, c.ast.syntaxAt),
      cx.place(p, p.ast.syntaxAt),
    );
  }
  if (p.ast.package !== c.ast.package) {
    cx.emit(
      'FILE_SAME_PACKAGE',
      { file: c.file.path, before: p.ast.package, after: c.ast.package },
      [...ptr, 'package'],
      cx.place(c, c.ast.packageAt),
      cx.place(p, p.ast.packageAt),
    );
  }
  // Deletions from the file, reported on the surviving parent message of the same file.
  const pd = cx.bv.byFile.get(p)!;
  const cd = cx.rv.byFile.get(c)!;
  const pm = byNested(pd.messages);
  const cm = byNested(cd.messages);
  const parentIn = (nested: string) => cx.place(c, survivingParent(cm, nested)?.node.at);
  for (const m of matchBy(pm.values(), cm.values(), (m) => m.nested).removed) {
    cx.emit(
      'MESSAGE_NO_DELETE',
      { name: m.key, file: c.file.path },
      ['messages', m.base.node.fullName],
      parentIn(m.key),
      cx.place(p, m.base.node.at),
    );
  }
  const pe = pd.enums;
  const ce = cd.enums;
  for (const e of matchBy(pe, ce, (e) => e.nested).removed) {
    cx.emit(
      'ENUM_NO_DELETE',
      { name: e.key, file: c.file.path },
      ['enums', e.base.node.fullName],
      parentIn(e.key),
      cx.place(p, e.base.node.at),
    );
  }
  for (const x of matchBy(pd.extensions, cd.extensions, (x) => nestedName(x)).removed) {
    cx.emit(
      'EXTENSION_NO_DELETE',
      { name: x.key, file: c.file.path },
      ['extensions', x.base.fullName],
      parentIn(x.key),
      cx.place(p, x.base.node.at),
    );
  }
  const ps = pd.services;
  const cs = cd.services;
  for (const s of matchBy(ps, cs, (s) => s.node.name).removed) {
    cx.emit(
      'SERVICE_NO_DELETE',
      { name: s.key, file: c.file.path },
      ['services', s.base.node.fullName],
      cx.place(c, undefined),
      cx.place(p, s.base.node.at),
    );
  }
}

function syntaxName(fv: FileView): string {
  return fv.ast.syntax === 'editions' ? `edition ${fv.ast.edition}` : fv.ast.syntax;
}
