/** A JSON Schema document: a top-level `$schema` naming a json-schema.org dialect. */
const YAML_KEY = /^["']?\$schema["']?\s*:\s*['"]?https?:\/\/json-schema\.org\//m;
const JSON_KEY = /^\s*\{[\s\S]*?"\$schema"\s*:\s*"https?:\/\/json-schema\.org\//;

export function detectJsonSchema(rel: string, text: string): boolean {
  if (/\.json$/i.test(rel)) return JSON_KEY.test(text.slice(0, 4096));
  if (/\.ya?ml$/i.test(rel)) return YAML_KEY.test(text);
  return false;
}
