import type SwaggerParser from '@apidevtools/swagger-parser';
import { InputError, TreatyError } from '../../core/errors.js';
import type { Pointer, SourceLocation } from '../../core/model.js';
import { pointerFromString, pointerToString } from '../../core/model.js';
import type { FileSource } from '../../core/source.js';
import type { Locator } from './locator.js';

/*
 * What a failed OpenAPI load says: a read or parse failure moved to the `$ref` that pulled the file
 * in, an unresolvable `$ref` at the `$ref`, and a specification problem at the node Ajv names,
 * located in the file where that node is written (load.ts loads; this explains).
 */

/** The document does not validate against the OpenAPI specification (a lenient load goes on). */
export class ValidationError extends InputError {}

/** A `$ref` as written: where it sits and what it resolves to. */
export interface RefSite {
  file: string;
  pointer: Pointer;
  ref: string;
  /** The node that holds the `$ref`. */
  node: object;
  /** Target file (relative, '' for remote) and the fragment. */
  targetFile: string;
  targetHash: string;
}

/** A file that failed to read, parse or fetch is reported at the `$ref` that pulled it in. */
export function relocate(
  failure: TreatyError,
  sites: RefSite[],
  entry: string,
  source: FileSource,
  locator: Locator,
): TreatyError {
  const at = (site: RefSite) => locator.locateIn(site.file, [...site.pointer, '$ref']);
  if (failure.message.startsWith('remote $ref')) {
    const url = /'([^']+)'/.exec(failure.message)?.[1] ?? '';
    const site = sites.find(
      (s) => s.targetFile === '' && url.startsWith(s.ref.replace(/#.*$/, '')),
    );
    return site ? new InputError(failure.message, at(site)) : failure;
  }
  const file = failure.position.file;
  if (!file || failure.position.line || file === source.absolute(entry)) return failure;
  const site = sites.find((s) => s.targetFile !== '' && source.absolute(s.targetFile) === file);
  if (!site) return failure;
  return new InputError(`$ref '${site.ref}': ${failure.message} (${file})`, at(site));
}

export function explain(
  e: unknown,
  sp: SwaggerParser,
  locator: Locator,
  sites: RefSite[],
  entry: string,
  source: FileSource,
): InputError {
  const err = e as Error & {
    name?: string;
    source?: string;
    details?: Array<{
      instancePath: string;
      message?: string;
      keyword: string;
      params?: Record<string, unknown>;
    }>;
  };
  const message = String(err?.message ?? e);
  const entryAbs = source.absolute(entry);

  if (err?.name === 'MissingPointerError' || err?.name === 'InvalidPointerError') {
    const hash = /pointer "([^"]*)"/.exec(message)?.[1] ?? '';
    const site =
      sites.find((s) => s.targetHash === hash && s.targetFile !== '') ??
      sites.find((s) => s.ref.endsWith(hash));
    if (site) {
      const at = locator.locateIn(site.file, [...site.pointer, '$ref']);
      return new InputError(`$ref '${site.ref}' does not resolve: ${message}`, at);
    }
    return new InputError(message, { file: entryAbs });
  }

  if (Array.isArray(err?.details) && err.details.length) {
    const best = pickAjvError(err.details);
    const pointer = pointerFromString(best.instancePath);
    const at = locateInResolved(sp.api as unknown, pointer, locator) ?? {
      file: entryAbs,
      line: 1,
      column: 1,
    };
    const where = best.instancePath ? pointerToString(pointer) : '(document)';
    return new ValidationError(`invalid OpenAPI document at ${where}: ${describeAjv(best)}`, at);
  }

  const spec =
    /^Validation failed\. (\/paths\/.*?)\/(get|put|post|delete|options|head|patch|trace)\b/.exec(
      message,
    );
  if (spec) {
    const doc = (sp.api ?? {}) as { paths?: Record<string, unknown> };
    const pathKey = Object.keys(doc.paths ?? {}).find((k) => spec[1] === '/paths' + k);
    if (pathKey) {
      const at = locateInResolved(sp.api as unknown, ['paths', pathKey, spec[2]!], locator) ?? {
        file: entryAbs,
      };
      return new ValidationError(
        message.replace(/^Validation failed\. /, 'invalid OpenAPI document: '),
        at,
      );
    }
  }
  const Err = /^Validation failed\./.test(message) ? ValidationError : InputError;
  return new Err(message.replace(/^Validation failed\. /, 'invalid OpenAPI document: '), {
    file: entryAbs,
  });
}

/** Walks the resolved document along a pointer and locates the deepest node reached. */
export function locateInResolved(
  root: unknown,
  pointer: Pointer,
  locator: Locator,
): SourceLocation | undefined {
  let node: unknown = root;
  let best: { node: object; depth: number } | undefined;
  for (let i = 0; i <= pointer.length; i++) {
    if (node && typeof node === 'object' && locator.origin(node)) best = { node, depth: i };
    if (i === pointer.length || !node || typeof node !== 'object') break;
    node = (node as Record<string, unknown>)[pointer[i]!];
  }
  if (!best) return undefined;
  return locator.locate(best.node, ...pointer.slice(best.depth));
}

function pickAjvError<T extends { instancePath: string; keyword: string }>(errors: T[]): T {
  const structural = new Set([
    'oneOf',
    'anyOf',
    'not',
    'if',
    'then',
    'else',
    '$ref',
    '$dynamicRef',
  ]);
  const candidates = errors.filter((e) => !structural.has(e.keyword));
  const pool = candidates.length ? candidates : errors;
  return pool.reduce((a, b) =>
    pointerFromString(b.instancePath).length > pointerFromString(a.instancePath).length ? b : a,
  );
}

function describeAjv(e: {
  message?: string;
  keyword: string;
  params?: Record<string, unknown>;
}): string {
  const p = e.params ?? {};
  if (e.keyword === 'additionalProperties' && p.additionalProperty !== undefined)
    return `unexpected property '${String(p.additionalProperty)}'`;
  if (e.keyword === 'unevaluatedProperties' && p.unevaluatedProperty !== undefined)
    return `unexpected property '${String(p.unevaluatedProperty)}'`;
  if (e.keyword === 'enum' && Array.isArray(p.allowedValues))
    return `${e.message} (${p.allowedValues.map((v) => JSON.stringify(v)).join(', ')})`;
  if (e.keyword === 'required' && p.missingProperty !== undefined)
    return `missing required property '${String(p.missingProperty)}'`;
  return e.message ?? e.keyword;
}
