import type { FormatAdapter } from '../../core/adapter.js';
import { compareJsonSchema } from './compare.js';
import { detectJsonSchema } from './detect.js';
import { loadJsonSchema, type JsonSchemaModel } from './load.js';

export const jsonschemaAdapter: FormatAdapter<JsonSchemaModel> = {
  format: 'jsonschema',
  detect: detectJsonSchema,
  load: loadJsonSchema,
  compare: compareJsonSchema,
};
