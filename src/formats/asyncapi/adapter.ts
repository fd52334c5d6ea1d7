import type { FormatAdapter } from '../../core/adapter.js';
import { compareAsyncApi } from './compare.js';
import { loadAsyncApi } from './load.js';
import type { AsyncModel } from './model.js';

/** An AsyncAPI document: a top-level `asyncapi` field with a version number. */
const YAML_KEY = /^asyncapi\s*:\s*['"]?\d/m;
const JSON_KEY = /^\s*\{[\s\S]*?"asyncapi"\s*:\s*"\d/;

export const asyncapiAdapter: FormatAdapter<AsyncModel> = {
  format: 'asyncapi',
  detect(rel, text) {
    if (/\.json$/i.test(rel)) return JSON_KEY.test(text.slice(0, 4096));
    if (/\.ya?ml$/i.test(rel)) return YAML_KEY.test(text);
    return false;
  },
  load: loadAsyncApi,
  compare: compareAsyncApi,
};
