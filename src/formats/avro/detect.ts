/** An Avro schema file: `.avsc` holding a JSON schema, `.avpr` a JSON protocol, `.avdl` IDL. */
export function detectAvro(rel: string, text: string): boolean {
  const head = text.slice(0, 4096);
  if (/\.avsc$/i.test(rel)) return /^\s*[[{"]/.test(head);
  if (/\.avpr$/i.test(rel)) return /"protocol"\s*:/.test(head);
  if (/\.avdl$/i.test(rel)) return /\bprotocol\s+[A-Za-z_]\w*\s*\{/.test(text);
  return false;
}
