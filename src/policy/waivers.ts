import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError } from '../core/errors.js';
import { describeError, schemaValidator } from '../core/json-schema-validator.js';
import { LocationMap } from '../core/locations.js';
import { readTextFile } from '../core/text.js';
import { pointerToString, type Finding } from '../core/model.js';

/** One accepted finding (schemas/waivers.schema.json). */
export interface WaiverEntry {
  rule: string;
  contract?: string;
  file?: string;
  line?: number;
  pointer?: string;
  fingerprint?: string;
  reason: string;
  expires?: string;
}

export interface Waivers {
  /** Folder the `file` paths are relative to (the config's folder). */
  root: string;
  entries: WaiverEntry[];
  /** The waivers file and the line of each entry, to report expired and unused ones. */
  file?: string;
  lines?: number[];
}

/** A waiver worth telling the user about: expired, or matching no finding of the run. */
export interface WaiverNote {
  file: string;
  line: number;
  rule: string;
  state: 'expired' | 'unused';
  expires?: string;
  fingerprint?: string;
}

/** Reads and validates a waivers file; a problem is an InputError with file, line and key. */
export async function loadWaivers(file: string, root: string): Promise<Waivers> {
  const text = readTextFile(file, 'waivers file');
  const { map, value } = LocationMap.parse(file, text);
  const validate = schemaValidator('waivers.schema.json');
  if (!validate(value)) {
    const problem = describeError(validate.errors![0]!);
    const at = map.locate(problem.pointer);
    throw new InputError(`invalid waivers: ${problem.message}`, {
      file,
      line: at.line,
      column: at.column,
    });
  }
  const entries = (value as { waivers: WaiverEntry[] }).waivers;
  const lines = entries.map((_, i) => map.locate(['waivers', String(i)]).line);
  return { root, entries, file, lines };
}

/**
 * Does the waiver name this finding? Rule id and every location key it gives must match, at the
 * finding's location or where the element was (a removal sits on its surviving ancestor).
 */
export function matches(w: WaiverEntry, f: Finding, root: string): boolean {
  if (w.rule !== f.rule) return false;
  if (w.contract !== undefined && w.contract !== f.contract) return false;
  if (w.fingerprint !== undefined && w.fingerprint !== f.fingerprint) return false;
  const places = f.baseLocation ? [f.location, f.baseLocation] : [f.location];
  return places.some((at) => {
    if (w.pointer !== undefined && w.pointer !== pointerToString(at.pointer)) return false;
    if (w.file !== undefined) {
      const rel = path.relative(root, at.file).split(path.sep).join('/');
      if (path.posix.normalize(w.file) !== rel) return false;
      if (w.line !== undefined && w.line !== at.line) return false;
    }
    return true;
  });
}

/**
 * Marks the findings a waiver matches (the first matching waiver wins). A waived finding stays in
 * the report; an expired waiver is attached with `expired: true` and the finding counts again.
 */
export function applyWaivers(findings: Finding[], waivers: Waivers, today: string): Finding[] {
  return findings.map((f) => {
    const w = waivers.entries.find((e) => matches(e, f, waivers.root));
    if (!w) return f;
    return {
      ...f,
      waived: {
        reason: w.reason,
        ...(w.expires ? { expires: w.expires } : {}),
        ...(w.expires && w.expires < today ? { expired: true } : {}),
      },
    };
  });
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Waivers to report after a run: every expired one (it no longer waives), and every one that
 * matched no finding of the contracts checked (`checked`; a waiver naming no contract counts as
 * unused only when every contract was checked).
 */
export function waiverNotes(
  findings: readonly Finding[],
  waivers: Waivers,
  today: string,
  checked: { contracts: readonly string[]; all: boolean },
): WaiverNote[] {
  const notes: WaiverNote[] = [];
  waivers.entries.forEach((w, i) => {
    const at = {
      file: waivers.file ?? '',
      line: waivers.lines?.[i] ?? 0,
      rule: w.rule,
      ...(w.expires ? { expires: w.expires } : {}),
      ...(w.fingerprint ? { fingerprint: w.fingerprint } : {}),
    };
    if (w.expires && w.expires < today) {
      notes.push({ ...at, state: 'expired' });
      return;
    }
    const inScope = w.contract !== undefined ? checked.contracts.includes(w.contract) : checked.all;
    if (inScope && !findings.some((f) => matches(w, f, waivers.root)))
      notes.push({ ...at, state: 'unused' });
  });
  return notes;
}
