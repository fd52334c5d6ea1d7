import { segmentMajor } from '../../core/document-version.js';
import type { OpenApiModel, Operation } from './model.js';

/**
 * Several major lines in one OpenAPI document: paths that carry a version segment (`/v1/orders`,
 * `/api/v2/orders`). Each line is the document restricted to the operations of its paths, with
 * the named schemas they reach; everything that names no line stays in every line (paths without
 * a version segment such as `/health`, webhooks, servers, security schemes, top-level security),
 * so a change to it is reported once per line — each line's consumers see it. A version segment
 * in a server URL or `basePath` (`/api/v2`) does not split a document: the whole document is then
 * that one line, as before.
 */

/** The major line an operation's path names, if any. */
export function operationLine(op: Operation): number | undefined {
  return segmentMajor(op.path, /\//);
}

/** The major lines the document's paths name, ascending (several: the document carries lines). */
export function documentLines(model: OpenApiModel): number[] {
  const lines = new Set<number>();
  for (const op of model.operations) {
    const line = operationLine(op);
    if (line !== undefined) lines.add(line);
  }
  return [...lines].sort((a, b) => a - b);
}

/**
 * The document as one of its lines: the operations of that line's paths and of unversioned paths;
 * the named schemas they or the webhooks reach, and those nothing reaches. A schema only other
 * lines reach is kept apart (`otherLineSchemas`): removing it from the document still counts for
 * a line that reached it, and a line that never reached it does not see it go. The line has no
 * declared version: one `info.version` cannot version several lines (a change to one line would
 * need a new version of every other), so each line's version is computed from its own changes,
 * as for protobuf packages.
 */
export function restrictToLine(model: OpenApiModel, line: number): OpenApiModel {
  const operations = model.operations.filter((op) => {
    const own = operationLine(op);
    return own === undefined || own === line;
  });
  const ours = reached([
    ...operations.map((op) => op.pathItem.node),
    ...model.webhooks.map((w) => w.node),
  ]);
  const theirs = reached(
    model.operations.filter((op) => !operations.includes(op)).map((op) => op.pathItem.node),
  );
  const schemas = model.schemas.filter((s) => ours.has(s.node) || !theirs.has(s.node));
  const otherLineSchemas = model.schemas.filter((s) => !schemas.includes(s));
  const { version: _version, ...rest } = model;
  return {
    ...rest,
    operations,
    schemas,
    ...(otherLineSchemas.length ? { otherLineSchemas } : {}),
    line,
  };
}

/** Every object reachable from the given nodes (`$ref`s are resolved to shared objects; cycles kept). */
function reached(from: readonly object[]): Set<object> {
  const seen = new Set<object>();
  const stack = [...from];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const v of Object.values(node)) {
      if (v && typeof v === 'object') stack.push(v);
    }
  }
  return seen;
}
