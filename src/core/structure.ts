import type { Node } from 'yaml';
import { InputError } from './errors.js';
import { inputLimits, limitHint } from './limits.js';
import { escaped } from './sniff.js';
import { yamlPackage } from './yaml-package.js';

/**
 * Structural checks on YAML and JSON text that keep `LocationMap.parse` from misreading or running
 * away: duplicate keys, nesting depth (estimated from the raw YAML text before the yaml package
 * sees it, exact on its node tree) and the JSON fast path's key count.
 */

class TooDeep extends Error {}

/**
 * The fast path of the JSON checks, about a third of `JSON.parse`'s time on a 12 MB spec: the keys
 * of the parsed value (a tree, walked to at most the depth limit) must be as many as the keys in
 * the text (`":` after an unescaped quote). A duplicate makes the parsed count smaller. Text with
 * whitespace before a colon, a count that differs or nesting past the limit: false, and the
 * precise scan decides and says where.
 */
export function fastStructureCheck(text: string, value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  let parsed: number;
  try {
    parsed = countKeys(value, 1, inputLimits().depth);
  } catch (e) {
    if (e instanceof TooDeep || e instanceof RangeError) return false;
    throw e;
  }
  let inText = 0;
  for (let i = text.indexOf('":'); i !== -1; i = text.indexOf('":', i + 2)) {
    if (!escaped(text, i)) inText++;
  }
  return inText === parsed && !/"[ \t\r\n]+:/.test(text);
}

function countKeys(v: object, depth: number, max: number): number {
  if (depth > max) throw new TooDeep();
  let n = 0;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const c: unknown = v[i];
      if (typeof c === 'object' && c !== null) n += countKeys(c, depth + 1, max);
    }
    return n;
  }
  const o = v as Record<string, unknown>;
  for (const k in o) {
    n++;
    const c = o[k];
    if (typeof c === 'object' && c !== null) n += countKeys(c, depth + 1, max);
  }
  return n;
}

/**
 * Walks the YAML node tree without recursion: duplicate keys in a mapping are an error naming both
 * lines (YAML forbids them; a reader that keeps the last would misread the file), nesting past
 * `max` is an error. Aliases are not followed. Returns the first alias node, if any.
 */
export function checkYamlTree(
  root: Node | null,
  max: number,
  at: (node: Node) => { file: string; line: number; column: number },
): Node | undefined {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yamlPackage();
  let firstAlias: Node | undefined;
  const stack: Array<{ node: Node; depth: number }> = root ? [{ node: root, depth: 1 }] : [];
  const tooDeep = (node: Node) =>
    new InputError(`the document is nested too deeply ${limitHint('depth')}`, at(node));
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (isAlias(node)) {
      if (!firstAlias || (node.range?.[0] ?? 0) < (firstAlias.range?.[0] ?? 0)) firstAlias = node;
      continue;
    }
    if (isMap(node)) {
      if (depth > max) throw tooDeep(node);
      const keys = new Map<string, Node>();
      for (const p of node.items) {
        if (!isPair(p)) continue;
        const key = p.key as Node | null;
        if (isScalar(key) && String(key.value) !== '<<') {
          const k = String(key.value);
          const first = keys.get(k);
          if (first) {
            throw new InputError(
              `duplicate key '${k}' (first at line ${at(first).line}): keys must be unique`,
              at(key),
            );
          }
          keys.set(k, key);
        } else if (key && typeof key === 'object') stack.push({ node: key, depth: depth + 1 });
        if (p.value && typeof p.value === 'object') {
          stack.push({ node: p.value as Node, depth: depth + 1 });
        }
      }
    } else if (isSeq(node)) {
      if (depth > max) throw tooDeep(node);
      for (const item of node.items) {
        if (item && typeof item === 'object') stack.push({ node: item as Node, depth: depth + 1 });
      }
    }
  }
  return firstAlias;
}

/**
 * An upper estimate of a YAML text's nesting from its characters: flow brackets open plus half the
 * indentation (a nesting level takes at least one column, two in practice). Quoted scalars and
 * comments are skipped. Returns the offset where the estimate first passes `max`, or -1.
 */
export function yamlDepthEstimate(t: string, max: number): number {
  let flow = 0;
  let block = 0;
  let lineStart = true;
  const n = t.length;
  for (let i = 0; i < n; i++) {
    let c = t.charCodeAt(i);
    if (lineStart) {
      let col = 0;
      while (i < n) {
        c = t.charCodeAt(i);
        if (c === 0x20) col++;
        else if (c === 0x2d /* - */ && t.charCodeAt(i + 1) === 0x20) col++;
        else break;
        i++;
      }
      block = (col + 1) >> 1;
      lineStart = false;
      if (block + flow > max) return i;
      if (i >= n) break;
    }
    if (c === 0x0a) {
      lineStart = true;
      continue;
    }
    const prev = i === 0 ? 0x0a : t.charCodeAt(i - 1);
    const boundary =
      prev === 0x20 ||
      prev === 0x09 ||
      prev === 0x0a ||
      prev === 0x5b ||
      prev === 0x7b ||
      prev === 0x2c ||
      prev === 0x3a;
    if (c === 0x23 /* # */ && (prev === 0x20 || prev === 0x09 || prev === 0x0a)) {
      const e = t.indexOf('\n', i);
      if (e < 0) break;
      i = e - 1;
    } else if ((c === 0x22 || c === 0x27) && boundary) {
      let j = i + 1;
      for (; j < n; j++) {
        const d = t.charCodeAt(j);
        if (c === 0x22 && d === 0x5c) j++;
        else if (d === c) {
          if (c === 0x27 && t.charCodeAt(j + 1) === 0x27) j++;
          else break;
        }
      }
      i = j;
    } else if (c === 0x5b || c === 0x7b) {
      if (++flow + block > max) return i;
    } else if ((c === 0x5d || c === 0x7d) && flow > 0) flow--;
  }
  return -1;
}

export function lineColumnOf(t: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = t.indexOf('\n'); i !== -1 && i < offset; i = t.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}
