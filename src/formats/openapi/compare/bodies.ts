import type { SchemaDirection, SchemaPlace } from '../../../core/jsonschema/api.js';
import { matchBy } from '../../../core/match.js';
import type { MessageArgs } from '../../../core/rule.js';
import { mediaTypeContains, pairMediaTypes, wildcardNarrowed } from '../media-types.js';
import type { MediaType, Operation, Response } from '../model.js';
import { admitsNothing } from '../normalise.js';
import type { Diff } from './context.js';

/** The request body of a matched operation: existence, required, media types, schemas. */
export function compareRequestBody(d: Diff, b: Operation, r: Operation): void {
  const operation = r.label;
  const bb = b.requestBody;
  const rb = r.requestBody;
  if (!bb && !rb) return;
  if (!bb) {
    d.added(
      rb!.required ? 'request-body-added-required' : 'request-body-added-optional',
      { operation },
      rb!,
    );
    return;
  }
  if (!rb) {
    d.removed('request-body-removed', { operation }, bb);
    return;
  }
  d.requiredChanged(
    { required: 'request-body-became-required', optional: 'request-body-became-optional' },
    { operation },
    bb,
    rb,
  );
  // Names are paired as in responses; a renamed pair is the same media type unless a wildcard
  // range was narrowed (application/* → application/json: senders of the rest are refused).
  const m = pairMediaTypes(matchBy(bb.content, rb.content, (mt) => mt.key));
  for (const rev of m.added)
    d.added('request-body-media-type-added', { operation, name: rev.name }, rev);
  for (const base of m.removed) {
    d.removed('request-body-media-type-removed', { operation, name: base.name }, base);
  }
  for (const { base, rev, renamed } of m.both) {
    if (renamed && wildcardNarrowed(base.name, rev.name)) {
      d.removed('request-body-media-type-removed', { operation, name: base.name }, base);
    }
    compareMediaTypeSchemas(d, base, rev, {
      args: { operation, name: rev.name },
      added: 'request-body-media-type-schema-added',
      removed: 'request-body-media-type-schema-removed',
      direction: 'write',
      place: { kind: 'request-body', mediaType: rev.name },
    });
  }
}

/** Responses of a matched operation: status codes, media types, headers, schemas. */
export function compareResponses(d: Diff, b: Operation, r: Operation): void {
  const operation = r.label;
  const m = matchBy(b.responses, r.responses, (res) => res.status);
  for (const { rev } of m.added) {
    d.added(
      isSuccess(rev.status) ? 'response-success-status-added' : 'response-non-success-status-added',
      { operation, name: rev.status },
      rev,
    );
  }
  for (const { base } of m.removed) {
    d.removed(
      isSuccess(base.status)
        ? 'response-success-status-removed'
        : 'response-non-success-status-removed',
      { operation, name: base.status },
      base,
    );
  }
  for (const { base, rev } of m.both) compareResponse(d, operation, base, rev);
}

function compareResponse(d: Diff, operation: string, b: Response, r: Response): void {
  const status = r.status;
  const m = pairMediaTypes(matchBy(b.content, r.content, (mt) => mt.key));
  for (const base of m.removed) {
    d.removed('response-media-type-removed', { operation, status, name: base.name }, base);
  }
  for (const rev of m.added)
    d.added('response-media-type-added', { operation, status, name: rev.name }, rev);
  for (const { base, rev, renamed } of m.both) {
    if (renamed) {
      // One media type whose name changed: judged by which range is wider.
      const rule = mediaTypeContains(rev.name, base.name)
        ? 'response-media-type-name-generalized'
        : mediaTypeContains(base.name, rev.name)
          ? 'response-media-type-name-specialized'
          : 'response-media-type-name-changed';
      const args = { operation, status, before: base.name, after: rev.name, name: rev.name };
      d.changed(rule, args, base, rev, { before: base.name, after: rev.name });
    }
    compareMediaTypeSchemas(d, base, rev, {
      args: { operation, status, name: rev.name },
      added: 'response-body-media-type-schema-added',
      removed: 'response-body-media-type-schema-removed',
      direction: 'read',
      place: { kind: 'response-body', status, mediaType: rev.name },
    });
  }

  const h = matchBy(b.headers, r.headers, (x) => x.key);
  for (const { rev } of h.added)
    d.added('response-header-added', { operation, status, name: rev.name }, rev);
  for (const { base } of h.removed) {
    d.removed(
      base.required ? 'required-response-header-removed' : 'optional-response-header-removed',
      { operation, status, name: base.name },
      base,
    );
  }
  for (const { base, rev } of h.both) {
    const args = { operation, status, name: rev.name };
    d.requiredChanged(
      { required: 'response-header-became-required', optional: 'response-header-became-optional' },
      args,
      base,
      rev,
    );
    if (base.schema && rev.schema) {
      d.schemas({ schema: base.schema, at: base }, { schema: rev.schema, at: rev }, 'read', {
        kind: 'response-header',
        status,
        name: rev.name,
      });
    }
  }
}

/**
 * The schemas of a matched media type: one that gained or lost its schema (a rule each), else the
 * pair goes to the comparator in the place's direction.
 */
export function compareMediaTypeSchemas(
  d: Diff,
  base: MediaType,
  rev: MediaType,
  how: {
    args: MessageArgs;
    added: string;
    removed: string;
    direction: SchemaDirection;
    place: SchemaPlace;
  },
): void {
  const [bs, rs] = schemaPair(base, rev);
  if (!bs && rs) d.changed(how.added, how.args, base, rev);
  else if (bs && !rs) d.changed(how.removed, how.args, base, rev);
  else if (bs && rs) {
    d.schemas(
      { schema: bs, at: [base, 'schema'] },
      { schema: rs, at: [rev, 'schema'] },
      how.direction,
      how.place,
    );
  }
}

/**
 * The schemas of a matched media type. A missing schema admits every body; facing `false` (no
 * body admitted) it is compared as the empty schema, so the change is the schema becoming (or no
 * longer being) `false`, not a schema appearing or disappearing.
 */
function schemaPair(b: MediaType, r: MediaType): [object | undefined, object | undefined] {
  if (!b.schema && r.schema && admitsNothing(r.schema)) return [{}, r.schema];
  if (b.schema && !r.schema && admitsNothing(b.schema)) return [b.schema, {}];
  return [b.schema, r.schema];
}

/** 2xx, `2XX`. `default` and every other class are not success statuses. */
function isSuccess(status: string): boolean {
  return /^2(\d\d|XX)$/.test(status);
}
