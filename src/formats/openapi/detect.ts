import { topLevelJsonString } from '../../core/sniff.js';

const YAML_TOP =
  /^["']?(openapi|swagger)["']?[ \t]*:[ \t]*["']?(3\.[01](\.\d+)?|2\.0)["']?[ \t]*(#.*)?$/m;
const JSON_KEY = /"(openapi|swagger)"\s*:\s*"(3\.[01](\.\d+)?|2\.0)"/;

/** An OpenAPI 2.0 / 3.0 / 3.1 document: a top-level `openapi` or `swagger` version field. */
export function detectOpenApi(rel: string, text: string): boolean {
  if (/\.ya?ml$/i.test(rel)) return YAML_TOP.test(text);
  if (!/\.json$/i.test(rel) || !JSON_KEY.test(text)) return false;
  // The version must be the document's own top-level field, not one inside (say) an example.
  const openapi = topLevelJsonString(text, 'openapi');
  return (
    (openapi !== undefined && /^3\.[01]/.test(openapi)) ||
    topLevelJsonString(text, 'swagger') === '2.0'
  );
}
