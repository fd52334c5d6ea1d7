import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { LocationMap } from '../../src/core/locations.js';
import type { Pointer } from '../../src/core/model.js';
import { loadFast } from '../../src/core/yaml-fast.js';
import { YamlLineIndex } from '../../src/core/yaml-lines.js';
import { ROOT } from '../helpers/paths.js';

// The YAML fast path (js-yaml values, a line index for positions) against the reference it
// replaces: the `yaml` package's document, its values and its node positions.

function* pointers(v: unknown, p: Pointer = []): Generator<Pointer> {
  yield p;
  if (typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield* pointers(v[i], [...p, String(i)]);
  else
    for (const k of Object.keys(v)) yield* pointers((v as Record<string, unknown>)[k], [...p, k]);
}

interface Comparison {
  fast: boolean;
  located: number;
  declined: number;
  wrong: string[];
}

/** Compares the fast path with the yaml package on one text; throws where the values differ. */
function compare(file: string, text: string, limit = 4000): Comparison {
  const reference = LocationMap.parseAsYaml(file, text);
  const fast = loadFast(text, 256);
  const out: Comparison = { fast: !!fast, located: 0, declined: 0, wrong: [] };
  if (!fast) return out;
  expect(fast.value, `${file}: value`).toStrictEqual(reference.value);
  expect(fast.shape, `${file}: shape`).toStrictEqual(reference.value);
  const index = new YamlLineIndex(text);
  let n = 0;
  for (const p of pointers(reference.value)) {
    if (++n > limit) break;
    const at = index.locate(fast.shape, p);
    if (at === undefined) {
      out.declined++;
      continue;
    }
    out.located++;
    const { line, column } = index.position(at);
    const want = reference.map.locate(p);
    if (line !== want.line || column !== want.column)
      out.wrong.push(
        `${file} /${p.join('/')}: ${line}:${column}, yaml ${want.line}:${want.column}`,
      );
  }
  return out;
}

describe('YAML fast path', () => {
  it('reads every YAML fixture as the yaml package does, and locates its nodes where it does', () => {
    const dir = path.join(ROOT, 'fixtures');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => path.join(dir, f));
    expect(files.length).toBeGreaterThan(500);
    let fast = 0;
    let located = 0;
    let declined = 0;
    const wrong: string[] = [];
    for (const file of files) {
      let text = readFileSync(file, 'utf8');
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // as LocationMap.parse does
      let c: Comparison;
      try {
        c = compare(file, text);
      } catch (e) {
        // The yaml package refuses it: the fast path must not accept it either.
        if (!(e instanceof InputError)) throw e;
        expect(loadFast(text, 256), file).toBeUndefined();
        continue;
      }
      if (c.fast) fast++;
      located += c.located;
      declined += c.declined;
      wrong.push(...c.wrong);
    }
    expect(wrong).toEqual([]);
    // The fast path is the rule, not the exception (flow mappings in small fixtures are declined).
    expect(fast / files.length).toBeGreaterThan(0.95);
    expect(located / (located + declined)).toBeGreaterThan(0.85);
  });

  it('resolves scalars by the YAML 1.2 core schema, as the yaml package does', () => {
    const text = [
      'a: 0b101',
      'b: 0o17',
      'c: 0x1F',
      'd: .inf',
      'e: -.Inf',
      'f: .NaN',
      'g: ~',
      'h: True',
      'i: yes',
      'j: 2020-01-01',
      'k: 1e3',
      'l: +12',
      'm: 012',
      'n: 1_000',
      'o: "0x1F"',
      'p: FALSE',
      'q:',
      'r: 3.',
      's: .5',
      '200: ok',
      '1.0: one',
      'true: t',
      '',
    ].join('\n');
    const c = compare('s.yaml', text);
    expect(c.fast).toBe(true);
    expect(c.wrong).toEqual([]);
    expect(c.declined).toBe(0);
  });

  it('locates through block scalars, multi-line scalars, compact sequences and comments', () => {
    const text = `# leading comment
---
openapi: 3.0.3
info:
  title: "A title: with colon"
  description: |
    key: not a key
    - not an item
  version: '1.0'
paths:
  /a:
    get:
      summary: a plain scalar
        that continues on a second line
      description: "a quoted scalar
        over: lines"
      tags:
      - one
      - two   # comment
      parameters:
        - name: x
          in: query
        -   name: y
            in: header
        - - nested
          - items
        -
          name: z
      responses:
        '200':
          description: ok
        "404": {description: missing}
        500:
          description: >-
            folded
            text
x-list:
- a: 1
  b:
  - c
  - d
x-empty:
x-last: end
`;
    const c = compare('b.yaml', text);
    expect(c.fast).toBe(true);
    expect(c.wrong).toEqual([]);
    // Only the flow mapping's member is declined (and located on the yaml package's tree).
    expect(c.declined).toBe(1);
  });

  it('declines rather than guesses where a continuation line looks like a node', () => {
    // The second line of a plain scalar opens a quote it never closes: the index reads the lines
    // after it as inside the quote, so `b` is not where the value has it, and it declines.
    const text = 'a:\n  plain text on its own line\n  "still text\nb: 1\nc:\n  d: 2\n';
    const c = compare('q.yaml', text);
    expect(c.fast).toBe(true);
    expect(c.wrong).toEqual([]);
    expect(c.declined).toBeGreaterThan(0);
    expect(LocationMap.parse('q.yaml', text).map.locate(['c', 'd']).line).toBe(6);
  });

  it('keeps CRLF line ends, quoted keys with escapes and keys that need quotes', () => {
    const text =
      'a:\r\n  "k\\"ey": 1\r\n  \'it\'\'s\': 2\r\n  "#hash": 3\r\n  "x y": 4\r\n  "/p/{id}": 5\r\nb: 2\r\n';
    const c = compare('c.yaml', text);
    expect(c.fast).toBe(true);
    expect(c.wrong).toEqual([]);
    expect(c.declined).toBe(0);
  });

  it('declines what the two readers could read differently; the yaml package then reads it', () => {
    const declined = [
      'base: &b {x: 1}\nuse: *b\n', // an alias sharing a node
      'base: &b\n  x: 1\nuse:\n  <<: *b\n  y: 2\n', // a merge key
      '%YAML 1.1\n---\na: yes\n', // a directive (YAML 1.1: yes is true)
      'null: 1\n', // a null key: "" for the yaml package
      '? complex\n: value\n', // an explicit key
      '[a, b]: c\n', // a flow collection as key
      'a: !custom 1\n', // an unknown tag
    ];
    for (const text of declined) {
      expect(loadFast(text, 256), text).toBeUndefined();
      const { map, value } = LocationMap.parse('d.yaml', text);
      expect(value).toStrictEqual(LocationMap.parseAsYaml('d.yaml', text).value);
      expect(map.tree, text).toBe(false); // the yaml package's map
    }
    // An anchor without an alias shares nothing: read fast.
    expect(loadFast('a: &x 1\nb: 2\n', 256)).toBeDefined();
  });

  it('leaves every error to the yaml path: the same messages, lines and limits', () => {
    const errors: Array<[string, RegExp]> = [
      ['a: 1\na: 2\n', /duplicate key 'a' \(first at line 1\)/],
      ['a: [1, 2\nb: 3\n', /invalid YAML/],
      ['a:\n  b: 1\n c: 2\n', /invalid YAML/],
      ['a:\n  s: a plain\n    that continues: x\n', /invalid YAML/],
      ['a: 1\n---\nb: 2\n', /multiple documents/],
    ];
    for (const [text, message] of errors) {
      expect(loadFast(text, 256), text).toBeUndefined();
      expect(() => LocationMap.parse('e.yaml', text)).toThrow(message);
    }
    // Nesting past the depth limit: declined, then the yaml path's message with its line.
    let deep = '';
    for (let i = 0; i < 300; i++) deep += `${' '.repeat(i * 2)}k${i}:\n`;
    deep += `${' '.repeat(600)}v: 1\n`;
    expect(loadFast(deep, 256)).toBeUndefined();
    expect(() => LocationMap.parse('deep.yaml', deep)).toThrow(/nested too deeply/);
  });

  it('locates in the value as parsed, not as callers change it', () => {
    const text = 'a:\n  $ref: "#/b"\nb:\n  type: object\n  properties:\n    id: {type: string}\n';
    const { map, value } = LocationMap.parse('r.yaml', text);
    expect(map.tree).toBe(true);
    const v = value as Record<string, unknown>;
    v.a = v.b; // what dereferencing does
    expect(map.nearest(['a', 'properties', 'id'])).toEqual(['a']);
    expect(map.locate(['a', 'properties', 'id']).line).toBe(1);
    expect(map.locate(['b', 'properties', 'id']).line).toBe(6);
  });
});
