import type { MessageNode, ServiceNode } from '../ast.js';
import {
  enumView,
  fieldView,
  fileView,
  messageView,
  type EnumView,
  type Features,
  type FieldView,
  type FileView,
  type MessageView,
} from '../semantics.js';
import type { ProtoFile, ProtoTree } from '../tree.js';

/** The declarations of the files a comparison looks at, with their resolved views. */

export interface FileDecls {
  messages: MessageView[];
  enums: EnumView[];
  services: Array<{ fv: FileView; node: ServiceNode }>;
  extensions: FieldView[];
}

export interface Views extends FileDecls {
  tree: ProtoTree;
  files: Map<string, FileView>;
  byFile: Map<FileView, FileDecls>;
}

export function buildViews(tree: ProtoTree, files: ProtoFile[]): Views {
  const views: Views = {
    tree,
    files: new Map(),
    messages: [],
    enums: [],
    services: [],
    extensions: [],
    byFile: new Map(),
  };
  for (const file of files) {
    const fv = fileView(tree, file);
    views.files.set(file.path, fv);
    const decls: FileDecls = { messages: [], enums: [], services: [], extensions: [] };
    views.byFile.set(fv, decls);
    const walk = (
      node: MessageNode,
      parentFeatures: Features,
      top: MessageNode,
      mapField?: FieldView,
    ) => {
      const mv = messageView(fv, node, parentFeatures, top, mapField);
      decls.messages.push(mv);
      for (const n of node.messages) {
        // A map entry takes the features of its map field (rarely set; resolved only then).
        const mf =
          n.mapEntry && node.fields.some((f) => f.map && f.options)
            ? mv.fields.find((f) => f.node.map && f.typeName === n.fullName)
            : undefined;
        walk(n, mv.features, top, mf);
      }
      for (const e of node.enums) decls.enums.push({ ...enumView(fv, e, mv.features), top });
      for (const x of node.extensions) {
        decls.extensions.push(fieldView(fv, x, undefined, node.fullName, mv.features));
      }
    };
    for (const m of file.parsed.ast.messages) walk(m, fv.features, m);
    for (const e of file.parsed.ast.enums) decls.enums.push(enumView(fv, e, fv.features));
    for (const x of file.parsed.ast.extensions) {
      decls.extensions.push(fieldView(fv, x, undefined, file.parsed.ast.package, fv.features));
    }
    for (const node of file.parsed.ast.services) decls.services.push({ fv, node });
    views.messages.push(...decls.messages);
    views.enums.push(...decls.enums);
    views.services.push(...decls.services);
    views.extensions.push(...decls.extensions);
  }
  return views;
}

export function byNested(messages: MessageView[]): Map<string, MessageView> {
  return new Map(messages.map((m) => [m.nested, m]));
}

/** buf's parent for a deleted nested element: the longest surviving prefix that is a message. */
export function survivingParent(
  messages: Map<string, MessageView>,
  nested: string,
): MessageView | undefined {
  const parts = nested.split('.');
  for (let i = parts.length - 1; i > 0; i--) {
    const m = messages.get(parts.slice(0, i).join('.'));
    if (m) return m;
  }
  return undefined;
}

export function nestedName(x: FieldView): string {
  const pkg = x.fv.ast.package;
  return pkg ? x.fullName.slice(pkg.length + 1) : x.fullName;
}
