/**
 * Dereferences the `#…` `$ref`s of one self-contained document in place, giving the graph that
 * json-schema-ref-parser's `dereference` gives with `circular: true` and external refs off: every
 * reference object replaced by its target (one shared node per target, a cycle stays a cycle), an
 * extended reference (`$ref` with siblings) replaced by a merged copy whose own keys win, refs to
 * other files left as written, the same `onDereference` calls. It does so without the per-node URL
 * arithmetic of $RefParser's crawl (a `Pointer.join` per key), which is most of its time on large
 * documents.
 *
 * Refs this does not reproduce are not guessed: `dereferenceLocal` first checks every ref against
 * the untouched document and returns false — nothing changed — when one points through another
 * `$ref`, ends in a chain through an extended or circular ref, reaches a `null`, or does not resolve.
 * The caller then lets $RefParser do it (and report what is wrong, where).
 */

type Obj = Record<string, unknown>;
type OnDereference = (ref: string, value: unknown, parent: object, key: string) => void;
interface Resolved {
  circular: boolean;
  value: unknown;
}

const isObj = (x: unknown): x is Obj => !!x && typeof x === 'object';
/** A reference object as $RefParser reads one: a non-empty string `$ref`. */
const isRef = (x: unknown): x is Obj & { $ref: string } =>
  isObj(x) && typeof x.$ref === 'string' && x.$ref.length > 0;
/** A reference into this document (`#` or `#/…`); others are left as written. */
const isLocalRef = (x: unknown): x is Obj & { $ref: string } =>
  isRef(x) && (x.$ref === '#' || x.$ref.startsWith('#/'));

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The tokens of a `#…` pointer: RFC 6901 escapes first, then percent-decoding, tolerating a stray
 * `%` — $RefParser's order (core's `pointerFromString` decodes first and throws on a stray `%`).
 */
function tokens(ref: string): string[] {
  const hash = ref.slice(1);
  if (!hash) return [];
  return hash
    .split('/')
    .slice(1)
    .map((t) => safeDecode(t.replace(/~1/g, '/').replace(/~0/g, '~')));
}

/**
 * `tree`: the document came from `JSON.parse`, so no node is shared or on a cycle before refs are
 * replaced (YAML aliases can share nodes: then every node is remembered, as $RefParser does).
 */
export function dereferenceLocal(
  root: Obj,
  onDereference?: OnDereference,
  tree = false,
  known: {
    /**
     * Every node of the document that holds a `$ref` (any other node is ignored), when the
     * caller has them: the document is then not walked to find them.
     */
    refs?: readonly unknown[];
    /**
     * Told, when the document was dereferenced, which nodes of the result can be reached twice
     * or close a cycle (in a tree: the refs' targets and the root; else every node), and whether
     * the result has a cycle at all (without one, it can be validated as it is, uncopied).
     */
    shared?: (isShared: (node: object) => boolean, cyclic: boolean) => void;
  } = {},
): boolean {
  const targets = new Map<string, unknown>();
  const found = resolveAll(root, targets, tree, known.refs);
  if (!found) return false;
  const hasExtendedRef = found.extended;

  const parents = new Set<unknown>();
  const processed = new Set<unknown>();
  const cache = new Map<string, Resolved>();
  // In a tree only a ref's target (and the root) can be reached twice or sit on a cycle, so only
  // those need remembering — unless an extended ref copies a target's children into a merged
  // object (then every node is, as in $RefParser).
  const shared = new Set<unknown>(targets.values()).add(root);
  const everyNode = !tree || hasExtendedRef;
  const tracked = (x: unknown) => everyNode || shared.has(x);

  const deref = (ref: Obj & { $ref: string }): Resolved => {
    const key = ref.$ref;
    const extended = Object.keys(ref).length > 1;
    const hit = cache.get(key);
    if (hit) {
      if (!hit.circular) {
        if (!extended) return hit;
        const extra: Obj = {};
        for (const k of Object.keys(ref))
          if (k !== '$ref' && !(k in (hit.value as Obj))) extra[k] = ref[k];
        return { circular: false, value: Object.assign({}, hit.value, extra) };
      }
      const cached = hit.value;
      if (!(isObj(cached) && '$ref' in cached) || cached.$ref === ref.$ref) return hit;
    }
    const target = targets.get(key);
    let circular = parents.has(target);
    let value: unknown = extended && isObj(target) ? merge(ref, target) : target;
    if (!circular) {
      const crawled = crawl(value);
      circular = crawled.circular;
      value = crawled.value;
    }
    const out = { circular, value };
    if (!extended) cache.set(key, out);
    return out;
  };

  const crawl = (obj: unknown): Resolved => {
    const result: Resolved = { value: obj, circular: false };
    if (!isObj(obj) || ArrayBuffer.isView(obj)) return result;
    const track = tracked(obj);
    if (track) {
      if (processed.has(obj)) return result;
      parents.add(obj);
      processed.add(obj);
    }
    if (isLocalRef(obj)) {
      const d = deref(obj);
      result.circular = d.circular;
      result.value = d.value;
    } else {
      for (const key of Object.keys(obj)) {
        const value = obj[key];
        // A scalar is left as it is (crawling it would give it back, not circular).
        if (!isObj(value)) continue;
        let circular: boolean;
        if (isLocalRef(value)) {
          const d = deref(value);
          circular = d.circular;
          if (obj[key] !== d.value) {
            obj[key] = d.value;
            onDereference?.(value.$ref, obj[key], obj, key);
          }
        } else if (!(tracked(value) && parents.has(value))) {
          const d = crawl(value);
          circular = d.circular;
          if (obj[key] !== d.value) obj[key] = d.value;
        } else circular = true;
        result.circular ||= circular;
      }
    }
    if (track) parents.delete(obj);
    return result;
  };

  const done = crawl(root);
  if (done.value !== root) return false;
  known.shared?.(everyNode ? () => true : (node) => shared.has(node), done.circular);
  return true;
}

/** `$Ref.dereference` of an extended ref: its own keys first, then the target's it does not set. */
function merge(ref: Obj, target: Obj): Obj {
  const merged: Obj = {};
  for (const k of Object.keys(ref)) if (k !== '$ref') merged[k] = ref[k];
  for (const k of Object.keys(target)) if (!(k in merged)) merged[k] = target[k];
  return merged;
}

/**
 * Resolves every local ref of the untouched document to its final target (following chains of
 * plain refs), and says whether any is extended; undefined when one is a case left to $RefParser.
 */
function resolveAll(
  root: Obj,
  targets: Map<string, unknown>,
  tree: boolean,
  known: readonly unknown[] | undefined,
): { extended: boolean } | undefined {
  const refs: string[] = [];
  let extended = false;
  const note = (node: unknown) => {
    if (!isLocalRef(node)) return;
    refs.push(node.$ref);
    if (Object.keys(node).length > 1) extended = true;
  };
  if (known) known.forEach(note);
  else {
    const seen = tree ? undefined : new Set<unknown>();
    const stack: unknown[] = [root];
    while (stack.length) {
      const node = stack.pop();
      if (!isObj(node) || seen?.has(node)) continue;
      seen?.add(node);
      note(node);
      for (const key of Object.keys(node)) stack.push(node[key]);
    }
  }
  const at = (ref: string): { ok: boolean; value?: unknown } => {
    let cur: unknown = root;
    const path = tokens(ref);
    for (let i = 0; i < path.length; i++) {
      if (!isObj(cur) || isRef(cur)) return { ok: false };
      const next = cur[path[i]!];
      if (next === undefined || next === null) return { ok: false };
      cur = next;
    }
    return { ok: true, value: cur };
  };
  for (const ref of refs) {
    if (targets.has(ref)) continue;
    const chain = new Set<string>([ref]);
    let r = at(ref);
    while (r.ok && isLocalRef(r.value)) {
      const next = r.value as Obj & { $ref: string };
      if (Object.keys(next).length > 1 || chain.has(next.$ref)) return undefined;
      chain.add(next.$ref);
      r = at(next.$ref);
    }
    if (!r.ok) return undefined;
    targets.set(ref, r.value);
  }
  return { extended };
}
