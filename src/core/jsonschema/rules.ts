import { EVOLUTION_MODES, type EvolutionMode, type Format, type Severity } from '../model.js';
import {
  deriveModes,
  type LazyRules,
  type MessageArgs,
  type RuleDef,
  type RuleVariant,
} from '../rule.js';
import { schemaExplain } from './explain.js';
import { refNotCompared } from './ref-rule.js';
import {
  GEN_FAMILIES,
  KINDS,
  OASDIFF_LEVELS,
  OAS_FAMILIES,
  type Family,
  type GenFamily,
  type KindDef,
  type Level,
  type OasFamily,
} from './kinds.js';

/**
 * The schema-level rule catalogue, generated from the change-kind table (kinds.ts): one rule per
 * (family, kind) that has an id. OpenAPI ids are oasdiff's own where it has the check; where it has
 * none the id follows its naming (`request-property-max-items-decreased`) and `equivalents` is empty.
 * AsyncAPI payloads, headers and keys and JSON Schema documents get one id per kind
 * (`message-property-removed`, `message-key-type-changed`, `schema-enum-value-removed`) whose
 * severity follows the direction the data flows.
 */

export const LEVEL_SEVERITY: Record<Level, Severity> = {
  ERR: 'breaking',
  WARN: 'warning',
  INFO: 'info',
};
const RANK: Record<Severity, number> = { info: 0, warning: 1, breaking: 2 };
export const maxSeverity = (a: Severity, b: Severity): Severity => (RANK[a] >= RANK[b] ? a : b);

/** Where a family's kinds go when it has no id of its own (oasdiff reuses the property ids). */
const FALLBACK: Partial<Record<OasFamily, OasFamily>> = {
  'request-body': 'request-property',
  'response-body': 'response-property',
  'request-parameter-property': 'request-parameter',
  'request-header-property': 'request-parameter-property',
  // A header value is read like a response property; oasdiff has header ids for type and nullable only.
  'response-header': 'response-property',
};

const OAS_DIRECTION: Record<OasFamily, 'write' | 'read'> = {
  'request-body': 'write',
  'request-property': 'write',
  'request-parameter': 'write',
  'request-parameter-property': 'write',
  'request-header-property': 'write',
  'response-body': 'read',
  'response-property': 'read',
  'response-header': 'read',
};

export const FAMILY_NOUN: Record<Family, string> = {
  'request-body': 'request body',
  'request-property': 'request property',
  'request-parameter': 'request parameter',
  'request-parameter-property': 'request parameter property',
  'request-header-property': 'request header property',
  'response-body': 'response body',
  'response-property': 'response property',
  'response-header': 'response header',
  message: 'message payload',
  'message-header': 'message header',
  'message-key': 'message key',
  binding: 'protocol binding schema',
  'channel-parameter': 'channel address parameter',
  schema: 'schema',
};

export const isOasFamily = (f: Family): f is OasFamily =>
  (OAS_FAMILIES as readonly string[]).includes(f);

/** The rule a kind maps to in an OpenAPI family, and the family that owns that id. */
export function oasRule(kind: KindDef, family: OasFamily): { id: string; owner: OasFamily } | null {
  if (kind.ownedBy?.includes(family)) return null;
  const explicit = kind.oas[family];
  if (explicit) return { id: explicit, owner: family };
  const fb = FALLBACK[family];
  if (fb) return oasRule(kind, fb);
  return { id: `${family}-${kind.kind}`, owner: family };
}

/** The generated id of a kind in an AsyncAPI / JSON Schema family. */
export const genRuleId = (kind: KindDef, family: GenFamily): string => `${family}-${kind.kind}`;

/** Level of an OpenAPI id: oasdiff's own, else the kind's level in the family's direction. */
export function oasLevel(kind: KindDef, id: string, family: OasFamily): Level {
  const own = OASDIFF_LEVELS.get(id);
  if (own && !kind.forceLevel) return own;
  return OAS_DIRECTION[family] === 'write' ? kind.write : kind.read;
}

const s = (v: unknown) => (v === undefined ? '' : String(v));

/** Renders `{subject} {what changed}` from a finding's args: the same for every schema rule. */
export function renderMessage(args: MessageArgs): string {
  const kind = KINDS.find((k) => k.kind === args.change);
  const text = (kind?.text ?? String(args.change)).replace(/\{(\w+)\}/g, (_, key: string) =>
    s(args[key]),
  );
  // "… 'total' was removed" reads as a sentence; "… 'total': type/format changed …" needs the colon.
  const joiner = /^(was|were|is|are|became|has|have|no longer)\b/.test(text) ? ' ' : ': ';
  return `${s(args.subject)}${joiner}${text}`;
}

/** "enum value {value} was removed" → "enum value was removed". */
function plain(text: string): string {
  return text
    .replace(/ from \{before\} to \{after\}/g, '')
    .replace(/ \(was \{before\}\)/g, '')
    .replace(/ (of|with) \{value\}/g, '')
    .replace(/ (for|on) '?\{\w+\}'?/g, '')
    .replace(/'\{\w+\}' ?/g, '')
    .replace(/ ?\{\w+\}/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Kinds that change annotations only: they never fail. */
const ANNOTATION_KINDS = new Set([
  'all-of-added-annotation-only',
  'all-of-removed-annotation-only',
]);

/**
 * The modes of a kind in one direction (`deriveModes`): `severity` in that direction; it breaks
 * forward when it breaks in the mirrored direction (consumers built against the new contract
 * meeting the published one exchange the data the other way round).
 */
export function kindModes(kind: KindDef, severity: Severity, dir: 'write' | 'read') {
  const mirrored = dir === 'write' ? kind.read : kind.write;
  return deriveModes({
    severity,
    kind: kind.change,
    forward: mirrored === 'ERR',
    annotation: ANNOTATION_KINDS.has(kind.kind),
  });
}

/**
 * Variants of a generated AsyncAPI / JSON Schema rule: the direction the data flows decides, and
 * a readOnly/writeOnly property the sending side leaves out is only an in-place change.
 */
function directionVariants(kind: KindDef): Record<string, RuleVariant> {
  const write = kindModes(kind, LEVEL_SEVERITY[kind.write], 'write');
  const read = kindModes(kind, LEVEL_SEVERITY[kind.read], 'read');
  return {
    write: { when: 'where consumers write (send) the data', modes: write },
    read: { when: 'where consumers read (receive) the data', modes: read },
    both: { when: 'where consumers both read and write it', modes: union(write, read) },
    ignored: {
      when: 'inside a readOnly/writeOnly property the sending side leaves out',
      modes: kindModes(kind, 'info', 'write').filter((m) => m === 'expansion'),
    },
  };
}

function union(a: readonly EvolutionMode[], b: readonly EvolutionMode[]): EvolutionMode[] {
  return EVOLUTION_MODES.filter((m) => a.includes(m) || b.includes(m));
}

function category(family: Family): string {
  if (family.startsWith('request-parameter') || family === 'request-header-property')
    return 'request-parameters';
  if (family.startsWith('request')) return 'request-body';
  if (family === 'response-header') return 'response-headers';
  if (family.startsWith('response')) return 'responses';
  return family === 'schema' ? 'schema' : 'messages';
}

function capital(x: string): string {
  return x.charAt(0).toUpperCase() + x.slice(1);
}

/** One (kind, family) that maps to a schema rule id; a rule shared by several kinds has several. */
interface Part {
  format: Format;
  severity: Severity;
  kind: KindDef;
  family: Family;
  oasdiff: boolean;
  extra: string;
  /** A readOnly/writeOnly id: the change never breaks forward. */
  ignoredFlag: boolean;
}

/**
 * Every schema rule id with the parts it is built from, in catalogue order. Cheap: the rules
 * themselves (modes, variants, descriptions, explanations) are built only when asked for.
 */
function ruleParts(): Map<string, Part[]> {
  const parts = new Map<string, Part[]>();
  const add = (id: string, part: Part) => {
    const list = parts.get(id);
    if (list) list.push(part);
    else parts.set(id, [part]);
  };
  const part = (
    format: Format,
    severity: Severity,
    kind: KindDef,
    family: Family,
    oasdiff: boolean,
    extra = '',
    ignoredFlag = false,
  ): Part => ({ format, severity, kind, family, oasdiff, extra, ignoredFlag });
  for (const kind of KINDS) {
    for (const family of OAS_FAMILIES) {
      const r = oasRule(kind, family);
      if (!r) continue;
      const level = LEVEL_SEVERITY[oasLevel(kind, r.id, r.owner)];
      add(r.id, part('openapi', level, kind, r.owner, OASDIFF_LEVELS.has(r.id)));
      if (family === 'request-property' && kind.readOnlyInRequest) {
        const id = kind.readOnlyInRequest;
        const extra = ' (readOnly property: clients do not send it.)';
        add(
          id,
          part('openapi', LEVEL_SEVERITY[OASDIFF_LEVELS.get(id)!], kind, family, true, extra, true),
        );
      }
      if (family === 'response-property' && kind.writeOnlyInResponse) {
        const id = kind.writeOnlyInResponse;
        const extra = ' (writeOnly property: servers do not return it.)';
        add(
          id,
          part('openapi', LEVEL_SEVERITY[OASDIFF_LEVELS.get(id)!], kind, family, true, extra, true),
        );
      }
    }
    for (const family of Object.keys(GEN_FAMILIES) as GenFamily[]) {
      if (kind.notIn?.includes(family)) continue;
      const w = LEVEL_SEVERITY[kind.write];
      const r = LEVEL_SEVERITY[kind.read];
      const extra = ` Severity by direction: ${w} where consumers write the data, ${r} where they read it.`;
      add(
        genRuleId(kind, family),
        part(GEN_FAMILIES[family].format, maxSeverity(w, r), kind, family, false, extra),
      );
    }
  }
  return parts;
}

/** The rule of one id, from its parts (the first one names and describes it). */
function buildRule(id: string, parts: readonly Part[]): RuleDef<MessageArgs> {
  const first = parts[0]!;
  const { kind, family } = first;
  // OpenAPI: the family fixes the direction. A change inside a readOnly/writeOnly property
  // (its own id) is read in the direction of the side that still exchanges it.
  const modesOf = (p: Part): EvolutionMode[] => {
    const dir = isOasFamily(p.family) && OAS_DIRECTION[p.family] === 'write' ? 'write' : 'read';
    const modes = kindModes(p.kind, p.severity, dir);
    return p.ignoredFlag ? modes.filter((m) => m !== 'forward' && m !== 'full') : modes;
  };
  const variants = isOasFamily(family) ? undefined : directionVariants(kind);
  const note = kind.note ? ` ${kind.note}` : '';
  const rule: RuleDef<MessageArgs> = {
    id,
    formats: [first.format],
    severity: first.severity,
    description: `${capital(FAMILY_NOUN[family])} ${plain(kind.text)}.${first.extra}${first.oasdiff ? '' : ' (No oasdiff check.)'}${note}`,
    kind: kind.change,
    modes: variants ? variants.both!.modes : modesOf(first),
    ...(variants ? { variants } : {}),
    equivalents: first.oasdiff ? { oasdiff: [id] } : {},
    categories: [category(family)],
    message: renderMessage,
    explain: schemaExplain(kind, family, id),
  };
  if (variants) return rule;
  // oasdiff gives several kinds one id (request-property-removed: required or optional): each
  // kind is a variant of the rule, and the rule's own modes are their union.
  const list = parts.map((p) => ({ kind: p.kind, modes: modesOf(p) }));
  const distinct = new Set(list.map((x) => x.modes.join(',')));
  if (distinct.size < 2) return rule;
  const byKind: Record<string, RuleVariant> = {};
  for (const { kind, modes } of list) {
    byKind[kind.kind] ??= { when: `when it ${plain(kind.text)}`, modes };
  }
  return {
    ...rule,
    ...(SHARED_TEXT[id] ? { description: sharedDescription(rule, kind, id) } : {}),
    modes: list.reduce<EvolutionMode[]>((acc, x) => union(acc, x.modes), []),
    variants: byKind,
  };
}

/**
 * What a rule id shared by several kinds says when the first kind's text is not true of all of
 * them (oasdiff's request-property-removed covers required and optional properties).
 */
const SHARED_TEXT: Record<string, string> = {
  'request-property-removed': 'was removed (required or optional)',
};

function sharedDescription(rule: RuleDef<MessageArgs>, first: KindDef, id: string): string {
  const own = `${plain(first.text)}.`;
  const at = rule.description.indexOf(own);
  return `${rule.description.slice(0, at)}${SHARED_TEXT[id]}.${rule.description.slice(at + own.length)}`;
}

/**
 * Every schema-level rule (registered in src/formats/index.ts): the generated ones and
 * `ref-not-compared` (a remote `$ref` not fetched, wherever a schema sits). There are some 1 400:
 * the catalogue knows their ids up front and builds each rule the first time it is asked for.
 */
export const SCHEMA_RULES: LazyRules = (() => {
  let parts: Map<string, Part[]> | undefined;
  const partsOf = () => (parts ??= ruleParts());
  return {
    ids: () => [...partsOf().keys(), refNotCompared.id],
    build: (id) =>
      id === refNotCompared.id
        ? (refNotCompared as RuleDef<MessageArgs>)
        : buildRule(id, partsOf().get(id) ?? []),
  };
})();

let all: RuleDef<MessageArgs>[] | undefined;
/** Every schema-level rule, built (for tests and listings). */
export function schemaRules(): readonly RuleDef<MessageArgs>[] {
  return (all ??= SCHEMA_RULES.ids().map((id) => SCHEMA_RULES.build(id)));
}
