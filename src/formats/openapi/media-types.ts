/** Media type names: matching key, parsing, and "is one range inside another". */

export interface ParsedMediaType {
  type: string;
  subtype: string;
  params: Record<string, string>;
}

/** Lower case, no spaces, parameters sorted: `Application/JSON; charset=UTF-8` → `application/json;charset=utf-8`. */
export function mediaTypeKey(name: string): string {
  const p = parseMediaType(name);
  const params = Object.keys(p.params)
    .sort()
    .map((k) => `;${k}=${p.params[k]}`)
    .join('');
  return `${p.type}/${p.subtype}${params}`;
}

export function parseMediaType(name: string): ParsedMediaType {
  const [essence = '', ...rest] = name.split(';');
  const [type = '*', subtype = '*'] = essence.trim().toLowerCase().split('/');
  const params: Record<string, string> = {};
  for (const part of rest) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    params[part.slice(0, i).trim().toLowerCase()] = part
      .slice(i + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1')
      .toLowerCase();
  }
  return { type: type.trim() || '*', subtype: subtype.trim() || '*', params };
}

/** Is every media type matched by `inner` also matched by `outer`? (`application/json` ⊂ `application/*`) */
export function mediaTypeContains(outer: string, inner: string): boolean {
  const o = parseMediaType(outer);
  const i = parseMediaType(inner);
  if (o.type !== '*' && o.type !== i.type) return false;
  if (o.subtype !== '*' && o.subtype !== i.subtype) return false;
  if (o.type === '*' && i.type !== '*' && o.subtype !== '*') return false;
  return Object.entries(o.params).every(([k, v]) => i.params[k] === v);
}

/**
 * Do two different names describe overlapping media types (one contains the other, or the same
 * type with other parameters)? Such a removed/added pair is one media type that changed its name.
 */
export function mediaTypesRelated(a: string, b: string): boolean {
  if (mediaTypeContains(a, b) || mediaTypeContains(b, a)) return true;
  const x = parseMediaType(a);
  const y = parseMediaType(b);
  return x.type === y.type && x.subtype === y.subtype;
}
