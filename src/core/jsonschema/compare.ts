import { basename } from 'node:path';
import type { FindingInput } from '../catalogue.js';
import type { Finding, Pointer, Severity, SourceLocation } from '../model.js';
import type {
  SchemaComparator,
  SchemaComparatorOptions,
  SchemaDirection,
  SchemaPairRequest,
  SchemaPlace,
  SchemaSide,
} from './api.js';
import {
  Detector,
  REF_NOT_COMPARED,
  startsWith,
  type Change,
  type Pair,
  type TypeFact,
} from './detect.js';
import { KIND, OASDIFF_LEVELS, type Family, type Level } from './kinds.js';
import { genRuleId, isOasFamily, LEVEL_SEVERITY, maxSeverity, oasLevel, oasRule } from './rules.js';
import { collate } from '../collate.js';

/**
 * The JSON Schema comparator: detection (detect.ts) finds what changed between two schemas; this
 * module walks the compared pairs from one place (a request body, a parameter, a message payload),
 * decides the rule and severity of each change from the place and the direction, and records each
 * finding once. A shared schema reached again from another operation adds that operation to the
 * `affects` of the findings already recorded under it, without walking it again.
 */

type Dir = 'write' | 'read' | 'both';

type Origin = { file: string; pointer: Pointer };

interface State {
  family: Family;
  dir: Dir;
  /** The place's values are strongly typed (JSON); false for text, parameters, headers; undefined unknown. */
  strong: boolean | undefined;
  /** Property path from the place root, or from the named schema (anchor) it is in. */
  path: string[];
  anchor?: string;
  depth: number;
  readOnly: boolean;
  writeOnly: boolean;
  /** The deepest located nodes so far: where a change on an unlocated node points. */
  lastBase?: object;
  lastRev?: object;
}

/** The findings recorded under a named schema reached in some context: to merge `affects` into. */
interface Entry {
  keys: Set<string>;
  refs: Set<Entry>;
}

interface Recorded {
  rule: string;
  input: FindingInput;
  affects: Set<string>;
}

export interface SchemaComparatorStats {
  /** Distinct (base, revision) schema pairs compared. */
  pairs: number;
  /** Walks of a named schema answered from memory (affects merged, nothing re-reported). */
  reused: number;
  findings: number;
}

export function createSchemaComparator(
  opts: SchemaComparatorOptions,
): SchemaComparator & { stats(): SchemaComparatorStats } {
  const detector = new Detector(opts.lifecycle);
  const records = new Map<string, Recorded>();
  const anchorMemo = new Map<Pair, Map<string, Entry>>();
  let reused = 0;
  // Locating a node walks the file's syntax tree: each node is located once.
  const located = new WeakMap<object, SourceLocation | null>();
  const locate = (side: SchemaSide, node: object | undefined): SourceLocation | undefined => {
    if (!node) return undefined;
    let loc = located.get(node);
    if (loc === undefined) located.set(node, (loc = side.locate(node) ?? null));
    return loc ?? undefined;
  };
  const origins = new WeakMap<object, Origin | null>();
  const originOf = (side: SchemaSide, node: object | undefined): Origin | undefined => {
    if (!node) return undefined;
    let o = origins.get(node);
    if (o === undefined) origins.set(node, (o = (side.origin ?? side.locate)(node) ?? null));
    return o ?? undefined;
  };

  function compare(req: SchemaPairRequest): void {
    detector.sides = { base: req.base, rev: req.rev };
    const root = detector.pair(req.base.schema, req.rev.schema);
    const rootLoc =
      originOf(req.rev, nodeOf(root, 'rev')) ?? originOf(req.base, nodeOf(root, 'base'));
    const fallback = req.placeOrigin ?? req.fallbackRev;
    const anchored =
      rootLoc &&
      !(sameFile(rootLoc.file, fallback.file) && startsWith(rootLoc.pointer, fallback.pointer));
    const st: State = {
      family: familyOf(req.place, 0),
      dir: directionOf(req.place, req.direction),
      strong: strongOf(req.place, 0),
      path: [],
      ...(anchored ? { anchor: anchorOf(rootLoc).name } : {}),
      depth: 0,
      readOnly: false,
      writeOnly: false,
      ...(nodeOf(root, 'base') ? { lastBase: nodeOf(root, 'base') } : {}),
      ...(nodeOf(root, 'rev') ? { lastRev: nodeOf(root, 'rev') } : {}),
    };
    const visiting = new Map<Pair, Entry | undefined>();

    const walk = (pair: Pair, s: State, parent: Entry | undefined, jumped: boolean): void => {
      if (visiting.has(pair)) {
        // A recursive schema: its findings are being recorded by the walk already under way.
        const e = visiting.get(pair);
        if (e && parent && e !== parent) parent.refs.add(e);
        return;
      }
      let entry = parent;
      if (jumped) {
        const key = `${s.family}|${s.dir}|${s.strong}|${s.readOnly}|${s.writeOnly}`;
        let byCtx = anchorMemo.get(pair);
        const hit = byCtx?.get(key);
        if (hit) {
          reused++;
          mergeAffects(hit, req.affects, new Set());
          parent?.refs.add(hit);
          return;
        }
        entry = { keys: new Set(), refs: new Set() };
        if (!byCtx) anchorMemo.set(pair, (byCtx = new Map()));
        byCtx.set(key, entry);
        parent?.refs.add(entry);
      }
      visiting.set(pair, entry);
      const folded = new Set<Change>();
      for (const change of pair.changes) {
        if (folded.has(change)) continue;
        if (change.partner) folded.add(change.partner);
        const key = emit(req, s, change.partner ? renamed(change, change.partner, s) : change);
        if (key) entry?.keys.add(key);
      }
      for (const edge of pair.edges) {
        const child = edge.pair;
        const next = descend(req, s, pair, child, edge.seg);
        walk(child, next.state, entry, next.jumped);
      }
      visiting.delete(pair);
    };
    walk(root, st, undefined, false);
  }

  function mergeAffects(e: Entry, affects: string, seen: Set<Entry>): void {
    if (seen.has(e)) return;
    seen.add(e);
    for (const k of e.keys) records.get(k)?.affects.add(affects);
    for (const r of e.refs) mergeAffects(r, affects, seen);
  }

  /** The state of a child pair: its family, path, flags, and whether it is a named schema. */
  function descend(
    req: SchemaPairRequest,
    s: State,
    parent: Pair,
    child: Pair,
    seg: string,
  ): { state: State; jumped: boolean } {
    const depth = s.depth + 1;
    const bNode = nodeOf(child, 'base');
    const rNode = nodeOf(child, 'rev');
    const bLoc = originOf(req.base, bNode);
    const rLoc = originOf(req.rev, rNode);
    const loc = rLoc ?? bLoc;
    const pLoc = rLoc
      ? originOf(req.rev, nodeOf(parent, 'rev'))
      : originOf(req.base, nodeOf(parent, 'base'));
    const jumped =
      !!loc && (!pLoc || pLoc.file !== loc.file || !startsWith(loc.pointer, pLoc.pointer));
    let path = [...s.path, seg];
    let anchor = s.anchor;
    if (jumped) {
      const a = anchorOf(loc!);
      anchor = a.name;
      path = a.path;
    }
    return {
      jumped,
      state: {
        family: familyOf(req.place, depth),
        dir: s.dir,
        strong: strongOf(req.place, depth),
        path,
        ...(anchor !== undefined ? { anchor } : {}),
        depth,
        readOnly: s.readOnly || child.rev.readOnly,
        writeOnly: s.writeOnly || child.rev.writeOnly,
        ...(bLoc ? { lastBase: bNode } : s.lastBase ? { lastBase: s.lastBase } : {}),
        ...(rLoc ? { lastRev: rNode } : s.lastRev ? { lastRev: s.lastRev } : {}),
      },
    };
  }

  /** Records one change as a finding (or adds to the one recorded); returns its key. */
  function emit(req: SchemaPairRequest, s: State, change: Change): string | undefined {
    const rule = select(change, s);
    if (!rule) return undefined;
    const at = change.at ?? [];
    const baseLoc = change.baseNode
      ? locateAt(req.base, change.baseNode, change.baseAt ?? at, locate)
      : undefined;
    const revLoc = change.revNode ? locateAt(req.rev, change.revNode, at, locate) : undefined;
    const location = change.removal
      ? (baseLoc ?? locate(req.base, s.lastBase) ?? req.fallbackBase)
      : (revLoc ?? locate(req.rev, s.lastRev) ?? req.fallbackRev);
    const kind = KIND.get(rule.kind);
    const withBase = !change.removal && kind?.change !== 'addition' && baseLoc;
    const args = {
      ...change.args,
      subject: subject(req.place, s, change.child),
      change: rule.kind,
    };
    const key = [
      rule.id,
      location.file,
      location.pointer.join('/'),
      withBase ? `${baseLoc.file}#${baseLoc.pointer.join('/')}` : '',
      String(change.args.value ?? ''),
      String(change.args.name ?? ''),
    ].join('|');
    const hit = records.get(key);
    if (hit) {
      hit.affects.add(req.affects);
      // The same change reached from both directions (a schema shared by sent and received
      // messages) fails where either direction does.
      if (rule.variant && hit.input.variant && hit.input.variant !== rule.variant)
        hit.input.variant = mergeVariants(hit.input.variant, rule.variant);
      return key;
    }
    const declared = opts.catalogue.get(rule.id)?.severity;
    const input: FindingInput = {
      args,
      location,
      ...(withBase ? { baseLocation: baseLoc } : {}),
      ...(change.before !== undefined ? { before: change.before } : {}),
      ...(change.after !== undefined ? { after: change.after } : {}),
      ...(declared && declared !== rule.severity ? { severity: rule.severity } : {}),
      ...(rule.variant ? { variant: rule.variant } : {}),
      ...(change.deprecation ? { deprecation: change.deprecation } : {}),
    };
    records.set(key, { rule: rule.id, input, affects: new Set([req.affects]) });
    return key;
  }

  return {
    compare,
    findings(): Finding[] {
      const out: Finding[] = [];
      for (const r of records.values()) {
        if (!opts.catalogue.has(r.rule)) continue;
        out.push(opts.make(r.rule, { ...r.input, affects: [...r.affects] }));
      }
      return out.sort(
        (a, b) =>
          collate(a.location.file, b.location.file) ||
          a.location.line - b.location.line ||
          a.location.column - b.location.column ||
          collate(a.rule, b.rule),
      );
    },
    stats: () => ({ pairs: detector.compared, reused, findings: records.size }),
  };
}

/**
 * An origin's file (`SchemaSide.origin` may give it relative to the contract root) and a location's
 * file (absolute, from `locate`) name the same file.
 */
function sameFile(origin: string, located: string): boolean {
  return origin === located || located.endsWith(`/${origin}`) || located.endsWith(`\\${origin}`);
}

const nodeOf = (p: Pair, side: 'base' | 'rev'): object | undefined =>
  side === 'base' ? p.base.node : p.rev.node;

function locateAt(
  side: SchemaSide,
  node: object,
  at: readonly string[],
  locate: (side: SchemaSide, node: object) => SourceLocation | undefined,
): SourceLocation | undefined {
  if (at.length && side.locateAt) {
    const l = side.locateAt(node, at);
    if (l) return l;
  }
  return locate(side, node);
}

/**
 * The named schema a pointer is in and the property path inside it:
 * `components/schemas/Pet/properties/name` → Pet, [name];
 * `components/responses/Ok/content/application~1json/schema` → Ok, [];
 * a whole file → its name.
 */
export function anchorOf(loc: Origin): { name: string; path: string[] } {
  const p: Pointer = loc.pointer;
  const last = (names: Set<string>) => {
    for (let j = p.length - 2; j >= 0; j--) if (names.has(p[j]!)) return j;
    return -1;
  };
  let i = last(new Set(['schemas', 'definitions', '$defs']));
  let rest: readonly string[];
  if (i >= 0) rest = p.slice(i + 2);
  else {
    i = last(
      new Set(['responses', 'requestBodies', 'parameters', 'headers', 'messages', 'messageTraits']),
    );
    if (i < 0) return { name: p.length ? p[p.length - 1]! : basename(loc.file), path: [] };
    rest = p.slice(i + 2);
    const s = Math.max(rest.lastIndexOf('schema'), rest.lastIndexOf('payload'));
    rest = s >= 0 ? rest.slice(s + 1) : [];
  }
  const path = rest.filter((seg, k) => !(seg === 'properties' && k < rest.length - 1));
  return { name: p[i + 1]!, path };
}

function familyOf(place: SchemaPlace, depth: number): Family {
  switch (place.kind) {
    case 'request-body':
      return depth ? 'request-property' : 'request-body';
    case 'response-body':
      return depth ? 'response-property' : 'response-body';
    case 'request-parameter':
      return !depth
        ? 'request-parameter'
        : place.in === 'header'
          ? 'request-header-property'
          : 'request-parameter-property';
    case 'response-header':
      return 'response-header';
    case 'webhook-request-body':
      return depth ? 'response-property' : 'response-body';
    case 'webhook-request-parameter':
      return 'response-header';
    case 'webhook-response-body':
      return depth ? 'request-property' : 'request-body';
    case 'message-payload':
      return 'message';
    case 'message-header':
      return 'message-header';
    case 'message-key':
      return 'message-key';
    case 'binding':
      return 'binding';
    case 'channel-parameter':
      return 'channel-parameter';
    case 'document':
      return 'schema';
  }
}

function directionOf(place: SchemaPlace, dir: SchemaDirection): Dir {
  if (place.kind.startsWith('request-') || place.kind === 'webhook-response-body') return 'write';
  if (place.kind.startsWith('response-') || place.kind.startsWith('webhook-request-'))
    return 'read';
  return dir;
}

const JSONISH = /(^|\/|\+)json($|;|\s)|^application\/json/i;

function strongOf(place: SchemaPlace, depth: number): boolean | undefined {
  switch (place.kind) {
    case 'request-body':
    case 'response-body':
    case 'webhook-request-body':
    case 'webhook-response-body':
      return JSONISH.test(place.mediaType);
    case 'request-parameter':
      return depth ? undefined : false;
    case 'response-header':
    case 'webhook-request-parameter':
      return false;
    case 'message-payload':
    case 'message-header':
    case 'message-key':
      return place.contentType ? JSONISH.test(place.contentType) : true;
    case 'binding':
    case 'channel-parameter':
      // Query parameters, handshake headers, address levels: text on the wire.
      return false;
    default:
      return true;
  }
}

/** The kind of a type/format change in this place and direction. */
function typeKind(t: TypeFact, s: State, dir: 'write' | 'read'): string {
  if (t.multi && t.rel === 'wider') return 'list-of-types-widened';
  if (t.multi && t.rel === 'narrower') return 'list-of-types-narrowed';
  const breaking = dir === 'write' ? t.rel !== 'wider' : t.rel !== 'narrower';
  const loose = dir === 'write' ? t.looseWrite : t.looseRead;
  if (breaking && loose && s.strong !== true) return 'type-compatible';
  return t.rel === 'wider'
    ? 'type-generalized'
    : t.rel === 'narrower'
      ? 'type-specialized'
      : 'type-changed';
}

/** Two directions a shared change was reached from: `ignored` yields to a real direction. */
function mergeVariants(a: string, b: string): string {
  if (a === 'ignored') return b;
  if (b === 'ignored') return a;
  return a === b ? a : 'both';
}

interface Selected {
  id: string;
  severity: Severity;
  kind: string;
  /** AsyncAPI / JSON Schema: the direction variant of the generated rule (rules.ts). */
  variant?: string;
}

/** The rule and severity of a change in this state, or null when it does not count here. */
function select(change: Change, s: State): Selected | null {
  // Not a schema change of a family: one shared rule wherever the schema sits.
  if (change.kind === REF_NOT_COMPARED)
    return { id: 'ref-not-compared', severity: 'warning', kind: REF_NOT_COMPARED };
  if (isOasFamily(s.family)) {
    const dir = s.family.startsWith('request') ? 'write' : 'read';
    const kindName = change.type ? typeKind(change.type, s, dir) : change.kind;
    const kind = KIND.get(kindName);
    if (!kind) return null;
    const ro = s.readOnly || (!kind.ownFlags && !!change.flags?.readOnly);
    const wo = s.writeOnly || (!kind.ownFlags && !!change.flags?.writeOnly);
    const body = s.family === 'request-body' || s.family === 'request-property';
    const respBody = s.family === 'response-body' || s.family === 'response-property';
    if (dir === 'write' && ro) {
      if (!body || !kind.readOnlyInRequest) return null;
      const id = kind.readOnlyInRequest;
      return { id, severity: LEVEL_SEVERITY[OASDIFF_LEVELS.get(id)!], kind: kindName };
    }
    if (dir === 'read' && wo) {
      if (!respBody || !kind.writeOnlyInResponse) return null;
      const id = kind.writeOnlyInResponse;
      return { id, severity: LEVEL_SEVERITY[OASDIFF_LEVELS.get(id)!], kind: kindName };
    }
    const r = oasRule(kind, s.family);
    if (!r) return null;
    // The kind is the variant where one oasdiff id covers several kinds (rules.ts).
    return {
      id: r.id,
      severity: LEVEL_SEVERITY[oasLevel(kind, r.id, r.owner)],
      kind: kindName,
      variant: kindName,
    };
  }
  const dirs: Array<'write' | 'read'> = s.dir === 'both' ? ['write', 'read'] : [s.dir];
  let best: Selected | null = null;
  const counted: string[] = [];
  for (const dir of dirs) {
    const kindName = change.type ? typeKind(change.type, s, dir) : change.kind;
    const kind = KIND.get(kindName);
    if (!kind) continue;
    const ignored =
      dir === 'write'
        ? s.readOnly || (!kind.ownFlags && !!change.flags?.readOnly)
        : s.writeOnly || (!kind.ownFlags && !!change.flags?.writeOnly);
    const level: Level = ignored ? 'INFO' : dir === 'write' ? kind.write : kind.read;
    if (!ignored) counted.push(dir);
    const severity = LEVEL_SEVERITY[level];
    if (!best || maxSeverity(best.severity, severity) !== best.severity)
      best = { id: genRuleId(kind, s.family as never), severity, kind: kindName };
  }
  if (best)
    best.variant = counted.length === 0 ? 'ignored' : counted.length === 1 ? counted[0] : 'both';
  return best;
}

/**
 * A property removed and another added in the same object (probably a rename) as one finding:
 * the more severe of the two in this place and direction (the removal on a tie), naming the other
 * property. A rename is still a removal for those who read the old name and an addition for those
 * who must now send the new one, so the verdict stays that of the worse side.
 */
function renamed(a: Change, b: Change, s: State): Change {
  const removal = a.removal ? a : b;
  const addition = a.removal ? b : a;
  const rs = select(removal, s);
  const as = select(addition, s);
  const primary =
    rs && as && maxSeverity(rs.severity, as.severity) !== rs.severity ? addition : removal;
  const other = primary === removal ? addition : removal;
  const name = String(other.args.name ?? '');
  const hint: Record<string, string> =
    primary === removal ? { renamedTo: name } : { renamedFrom: name };
  const { partner: _partner, ...rest } = primary;
  return { ...rest, args: { ...primary.args, ...hint } };
}

/** One plain phrase naming the element: the place, or the property and the schema it is in. */
function subject(place: SchemaPlace, s: State, child?: string): string {
  const path = child !== undefined ? [...s.path, child] : s.path;
  const p = path.join('/');
  let root: string;
  let prop: string;
  let suffix: string;
  switch (place.kind) {
    case 'request-body':
      root = `request body (${place.mediaType})`;
      prop = 'request property';
      suffix = '';
      break;
    case 'response-body':
      root = `response body (${place.status} ${place.mediaType})`;
      prop = 'response property';
      suffix = ` (${place.status})`;
      break;
    case 'request-parameter':
      root = `${place.in} parameter '${place.name}'`;
      prop = 'property';
      suffix = ` of ${root}`;
      break;
    case 'response-header':
      root = `response header '${place.name}' (${place.status})`;
      prop = 'property';
      suffix = ` of response header '${place.name}'`;
      break;
    case 'webhook-request-body':
      root = `webhook request body (${place.mediaType})`;
      prop = 'webhook request property';
      suffix = '';
      break;
    case 'webhook-request-parameter':
      root = `webhook ${place.in} parameter '${place.name}'`;
      prop = 'property';
      suffix = ` of ${root}`;
      break;
    case 'webhook-response-body':
      root = `webhook response body (${place.status} ${place.mediaType})`;
      prop = 'webhook response property';
      suffix = ` (${place.status})`;
      break;
    case 'message-payload':
      root = `message '${place.message}' payload`;
      prop = 'property';
      suffix = ` of ${root}`;
      break;
    case 'message-header':
      root = `message '${place.message}' headers`;
      prop = 'header';
      suffix = ` of message '${place.message}'`;
      break;
    case 'message-key':
      root = `message '${place.message}' key`;
      prop = 'property';
      suffix = ` of ${root}`;
      break;
    case 'binding':
      root = `${place.protocol} binding ${place.field} of ${place.element}`;
      prop =
        place.field === 'headers' ? 'header' : place.field === 'query' ? 'parameter' : 'property';
      suffix = ` of ${root}`;
      break;
    case 'channel-parameter':
      root = `parameter '${place.name}' of channel '${place.channel}'`;
      prop = 'property';
      suffix = ` of ${root}`;
      break;
    case 'document':
      root = 'schema';
      prop = 'property';
      suffix = '';
      break;
  }
  if (s.anchor !== undefined) {
    if (path.length) return `${prop} '${p}' of schema '${s.anchor}'`;
    return s.depth === 0
      ? `${root.replace(/ \(.*\)$/, '')} schema '${s.anchor}'`
      : `schema '${s.anchor}'`;
  }
  return path.length ? `${prop} '${p}'${suffix}` : root;
}
