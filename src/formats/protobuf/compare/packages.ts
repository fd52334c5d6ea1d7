import { matchBy } from '../../../core/match.js';
import type { FileView, MessageView } from '../semantics.js';
import type { ProtoFile, ProtoTree } from '../tree.js';
import type { Comparison, Place } from './context.js';
import { byNested, nestedName, survivingParent } from './views.js';

type DeclKind = 'message' | 'enum' | 'extension';

/**
 * PACKAGE_NO_DELETE and the package-level deletions of messages, enums, extensions and services:
 * a declaration gone from its package (moving to another file of the package is fine).
 */
export function comparePackages(cx: Comparison): void {
  const { base, rev } = cx;
  const before = packagesOf(base);
  const after = packagesOf(rev);
  for (const {
    key: pkg,
    base: [, files],
  } of matchBy(before, after, ([p]) => p).removed) {
    const first = files.map((f) => f.path).sort()[0]!;
    cx.emit(
      'PACKAGE_NO_DELETE',
      { package: pkg },
      ['packages', pkg],
      undefined,
      { tree: base, file: base.files.get(first)! },
      true,
    );
  }
  const filesOf = new Map(after);

  // Like buf, a package counts as surviving for messages (enums, extensions) only if it still
  // declares at least one message (enum, extension) somewhere; for services any file will do.
  const kinds = new Map<string, Set<DeclKind>>();
  const declares = (pkg: string, kind: DeclKind): boolean => {
    let set = kinds.get(pkg);
    if (!set) {
      set = new Set();
      for (const f of filesOf.get(pkg) ?? []) {
        const h = f.parsed.header;
        if (h.messages) set.add('message');
        if (h.enums) set.add('enum');
        if (h.extensions) set.add('extension');
      }
      kinds.set(pkg, set);
    }
    return set.has(kind);
  };
  // The file a declaration was in, if it survives in the current tree.
  const survivor = (f: ProtoFile): FileView | undefined => {
    const g = rev.files.get(f.path);
    return g && !g.dependency ? cx.rv.files.get(g.path) : undefined;
  };
  const fileMessages = (fv: FileView) => byNested(cx.rv.byFile.get(fv)!.messages);
  const packageMessages = new Map<string, Map<string, MessageView>>();
  const inPackage = (pkg: string) => {
    let m = packageMessages.get(pkg);
    if (!m) {
      m = byNested(cx.rv.messages.filter((x) => x.fv.ast.package === pkg));
      packageMessages.set(pkg, m);
    }
    return m;
  };

  for (const { base: m } of matchBy(cx.bv.messages, cx.rv.messages, (x) => x.node.fullName)
    .removed) {
    const pkg = m.fv.ast.package;
    if (!declares(pkg, 'message')) continue;
    // buf looks for the surviving parent anywhere in the package, but only while the file stays.
    const sv = survivor(m.fv.file);
    let cur: Place | undefined;
    if (sv) {
      const parent = survivingParent(inPackage(pkg), m.nested);
      cur = parent ? cx.place(parent.fv, parent.node.at) : cx.place(sv, undefined);
    }
    cx.emit(
      'PACKAGE_MESSAGE_NO_DELETE',
      { name: m.nested, package: pkg },
      ['messages', m.node.fullName],
      cur,
      cx.place(m.fv, m.node.at),
    );
  }
  for (const { base: e } of matchBy(cx.bv.enums, cx.rv.enums, (x) => x.node.fullName).removed) {
    const pkg = e.fv.ast.package;
    if (!declares(pkg, 'enum')) continue;
    const sv = survivor(e.fv.file);
    cx.emit(
      'PACKAGE_ENUM_NO_DELETE',
      { name: e.nested, package: pkg },
      ['enums', e.node.fullName],
      sv ? cx.place(sv, survivingParent(fileMessages(sv), e.nested)?.node.at) : undefined,
      cx.place(e.fv, e.node.at),
    );
  }
  for (const { base: x } of matchBy(cx.bv.extensions, cx.rv.extensions, (y) => y.fullName)
    .removed) {
    const pkg = x.fv.ast.package;
    if (!declares(pkg, 'extension')) continue;
    const sv = survivor(x.fv.file);
    const nested = nestedName(x);
    cx.emit(
      'PACKAGE_EXTENSION_NO_DELETE',
      { name: nested, package: pkg },
      ['extensions', x.fullName],
      sv ? cx.place(sv, survivingParent(fileMessages(sv), nested)?.node.at) : undefined,
      cx.place(x.fv, x.node.at),
    );
  }
  for (const { base: s } of matchBy(cx.bv.services, cx.rv.services, (y) => y.node.fullName)
    .removed) {
    const pkg = s.fv.ast.package;
    if (!filesOf.has(pkg)) continue;
    const sv = survivor(s.fv.file);
    cx.emit(
      'PACKAGE_SERVICE_NO_DELETE',
      { name: s.node.name, package: pkg },
      ['services', s.node.fullName],
      sv ? cx.place(sv, undefined) : undefined,
      cx.place(s.fv, s.node.at),
    );
  }
}

function packagesOf(tree: ProtoTree): Array<[string, ProtoFile[]]> {
  const out = new Map<string, ProtoFile[]>();
  for (const f of tree.contractFiles()) {
    const pkg = f.parsed.header.package;
    const list = out.get(pkg);
    if (list) list.push(f);
    else out.set(pkg, [f]);
  }
  return [...out];
}
