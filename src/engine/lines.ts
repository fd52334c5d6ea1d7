import path from 'node:path';
import type { LoadedContract } from '../core/adapter.js';
import { InputError } from '../core/errors.js';
import type { ContractRef, Finding } from '../core/model.js';
import { contractLineRemoved } from '../policy/rules.js';
import { lineState } from '../registry/lifecycle.js';
import type { Registry } from '../registry/registry.js';
import { todayIso } from '../core/lifecycle.js';
import { contractFinding } from './check.js';
import { loadContract } from './run.js';

/**
 * Versioned coexistence: a contract id provides one or more major lines. A line is either a
 * configured entry of its own (the same id listed once per major line, each with its own path;
 * the major from the document's version or `major:`), or one part of a document that carries
 * several (protobuf: the packages `pkg.v1` and `pkg.v2` of one tree — the adapter reports the
 * `lines` and loads one of them when the ref names its `major`). Each line is compared with the
 * latest published version of that line, and published on its own.
 */

/**
 * The revisions a list of configured contracts provides: one per major line. `known`: revisions
 * already at hand (the unchanged-commit fast path, engine/unchanged.ts), not loaded again.
 */
export async function loadLines(
  refs: readonly ContractRef[],
  known?: ReadonlyMap<ContractRef, { rev: LoadedContract }>,
): Promise<LoadedContract[]> {
  const out: LoadedContract[] = [];
  for (const ref of refs) {
    const rev = known?.get(ref)?.rev ?? (await loadContract(ref));
    if (ref.major === undefined && rev.lines && rev.lines.length > 1) {
      for (const major of rev.lines) {
        out.push({ ...(await loadContract({ ...ref, major })), major });
      }
      continue;
    }
    if (ref.major !== undefined && rev.major !== undefined && rev.major !== ref.major) {
      throw new InputError(
        `contract '${ref.id}': major: ${ref.major} in the config, but the document's version ${rev.version ?? ''} is in major line ${rev.major}`,
        { file: where(ref) },
      );
    }
    out.push(ref.major !== undefined ? { ...rev, major: ref.major } : rev);
  }
  // An id listed more than once: each entry must be a different major line.
  const byId = new Map<string, LoadedContract[]>();
  for (const rev of out) byId.set(rev.ref.id, [...(byId.get(rev.ref.id) ?? []), rev]);
  for (const [id, revs] of byId) {
    if (revs.length < 2) continue;
    const seen = new Map<number, LoadedContract>();
    for (const rev of revs) {
      if (rev.major === undefined) {
        throw new InputError(
          `contract '${id}' is listed once per major line, but ${where(rev.ref)} declares no version: give it a version or set major: in its entry`,
          { file: where(rev.ref) },
        );
      }
      const twin = seen.get(rev.major);
      if (twin) {
        throw new InputError(
          `contract '${id}': ${where(twin.ref)} and ${where(rev.ref)} are both in major line ${rev.major}; each line needs its own entry`,
          { file: where(rev.ref) },
        );
      }
      seen.set(rev.major, rev);
    }
  }
  return out;
}

/** The major lines the revisions of one contract id provide in a run. */
export function runLines(revs: readonly LoadedContract[], id: string): number[] {
  return revs.flatMap((r) => (r.ref.id === id && r.major !== undefined ? [r.major] : []));
}

/** Does this id provide several lines in the run (its findings and results then name the line)? */
export function multiLine(revs: readonly LoadedContract[]): Set<string> {
  const count = new Map<string, number>();
  for (const r of revs) count.set(r.ref.id, (count.get(r.ref.id) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n > 1).map(([id]) => id));
}

/**
 * Every published major line of the checked ids that no revision provides any more: a
 * `contract-line-removed` finding carrying the line's lifecycle from the registry (deprecated,
 * sunset), so the deprecation pass judges it like any removal — before the sunset it fails naming
 * the date, after the sunset the line is retired and the removal passes.
 */
export function missingLines(
  revs: readonly LoadedContract[],
  registry: Registry,
  today = todayIso(),
): Finding[] {
  const out: Finding[] = [];
  const provided = new Map<string, { ref: ContractRef; majors: Set<number | undefined> }>();
  for (const r of revs) {
    const p = provided.get(r.ref.id) ?? { ref: r.ref, majors: new Set() };
    p.majors.add(r.major);
    provided.set(r.ref.id, p);
  }
  for (const [id, { ref, majors }] of provided) {
    // A revision without a major line is compared with the latest line: it provides that one.
    if (majors.has(undefined)) continue;
    for (const major of registry.lines(id)) {
      if (majors.has(major)) continue;
      const latest = registry.latest(id, major)!;
      const state = lineState(latest, today);
      const lifecycle =
        state.state === 'active'
          ? 'never deprecated, no sunset was set'
          : state.state === 'retired'
            ? `retired: its sunset ${state.sunset} has passed`
            : state.sunset
              ? `deprecated, sunset ${state.sunset}`
              : 'deprecated without a sunset';
      const args = { contract: id, line: major, version: latest.version, lifecycle };
      const f = contractFinding(contractLineRemoved, ref, args, ['lines', String(major)]);
      out.push({
        ...f,
        line: major,
        ...(latest.deprecated
          ? { deprecation: latest.sunset ? { sunset: latest.sunset } : {} }
          : {}),
      });
    }
  }
  return out;
}

function where(ref: ContractRef): string {
  return ref.entries[0] ? path.join(ref.root, ref.entries[0]) : ref.root;
}
