import type { Pointer } from '../../core/model.js';
import type { OpenApiDialect } from './load.js';
import type { Locator } from './locator.js';

/**
 * The normalised model of an OpenAPI document: Swagger 2.0 and OpenAPI 3.0/3.1 look the same here.
 * Schemas stay as they are in the resolved document (JSON values, `$ref`s resolved, maybe cyclic);
 * the JSON Schema comparator reads them with the dialect as a hint.
 *
 * Every element keeps its `node` (the object of the resolved document it was read from, which the
 * Locator can place in a file) and `ptr` (its pointer in the resolved document, which makes a
 * finding's fingerprint unique even when the node is shared through a `$ref`).
 */
export interface Element {
  node: object;
  ptr: Pointer;
}

export interface OpenApiModel {
  dialect: OpenApiDialect;
  /** `info.version`, if declared. */
  version?: string;
  title?: string;
  doc: Record<string, unknown>;
  locator: Locator;
  /** Entry file, relative to the contract root. */
  entry: string;
  operations: Operation[];
  webhooks: Webhook[];
  /** Named reusable schemas: `components.schemas` (3.x) or `definitions` (2.0). */
  schemas: Array<Element & { name: string }>;
  securitySchemes: SecurityScheme[];
  /** Top-level `security`, undefined when the document has none. */
  security?: SecurityRequirements;
  /** 3.x `servers`; 2.0 `schemes` × `host` + `basePath`. */
  servers: Array<Element & { url: string }>;
  /**
   * What the specification forbids and its schema cannot say (3.x; 2.0's validator reports it):
   * a path parameter whose name is not in its template. Reported as `openapi-invalid-document`.
   */
  problems: Array<Element & { problem: string }>;
  /** One major line of a document carrying several (`/v1/…` and `/v2/…` paths): lines.ts. */
  line?: number;
  /** That line: the named schemas of the document only other lines reach. */
  otherLineSchemas?: Array<Element & { name: string }>;
}

export interface Operation extends Element {
  /** Match key: `GET /pets/{}` (path templates compared by shape). */
  key: string;
  /** Upper-case HTTP method. */
  method: string;
  /** Path as written, e.g. `/pets/{petId}`. */
  path: string;
  /** `GET /pets/{petId}`: how findings name it (`affects`). */
  label: string;
  /** The path item holding the operation. */
  pathItem: Element;
  operationId?: string;
  tags: string[];
  deprecated: boolean;
  /** Raw `x-sunset` of the operation, if present. */
  sunset?: unknown;
  /** Raw `x-stability-level`, if present. */
  stability?: unknown;
  parameters: Parameter[];
  requestBody?: RequestBody;
  responses: Response[];
  /** The operation's own `security`, undefined when it inherits the top-level one. */
  security?: SecurityRequirements;
}

export type ParameterIn = 'path' | 'query' | 'header' | 'cookie';

export interface Parameter extends Element {
  /** Match key: `query:limit`, `header:x-trace` (lower-cased), `path:#0` (position in the template). */
  key: string;
  name: string;
  in: ParameterIn;
  /** Path parameters are always required, whatever is written. */
  required: boolean;
  /** `required: true` as written (a path parameter without it declares a default clients may omit). */
  writtenRequired: boolean;
  deprecated: boolean;
  sunset?: unknown;
  /** The parameter's schema (3.x `schema` or the first `content` schema; built from a 2.0 parameter). */
  schema?: object;
  /** Effective serialisation: defaults applied, 2.0 `collectionFormat` translated. */
  style: string;
  explode: boolean;
  allowReserved: boolean;
  /** Declared on the path item rather than on the operation. */
  fromPathItem: boolean;
}

export interface RequestBody extends Element {
  required: boolean;
  content: MediaType[];
}

export interface MediaType extends Element {
  /** As written, e.g. `application/json; charset=utf-8`. */
  name: string;
  /** Normalised for matching (lower case, no spaces). */
  key: string;
  schema?: object;
}

export interface Response extends Element {
  /** As written: `200`, `2XX`, `default`. */
  status: string;
  content: MediaType[];
  headers: Header[];
}

export interface Header extends Element {
  name: string;
  /** Lower-cased name: header names are case-insensitive. */
  key: string;
  required: boolean;
  deprecated: boolean;
  schema?: object;
}

export interface Webhook extends Element {
  name: string;
  /**
   * Its operations, read like a path's: key the method, label `webhook 'newPet' POST`, no
   * template (path parameters are keyed by name).
   */
  operations: Operation[];
}

export interface SecurityScheme extends Element {
  name: string;
  /** `apiKey`, `http`, `oauth2`, `openIdConnect`, `mutualTLS` (2.0 `basic` → `http`). */
  type: string;
  /** `http` scheme (`basic`, `bearer`), lower-cased. */
  scheme?: string;
  flows: OAuthFlow[];
}

export interface OAuthFlow extends Element {
  /** 3.x flow names (2.0 `application` → `clientCredentials`, `accessCode` → `authorizationCode`). */
  name: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  scopes: Record<string, string>;
}

export interface SecurityRequirements extends Element {
  requirements: SecurityRequirement[];
}

export interface SecurityRequirement extends Element {
  /** Scheme names, sorted, joined with ` AND ` ('' for the empty requirement: no auth needed). */
  key: string;
  schemes: Record<string, string[]>;
}
