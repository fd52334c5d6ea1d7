import type { MakeFinding } from '../../core/catalogue.js';
import { matchBy } from '../../core/match.js';
import type { RuleDef } from '../../core/rule.js';
import { STABILITY_LEVELS, type Finding, type StabilityLevel } from '../../core/model.js';
import type { AsyncModel, ChannelM, OperationM } from './model.js';
import { channelStabilityDecreased, operationStabilityDecreased } from './rules.js';

/**
 * `x-stability-level` on AsyncAPI channels and operations (draft < alpha < beta < stable; absent
 * means stable), as OpenAPI operations declare it:
 * - lowering it is a finding of its own (breaking);
 * - every other finding located inside a channel or operation carries the level the published
 *   version declared (else the revision's), so the policy lets elements below the threshold
 *   change freely.
 */
export function applyStability(
  base: AsyncModel,
  rev: AsyncModel,
  findings: Finding[],
  make: MakeFinding,
): Finding[] {
  const levels = [...elements(base), ...elements(rev)];
  const messages = messageLevels([base, rev]);
  const marked = findings.map((f) => {
    const at =
      levelAt(levels, f.location.pointer) ??
      levelAt(levels, f.baseLocation?.pointer) ??
      affectedLevel(messages, f.affects);
    return at ? { ...f, stability: at } : f;
  });
  return [...marked, ...decreases(base, rev, make)];
}

interface Declared {
  pointer: readonly string[];
  level: StabilityLevel;
}

function levelOf(node: object): StabilityLevel | undefined {
  const raw = (node as Record<string, unknown>)['x-stability-level'];
  return (STABILITY_LEVELS as readonly unknown[]).includes(raw)
    ? (raw as StabilityLevel)
    : undefined;
}

function elements(model: AsyncModel): Declared[] {
  const out: Declared[] = [];
  for (const el of [...model.channels, ...model.operations]) {
    const level = levelOf(el.node);
    if (level && el.at.pointer.length) out.push({ pointer: el.at.pointer, level });
  }
  return out;
}

/** The level of the innermost declaring element whose pointer is a prefix of `pointer`. */
function levelAt(levels: Declared[], pointer?: readonly string[]): StabilityLevel | undefined {
  if (!pointer) return undefined;
  let best: Declared | undefined;
  for (const d of levels) {
    if (d.pointer.length > pointer.length) continue;
    if (!d.pointer.every((seg, i) => pointer[i] === seg)) continue;
    if (!best || d.pointer.length > best.pointer.length) best = d;
  }
  return best?.level;
}

const rank = (l: StabilityLevel) => STABILITY_LEVELS.indexOf(l);

/**
 * A message (by label) is as stable as the most stable channel or operation carrying it: a
 * message a stable channel carries never changes freely.
 */
function messageLevels(models: AsyncModel[]): Map<string, StabilityLevel> {
  const out = new Map<string, StabilityLevel>();
  const note = (label: string, level: StabilityLevel) => {
    const had = out.get(label);
    if (!had || rank(level) > rank(had)) out.set(label, level);
  };
  for (const m of models) {
    for (const c of m.channels) {
      for (const cm of c.messages) note(cm.message.label, levelOf(c.node) ?? 'stable');
    }
    for (const o of m.operations) {
      const level = levelOf(o.node) ?? (o.channel && levelOf(o.channel.node)) ?? 'stable';
      for (const om of o.messages) note(om.message.label, level);
    }
  }
  return out;
}

/** A schema finding's level: the most stable of the messages it affects (none: not marked). */
function affectedLevel(
  messages: Map<string, StabilityLevel>,
  affects?: readonly string[],
): StabilityLevel | undefined {
  if (!affects?.length || !affects.every((a) => a.startsWith('message '))) return undefined;
  let level: StabilityLevel | undefined;
  for (const a of affects) {
    const l = messages.get(a.slice('message '.length)) ?? 'stable';
    if (!level || rank(l) > rank(level)) level = l;
  }
  return level === 'stable' ? undefined : level;
}

function decreases(base: AsyncModel, rev: AsyncModel, make: MakeFinding): Finding[] {
  const out: Finding[] = [];
  type Element = ChannelM | OperationM;
  const judge = <A extends { before: string; after: string }>(
    rule: RuleDef<A>,
    b: Element,
    r: Element,
    args: (levels: { before: string; after: string }) => A,
  ) => {
    const before = levelOf(b.node) ?? 'stable';
    const after = levelOf(r.node) ?? 'stable';
    if (rank(after) >= rank(before)) return;
    out.push(
      make(rule, {
        args: args({ before, after }),
        location: r.at,
        baseLocation: b.at,
        before,
        after,
      }),
    );
  };
  // Channels by key and operations by id, paired by the shared matcher.
  for (const { base: b, rev: r } of matchBy(base.channels, rev.channels, (c) => c.key).both) {
    judge(channelStabilityDecreased, b, r, (l) => ({ channel: r.key, ...l }));
  }
  for (const { base: b, rev: r } of matchBy(base.operations, rev.operations, (o) => o.id).both) {
    judge(operationStabilityDecreased, b, r, (l) => ({ operation: r.id, ...l }));
  }
  return out;
}
