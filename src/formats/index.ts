import { Catalogue } from '../core/catalogue.js';
import type { FormatAdapter } from '../core/adapter.js';
import type { Format } from '../core/model.js';
import type { RuleDef } from '../core/rule.js';
import { CORE_RULES } from '../core/rules.js';
import { SCHEMA_RULES } from '../core/jsonschema/rules.js';
import { asyncapiAdapter } from './asyncapi/adapter.js';
import { ASYNCAPI_AVRO_RULES } from './asyncapi/avro-payload.js';
import { avroAdapter } from './avro/adapter.js';
import { AVRO_RULES } from './avro/rules.js';
import { ASYNCAPI_RULES } from './asyncapi/rules.js';
import { jsonschemaAdapter } from './jsonschema/adapter.js';
import { JSONSCHEMA_RULES } from './jsonschema/rules.js';
import { openapiAdapter } from './openapi/adapter.js';
import { OPENAPI_RULES } from './openapi/rules.js';
import { protobufAdapter } from './protobuf/adapter.js';
import { PROTOBUF_RULES } from './protobuf/rules.js';
import { POLICY_RULES } from '../policy/rules.js';

/**
 * The explicit list of formats and their rules. A format issue adds its adapter and its rule list
 * here, and nowhere else.
 */
const RULES: ReadonlyArray<readonly RuleDef<any>[]> = [
  CORE_RULES,
  POLICY_RULES,
  SCHEMA_RULES,
  OPENAPI_RULES,
  PROTOBUF_RULES,
  ASYNCAPI_RULES,
  ASYNCAPI_AVRO_RULES,
  JSONSCHEMA_RULES,
  AVRO_RULES,
];

const ADAPTERS: Partial<Record<Format, FormatAdapter<any>>> = {
  openapi: openapiAdapter,
  protobuf: protobufAdapter,
  asyncapi: asyncapiAdapter,
  jsonschema: jsonschemaAdapter,
  avro: avroAdapter,
};

let catalogue: Catalogue | undefined;

export function getCatalogue(): Catalogue {
  if (!catalogue) {
    catalogue = new Catalogue();
    for (const list of RULES) catalogue.register(list);
  }
  return catalogue;
}

export function getAdapter(format: Format): FormatAdapter<any> | undefined {
  return ADAPTERS[format];
}

export function adapters(): FormatAdapter<any>[] {
  return Object.values(ADAPTERS).filter((a): a is FormatAdapter<any> => !!a);
}
