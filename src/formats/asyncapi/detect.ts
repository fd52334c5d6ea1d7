import { topLevelJsonString } from '../../core/sniff.js';

/**
 * An AsyncAPI document: a top-level `asyncapi` field with a version number. Real files also quote
 * the key (`'asyncapi': 2.6.0`), start with a byte order mark, hold JSON in a `.yaml` file, or put
 * the field after a long `info` object in JSON.
 */
const YAML_KEY = /^(?:asyncapi|'asyncapi'|"asyncapi")\s*:\s*['"]?\d/m;
const JSON_KEY = /^\s*\{[\s\S]*?"asyncapi"\s*:\s*"\d/;

export function detectAsyncApi(rel: string, raw: string): boolean {
  const text = raw.replace(/^\uFEFF/, '');
  if (/\.json$/i.test(rel)) return JSON_KEY.test(text.slice(0, 4096)) || jsonTopLevel(text);
  if (/\.ya?ml$/i.test(rel)) {
    return YAML_KEY.test(text) || (/^\s*\{/.test(text) && jsonTopLevel(text));
  }
  return false;
}

/** A JSON object whose own `asyncapi` field is a version string (the field may come anywhere). */
function jsonTopLevel(text: string): boolean {
  if (!text.includes('"asyncapi"')) return false;
  return /^\d/.test(topLevelJsonString(text, 'asyncapi') ?? '');
}
