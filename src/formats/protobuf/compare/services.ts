import { matchBy } from '../../../core/match.js';
import { option, type MethodNode, type Offset, type ServiceNode } from '../ast.js';
import type { FileView } from '../semantics.js';
import type { Comparison } from './context.js';

export function compareServices(cx: Comparison): void {
  const m = matchBy(cx.bv.services, cx.rv.services, (s) => s.node.fullName);
  for (const { base: p, rev: c } of m.both) {
    if (cx.unchanged(p.fv, p.node, c.fv, c.node)) continue;
    const ptr = ['services', c.node.fullName];
    const methods = matchBy(p.node.methods, c.node.methods, (x) => x.name);
    for (const { key, base: pm } of methods.removed) {
      cx.emit(
        'RPC_NO_DELETE',
        { name: key, service: c.node.name },
        [...ptr, 'methods', key],
        cx.place(c.fv, c.node.at),
        cx.place(p.fv, pm.at),
      );
    }
    for (const { key, rev: cm } of methods.added) {
      cx.emit(
        'proto-rpc-added',
        { name: key, service: c.node.fullName },
        [...ptr, 'methods', key],
        cx.place(c.fv, cm.at),
      );
    }
    for (const { base: pm, rev: cm } of methods.both) {
      const key = { fullName: `${c.node.fullName}.${cm.name}`, at: pm.at, end: pm.end };
      if (!cx.unchanged(p.fv, key, c.fv, cm, [pm.input, pm.output])) {
        methodPair(cx, p, c, pm, cm);
      }
    }
  }
  for (const { rev: c } of m.added) {
    cx.emit(
      'proto-service-added',
      { name: c.node.fullName },
      ['services', c.node.fullName],
      cx.place(c.fv, c.node.at),
    );
  }
}

function methodPair(
  cx: Comparison,
  p: { fv: FileView; node: ServiceNode },
  c: { fv: FileView; node: ServiceNode },
  pm: MethodNode,
  cm: MethodNode,
): void {
  const ptr = ['services', c.node.fullName, 'methods', cm.name];
  const args = { method: cm.name, service: c.node.name };
  const here = cx.place(c.fv, cm.at);
  const there = cx.place(p.fv, pm.at);
  const stream = (b: boolean) => (b ? 'streaming' : 'unary');
  if (pm.inputStream !== cm.inputStream) {
    cx.emit(
      'RPC_SAME_CLIENT_STREAMING',
      { ...args, before: stream(pm.inputStream), after: stream(cm.inputStream) },
      ptr,
      here,
      there,
    );
  }
  if (pm.outputStream !== cm.outputStream) {
    cx.emit(
      'RPC_SAME_SERVER_STREAMING',
      { ...args, before: stream(pm.outputStream), after: stream(cm.outputStream) },
      ptr,
      here,
      there,
    );
  }
  const type = (s: { fv: FileView; node: ServiceNode }, ref: string, at: Offset) =>
    s.fv.tree.requireType(s.fv.file, s.node.fullName, ref, at).fullName;
  const pi = type(p, pm.input, pm.inputAt);
  const ci = type(c, cm.input, cm.inputAt);
  if (pi !== ci) {
    cx.emit(
      'RPC_SAME_REQUEST_TYPE',
      { ...args, before: pi, after: ci },
      ptr,
      cx.place(c.fv, cm.inputAt),
      cx.place(p.fv, pm.inputAt),
    );
  }
  const po = type(p, pm.output, pm.outputAt);
  const co = type(c, cm.output, cm.outputAt);
  if (po !== co) {
    cx.emit(
      'RPC_SAME_RESPONSE_TYPE',
      { ...args, before: po, after: co },
      ptr,
      cx.place(c.fv, cm.outputAt),
      cx.place(p.fv, pm.outputAt),
    );
  }
  const pl = option(pm.options, 'idempotency_level');
  const cl = option(cm.options, 'idempotency_level');
  const before = pl?.value.text ?? 'IDEMPOTENCY_UNKNOWN';
  const after = cl?.value.text ?? 'IDEMPOTENCY_UNKNOWN';
  if (before !== after) {
    cx.emit(
      'RPC_SAME_IDEMPOTENCY_LEVEL',
      { ...args, before, after },
      ptr,
      cx.place(c.fv, cl?.at),
      pl ? cx.place(p.fv, pl.at) : undefined,
    );
  }
}
