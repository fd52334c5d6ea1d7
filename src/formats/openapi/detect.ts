const YAML_TOP =
  /^["']?(openapi|swagger)["']?[ \t]*:[ \t]*["']?(3\.[01](\.\d+)?|2\.0)["']?[ \t]*(#.*)?$/m;
const JSON_KEY = /"(openapi|swagger)"\s*:\s*"(3\.[01](\.\d+)?|2\.0)"/;

/** An OpenAPI 2.0 / 3.0 / 3.1 document: a top-level `openapi` or `swagger` version field. */
export function detectOpenApi(rel: string, text: string): boolean {
  if (/\.ya?ml$/i.test(rel)) return YAML_TOP.test(text);
  if (!/\.json$/i.test(rel) || !JSON_KEY.test(text)) return false;
  try {
    const doc = JSON.parse(text) as Record<string, unknown>;
    return (
      (typeof doc.openapi === 'string' && /^3\.[01]/.test(doc.openapi)) || doc.swagger === '2.0'
    );
  } catch {
    return false;
  }
}
