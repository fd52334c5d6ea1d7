import type { LoadedContract } from '../../core/adapter.js';
import { Catalogue, findingFactory } from '../../core/catalogue.js';
import { assertDepth } from '../../core/depth.js';
import { InputError } from '../../core/errors.js';
import type { ContractRef, Finding, SourceLocation } from '../../core/model.js';
import type { FileSource } from '../../core/source.js';
import { majorOf } from '../../core/document-version.js';
import { DocumentSet, isObject } from '../jsonschema/documents.js';
import { buildModel } from './build.js';
import { documentLines, restrictToLine } from './lines.js';
import type { AsyncModel, Perspective } from './model.js';
import { asyncapiDocumentInvalid, asyncapiRefRepaired } from './rules.js';
import { SUPPORTED_VERSIONS, validateDocument, type ValidationProblem } from './validate.js';
import { validateWithParser } from './parser-validate.js';

/**
 * Loads an AsyncAPI 2.0–2.6 / 3.0 / 3.1 document (YAML or JSON, `$ref`s across files read through
 * the FileSource) into the version-independent model.
 *
 * Options (`ref.options`): `perspective` (`application` | `client`), `lenient` (diff an invalid
 * document and report its problems, even unresolvable refs), `validation: 'warn'` (set by `check`
 * unless strict: report specification problems, still fail on unresolvable refs), `allowRemoteRefs`, `validator` (`specs`: the AsyncAPI JSON
 * Schemas, compiled once — the default; `parser`: the full @asyncapi/parser ruleset, slower).
 */
export async function loadAsyncApi(
  ref: ContractRef,
  source: FileSource,
): Promise<LoadedContract<AsyncModel>> {
  const options = ref.options ?? {};
  const entry = ref.entries[0];
  if (!entry) throw new InputError(`contract '${ref.id}' has no AsyncAPI entry file`);
  const lenient = options.lenient === true;
  // `check` reports specification problems as findings unless strict; unresolvable refs still fail.
  const warnInvalid = lenient || options.validation === 'warn';
  const perspective = readPerspective(options.perspective, source.absolute(entry));
  const problems: ValidationProblem[] = [];
  const repairs: ValidationProblem[] = [];
  const docs = new DocumentSet(source, {
    allowRemoteRefs: options.allowRemoteRefs === true,
    refSiblings: () => 'ignore',
    dropKey: (k) => k.startsWith('x-parser-'),
    onRepair: (message: string, at: SourceLocation) => {
      // A reference reached along several paths is repaired (and reported) once.
      const seen = repairs.some(
        (r) => r.message === message && r.at.file === at.file && r.at.line === at.line,
      );
      if (!seen) repairs.push({ message, at });
    },
    ...(lenient
      ? { onProblem: (message: string, at: SourceLocation) => problems.push({ message, at }) }
      : {}),
  });
  const raw = await docs.load(entry);
  if (!isObject(raw) || typeof raw.asyncapi !== 'string') {
    throw new InputError("not an AsyncAPI document: no 'asyncapi' version field", {
      file: source.absolute(entry),
      line: 1,
      column: 1,
    });
  }
  const declared = raw.asyncapi;
  const version = supportedVersion(declared, warnInvalid, docs.locate(raw, 'asyncapi'), problems);
  const root = (await docs.resolve(raw)) as Record<string, unknown>;
  assertDepth(root, (n) => docs.locate(n), { file: source.absolute(entry) });

  const found =
    options.validator === 'parser'
      ? await validateWithParser(entry, source, options.allowRemoteRefs === true)
      : validateDocument(version, root, docs);
  if (found.length && !warnInvalid) {
    const first = found[0]!;
    const more =
      found.length > 1
        ? ` (and ${found.length - 1} more problem${found.length > 2 ? 's' : ''})`
        : '';
    throw new InputError(
      `invalid AsyncAPI ${declared} document: ${first.message}${more}`,
      first.at,
    );
  }
  problems.push(...found);

  const whole = buildModel(root, docs, entry, perspective);
  // A document carrying several major lines (versioned channels): the engine loads each line on
  // its own (`ref.major`), see lines.ts.
  const lines = documentLines(whole);
  const model =
    ref.major !== undefined && lines.length > 1 ? restrictToLine(whole, ref.major) : whole;
  if (warnInvalid) {
    // Invalid in every version, compared anyway (by name): said once per channel.
    for (const ch of model.channels) {
      const loose = ch.looseParameters ?? [];
      if (!loose.length) continue;
      const names = loose.map((p) => `'${p.name}'`).join(', ');
      problems.push({
        message: `channel '${ch.key}' declares parameters its address '${ch.address ?? ''}' does not name: ${names} (compared by name)`,
        at: docs.locate(ch.node, 'parameters') ?? ch.at,
      });
    }
  }
  const loaded: LoadedContract<AsyncModel> = {
    ref,
    files: docs.fileList(),
    model,
    locationMap: (rel) => docs.mapOf(rel),
  };
  if (model.infoVersion) {
    loaded.version = model.infoVersion;
    loaded.versionField = 'info.version';
    const major = majorOf(model.infoVersion);
    if (major !== undefined) loaded.major = major;
  }
  if (model.line !== undefined) {
    loaded.major = model.line;
    loaded.lineField = `the channel version segment v${model.line}`;
  } else if (ref.major === undefined && lines.length > 1) loaded.lines = lines;
  if (problems.length || repairs.length) {
    loaded.problems = [
      ...problemFindings(ref.id, repairs, asyncapiRefRepaired),
      ...problemFindings(ref.id, problems, asyncapiDocumentInvalid),
    ];
  }
  return loaded;
}

function readPerspective(value: unknown, file: string): Perspective {
  if (value === undefined || value === 'application' || value === 'client') {
    return (value ?? 'application') as Perspective;
  }
  throw new InputError(
    `option 'perspective' must be 'application' or 'client', not ${JSON.stringify(value)}`,
    { file },
  );
}

/** The version whose schema validates the document; lenient mode falls back to the newest of a major. */
function supportedVersion(
  declared: string,
  lenient: boolean,
  at: SourceLocation | undefined,
  problems: ValidationProblem[],
): string {
  if ((SUPPORTED_VERSIONS as readonly string[]).includes(declared)) return declared;
  const major = declared.split('.')[0];
  const fallback = [...SUPPORTED_VERSIONS].reverse().find((v) => v.split('.')[0] === major);
  const where = at ?? { file: '', line: 0, column: 0, pointer: [] };
  if (!fallback) {
    throw new InputError(
      `AsyncAPI ${declared} is not supported (supported: 2.0.0–2.6.0, 3.0.0, 3.1.0)`,
      where,
    );
  }
  if (!lenient) {
    throw new InputError(
      `AsyncAPI ${declared} is not a released version (supported: 2.0.0–2.6.0, 3.0.0, 3.1.0; lenient mode reads it as ${fallback})`,
      where,
    );
  }
  problems.push({ message: `unknown version ${declared}, read as ${fallback}`, at: where });
  return fallback;
}

let catalogue: Catalogue | undefined;

function problemFindings(
  contract: string,
  problems: ValidationProblem[],
  rule: typeof asyncapiDocumentInvalid,
): Finding[] {
  catalogue ??= new Catalogue().register([asyncapiDocumentInvalid, asyncapiRefRepaired]);
  const make = findingFactory(catalogue, contract, 'asyncapi');
  return problems.map((p) => make(rule, { args: { problem: p.message }, location: p.at }));
}
