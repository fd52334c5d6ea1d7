import { matchBy } from '../../../core/match.js';
import { pairMediaTypes } from '../media-types.js';
import type { Operation, Parameter, Response, Webhook } from '../model.js';
import { compareMediaTypeSchemas } from './bodies.js';
import type { Diff } from './context.js';
import { compareOperationMeta } from './operation.js';

/**
 * OpenAPI 3.1 webhooks. The API sends a webhook's request and the subscriber answers it, so each
 * part is judged from the subscriber's side, the reverse of a path operation: the request (body,
 * parameters) is data subscribers read — judged like a response (a property removed breaks them, a
 * required one added does not) — and the responses are what subscribers write back — judged like a
 * request (a status the API no longer accepts breaks them). Schemas go to the comparator in those
 * directions (`webhook-*` places: response-… and request-… rule ids by direction); the structure
 * has `webhook-request-…` / `webhook-response-…` rules of its own (docs/openapi.md, Webhooks).
 * Not compared: security requirements and response headers.
 */
export function compareWebhooks(d: Diff): void {
  d.affects = undefined;
  d.downgrade = false;
  d.level = undefined;
  const hooks = matchBy(d.base.webhooks, d.rev.webhooks, (w) => w.name);
  for (const { rev } of hooks.added) d.added('webhook-added', { name: rev.name }, rev);
  for (const { base } of hooks.removed) d.removed('webhook-removed', { name: base.name }, base);
  for (const { base, rev } of hooks.both) compareWebhook(d, base, rev);
}

function compareWebhook(d: Diff, bw: Webhook, rw: Webhook): void {
  const ops = matchBy(bw.operations, rw.operations, (o) => o.method);
  d.affects = undefined;
  d.downgrade = false;
  d.level = undefined;
  for (const { rev } of ops.added) {
    d.added('webhook-added', { name: `${rw.name} ${rev.method}` }, rev);
  }
  for (const { base } of ops.removed) {
    d.removed('webhook-removed', { name: `${bw.name} ${base.method}` }, base);
  }
  for (const { base: b, rev: r } of ops.both) {
    // Deprecation, stability, operationId and tags read the same as on a path operation.
    // Below the stability threshold, schemas are not compared (Diff.schemas), as on paths.
    compareOperationMeta(d, b, r);
    compareRequestParameters(d, rw.name, b, r);
    compareRequestBody(d, rw.name, b, r);
    compareResponses(d, rw.name, b, r);
  }
}

/** Headers (and query parameters) the API sends: subscribers read them. */
function compareRequestParameters(d: Diff, webhook: string, b: Operation, r: Operation): void {
  const operation = r.label;
  const m = matchBy(b.parameters, r.parameters, (p) => p.key);
  for (const { rev: p } of m.added) {
    d.added('webhook-request-parameter-added', { operation, in: p.in, name: p.name }, p);
  }
  for (const { base: p } of m.removed) {
    // One the API sent only sometimes: subscribers already coped without it.
    const args = { operation, in: p.in, name: p.name };
    if (p.required) d.removed('webhook-request-parameter-removed', args, p);
    else {
      d.removed('webhook-request-parameter-removed', args, p, {
        severity: 'warning',
        variant: 'optional',
      });
    }
  }
  for (const { base: bp, rev: rp } of m.both) compareParameter(d, webhook, operation, bp, rp);
}

function compareParameter(
  d: Diff,
  webhook: string,
  operation: string,
  b: Parameter,
  r: Parameter,
): void {
  const args = { operation, in: r.in, name: r.name };
  d.requiredChanged(
    {
      required: 'webhook-request-parameter-became-required',
      optional: 'webhook-request-parameter-became-optional',
    },
    args,
    b,
    r,
  );
  if (b.schema && r.schema) {
    d.schemas({ schema: b.schema, at: b }, { schema: r.schema, at: r }, 'read', {
      kind: 'webhook-request-parameter',
      webhook,
      in: r.in,
      name: r.name,
    });
  }
}

/** The body the API sends: subscribers read it. */
function compareRequestBody(d: Diff, webhook: string, b: Operation, r: Operation): void {
  const operation = r.label;
  const bb = b.requestBody;
  const rb = r.requestBody;
  if (!bb && !rb) return;
  if (!bb) return d.added('webhook-request-body-added', { operation }, rb!);
  if (!rb) return d.removed('webhook-request-body-removed', { operation }, bb);
  d.requiredChanged(
    {
      required: 'webhook-request-body-became-required',
      optional: 'webhook-request-body-became-optional',
    },
    { operation },
    bb,
    rb,
  );
  const m = pairMediaTypes(matchBy(bb.content, rb.content, (mt) => mt.key));
  for (const rev of m.added) {
    d.added('webhook-request-media-type-added', { operation, name: rev.name }, rev);
  }
  for (const base of m.removed) {
    d.removed('webhook-request-media-type-removed', { operation, name: base.name }, base);
  }
  for (const { base, rev } of m.both) {
    compareMediaTypeSchemas(d, base, rev, {
      args: { operation, name: rev.name },
      added: 'webhook-request-media-type-schema-added',
      removed: 'webhook-request-media-type-schema-removed',
      direction: 'read',
      place: { kind: 'webhook-request-body', webhook, mediaType: rev.name },
    });
  }
}

/** The answers subscribers write: statuses the API accepts, and their bodies. */
function compareResponses(d: Diff, webhook: string, b: Operation, r: Operation): void {
  const operation = r.label;
  const m = matchBy(b.responses, r.responses, (res) => res.status);
  for (const { rev } of m.added) {
    d.added('webhook-response-status-added', { operation, name: rev.status }, rev);
  }
  for (const { base } of m.removed) {
    d.removed('webhook-response-status-removed', { operation, name: base.status }, base);
  }
  for (const { base, rev } of m.both) compareResponse(d, webhook, operation, base, rev);
}

function compareResponse(
  d: Diff,
  webhook: string,
  operation: string,
  b: Response,
  r: Response,
): void {
  const status = r.status;
  const m = pairMediaTypes(matchBy(b.content, r.content, (mt) => mt.key));
  for (const rev of m.added) {
    d.added('webhook-response-media-type-added', { operation, status, name: rev.name }, rev);
  }
  for (const base of m.removed) {
    d.removed('webhook-response-media-type-removed', { operation, status, name: base.name }, base);
  }
  for (const { base, rev } of m.both) {
    compareMediaTypeSchemas(d, base, rev, {
      args: { operation, status, name: rev.name },
      added: 'webhook-response-media-type-schema-added',
      removed: 'webhook-response-media-type-schema-removed',
      direction: 'write',
      place: { kind: 'webhook-response-body', webhook, status, mediaType: rev.name },
    });
  }
}
