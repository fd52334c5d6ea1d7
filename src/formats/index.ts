import { Catalogue } from '../core/catalogue.js';
import type { FormatAdapter } from '../core/adapter.js';
import type { Format } from '../core/model.js';
import type { LazyRules, RuleDef } from '../core/rule.js';
import { CORE_RULES } from '../core/rules.js';
import { SCHEMA_RULES } from '../core/jsonschema/rules.js';
import { ASYNCAPI_AVRO_RULES } from './asyncapi/avro-rules.js';
import { detectAsyncApi } from './asyncapi/detect.js';
import { ASYNCAPI_RULES } from './asyncapi/rules.js';
import { detectAvro } from './avro/detect.js';
import { AVRO_RULES } from './avro/rules.js';
import { detectJsonSchema } from './jsonschema/detect.js';
import { JSONSCHEMA_RULES } from './jsonschema/rules.js';
import { detectOpenApi } from './openapi/detect.js';
import { OPENAPI_RULES } from './openapi/rules.js';
import { detectProtobuf } from './protobuf/detect.js';
import { PROTOBUF_RULES } from './protobuf/rules.js';
import { POLICY_RULES } from '../policy/rules.js';

/**
 * The explicit list of formats and their rules. A format issue adds its rule list and its entry in
 * FORMATS here, and nowhere else.
 */
const RULES: ReadonlyArray<readonly RuleDef<any>[] | LazyRules> = [
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

/**
 * How discovery recognises a format's files without its engine: a cheap content sniff (a regular
 * expression on the text, a file extension).
 */
export interface FormatSniffer {
  readonly format: Format;
  detect(rel: string, text: string): boolean;
}

interface FormatEntry extends FormatSniffer {
  load: () => Promise<FormatAdapter<any>>;
  /**
   * The files a contract given as a folder (no entry document) may read, by name: a new one in the
   * folder can change the contract without changing any file it read before.
   */
  folder?: RegExp;
}

/**
 * Each format's sniff and the loader of its adapter. An adapter (and with it the format's engine:
 * swagger-parser, the AsyncAPI validators, protobufjs, the Avro parser) is imported only when a
 * contract of that format is loaded.
 */
const FORMATS: Partial<Record<Format, FormatEntry>> = {
  openapi: {
    format: 'openapi',
    detect: detectOpenApi,
    load: async () => (await import('./openapi/adapter.js')).openapiAdapter,
  },
  protobuf: {
    format: 'protobuf',
    detect: detectProtobuf,
    folder: /(\.proto|(^|\/)buf(\.work)?\.ya?ml)$/i,
    load: async () => (await import('./protobuf/adapter.js')).protobufAdapter,
  },
  asyncapi: {
    format: 'asyncapi',
    detect: detectAsyncApi,
    load: async () => (await import('./asyncapi/adapter.js')).asyncapiAdapter,
  },
  jsonschema: {
    format: 'jsonschema',
    detect: detectJsonSchema,
    folder: /\.(json|ya?ml)$/i,
    load: async () => (await import('./jsonschema/adapter.js')).jsonschemaAdapter,
  },
  avro: {
    format: 'avro',
    detect: detectAvro,
    folder: /\.(avsc|avpr|avdl)$/i,
    load: async () => (await import('./avro/adapter.js')).avroAdapter,
  },
};

const loaded = new Map<Format, FormatAdapter<any>>();

let catalogue: Catalogue | undefined;

export function getCatalogue(): Catalogue {
  if (!catalogue) {
    catalogue = new Catalogue();
    for (const list of RULES) catalogue.register(list);
  }
  return catalogue;
}

/** The adapter of a format, its engine imported on first use; undefined for an unknown format. */
export async function getAdapter(format: Format): Promise<FormatAdapter<any> | undefined> {
  const known = loaded.get(format);
  if (known) return known;
  const entry = FORMATS[format];
  if (!entry) return undefined;
  const adapter = await entry.load();
  loaded.set(format, adapter);
  return adapter;
}

/**
 * The adapter of a format already loaded by `getAdapter` (a contract of it was loaded): for the
 * synchronous stages after loading, such as comparing two loaded contracts.
 */
export function loadedAdapter(format: Format): FormatAdapter<any> | undefined {
  return loaded.get(format);
}

/** The formats' sniffs, for discovery: none loads an engine. */
export function sniffers(): FormatSniffer[] {
  return Object.values(FORMATS).filter((f): f is NonNullable<typeof f> => !!f);
}

/** Which files a folder contract of this format may read (undefined: the format has none). */
export function folderFiles(format: Format): RegExp | undefined {
  return FORMATS[format]?.folder;
}
