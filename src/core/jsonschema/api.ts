import type { MakeFinding } from '../catalogue.js';
import type { Catalogue } from '../catalogue.js';
import type { Finding, Format, Pointer, SourceLocation } from '../model.js';

/**
 * Changes to this boundary (compatible extensions only):
 * - `SchemaSide.locateAt` (optional): lets findings point at the changed keyword's line.
 * - `SchemaSide.origin` (optional): file and pointer without a line, for speed on big specs.
 * - Message places take an optional `contentType`.
 * - `SchemaComparatorOptions.lifecycle` (optional): sunset policy for deprecated properties.
 * - For OpenAPI places the direction follows the place (request-* write, response-* read;
 *   webhook-request-* read, webhook-response-* write);
 *   `direction` decides severity for AsyncAPI places and JSON Schema documents.
 * Implementation: `createSchemaComparator` in ./compare.ts; rules: `SCHEMA_RULES` in ./rules.ts.
 *
 * The boundary of the JSON Schema comparator shared by OpenAPI, AsyncAPI and JSON Schema contracts.
 *
 * A format adapter hands the comparator one (base, revision) schema pair at a time, saying where the
 * schema sits (`place`) and which way data flows (`direction`). The comparator owns the schema
 * rules: it decides what changed and, from the place and direction, which catalogue rule applies.
 * Each (base node, revision node, direction, place kind) is compared once; when the same shared
 * schema is reached again from another operation or message, its findings are reported once and
 * that operation is added to their `affects`.
 */

/**
 * `write`: the consumer writes this data (HTTP request; a message the application receives) —
 * it may only get looser. `read`: the consumer reads it (HTTP response; a message the application
 * sends) — it may only get tighter. `both`: both checks (schema used both ways, JSON Schema
 * contracts with `direction: both`).
 */
export type SchemaDirection = 'write' | 'read' | 'both';

/** Where the schema sits. The kind decides the rule-id family (request-property-…, response-…). */
export type SchemaPlace =
  | { kind: 'request-body'; mediaType: string }
  | {
      kind: 'request-parameter';
      in: 'path' | 'query' | 'header' | 'cookie' | 'formData';
      name: string;
    }
  | { kind: 'response-body'; status: string; mediaType: string }
  | { kind: 'response-header'; status: string; name: string }
  // OpenAPI 3.1 webhooks, judged from the subscriber's side: the API sends the request (read, with
  // the response-… ids), the subscriber writes the response (write, with the request-… ids).
  | { kind: 'webhook-request-body'; webhook: string; mediaType: string }
  | {
      kind: 'webhook-request-parameter';
      webhook: string;
      in: 'path' | 'query' | 'header' | 'cookie';
      name: string;
    }
  | { kind: 'webhook-response-body'; webhook: string; status: string; mediaType: string }
  // contentType (optional): a non-JSON content type makes values loosely typed (type-compatible).
  | { kind: 'message-payload'; message: string; contentType?: string }
  | { kind: 'message-header'; message: string; contentType?: string }
  | { kind: 'message-key'; message: string; contentType?: string }
  // A schema inside a protocol binding (WebSocket query/headers, HTTP query/headers, MQTT
  // correlation data): `element` names its owner (`channel 'chat'`), `field` the binding key.
  | { kind: 'binding'; element: string; protocol: string; field: string }
  // A 2.x channel address parameter's `schema`.
  | { kind: 'channel-parameter'; channel: string; name: string }
  | { kind: 'document' };

/** One side of a pair: the resolved schema (JSON values, `$ref`s already resolved, may be cyclic). */
export interface SchemaSide {
  schema: unknown;
  /**
   * Where a schema object node came from (file, line, column, pointer in its own file). Loaders
   * record every object node at load time, so nodes shared through `$ref` point at their definition.
   * Returns undefined for nodes it does not know (the comparator falls back to the nearest parent).
   */
  locate(node: object): SourceLocation | undefined;
  /**
   * Optional: where a path below a schema node was written (e.g. `['maxLength']`,
   * `['properties', 'name']`, `['oneOf', '2']`), so a finding points at the changed keyword or
   * entry rather than at the schema. Return undefined (or omit it) to fall back to `locate(node)`.
   * With the OpenAPI Locator: `(node, path) => locator.locate(node, ...path)`.
   */
  locateAt?(node: object, path: readonly string[]): SourceLocation | undefined;
  /**
   * Optional and cheap: the file and pointer of a node without its line and column (the OpenAPI
   * Locator's `origin`). The comparator asks it for every schema it walks to tell named schemas
   * (`$ref` targets) apart, and computes lines only for nodes that end up in findings.
   */
  origin?(node: object): { file: string; pointer: Pointer } | undefined;
  /** Dialect hints that change meaning (OpenAPI 3.0 `nullable`, 2.0 `x-nullable`, 3.1 type arrays). */
  dialect: 'openapi-2.0' | 'openapi-3.0' | 'openapi-3.1' | 'asyncapi' | 'json-schema';
}

export interface SchemaPairRequest {
  base: SchemaSide;
  rev: SchemaSide;
  direction: SchemaDirection;
  place: SchemaPlace;
  /** The operation / message / method that reaches this schema, e.g. `GET /pets/{}`, `message UserSignedUp`. */
  affects: string;
  /**
   * Fallback location when a node cannot be located (the parameter, media type or message). Read
   * only for findings: a getter computing it on first use saves locating every compared place.
   */
  readonly fallbackBase: SourceLocation;
  readonly fallbackRev: SourceLocation;
  /**
   * Optional and cheap: the file and pointer of the revision's place (what `fallbackRev` would
   * say, without its line), to tell a named root schema from one written inline at the place.
   */
  placeOrigin?: { file: string; pointer: Pointer };
}

export interface SchemaComparator {
  /** Compares one pair (memoised) and records its findings (deduplicated, `affects` merged). */
  compare(req: SchemaPairRequest): void;
  /** Every finding recorded so far, each once. */
  findings(): Finding[];
}

export interface SchemaComparatorOptions {
  catalogue: Catalogue;
  make: MakeFinding;
  format: Format;
  /**
   * Optional deprecation policy (oasdiff's --deprecation-days-stable/-beta): when a property is
   * newly deprecated, its `x-sunset` must be at least this many days after `today` (YYYY-MM-DD);
   * 0 turns the check off. Beta applies to properties with `x-stability-level: beta` (or lower).
   */
  lifecycle?: { today: string; minSunsetStableDays: number; minSunsetBetaDays: number };
}
