import type { EnumNode, FileNode, MessageNode, ServiceNode } from '../ast.js';
import type { ProtoFile, ProtoTree, Sym } from '../tree.js';

/**
 * What a comparison has to look at: which unchanged files can see a change, which names changed,
 * and which type references a declaration makes.
 */

/**
 * A predicate: can this file see (import directly, or through a chain of public imports) one of
 * `paths`? Computed backwards from `paths` so unchanged files cost one lookup per import.
 */
export function touching(tree: ProtoTree, paths: Set<string>): (f: ProtoFile) => boolean {
  // Files that expose a changed path: the path itself, or a file importing an exposer publicly.
  const exposers = new Set(paths);
  const publicImporters = new Map<string, ProtoFile[]>();
  for (const f of tree.files.values()) {
    for (const imp of f.parsed.header.imports) {
      if (imp.modifier !== 'public') continue;
      const list = publicImporters.get(imp.path);
      if (list) list.push(f);
      else publicImporters.set(imp.path, [f]);
    }
  }
  const queue = [...paths];
  while (queue.length) {
    for (const f of publicImporters.get(queue.pop()!) ?? []) {
      if (!exposers.has(f.path)) {
        exposers.add(f.path);
        queue.push(f.path);
      }
    }
  }
  return (f) => f.parsed.header.imports.some((imp) => exposers.has(imp.path));
}

/** Type references written inside a declaration (fields, extendees, method types). */
export function refsOf(node: MessageNode | EnumNode | ServiceNode): string[] {
  const out: string[] = [];
  if ('methods' in node) {
    for (const m of node.methods) out.push(m.input, m.output);
    return out;
  }
  if (!('fields' in node)) return out;
  const walk = (m: MessageNode) => {
    for (const f of m.fields) if (!f.scalar) out.push(f.type);
    for (const f of m.extensions) {
      if (!f.scalar) out.push(f.type);
      out.push(f.extendee!);
    }
    for (const n of m.messages) walk(n);
  };
  walk(node);
  return out;
}

/**
 * Simple names of the types and services that differ between files present in both trees:
 * declared on one side only, with another kind, or (enums, whose values feed defaults and wire
 * checks) redefined; plus the components of a package that changed. Given the same visible files,
 * a reference none of whose parts is in this set resolves to the same declaration on both sides.
 */
export function changedNames(base: ProtoTree, rev: ProtoTree, paths: string[]): Set<string> {
  const out = new Set<string>();
  const simple = (name: string) => name.slice(name.lastIndexOf('.') + 1);
  const addPackage = (pkg: string) => {
    for (const part of pkg.split('.')) out.add(part);
  };
  const text = (f: ProtoFile, node: Sym['node']) =>
    node && 'end' in node ? f.parsed.text.slice(node.at, node.end) : '';
  for (const path of paths) {
    const b = base.files.get(path);
    const r = rev.files.get(path);
    const bs = b ? typesOf(b.parsed.ast) : new Map<string, Sym>();
    const rs = r ? typesOf(r.parsed.ast) : new Map<string, Sym>();
    if (b?.parsed.header.package !== r?.parsed.header.package) {
      if (b) addPackage(b.parsed.header.package);
      if (r) addPackage(r.parsed.header.package);
    }
    for (const [name, sym] of bs) {
      if (sym.kind === 'other') continue;
      const other = rs.get(name);
      if (!other || other.kind !== sym.kind) out.add(simple(name));
      else if (sym.kind === 'enum' && text(b!, sym.node) !== text(r!, other.node)) {
        out.add(simple(name));
      }
    }
    for (const [name, sym] of rs) {
      if (sym.kind !== 'other' && !bs.has(name)) out.add(simple(name));
    }
  }
  return out;
}

/** The messages, enums and services a file declares, by full name. */
function typesOf(ast: FileNode): Map<string, Sym> {
  const out = new Map<string, Sym>();
  const walk = (m: MessageNode) => {
    out.set(m.fullName, { kind: 'message', node: m });
    for (const e of m.enums) out.set(e.fullName, { kind: 'enum', node: e });
    for (const n of m.messages) walk(n);
  };
  for (const m of ast.messages) walk(m);
  for (const e of ast.enums) out.set(e.fullName, { kind: 'enum', node: e });
  for (const s of ast.services) out.set(s.fullName, { kind: 'service', node: s });
  return out;
}
