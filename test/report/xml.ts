/**
 * A small well-formedness check for the JUnit output (no XML parser is a dependency): every tag
 * closes in order, attributes are quoted, every `&` starts a known entity or character reference,
 * and no raw `<` or control character appears in text.
 */
export function wellFormed(xml: string): string[] {
  const problems: string[] = [];
  const body = xml.replace(/^<\?xml [^?]*\?>\n/, '');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(body)) problems.push('control character');
  for (const m of body.matchAll(/&([^;\s]*);?/g)) {
    if (!/^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);$/.test(m[0]))
      problems.push(`bad entity ${m[0]}`);
  }
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>|</g;
  for (const m of body.matchAll(tag)) {
    if (m[0] === '<') {
      problems.push(`stray < at ${m.index}`);
      continue;
    }
    const [, close, name, , selfClose] = m;
    if (selfClose) continue;
    if (close) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open}>`);
    } else stack.push(name!);
  }
  if (stack.length) problems.push(`unclosed ${stack.join(', ')}`);
  return problems;
}
