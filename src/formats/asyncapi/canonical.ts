/**
 * A stable text for a JSON value: sorted keys, cycles marked. Used to tell whether two schemas in a
 * format treaty cannot compare are identical, and as a payload's identity when matching messages.
 */
const memo = new WeakMap<object, string>();

export function canonical(value: unknown): string {
  const onPath = new Set<object>();
  const walk = (v: unknown): string => {
    if (typeof v !== 'object' || v === null) return JSON.stringify(v) ?? 'null';
    const known = memo.get(v);
    if (known !== undefined) return known;
    if (onPath.has(v)) return '"<cycle>"';
    onPath.add(v);
    const text = Array.isArray(v)
      ? `[${v.map(walk).join(',')}]`
      : `{${Object.keys(v)
          .filter((k) => !k.startsWith('x-parser-'))
          .sort()
          .map((k) => `${JSON.stringify(k)}:${walk((v as Record<string, unknown>)[k])}`)
          .join(',')}}`;
    onPath.delete(v);
    // Only memoise texts that do not depend on the path (no cycle below).
    if (!text.includes('"<cycle>"')) memo.set(v, text);
    return text;
  };
  return walk(value);
}
