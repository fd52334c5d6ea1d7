import { majorOf } from '../../core/document-version.js';
import type { CompareContext, FormatAdapter, LoadedContract } from '../../core/adapter.js';
import { Catalogue, findingFactory } from '../../core/catalogue.js';
import { UsageError } from '../../core/errors.js';
import { createSchemaComparator } from '../../core/jsonschema/compare.js';
import type { ContractRef, Finding } from '../../core/model.js';
import type { FileSource } from '../../core/source.js';
import { locate } from './compare/context.js';
import { compareModels } from './compare/index.js';
import { detectOpenApi } from './detect.js';
import { documentLines, restrictToLine } from './lines.js';
import { loadOpenApi } from './load.js';
import type { OpenApiModel } from './model.js';
import { normalise } from './normalise.js';
import { lifecyclePolicy } from './options.js';
import { INVALID_DOCUMENT } from './rules.js';

/**
 * OpenAPI 2.0 / 3.0 / 3.1. Options (treaty.yaml `options:` of the contract):
 * - `allowRemoteRefs` (boolean): fetch http(s) `$ref`s (off: never fetched).
 * - `lenient` (boolean): compare a document that does not validate against the specification
 *   (reported as an `openapi-invalid-document` warning) instead of failing with exit 2.
 * - `validation` (`warn`): the same, set by `check` unless strict.
 * - `minSunsetStableDays`, `minSunsetBetaDays` (numbers): minimum deprecation period; makes
 *   `x-sunset` mandatory on deprecation (oasdiff's `--deprecation-days-stable/-beta`). Default 0.
 * - `stabilityLevel` (draft | alpha | beta | stable): operations below it are not checked. Default beta.
 * - `today` (YYYY-MM-DD): the date sunset rules compare with. Default: today.
 */
export const openapiAdapter: FormatAdapter<OpenApiModel> = {
  format: 'openapi',

  detect: detectOpenApi,

  async load(ref: ContractRef, source: FileSource): Promise<LoadedContract<OpenApiModel>> {
    const entry = ref.entries[0];
    if (!entry) throw new UsageError(`contract '${ref.id}': no entry file`);
    const resolved = await loadOpenApi(entry, source, {
      allowRemoteRefs: ref.options?.allowRemoteRefs === true,
      lenient: ref.options?.lenient === true || ref.options?.validation === 'warn',
    });
    const whole = normalise(resolved);
    // A document carrying several major lines (`/v1/…` and `/v2/…` paths): the engine loads each
    // line on its own (`ref.major`), see lines.ts.
    const lines = documentLines(whole);
    const model =
      ref.major !== undefined && lines.length > 1 ? restrictToLine(whole, ref.major) : whole;
    const make = findingFactory(new Catalogue().register([INVALID_DOCUMENT]), ref.id, 'openapi');
    const problems = [
      ...resolved.problems.map((e) =>
        make(INVALID_DOCUMENT, {
          args: { problem: e.message },
          location: {
            file: e.position.file ?? source.absolute(entry),
            line: e.position.line ?? 0,
            column: e.position.column ?? 0,
            pointer: [],
          },
        }),
      ),
      ...model.problems.map((p) =>
        make(INVALID_DOCUMENT, { args: { problem: p.problem }, location: locate(model, p) }),
      ),
    ];
    const major = model.line ?? (model.version !== undefined ? majorOf(model.version) : undefined);
    return {
      ref,
      ...(model.version !== undefined
        ? { version: model.version, versionField: 'info.version' }
        : {}),
      ...(major !== undefined ? { major } : {}),
      ...(model.line !== undefined ? { lineField: `the path segment /v${model.line}/` } : {}),
      ...(ref.major === undefined && lines.length > 1 ? { lines } : {}),
      files: resolved.files,
      locationMap: (rel) => resolved.locator.map(rel),
      ...(problems.length ? { problems } : {}),
      model,
    };
  },

  compare(
    base: LoadedContract<OpenApiModel>,
    rev: LoadedContract<OpenApiModel>,
    ctx: CompareContext,
  ): Finding[] {
    const make = findingFactory(ctx.catalogue, ctx.contract, 'openapi');
    const policy = lifecyclePolicy(ctx.options);
    const comparator = createSchemaComparator({
      catalogue: ctx.catalogue,
      make,
      format: 'openapi',
      lifecycle: {
        today: policy.today,
        minSunsetStableDays: policy.minSunsetStableDays,
        minSunsetBetaDays: policy.minSunsetBetaDays,
      },
    });
    return compareModels(base.model, rev.model, make, comparator, policy);
  },
};
