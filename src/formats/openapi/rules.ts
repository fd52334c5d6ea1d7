import type { ChangeKind, MessageArgs, RuleDef } from '../../core/rule.js';
import { deriveModes, MODES } from '../../core/rule.js';
import type { EvolutionMode, Severity } from '../../core/model.js';
import { OPENAPI_EXPLAIN } from './explain.js';

/**
 * The structural rules of OpenAPI: paths, operations, parameters, request bodies, responses,
 * headers, security, lifecycle and versioning. Schema-level rules (bodies, properties, parameter
 * and header schemas) belong to the JSON Schema comparator (src/core/jsonschema/).
 *
 * Ids are oasdiff's where it has the check (`equivalents.oasdiff`), and default severities follow
 * its levels (ERR → breaking, WARN → warning, INFO → info); a description says so where ours differ.
 */

type A = MessageArgs;
const s = (v: string | number | boolean | undefined) => String(v ?? '');

interface Spec {
  id: string;
  severity: Severity;
  kind: ChangeKind;
  description: string;
  message: (a: A) => string;
  /** oasdiff ids; default `[id]`, `[]` for a treaty-only rule. */
  oasdiff?: string[];
  modes?: readonly EvolutionMode[];
  variants?: RuleDef<A>['variants'];
  why?: string;
  example?: { before: string; after: string };
}

/**
 * Changes that also break in the mirrored direction (`forward`: a client built against the new
 * contract calling a server that still serves the published one), e.g. a parameter that became
 * optional: the new client leaves it out, the old server still requires it.
 */
const FORWARD = new Set([
  'new-request-path-parameter',
  'request-parameter-became-optional',
  'request-parameter-default-value-added',
  'request-parameter-default-value-changed',
  'request-parameter-default-value-removed',
  'request-parameter-style-changed',
  'request-parameter-explode-changed',
  'request-parameter-became-allow-reserved',
  'request-body-became-optional',
  'response-success-status-removed',
  'response-media-type-removed',
  'response-media-type-name-changed',
  'response-media-type-name-specialized',
  'response-body-media-type-schema-added',
  'response-header-became-required',
  // A subscriber built against the new contract counts on what the published one may leave out.
  'webhook-request-body-became-required',
  'webhook-request-parameter-became-required',
  'webhook-request-media-type-schema-added',
  'api-security-anonymous-access-added',
  'api-global-security-anonymous-access-added',
]);

/** Changes to annotations only (documentation grouping): they never fail. */
const ANNOTATION = new Set(['api-tag-added', 'api-tag-removed']);

function rule(spec: Spec): RuleDef<A> {
  spec = { ...OPENAPI_EXPLAIN[spec.id], ...spec };
  const modes =
    spec.modes ??
    deriveModes({
      severity: spec.severity,
      kind: spec.kind,
      forward: FORWARD.has(spec.id),
      annotation: ANNOTATION.has(spec.id),
    });
  const oasdiff = spec.oasdiff ?? [spec.id];
  return {
    id: spec.id,
    formats: ['openapi'],
    severity: spec.severity,
    description: spec.description,
    kind: spec.kind,
    modes,
    ...(spec.variants ? { variants: spec.variants } : {}),
    equivalents: oasdiff.length ? { oasdiff } : {},
    categories: [category(spec.id)],
    message: spec.message,
    ...(spec.why
      ? {
          explain: {
            why: spec.why,
            ...(spec.example ? { example: { ...spec.example, language: 'yaml' } } : {}),
          },
        }
      : {}),
  };
}

function category(id: string): string {
  if (/security/.test(id)) return 'security';
  if (/sunset|deprecat|reactivated|stability|version/.test(id)) return 'lifecycle';
  if (/parameter/.test(id)) return 'request-parameters';
  if (/request-body/.test(id)) return 'request-body';
  if (/header/.test(id)) return 'response-headers';
  if (/response|status|media-type/.test(id)) return 'responses';
  return 'paths';
}

const op = (a: A) => s(a.operation);
const param = (a: A) => `${s(a.in)} parameter '${s(a.name)}'`;

/** The document does not validate but was compared anyway (`check` and `diff` unless strict). */
export const INVALID_DOCUMENT = rule({
  id: 'openapi-invalid-document',
  severity: 'warning',
  kind: 'modification',
  modes: MODES.none,
  oasdiff: [],
  description:
    'The document does not validate against the OpenAPI specification; compared anyway (check and diff unless --strict or the contract sets strict: true).',
  message: (a) => `The document is not valid OpenAPI: ${s(a.problem)}`,
});

export const OPENAPI_RULES: readonly RuleDef<A>[] = [
  INVALID_DOCUMENT,
  // ── Paths, operations, tags, components, webhooks ────────────────────────────────────────────
  rule({
    id: 'endpoint-added',
    severity: 'info',
    kind: 'addition',
    description: 'An operation was added.',
    message: (a) => `${op(a)}: the operation was added.`,
  }),
  rule({
    id: 'api-path-removed-without-deprecation',
    severity: 'breaking',
    kind: 'removal',
    description: 'A path was removed without being deprecated first.',
    message: (a) => `${op(a)}: the path was removed without deprecation.`,
    why: 'Clients calling the path get 404. Deprecate it (deprecated: true, x-sunset) and remove it after the sunset.',
    example: {
      before: 'paths:\n  /pets:\n    get: ...',
      after: 'paths: {}',
    },
  }),
  rule({
    id: 'api-path-removed-before-sunset',
    severity: 'breaking',
    kind: 'removal',
    description: 'A deprecated path was removed before its x-sunset date.',
    message: (a) => `${op(a)}: the path was removed before its sunset date ${s(a.sunset)}.`,
    why: 'The sunset date is a promise to clients that the path keeps working until then.',
  }),
  rule({
    id: 'api-path-removed-with-deprecation',
    severity: 'info',
    kind: 'removal',
    modes: MODES.none,
    description: 'A deprecated path was removed (no sunset date, or its sunset has passed).',
    message: (a) => `${op(a)}: the deprecated path was removed.`,
  }),
  rule({
    id: 'api-removed-without-deprecation',
    severity: 'breaking',
    kind: 'removal',
    description: 'An operation was removed without being deprecated first.',
    message: (a) => `${op(a)}: the operation was removed without deprecation.`,
    why: 'Clients calling the operation get 404 or 405. Deprecate it first and remove it after the sunset.',
  }),
  rule({
    id: 'api-removed-before-sunset',
    severity: 'breaking',
    kind: 'removal',
    description: 'A deprecated operation was removed before its x-sunset date.',
    message: (a) => `${op(a)}: the operation was removed before its sunset date ${s(a.sunset)}.`,
  }),
  rule({
    id: 'api-removed-with-deprecation',
    severity: 'info',
    kind: 'removal',
    modes: MODES.none,
    description: 'A deprecated operation was removed (no sunset date, or its sunset has passed).',
    message: (a) => `${op(a)}: the deprecated operation was removed.`,
  }),
  rule({
    id: 'unstable-endpoint-removed',
    severity: 'info',
    kind: 'removal',
    modes: MODES.none,
    oasdiff: [],
    description:
      'An operation marked x-stability-level draft or alpha was removed (allowed at any time, as in oasdiff, which reports nothing).',
    message: (a) => `${op(a)}: the ${s(a.stability)} operation was removed.`,
  }),
  rule({
    id: 'api-operation-id-added',
    severity: 'info',
    kind: 'addition',
    description: 'An operation got an operationId.',
    message: (a) => `${op(a)}: operationId '${s(a.operationId)}' was added.`,
  }),
  rule({
    id: 'api-operation-id-removed',
    severity: 'info',
    kind: 'modification',
    description:
      'An operation lost or changed its operationId (generated clients rename the method).',
    message: (a) =>
      a.after
        ? `${op(a)}: operationId '${s(a.before)}' was changed to '${s(a.after)}'.`
        : `${op(a)}: operationId '${s(a.before)}' was removed.`,
  }),
  rule({
    id: 'api-tag-added',
    severity: 'info',
    kind: 'addition',
    description: 'An operation got a tag.',
    message: (a) => `${op(a)}: tag '${s(a.name)}' was added.`,
  }),
  rule({
    id: 'api-tag-removed',
    severity: 'info',
    kind: 'modification',
    description: 'An operation lost a tag.',
    message: (a) => `${op(a)}: tag '${s(a.name)}' was removed.`,
  }),
  rule({
    id: 'api-schema-removed',
    severity: 'info',
    kind: 'removal',
    description:
      'A named schema was removed from components.schemas (definitions in 2.0); operations are compared by their resolved schemas.',
    message: (a) => `Schema '${s(a.name)}' was removed from the components.`,
  }),
  rule({
    id: 'webhook-added',
    severity: 'info',
    kind: 'addition',
    description: 'A webhook (or a method of one, named `newPet PUT`) was added (OpenAPI 3.1).',
    message: (a) => `Webhook '${s(a.name)}' was added.`,
  }),
  rule({
    id: 'webhook-removed',
    severity: 'breaking',
    kind: 'removal',
    description: 'A webhook (or one of its methods, named `newPet PUT`) was removed (OpenAPI 3.1).',
    message: (a) => `Webhook '${s(a.name)}' was removed.`,
    why: 'Subscribers that rely on the webhook stop receiving it.',
  }),
  // ── Webhooks (3.1): the API sends the request, subscribers read it and write the response ──
  rule({
    id: 'webhook-request-body-added',
    severity: 'info',
    kind: 'addition',
    oasdiff: [],
    description:
      'A webhook request now carries a body (subscribers read it; those that ignore it are unaffected).',
    message: (a) => `${op(a)}: the request body the API sends was added.`,
    why: 'Subscribers that ignore a body are unaffected; those that want it now receive it.',
  }),
  rule({
    id: 'webhook-request-body-removed',
    severity: 'breaking',
    kind: 'removal',
    oasdiff: [],
    description: 'A webhook request no longer carries its body (subscribers read it).',
    message: (a) => `${op(a)}: the request body the API sends was removed.`,
    why: 'Subscribers that read the body of the webhook call receive none.',
  }),
  rule({
    id: 'webhook-request-body-became-required',
    severity: 'info',
    kind: 'modification',
    oasdiff: [],
    description:
      'A webhook request body is now always sent: subscribers read it, so this only tightens what they receive (oasdiff judges it like a path request: ERR).',
    message: (a) => `${op(a)}: the request body the API sends became required.`,
    why: 'The API now always sends the body; subscribers already handled it when present.',
  }),
  rule({
    id: 'webhook-request-body-became-optional',
    severity: 'breaking',
    kind: 'modification',
    oasdiff: [],
    description:
      'A webhook request body may now be left out: subscribers that read it can no longer count on it.',
    message: (a) => `${op(a)}: the request body the API sends became optional.`,
    why: 'Subscribers that read the body of every call may now receive a call without one.',
  }),
  rule({
    id: 'webhook-request-media-type-added',
    severity: 'warning',
    kind: 'addition',
    oasdiff: [],
    description:
      'A webhook request body may be sent in a new media type: there is no content negotiation, so subscribers that parse only the others may receive it.',
    message: (a) => `${op(a)}: the API may send the request body as ${s(a.name)}.`,
    why: 'The API chooses the media type of a webhook call (subscribers cannot ask for one), so a subscriber that parses only JSON may now receive XML.',
  }),
  rule({
    id: 'webhook-request-media-type-removed',
    severity: 'info',
    kind: 'removal',
    oasdiff: [],
    description:
      'A webhook request body is no longer sent in a media type (subscribers receive the others).',
    message: (a) => `${op(a)}: the API no longer sends the request body as ${s(a.name)}.`,
    why: 'Subscribers keep receiving the body in the media types that remain; one they could parse is simply no longer used.',
  }),
  rule({
    id: 'webhook-request-media-type-schema-removed',
    severity: 'breaking',
    kind: 'modification',
    oasdiff: [],
    description:
      'A webhook request media type lost its schema: the API may send any body, subscribers read it.',
    message: (a) => `${op(a)}: the request body the API sends as ${s(a.name)} lost its schema.`,
    why: 'Subscribers parse the body by its schema; without one, the API may send them anything.',
  }),
  rule({
    id: 'webhook-request-media-type-schema-added',
    severity: 'info',
    kind: 'modification',
    oasdiff: [],
    description:
      'A webhook request media type that admitted any body now has a schema (subscribers receive less).',
    message: (a) => `${op(a)}: the request body the API sends as ${s(a.name)} got a schema.`,
    why: 'The body the API sends is now described; subscribers that took anything still take it.',
  }),
  rule({
    id: 'webhook-request-parameter-added',
    severity: 'info',
    kind: 'addition',
    oasdiff: [],
    description:
      'A webhook request carries a new parameter (a header, usually): subscribers that ignore it are unaffected.',
    message: (a) => `${op(a)}: the API sends a new ${param(a)}.`,
    why: 'Subscribers that do not read the new parameter are unaffected.',
  }),
  rule({
    id: 'webhook-request-parameter-removed',
    severity: 'breaking',
    kind: 'removal',
    oasdiff: [],
    variants: {
      optional: {
        when: 'the parameter was optional (subscribers already coped without it): a warning',
        modes: deriveModes({ severity: 'warning', kind: 'removal' }),
      },
    },
    description:
      'A webhook request parameter is no longer sent: subscribers that read it break (a warning when it was optional).',
    message: (a) => `${op(a)}: the API no longer sends the ${param(a)}.`,
    why: 'Subscribers that read the parameter (a signature or event header, say) no longer receive it.',
  }),
  rule({
    id: 'webhook-request-parameter-became-required',
    severity: 'info',
    kind: 'modification',
    oasdiff: [],
    description: 'A webhook request parameter is now always sent (subscribers read it).',
    message: (a) => `${op(a)}: the ${param(a)} the API sends became required.`,
    why: 'The API now always sends the parameter; subscribers already handled it when present.',
  }),
  rule({
    id: 'webhook-request-parameter-became-optional',
    severity: 'breaking',
    kind: 'modification',
    oasdiff: [],
    description:
      'A webhook request parameter may now be left out: subscribers that read it can no longer count on it.',
    message: (a) => `${op(a)}: the ${param(a)} the API sends became optional.`,
    why: 'Subscribers that read the parameter on every call (a signature header, say) may now receive a call without it.',
  }),
  rule({
    id: 'webhook-response-status-added',
    severity: 'info',
    kind: 'addition',
    oasdiff: [],
    description: 'Subscribers may answer a webhook with a new status.',
    message: (a) => `${op(a)}: subscribers may answer with status ${s(a.name)}.`,
    why: 'Subscribers may keep answering as before; the API also understands the new status.',
  }),
  rule({
    id: 'webhook-response-status-removed',
    severity: 'breaking',
    kind: 'removal',
    oasdiff: [],
    description:
      'A status subscribers answered a webhook with is no longer one the API expects: subscribers that answer with it break.',
    message: (a) => `${op(a)}: status ${s(a.name)} is no longer an answer the API expects.`,
    why: 'Subscribers answer the webhook call; one that still answers with this status may be read as failing (and called again).',
  }),
  rule({
    id: 'webhook-response-media-type-added',
    severity: 'info',
    kind: 'addition',
    oasdiff: [],
    description: 'Subscribers may answer a webhook in a new media type.',
    message: (a) => `${op(a)}: subscribers may answer ${s(a.status)} as ${s(a.name)}.`,
    why: 'Subscribers may keep answering as before; the API also reads the new media type.',
  }),
  rule({
    id: 'webhook-response-media-type-schema-added',
    severity: 'breaking',
    kind: 'modification',
    oasdiff: [],
    description:
      'A webhook answer media type that admitted any body now has a schema: subscribers that answer otherwise break.',
    message: (a) =>
      `${op(a)}: the ${s(a.status)} answer as ${s(a.name)} the API reads now has a schema.`,
    why: 'Subscribers wrote any body in this answer; the API now expects one shape.',
  }),
  rule({
    id: 'webhook-response-media-type-schema-removed',
    severity: 'info',
    kind: 'modification',
    oasdiff: [],
    description: 'A webhook answer media type lost its schema: the API reads any body.',
    message: (a) =>
      `${op(a)}: the ${s(a.status)} answer as ${s(a.name)} the API reads lost its schema.`,
    why: 'Subscribers may keep answering as before; any body is accepted.',
  }),
  rule({
    id: 'webhook-response-media-type-removed',
    severity: 'breaking',
    kind: 'removal',
    oasdiff: [],
    description: 'A media type subscribers answered a webhook in is no longer one the API reads.',
    message: (a) => `${op(a)}: the API no longer reads ${s(a.status)} answers as ${s(a.name)}.`,
    why: 'A subscriber that answers in this media type is no longer understood by the API.',
  }),
  rule({
    id: 'api-server-added',
    severity: 'info',
    kind: 'addition',
    oasdiff: [],
    description:
      'A server URL was added (oasdiff treats servers as deployment metadata and has no rule).',
    message: (a) => `Server '${s(a.name)}' was added.`,
  }),
  rule({
    id: 'api-server-removed',
    severity: 'info',
    kind: 'removal',
    oasdiff: [],
    description: 'A server URL was removed (informational, as servers are deployment metadata).',
    message: (a) => `Server '${s(a.name)}' was removed.`,
  }),

  // ── Deprecation, sunset, stability ───────────────────────────────────────────────────────────
  rule({
    id: 'endpoint-deprecated',
    severity: 'info',
    kind: 'deprecation',
    description: 'An operation was deprecated.',
    message: (a) => `${op(a)}: the operation was deprecated.`,
  }),
  rule({
    id: 'endpoint-deprecated-with-sunset',
    severity: 'info',
    kind: 'deprecation',
    description: 'An operation was deprecated with an x-sunset date.',
    message: (a) => `${op(a)}: the operation was deprecated, sunset ${s(a.sunset)}.`,
  }),
  rule({
    id: 'endpoint-reactivated',
    severity: 'info',
    kind: 'lifecycle',
    description: 'A deprecated operation is no longer deprecated.',
    message: (a) => `${op(a)}: the operation is no longer deprecated.`,
  }),
  rule({
    id: 'api-deprecated-sunset-missing',
    severity: 'breaking',
    kind: 'lifecycle',
    description:
      'An operation was deprecated without x-sunset while a minimum deprecation period is configured (minSunsetStableDays / minSunsetBetaDays).',
    message: (a) => `${op(a)}: the operation was deprecated without an x-sunset date.`,
  }),
  rule({
    id: 'api-deprecated-sunset-parse',
    severity: 'breaking',
    kind: 'lifecycle',
    description: "A newly deprecated operation's x-sunset is not an RFC 3339 date.",
    message: (a) => `${op(a)}: x-sunset '${s(a.sunset)}' is not an RFC 3339 date.`,
  }),
  rule({
    id: 'api-path-sunset-parse',
    severity: 'breaking',
    kind: 'lifecycle',
    description:
      'The x-sunset of a removed or changed deprecated operation is not an RFC 3339 date.',
    message: (a) => `${op(a)}: x-sunset '${s(a.sunset)}' is not an RFC 3339 date.`,
  }),
  rule({
    id: 'api-sunset-date-too-small',
    severity: 'breaking',
    kind: 'lifecycle',
    description:
      'An operation was deprecated with a sunset date sooner than the configured minimum deprecation period.',
    message: (a) => `${op(a)}: sunset ${s(a.sunset)} is less than ${s(a.days)} days away.`,
  }),
  rule({
    id: 'api-sunset-date-changed-too-small',
    severity: 'breaking',
    kind: 'lifecycle',
    description:
      "A deprecated operation's sunset date was moved earlier, to less than the minimum deprecation period.",
    message: (a) =>
      `${op(a)}: sunset moved from ${s(a.before)} to ${s(a.after)}, less than ${s(a.days)} days away.`,
  }),
  rule({
    id: 'sunset-deleted',
    severity: 'breaking',
    kind: 'lifecycle',
    description: 'A deprecated operation lost its x-sunset date.',
    message: (a) => `${op(a)}: the x-sunset date of the deprecated operation was removed.`,
  }),
  rule({
    id: 'api-invalid-stability-level',
    severity: 'breaking',
    kind: 'lifecycle',
    description: 'x-stability-level is not one of draft, alpha, beta, stable.',
    message: (a) =>
      `${op(a)}: x-stability-level '${s(a.stability)}' is not one of draft, alpha, beta, stable.`,
  }),
  rule({
    id: 'api-stability-decreased',
    severity: 'breaking',
    kind: 'lifecycle',
    description: "An operation's x-stability-level was lowered (e.g. stable → beta).",
    message: (a) => `${op(a)}: stability decreased from ${s(a.before)} to ${s(a.after)}.`,
  }),
  rule({
    id: 'api-stability-increased',
    severity: 'info',
    kind: 'lifecycle',
    description: "An operation's x-stability-level was raised (e.g. beta → stable).",
    message: (a) => `${op(a)}: stability increased from ${s(a.before)} to ${s(a.after)}.`,
  }),
  rule({
    id: 'request-parameter-deprecated',
    severity: 'info',
    kind: 'deprecation',
    description: 'A request parameter was deprecated.',
    message: (a) =>
      `${op(a)}: the ${param(a)} was deprecated${a.sunset ? `, sunset ${s(a.sunset)}` : ''}.`,
  }),
  rule({
    id: 'request-parameter-reactivated',
    severity: 'info',
    kind: 'lifecycle',
    description: 'A deprecated request parameter is no longer deprecated.',
    message: (a) => `${op(a)}: the ${param(a)} is no longer deprecated.`,
  }),
  rule({
    id: 'request-parameter-deprecated-sunset-missing',
    severity: 'breaking',
    kind: 'lifecycle',
    description:
      'A request parameter was deprecated without x-sunset while a minimum deprecation period is configured.',
    message: (a) => `${op(a)}: the ${param(a)} was deprecated without an x-sunset date.`,
  }),
  rule({
    id: 'request-parameter-sunset-parse',
    severity: 'breaking',
    kind: 'lifecycle',
    description: "A request parameter's x-sunset is not an RFC 3339 date.",
    message: (a) =>
      `${op(a)}: x-sunset '${s(a.sunset)}' of the ${param(a)} is not an RFC 3339 date.`,
  }),
  rule({
    id: 'request-parameter-sunset-date-too-small',
    severity: 'breaking',
    kind: 'lifecycle',
    description:
      'A request parameter was deprecated with a sunset sooner than the configured minimum deprecation period.',
    message: (a) =>
      `${op(a)}: sunset ${s(a.sunset)} of the ${param(a)} is less than ${s(a.days)} days away.`,
  }),
  rule({
    id: 'request-parameter-sunset-date-changed-too-small',
    severity: 'breaking',
    kind: 'lifecycle',
    description:
      "A deprecated request parameter's sunset was moved earlier, to less than the minimum deprecation period.",
    message: (a) =>
      `${op(a)}: sunset of the ${param(a)} moved from ${s(a.before)} to ${s(a.after)}, less than ${s(a.days)} days away.`,
  }),
  rule({
    id: 'request-parameter-sunset-deleted',
    severity: 'breaking',
    kind: 'lifecycle',
    description: 'A deprecated request parameter lost its x-sunset date.',
    message: (a) => `${op(a)}: the x-sunset date of the deprecated ${param(a)} was removed.`,
  }),

  // ── Versioning (info.version) ────────────────────────────────────────────────────────────────
  rule({
    id: 'api-version-not-bumped',
    severity: 'info',
    kind: 'lifecycle',
    description: 'A breaking change ships while info.version stayed the same.',
    message: (a) =>
      `Breaking changes ship without a version change (info.version is still ${s(a.after)}).`,
  }),
  rule({
    id: 'api-version-decreased',
    severity: 'info',
    kind: 'lifecycle',
    description: 'A breaking change ships while info.version went down.',
    message: (a) =>
      `Breaking changes ship with info.version decreased from ${s(a.before)} to ${s(a.after)}.`,
  }),
  rule({
    id: 'api-major-version-not-bumped',
    severity: 'info',
    kind: 'lifecycle',
    description:
      'A breaking change ships without a major bump of info.version (a minor bump below 1.0.0).',
    message: (a) =>
      `Breaking changes ship without a major version bump (info.version ${s(a.before)} → ${s(a.after)}).`,
  }),

  // ── Request parameters ───────────────────────────────────────────────────────────────────────
  rule({
    id: 'new-required-request-parameter',
    severity: 'breaking',
    kind: 'modification',
    description: 'A required request parameter was added to an existing operation.',
    message: (a) => `${op(a)}: the required ${param(a)} was added.`,
    why: 'Existing clients do not send it and their requests are rejected.',
    example: {
      before: 'parameters: []',
      after: 'parameters:\n  - name: tenant\n    in: query\n    required: true',
    },
  }),
  rule({
    id: 'new-optional-request-parameter',
    severity: 'info',
    kind: 'addition',
    description: 'An optional request parameter was added.',
    message: (a) => `${op(a)}: the optional ${param(a)} was added.`,
  }),
  rule({
    id: 'new-request-path-parameter',
    severity: 'breaking',
    kind: 'modification',
    description: 'A path parameter was added to an existing operation.',
    message: (a) => `${op(a)}: the path parameter '${s(a.name)}' was added.`,
  }),
  rule({
    id: 'new-required-request-default-parameter-to-existing-path',
    severity: 'breaking',
    kind: 'modification',
    description:
      'A required parameter was added at path-item level, reaching every operation of the path.',
    message: (a) => `${op(a)}: the required ${param(a)} was added to the path item.`,
  }),
  rule({
    id: 'new-optional-request-default-parameter-to-existing-path',
    severity: 'info',
    kind: 'addition',
    description: 'An optional parameter was added at path-item level.',
    message: (a) => `${op(a)}: the optional ${param(a)} was added to the path item.`,
  }),
  rule({
    id: 'request-parameter-removed',
    severity: 'warning',
    kind: 'removal',
    description:
      'A request parameter was removed without deprecation (servers usually ignore it, but its meaning is lost).',
    message: (a) => `${op(a)}: the ${param(a)} was removed.`,
  }),
  rule({
    id: 'request-parameter-removed-with-deprecation',
    severity: 'info',
    kind: 'removal',
    modes: MODES.none,
    description: 'A deprecated request parameter was removed.',
    message: (a) => `${op(a)}: the deprecated ${param(a)} was removed.`,
  }),
  rule({
    id: 'request-parameter-removed-before-sunset',
    severity: 'breaking',
    kind: 'removal',
    description: 'A deprecated request parameter was removed before its x-sunset date.',
    message: (a) => `${op(a)}: the ${param(a)} was removed before its sunset date ${s(a.sunset)}.`,
  }),
  rule({
    id: 'request-parameter-became-required',
    severity: 'breaking',
    kind: 'modification',
    description: 'An optional request parameter became required.',
    message: (a) => `${op(a)}: the ${param(a)} became required.`,
    why: 'Clients that leave it out are rejected.',
  }),
  rule({
    id: 'request-parameter-became-optional',
    severity: 'info',
    kind: 'modification',
    description: 'A required request parameter became optional.',
    message: (a) => `${op(a)}: the ${param(a)} became optional.`,
  }),
  rule({
    id: 'request-parameter-default-value-added',
    severity: 'breaking',
    kind: 'modification',
    description:
      'An optional request parameter got a default value (clients omitting it now get that behaviour).',
    message: (a) => `${op(a)}: the ${param(a)} got the default value ${s(a.after)}.`,
  }),
  rule({
    id: 'request-parameter-default-value-changed',
    severity: 'breaking',
    kind: 'modification',
    description: "An optional request parameter's default value changed.",
    message: (a) =>
      `${op(a)}: the default of the ${param(a)} changed from ${s(a.before)} to ${s(a.after)}.`,
  }),
  rule({
    id: 'request-parameter-default-value-removed',
    severity: 'breaking',
    kind: 'modification',
    description: "An optional request parameter's default value was removed.",
    message: (a) => `${op(a)}: the default value ${s(a.before)} of the ${param(a)} was removed.`,
  }),
  rule({
    id: 'request-parameter-style-changed',
    severity: 'breaking',
    kind: 'modification',
    description:
      "A request parameter's serialisation style changed (2.0 collectionFormat translated; defaults applied).",
    message: (a) =>
      `${op(a)}: the style of the ${param(a)} changed from ${s(a.before)} to ${s(a.after)}.`,
  }),
  rule({
    id: 'request-parameter-explode-changed',
    severity: 'breaking',
    kind: 'modification',
    description: "An array or object request parameter's explode changed (defaults applied).",
    message: (a) =>
      `${op(a)}: explode of the ${param(a)} changed from ${s(a.before)} to ${s(a.after)}.`,
  }),
  rule({
    id: 'request-parameter-became-allow-reserved',
    severity: 'info',
    kind: 'modification',
    description: 'A query parameter now allows reserved characters unencoded.',
    message: (a) => `${op(a)}: the ${param(a)} now allows reserved characters.`,
  }),
  rule({
    id: 'request-parameter-became-not-allow-reserved',
    severity: 'breaking',
    kind: 'modification',
    description: 'A query parameter no longer allows reserved characters unencoded.',
    message: (a) => `${op(a)}: the ${param(a)} no longer allows reserved characters.`,
  }),

  // ── Request body ─────────────────────────────────────────────────────────────────────────────
  rule({
    id: 'request-body-added-required',
    severity: 'breaking',
    kind: 'modification',
    description: 'A required request body was added to an existing operation.',
    message: (a) => `${op(a)}: a required request body was added.`,
  }),
  rule({
    id: 'request-body-added-optional',
    severity: 'info',
    kind: 'addition',
    description: 'An optional request body was added.',
    message: (a) => `${op(a)}: an optional request body was added.`,
  }),
  rule({
    id: 'request-body-removed',
    severity: 'breaking',
    kind: 'removal',
    description: 'The request body was removed (clients still send one).',
    message: (a) => `${op(a)}: the request body was removed.`,
  }),
  rule({
    id: 'request-body-became-required',
    severity: 'breaking',
    kind: 'modification',
    description: 'An optional request body became required.',
    message: (a) => `${op(a)}: the request body became required.`,
  }),
  rule({
    id: 'request-body-became-optional',
    severity: 'info',
    kind: 'modification',
    description: 'A required request body became optional.',
    message: (a) => `${op(a)}: the request body became optional.`,
  }),
  rule({
    id: 'request-body-media-type-added',
    severity: 'info',
    kind: 'addition',
    description: 'The request body accepts a new media type.',
    message: (a) => `${op(a)}: the request body accepts ${s(a.name)} now.`,
  }),
  rule({
    id: 'request-body-media-type-removed',
    severity: 'breaking',
    kind: 'removal',
    description: 'The request body no longer accepts a media type.',
    message: (a) => `${op(a)}: the request body no longer accepts ${s(a.name)}.`,
    why: 'Clients sending that media type get 415 Unsupported Media Type.',
  }),
  rule({
    id: 'request-body-media-type-schema-added',
    severity: 'breaking',
    kind: 'modification',
    description: 'A request media type that accepted anything now has a schema.',
    message: (a) => `${op(a)}: the request body ${s(a.name)} got a schema.`,
  }),
  rule({
    id: 'request-body-media-type-schema-removed',
    severity: 'info',
    kind: 'modification',
    description: 'A request media type lost its schema (accepts anything).',
    message: (a) => `${op(a)}: the request body ${s(a.name)} lost its schema.`,
  }),

  // ── Responses ────────────────────────────────────────────────────────────────────────────────
  rule({
    id: 'response-success-status-added',
    severity: 'info',
    kind: 'addition',
    description: 'A 2xx response status was added.',
    message: (a) => `${op(a)}: response status ${s(a.name)} was added.`,
  }),
  rule({
    id: 'response-success-status-removed',
    severity: 'breaking',
    kind: 'removal',
    description: 'A 2xx response status was removed.',
    message: (a) => `${op(a)}: response status ${s(a.name)} was removed.`,
    why: 'Clients expecting that success status (and its body) no longer get it.',
  }),
  rule({
    id: 'response-non-success-status-added',
    severity: 'info',
    kind: 'addition',
    description: 'A non-2xx response status was added.',
    message: (a) => `${op(a)}: response status ${s(a.name)} was added.`,
  }),
  rule({
    id: 'response-non-success-status-removed',
    severity: 'info',
    kind: 'removal',
    description: 'A non-2xx response status was removed.',
    message: (a) => `${op(a)}: response status ${s(a.name)} was removed.`,
  }),
  rule({
    id: 'response-media-type-added',
    severity: 'info',
    kind: 'addition',
    description: 'A response can be served in a new media type.',
    message: (a) => `${op(a)}: response ${s(a.status)} can be ${s(a.name)} now.`,
  }),
  rule({
    id: 'response-media-type-removed',
    severity: 'breaking',
    kind: 'removal',
    description: 'A response media type was removed.',
    message: (a) => `${op(a)}: response ${s(a.status)} is no longer served as ${s(a.name)}.`,
    why: 'Clients asking for that media type (Accept) get 406 or a body they cannot parse.',
  }),
  rule({
    id: 'response-media-type-name-changed',
    severity: 'info',
    kind: 'modification',
    description: 'A response media type changed its parameters (e.g. charset).',
    message: (a) =>
      `${op(a)}: response ${s(a.status)} media type changed from ${s(a.before)} to ${s(a.after)}.`,
  }),
  rule({
    id: 'response-media-type-name-generalized',
    severity: 'breaking',
    kind: 'modification',
    description:
      'A response media type became a wider range (e.g. application/json → application/*).',
    message: (a) =>
      `${op(a)}: response ${s(a.status)} media type widened from ${s(a.before)} to ${s(a.after)}.`,
  }),
  rule({
    id: 'response-media-type-name-specialized',
    severity: 'info',
    kind: 'modification',
    description: 'A response media type became narrower (e.g. application/* → application/json).',
    message: (a) =>
      `${op(a)}: response ${s(a.status)} media type narrowed from ${s(a.before)} to ${s(a.after)}.`,
  }),
  rule({
    id: 'response-body-media-type-schema-added',
    severity: 'info',
    kind: 'modification',
    description: 'A response media type without a schema got one.',
    message: (a) => `${op(a)}: response ${s(a.status)} ${s(a.name)} got a schema.`,
  }),
  rule({
    id: 'response-body-media-type-schema-removed',
    severity: 'breaking',
    kind: 'modification',
    description:
      'A response media type lost its schema: any body may now come back, a wider change than any type or property removal it contains. Breaking, as in current oasdiff (older oasdiff lists it as WARN).',
    message: (a) => `${op(a)}: response ${s(a.status)} ${s(a.name)} lost its schema.`,
  }),

  // ── Response headers ─────────────────────────────────────────────────────────────────────────
  rule({
    id: 'response-header-added',
    severity: 'info',
    kind: 'addition',
    description: 'A response header was added (names compared case-insensitively).',
    message: (a) => `${op(a)}: response ${s(a.status)} got the header '${s(a.name)}'.`,
  }),
  rule({
    id: 'required-response-header-removed',
    severity: 'breaking',
    kind: 'removal',
    description: 'A required response header was removed.',
    message: (a) =>
      `${op(a)}: the required header '${s(a.name)}' of response ${s(a.status)} was removed.`,
  }),
  rule({
    id: 'optional-response-header-removed',
    severity: 'warning',
    kind: 'removal',
    description: 'An optional response header was removed.',
    message: (a) => `${op(a)}: the header '${s(a.name)}' of response ${s(a.status)} was removed.`,
  }),
  rule({
    id: 'response-header-became-optional',
    severity: 'breaking',
    kind: 'modification',
    description: 'A required response header became optional.',
    message: (a) =>
      `${op(a)}: the header '${s(a.name)}' of response ${s(a.status)} became optional.`,
  }),
  rule({
    id: 'response-header-became-required',
    severity: 'info',
    kind: 'modification',
    oasdiff: [],
    description: 'An optional response header became required.',
    message: (a) =>
      `${op(a)}: the header '${s(a.name)}' of response ${s(a.status)} became required.`,
  }),

  // ── Security ─────────────────────────────────────────────────────────────────────────────────
  rule({
    id: 'api-security-added',
    severity: 'info',
    kind: 'modification',
    description:
      "A security requirement was added to an operation (its effective security: the operation's own, else the top-level one).",
    message: (a) => `${op(a)}: security requirement '${s(a.name)}' was added.`,
  }),
  rule({
    id: 'api-security-removed',
    variants: {
      stranded: {
        when: 'when no remaining requirement admits the clients the removed one admitted',
        modes: MODES.breaking,
      },
    },
    severity: 'info',
    kind: 'modification',
    description:
      "A security requirement was removed from an operation. Info when the operation became anonymous or another alternative still admits the requirement's clients; breaking (as oasdiff's current checker) when none does, e.g. one scheme replaced by another.",
    message: (a) => `${op(a)}: security requirement '${s(a.name)}' was removed.`,
  }),
  rule({
    id: 'api-security-anonymous-access-removed',
    severity: 'breaking',
    kind: 'modification',
    description:
      'An operation that admitted anonymous calls (no security, an empty list, or the alternative `{}`) now requires credentials.',
    message: (a) => `${op(a)}: anonymous calls are no longer admitted.`,
    why: 'Clients that call without credentials are rejected by the revision.',
    example: {
      before: 'get:\n  responses: ...',
      after: 'get:\n  security:\n    - apiKey: []\n  responses: ...',
    },
  }),
  rule({
    id: 'api-security-anonymous-access-added',
    severity: 'info',
    kind: 'modification',
    description: 'An operation that required credentials now admits anonymous calls.',
    message: (a) => `${op(a)}: anonymous calls are now admitted.`,
  }),
  rule({
    id: 'api-security-scope-added',
    severity: 'info',
    kind: 'modification',
    description: "A scope was added to an operation's security requirement.",
    message: (a) =>
      `${op(a)}: scope '${s(a.value)}' was added to security requirement '${s(a.name)}'.`,
  }),
  rule({
    id: 'api-security-scope-removed',
    severity: 'info',
    kind: 'modification',
    description: "A scope was removed from an operation's security requirement.",
    message: (a) =>
      `${op(a)}: scope '${s(a.value)}' was removed from security requirement '${s(a.name)}'.`,
  }),
  rule({
    id: 'api-global-security-added',
    severity: 'info',
    kind: 'modification',
    description: 'A top-level security requirement was added.',
    message: (a) => `Top-level security requirement '${s(a.name)}' was added.`,
  }),
  rule({
    id: 'api-global-security-removed',
    variants: {
      stranded: {
        when: 'when no remaining requirement admits the clients the removed one admitted',
        modes: MODES.breaking,
      },
    },
    severity: 'info',
    kind: 'modification',
    description:
      'A top-level security requirement was removed. Breaking when operations inherit it and no remaining alternative admits its clients (see api-security-removed).',
    message: (a) => `Top-level security requirement '${s(a.name)}' was removed.`,
  }),
  rule({
    id: 'api-global-security-anonymous-access-removed',
    severity: 'breaking',
    kind: 'modification',
    description:
      'The top-level security, inherited by operations without their own, no longer admits anonymous calls.',
    message: () => `Top-level security: anonymous calls are no longer admitted.`,
  }),
  rule({
    id: 'api-global-security-anonymous-access-added',
    severity: 'info',
    kind: 'modification',
    description:
      'The top-level security, inherited by operations without their own, now admits anonymous calls.',
    message: () => `Top-level security: anonymous calls are now admitted.`,
  }),
  rule({
    id: 'api-global-security-scope-added',
    severity: 'info',
    kind: 'modification',
    description: 'A scope was added to a top-level security requirement.',
    message: (a) =>
      `Scope '${s(a.value)}' was added to top-level security requirement '${s(a.name)}'.`,
  }),
  rule({
    id: 'api-global-security-scope-removed',
    severity: 'info',
    kind: 'modification',
    description: 'A scope was removed from a top-level security requirement.',
    message: (a) =>
      `Scope '${s(a.value)}' was removed from top-level security requirement '${s(a.name)}'.`,
  }),
  rule({
    id: 'api-security-component-added',
    severity: 'info',
    kind: 'addition',
    description: 'A security scheme was added (securityDefinitions in 2.0).',
    message: (a) => `Security scheme '${s(a.name)}' was added.`,
  }),
  rule({
    id: 'api-security-component-removed',
    severity: 'info',
    kind: 'removal',
    description: 'A security scheme was removed.',
    message: (a) => `Security scheme '${s(a.name)}' was removed.`,
  }),
  rule({
    id: 'api-security-component-type-changed',
    severity: 'info',
    kind: 'modification',
    description: "A security scheme's type (or HTTP scheme) changed.",
    message: (a) =>
      `Security scheme '${s(a.name)}' changed type from ${s(a.before)} to ${s(a.after)}.`,
  }),
  rule({
    id: 'api-security-component-oauth-url-changed',
    severity: 'info',
    kind: 'modification',
    description: "An OAuth flow's authorizationUrl changed.",
    message: (a) =>
      `Security scheme '${s(a.name)}' (${s(a.flow)}): authorizationUrl changed from ${s(a.before)} to ${s(a.after)}.`,
  }),
  rule({
    id: 'api-security-component-oauth-token-url-changed',
    severity: 'info',
    kind: 'modification',
    description: "An OAuth flow's tokenUrl changed.",
    message: (a) =>
      `Security scheme '${s(a.name)}' (${s(a.flow)}): tokenUrl changed from ${s(a.before)} to ${s(a.after)}.`,
  }),
  rule({
    id: 'api-security-component-oauth-scope-added',
    severity: 'info',
    kind: 'addition',
    description: 'An OAuth scope was added to a security scheme.',
    message: (a) =>
      `Security scheme '${s(a.name)}' (${s(a.flow)}): scope '${s(a.scope)}' was added.`,
  }),
  rule({
    id: 'api-security-component-oauth-scope-removed',
    severity: 'info',
    kind: 'removal',
    description: 'An OAuth scope was removed from a security scheme.',
    message: (a) =>
      `Security scheme '${s(a.name)}' (${s(a.flow)}): scope '${s(a.scope)}' was removed.`,
  }),
  rule({
    id: 'api-security-component-oauth-scope-changed',
    severity: 'info',
    kind: 'modification',
    description: "An OAuth scope's description changed.",
    message: (a) =>
      `Security scheme '${s(a.name)}' (${s(a.flow)}): the description of scope '${s(a.scope)}' changed.`,
  }),
];
