import type { Catalogue } from '../core/catalogue.js';
import type { Finding, FindingSummary, SourceLocation } from '../core/model.js';
import { firstOfLine, type NextVersion } from '../policy/next-version.js';
import type { ContractResult, Report } from './report.js';
import { fails } from './report.js';

/** What the human-readable outputs say about findings, written once for all of them. */

export interface ContractGroup {
  id: string;
  /** The contract's result; absent only for a finding whose contract the report does not list. */
  contract?: ContractResult;
  findings: Finding[];
}

/** Findings grouped by contract, in the report's contract order (findings keep their order). */
export function groupByContract(report: Report): ContractGroup[] {
  const groups = new Map<string, ContractGroup>();
  const key = (id: string, line?: number) => (line === undefined ? id : `${id}@${line}`);
  for (const c of report.contracts) {
    groups.set(key(c.id, c.line), { id: key(c.id, c.line), contract: c, findings: [] });
  }
  for (const f of report.findings) {
    let g =
      groups.get(key(f.contract, f.line)) ??
      [...groups.values()].find((x) => x.contract?.id === f.contract);
    if (!g)
      groups.set(key(f.contract, f.line), (g = { id: key(f.contract, f.line), findings: [] }));
    g.findings.push(f);
  }
  return [...groups.values()];
}

/**
 * Where a removed element was: a removal is reported on its nearest surviving ancestor in the
 * revision (or on the contract's entry document), so the report adds its old place. Undefined for
 * other findings, whose base location only repeats the element.
 */
export function wasAt(f: Finding, catalogue?: Catalogue): SourceLocation | undefined {
  const b = f.baseLocation;
  if (!b) return undefined;
  const at = f.location.pointer;
  const onAncestor = at.length < b.pointer.length && at.every((seg, i) => seg === b.pointer[i]);
  return onAncestor || catalogue?.get(f.rule)?.kind === 'removal' ? b : undefined;
}

/** Findings shown under `--quiet`: only those that fail the policy. */
export function visible(report: Report, findings: readonly Finding[], quiet: boolean): Finding[] {
  return quiet ? findings.filter((f) => fails(f, report.failOn)) : [...findings];
}

export type WaiverState = 'waived' | 'expired' | undefined;

export function waiverState(f: Finding): WaiverState {
  if (!f.waived) return undefined;
  return f.waived.expired ? 'expired' : 'waived';
}

/** `waived until 2026-06-30: <reason>` or `waiver expired 2024-01-31: <reason>`. */
export function waiverText(f: Finding): string | undefined {
  const w = f.waived;
  if (!w) return undefined;
  if (w.expired) return `waiver expired${w.expires ? ` ${w.expires}` : ''}: ${w.reason}`;
  return `waived${w.expires ? ` until ${w.expires}` : ''}: ${w.reason}`;
}

/** `before → after` as compact JSON, cut to `max` characters a side. */
export function changeText(f: Finding, max = 60): string | undefined {
  const has = (v: unknown) => v !== undefined;
  if (!has(f.before) && !has(f.after)) return undefined;
  const show = (v: unknown) => (has(v) ? clip(JSON.stringify(v) ?? String(v), max) : '(none)');
  return `${show(f.before)} → ${show(f.after)}`;
}

function clip(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

/** `3 breaking, 2 warnings, 1 info, 1 waived` */
export function countsText(s: FindingSummary): string {
  return [
    `${s.breaking} breaking`,
    plural(s.warning, 'warning'),
    `${s.info} info`,
    `${s.waived} waived`,
  ].join(', ');
}

export { plural };

const SOURCE: Record<NonNullable<NextVersion['source']>, string> = {
  document: "the document's version",
  completed: "completed from the document's version",
  computed: 'computed from the changes',
  flag: '--version',
};

/**
 * What publish would do, in one sentence: `would publish as 2.0.0: 1 breaking change against
 * 1.4.0 (the document's version)`, `already published as 1.0.0`, `publish would refuse: …`.
 */
export function nextText(next: NextVersion): string {
  if (next.action === 'refused')
    return `publish would refuse: ${next.message ?? 'see treaty publish'}`;
  if (next.action === 'unchanged') return `already published as ${next.version}: no file changed`;
  const c = next.changes ?? { breaking: 0, added: 0, other: 0 };
  const counts = [
    c.breaking && plural(c.breaking, 'breaking change'),
    c.added && plural(c.added, 'addition'),
    c.other && plural(c.other, 'other change'),
  ]
    .filter(Boolean)
    .join(', ');
  const why =
    next.bump === 'initial'
      ? next.newLine && next.major !== undefined
        ? firstOfLine(next.major, next.newLine.first)
        : 'first published version'
      : next.bump === 'major'
        ? `new major line ${next.major}, ${counts || 'no structural change'} against ${next.previous}`
        : `${counts || 'files changed, no structural change'} against ${next.previous}`;
  const source = next.source ? ` (${SOURCE[next.source]})` : '';
  return `would publish as ${next.version}: ${why}${source}`;
}

/** `openapi, major line 2` */
export function kindText(c: ContractResult): string {
  return c.major !== undefined ? `${c.format}, major line ${c.major}` : c.format;
}
