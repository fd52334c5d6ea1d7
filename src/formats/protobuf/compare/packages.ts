import type { Offset } from '../ast.js';
import type { FileView, MessageView } from '../semantics.js';
import type { ProtoFile, ProtoTree } from '../tree.js';
import type { Comparison, Place } from './context.js';
import { byNested, nestedName, survivingParent } from './views.js';

type DeclKind = 'message' | 'enum' | 'extension';

export function comparePackages(cx: Comparison): void {
  const { base, rev } = cx;
  const packagesOf = (tree: ProtoTree) => {
    const out = new Map<string, ProtoFile[]>();
    for (const f of tree.contractFiles()) {
      const pkg = f.parsed.header.package;
      const list = out.get(pkg);
      if (list) list.push(f);
      else out.set(pkg, [f]);
    }
    return out;
  };
  const before = packagesOf(base);
  const after = packagesOf(rev);
  for (const [pkg, files] of before) {
    if (after.has(pkg)) continue;
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
  const revMessages = new Map(cx.rv.messages.map((m) => [m.node.fullName, m]));
  const revEnums = new Set(cx.rv.enums.map((e) => e.node.fullName));
  const revExtensions = new Set(cx.rv.extensions.map((x) => x.fullName));
  const revServices = new Set(cx.rv.services.map((s) => s.node.fullName));
  // The file the element was declared in, if it survives in the current tree.
  const survivor = (f: ProtoFile) => {
    const g = rev.files.get(f.path);
    return g && !g.dependency ? cx.rv.files.get(g.path) : undefined;
  };
  const fileMessages = (fv: FileView) => byNested(cx.rv.byFile.get(fv)!.messages);
  const prevPlace = (fv: FileView, at: Offset) => cx.place(fv, at);

  // Like buf, a package counts as surviving for messages (enums, extensions) only if it still
  // declares at least one message (enum, extension) somewhere; for services any file will do.
  const kinds = new Map<string, Set<DeclKind>>();
  const declares = (pkg: string, kind: DeclKind): boolean => {
    let set = kinds.get(pkg);
    if (!set) {
      set = new Set();
      for (const f of after.get(pkg) ?? []) {
        const h = f.parsed.header;
        if (h.messages) set.add('message');
        if (h.enums) set.add('enum');
        if (h.extensions) set.add('extension');
      }
      kinds.set(pkg, set);
    }
    return set.has(kind);
  };
  const byPackage = new Map<string, Map<string, MessageView>>();
  for (const m of cx.bv.messages) {
    const pkg = m.fv.ast.package;
    if (revMessages.has(m.node.fullName) || !declares(pkg, 'message')) continue;
    const args = { name: m.nested, package: pkg };
    const ptr = ['messages', m.node.fullName];
    const sv = survivor(m.fv.file);
    let cur: Place | undefined;
    if (sv) {
      let pkgMessages = byPackage.get(pkg);
      if (!pkgMessages) {
        pkgMessages = byNested(cx.rv.messages.filter((x) => x.fv.ast.package === pkg));
        byPackage.set(pkg, pkgMessages);
      }
      const parent = survivingParent(pkgMessages, m.nested);
      cur = parent ? cx.place(parent.fv, parent.node.at) : cx.place(sv, undefined);
    }
    cx.emit('PACKAGE_MESSAGE_NO_DELETE', args, ptr, cur, prevPlace(m.fv, m.node.at));
  }
  for (const e of cx.bv.enums) {
    const pkg = e.fv.ast.package;
    if (revEnums.has(e.node.fullName) || !declares(pkg, 'enum')) continue;
    const sv = survivor(e.fv.file);
    const cur = sv ? cx.place(sv, survivingParent(fileMessages(sv), e.nested)?.node.at) : undefined;
    cx.emit(
      'PACKAGE_ENUM_NO_DELETE',
      { name: e.nested, package: pkg },
      ['enums', e.node.fullName],
      cur,
      prevPlace(e.fv, e.node.at),
    );
  }
  for (const x of cx.bv.extensions) {
    const pkg = x.fv.ast.package;
    if (revExtensions.has(x.fullName) || !declares(pkg, 'extension')) continue;
    const sv = survivor(x.fv.file);
    const nested = nestedName(x);
    const cur = sv ? cx.place(sv, survivingParent(fileMessages(sv), nested)?.node.at) : undefined;
    cx.emit(
      'PACKAGE_EXTENSION_NO_DELETE',
      { name: nested, package: pkg },
      ['extensions', x.fullName],
      cur,
      prevPlace(x.fv, x.node.at),
    );
  }
  for (const s of cx.bv.services) {
    const pkg = s.fv.ast.package;
    if (revServices.has(s.node.fullName) || !after.has(pkg)) continue;
    const sv = survivor(s.fv.file);
    cx.emit(
      'PACKAGE_SERVICE_NO_DELETE',
      { name: s.node.name, package: pkg },
      ['services', s.node.fullName],
      sv ? cx.place(sv, undefined) : undefined,
      prevPlace(s.fv, s.node.at),
    );
  }
}
