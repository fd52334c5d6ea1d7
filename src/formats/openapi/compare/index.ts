import type { MakeFinding } from '../../../core/catalogue.js';
import type { SchemaComparator } from '../../../core/jsonschema/api.js';
import { matchBy } from '../../../core/match.js';
import type { Finding } from '../../../core/model.js';
import type { OpenApiModel, Operation } from '../model.js';
import { compareRequestBody, compareResponses } from './bodies.js';
import type { LifecyclePolicy } from './context.js';
import { Diff } from './context.js';
import { belowThreshold, removal, stabilityOf } from './lifecycle.js';
import { compareOperationMeta, declaredStability } from './operation.js';
import { compareParameters } from './parameters.js';
import {
  compareGlobalSecurity,
  compareOperationSecurity,
  compareSecuritySchemes,
} from './security.js';
import { versioning } from './versioning.js';
import { compareWebhooks } from './webhooks.js';

export type { LifecyclePolicy } from './context.js';

/**
 * Compares two normalised OpenAPI documents. Structural rules are judged here; every matched
 * schema pair goes to the JSON Schema comparator, whose findings are appended once each.
 */
export function compareModels(
  base: OpenApiModel,
  rev: OpenApiModel,
  make: MakeFinding,
  comparator: SchemaComparator,
  policy: LifecyclePolicy,
): Finding[] {
  const d = new Diff(base, rev, make, comparator, policy);
  compareOperations(d);
  compareWebhooks(d);
  d.affects = undefined;
  d.downgrade = false;
  d.level = undefined;
  compareDocument(d);
  const findings = [...d.out, ...comparator.findings()];
  return [...findings, ...versioning(d, findings)];
}

function compareOperations(d: Diff): void {
  const m = matchBy(d.base.operations, d.rev.operations, (o) => o.key);
  const revShapes = new Set(d.rev.operations.map(shapeOf));

  for (const { rev } of m.added) {
    d.affects = rev.label;
    d.downgrade = false;
    d.level = declaredStability(rev);
    d.added('endpoint-added', { operation: rev.label }, rev);
  }

  for (const { base } of m.removed) {
    d.affects = base.label;
    d.downgrade = false;
    d.level = declaredStability(base);
    removeOperation(d, base, !revShapes.has(shapeOf(base)));
  }

  for (const { base, rev } of m.both) {
    compareOperationMeta(d, base, rev);
    compareParameters(d, base, rev);
    compareRequestBody(d, base, rev);
    compareResponses(d, base, rev);
    compareOperationSecurity(d, base, rev);
  }
}

function removeOperation(d: Diff, op: Operation, pathGone: boolean): void {
  const args = { operation: op.label };
  const level = stabilityOf(op);
  if (level === undefined) {
    d.removed('api-invalid-stability-level', { ...args, stability: String(op.stability) }, [
      op,
      'x-stability-level',
    ]);
    return;
  }
  if (belowThreshold(d.policy, level)) {
    d.removed('unstable-endpoint-removed', { ...args, stability: level }, op);
    return;
  }
  const verdict = removal(op.deprecated, op.sunset, d.policy.today);
  const at = pathGone ? op.pathItem : op;
  switch (verdict.kind) {
    case 'without-deprecation':
      d.removed(
        pathGone ? 'api-path-removed-without-deprecation' : 'api-removed-without-deprecation',
        args,
        at,
      );
      break;
    case 'with-deprecation':
      d.removed(
        pathGone ? 'api-path-removed-with-deprecation' : 'api-removed-with-deprecation',
        args,
        at,
        { deprecation: verdict.sunset ? { sunset: verdict.sunset } : {} },
      );
      break;
    case 'before-sunset':
      d.removed(
        pathGone ? 'api-path-removed-before-sunset' : 'api-removed-before-sunset',
        { ...args, sunset: verdict.sunset },
        at,
      );
      break;
    case 'sunset-parse':
      d.removed('api-path-sunset-parse', { ...args, sunset: verdict.raw }, [op, 'x-sunset']);
      break;
  }
}

/** Named schemas, security schemes, top-level security, servers, the base's own problems. */
function compareDocument(d: Diff): void {
  // The loader reports the revision's problems; one only the base has is said here, once.
  const revProblems = new Set(d.rev.problems.map((p) => p.problem));
  for (const p of d.base.problems) {
    if (revProblems.has(p.problem)) continue;
    d.removed('openapi-invalid-document', { problem: `in the base, ${p.problem}` }, p);
  }

  // A line's named schema is removed only when it left the document, not when another line
  // alone still reaches it.
  const revSchemas = [...d.rev.schemas, ...(d.rev.otherLineSchemas ?? [])];
  const schemas = matchBy(d.base.schemas, revSchemas, (s) => s.name);
  for (const { base } of schemas.removed)
    d.removed('api-schema-removed', { name: base.name }, base);

  compareSecuritySchemes(d);
  compareGlobalSecurity(d);

  const servers = matchBy(d.base.servers, d.rev.servers, (s) => s.url);
  for (const { rev } of servers.added) d.added('api-server-added', { name: rev.url }, rev);
  for (const { base } of servers.removed) d.removed('api-server-removed', { name: base.url }, base);
}

function shapeOf(op: Operation): string {
  return op.key.slice(op.method.length + 1);
}
