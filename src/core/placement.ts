import type { LoadedContract } from './adapter.js';
import type { Finding, SourceLocation } from './model.js';

/**
 * Every finding points at a file of the revision (the working tree), so an annotation lands on a
 * pull request and a person is sent to a file they edit. A finding an adapter placed in the base
 * (a removal) moves to the nearest surviving ancestor of its element in the same file of the
 * revision (the `properties` of a schema, the operation, the channel) — the base's entry document
 * stands for the revision's entry even under another name; when that file is gone, to the
 * contract's entry document. The old place is kept as `baseLocation`.
 *
 * Written once for every format: it needs only the files each side was read from and the
 * revision's location maps (formats without one, like protobuf, place removals themselves).
 */
export function placeInRevision(
  findings: readonly Finding[],
  base: LoadedContract,
  rev: LoadedContract,
): Finding[] {
  const revAbsolute = rev.absolute;
  const baseAbsolute = base.absolute;
  if (!revAbsolute || !baseAbsolute) return [...findings];
  const revFiles = new Map(rev.files.map((rel) => [revAbsolute(rel), rel]));
  const baseFiles = new Map(base.files.map((rel) => [baseAbsolute(rel), rel]));
  let entry: SourceLocation | undefined; // one place for every finding whose file is gone
  return findings.map((f) => {
    if (revFiles.has(f.location.file)) return f;
    const rel = baseFiles.get(f.location.file);
    if (rel === undefined) return f; // neither side's file (a remote document): left as it is
    // The same file in the revision; or, for the entry document, the revision's entry whatever its
    // name (`treaty diff old.yaml new.yaml`, an entry renamed between versions).
    const revRel = revFiles.has(revAbsolute(rel))
      ? rel
      : rel === base.ref.entries[0] && rev.ref.entries[0] !== undefined
        ? rev.ref.entries[0]
        : undefined;
    const location =
      revRel !== undefined && revFiles.has(revAbsolute(revRel))
        ? nearestInRevision(rev, revRel, f.location)
        : { ...(entry ??= entryOf(rev)), pointer: [] };
    return { ...f, location, baseLocation: f.baseLocation ?? f.location };
  });
}

/** The nearest existing ancestor of the pointer in the revision's copy of the file. */
function nearestInRevision(rev: LoadedContract, rel: string, old: SourceLocation): SourceLocation {
  const file = rev.absolute!(rel);
  const map = rev.locationMap?.(rel);
  if (!map) return { file, line: 0, column: 0, pointer: [] };
  const pointer = map.nearest(old.pointer);
  return { ...map.locate(pointer), file, pointer: [...pointer] };
}

/** The contract's entry document (or its first file), at its top. */
function entryOf(rev: LoadedContract): SourceLocation {
  const rel = rev.ref.entries[0] ?? [...rev.files].sort()[0];
  if (rel === undefined) return { file: rev.ref.root, line: 0, column: 0, pointer: [] };
  const map = rev.locationMap?.(rel);
  const file = rev.absolute!(rel);
  if (!map) return { file, line: 1, column: 1, pointer: [] };
  return { ...map.locate([]), file, pointer: [] };
}
