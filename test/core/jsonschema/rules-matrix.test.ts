import { afterAll, describe, expect, test } from 'vitest';
import type { SchemaPlace } from '../../../src/core/jsonschema/api.js';
import {
  GEN_FAMILIES,
  KIND,
  type Family,
  type GenFamily,
  type OasFamily,
} from '../../../src/core/jsonschema/kinds.js';
import {
  LEVEL_SEVERITY,
  maxSeverity,
  oasLevel,
  oasRule,
  schemaRules,
} from '../../../src/core/jsonschema/rules.js';
import type { Finding, Severity } from '../../../src/core/model.js';
import { CASES, type Case } from './cases.js';
import { diff, sideOf } from './helpers.js';

/** The generated rules (ref-not-compared, a shared rule, has fixture tests of its own). */
const GENERATED = schemaRules().filter((r) => r.id !== 'ref-not-compared');

/**
 * Every change kind, at the root and one property deep, in every place and direction: the exact
 * rule, severity, file and line; the near miss fires nothing of that kind; swapping base and
 * revision fires the opposite kind. Afterwards every rule of SCHEMA_RULES must have fired.
 */

type Dir = 'write' | 'read' | 'both';
interface Place {
  name: string;
  place: SchemaPlace;
  dir: Dir;
  format: 'openapi' | 'asyncapi' | 'jsonschema';
  family: [Family, Family];
  strong: [boolean | undefined, boolean | undefined];
}

const json = 'application/json';
const PLACES: Place[] = [
  {
    name: 'request body',
    place: { kind: 'request-body', mediaType: json },
    dir: 'write',
    format: 'openapi',
    family: ['request-body', 'request-property'],
    strong: [true, true],
  },
  {
    name: 'request body (text)',
    place: { kind: 'request-body', mediaType: 'text/plain' },
    dir: 'write',
    format: 'openapi',
    family: ['request-body', 'request-property'],
    strong: [false, false],
  },
  {
    name: 'response body',
    place: { kind: 'response-body', status: '200', mediaType: json },
    dir: 'read',
    format: 'openapi',
    family: ['response-body', 'response-property'],
    strong: [true, true],
  },
  {
    name: 'response body (xml)',
    place: { kind: 'response-body', status: '200', mediaType: 'application/xml' },
    dir: 'read',
    format: 'openapi',
    family: ['response-body', 'response-property'],
    strong: [false, false],
  },
  {
    name: 'query parameter',
    place: { kind: 'request-parameter', in: 'query', name: 'q' },
    dir: 'write',
    format: 'openapi',
    family: ['request-parameter', 'request-parameter-property'],
    strong: [false, undefined],
  },
  {
    name: 'header parameter',
    place: { kind: 'request-parameter', in: 'header', name: 'X-H' },
    dir: 'write',
    format: 'openapi',
    family: ['request-parameter', 'request-header-property'],
    strong: [false, undefined],
  },
  {
    name: 'response header',
    place: { kind: 'response-header', status: '200', name: 'X-R' },
    dir: 'read',
    format: 'openapi',
    family: ['response-header', 'response-header'],
    strong: [false, false],
  },
  ...(['write', 'read', 'both'] as const).flatMap((dir): Place[] => [
    {
      name: `message payload ${dir}`,
      place: { kind: 'message-payload', message: 'M' },
      dir,
      format: 'asyncapi',
      family: ['message', 'message'],
      strong: [true, true],
    },
    {
      name: `message payload ${dir} (text)`,
      place: { kind: 'message-payload', message: 'M', contentType: 'text/plain' },
      dir,
      format: 'asyncapi',
      family: ['message', 'message'],
      strong: [false, false],
    },
    {
      name: `message headers ${dir}`,
      place: { kind: 'message-header', message: 'M', contentType: 'text/plain' },
      dir,
      format: 'asyncapi',
      family: ['message-header', 'message-header'],
      strong: [false, false],
    },
    {
      name: `message key ${dir}`,
      place: { kind: 'message-key', message: 'M', contentType: 'text/plain' },
      dir,
      format: 'asyncapi',
      family: ['message-key', 'message-key'],
      strong: [false, false],
    },
    {
      name: `binding ${dir}`,
      place: { kind: 'binding', element: "channel 'chat'", protocol: 'ws', field: 'query' },
      dir,
      format: 'asyncapi',
      family: ['binding', 'binding'],
      strong: [false, false],
    },
    {
      name: `channel parameter ${dir}`,
      place: { kind: 'channel-parameter', channel: 'user/{id}', name: 'id' },
      dir,
      format: 'asyncapi',
      family: ['channel-parameter', 'channel-parameter'],
      strong: [false, false],
    },
    {
      name: `document ${dir}`,
      place: { kind: 'document' },
      dir,
      format: 'jsonschema',
      family: ['schema', 'schema'],
      strong: [true, true],
    },
  ]),
];

/** Near misses and swaps run in one place of each kind and direction. */
const SOME = PLACES.filter((p) =>
  [
    'request body',
    'response body (xml)',
    'query parameter',
    'header parameter',
    'response header',
    'message payload both',
    'message key read',
    'document write',
  ].includes(p.name),
);

const fired = new Set<string>();
/** The first finding of every rule: rule, severity, file:line, place and depth (the golden table). */
const firstFinding = new Map<string, string>();

const nest = (snippet: string) =>
  'type: object\nproperties:\n  p:\n' +
  snippet
    .trimEnd()
    .split('\n')
    .map((l) => '    ' + l)
    .join('\n') +
  '\n';

const parsed = new Map<string, ReturnType<typeof sideOf>>();
const side = (file: string, text: string) => {
  const key = `${file}\n${text}`;
  let s = parsed.get(key);
  if (!s) parsed.set(key, (s = sideOf(file, text)));
  return s;
};

function run(base: string, rev: string, p: Place, depth: 0 | 1, c?: Case): Finding[] {
  const b = side('base.yaml', depth ? nest(base) : base);
  const r = side('rev.yaml', depth ? nest(rev) : rev);
  const out = diff(b, r, {
    place: p.place,
    direction: p.dir,
    format: p.format,
    ...(c?.lifecycle ? { lifecycle: c.lifecycle } : {}),
  });
  for (const f of out) {
    fired.add(f.rule);
    if (!firstFinding.has(f.rule)) {
      const file = f.location.file.split('/').pop();
      firstFinding.set(
        f.rule,
        `${f.rule} ${f.severity} ${file}:${f.location.line} (${p.name}, ${depth ? 'property' : 'root'}, ${String(f.args.change)})`,
      );
    }
  }
  return out;
}

const isGen = (f: Family): f is GenFamily => f in GEN_FAMILIES;

/** The rule and severity the tables say a kind has in a family and direction (null: not reported). */
function expected(
  kind: string,
  family: Family,
  dir: Dir,
): { id: string; severity: Severity } | null {
  const k = KIND.get(kind)!;
  if (isGen(family)) {
    if (k.notIn?.includes(family)) return null;
    const w = LEVEL_SEVERITY[k.write];
    const r = LEVEL_SEVERITY[k.read];
    return {
      id: `${family}-${kind}`,
      severity: dir === 'write' ? w : dir === 'read' ? r : maxSeverity(w, r),
    };
  }
  const rule = oasRule(k, family as OasFamily);
  if (!rule) return null;
  return { id: rule.id, severity: LEVEL_SEVERITY[oasLevel(k, rule.id, rule.owner)] };
}

const applies = (c: Case, p: Place, depth: 0 | 1) =>
  !c.when || c.when({ dir: p.dir, strong: p.strong[depth] });

describe.each(CASES.map((c, i) => [`${c.kind} #${i}`, c] as const))('%s', (_, c) => {
  test('fires in every place, at the root and one property deep', () => {
    for (const p of PLACES)
      for (const depth of [0, 1] as const) {
        if (!applies(c, p, depth)) continue;
        const want = expected(c.kind, p.family[depth], p.dir);
        const got = run(c.base, c.rev, p, depth, c).filter((f) => f.args.change === c.kind);
        const where = `${p.name}, depth ${depth}`;
        if (!want) {
          expect(got, where).toEqual([]);
          continue;
        }
        const side = c.side ?? 'rev';
        const line = depth ? (c.atNode ? 3 : c.line + 3) : c.line;
        expect(
          got.map((f) => `${f.rule} ${f.severity} ${f.location.file}:${f.location.line}`),
          where,
        ).toEqual([`${want.id} ${want.severity} ${side}.yaml:${line}`]);
      }
  });

  if (c.near) {
    const [nb, nr] = c.near;
    test('near miss fires nothing of the kind', () => {
      for (const p of SOME)
        for (const depth of [0, 1] as const)
          expect(
            run(nb, nr, p, depth, c).filter((f) => f.args.change === c.kind),
            `${p.name} depth ${depth}`,
          ).toEqual([]);
    });
  }

  if (c.swap) {
    const swap = c.swap;
    test(`swapped fires ${swap}`, () => {
      for (const p of SOME)
        for (const depth of [0, 1] as const) {
          if (!applies(c, p, depth)) continue;
          const want = expected(swap, p.family[depth], p.dir);
          const got = run(c.rev, c.base, p, depth, c).filter((f) => f.args.change === swap);
          expect(
            got.map((f) => f.rule),
            `${p.name} depth ${depth}`,
          ).toEqual(want ? [want.id] : []);
        }
    });
  }
});

describe('readOnly and writeOnly properties', () => {
  const req = PLACES[0]!;
  const resp = PLACES[2]!;
  const ro = (s: string) => s.replace('type: number', 'type: number\nreadOnly: true');
  test.each([
    ['max-decreased', 'request-read-only-property-max-decreased'],
    ['min-increased', 'request-read-only-property-min-increased'],
    ['exclusive-max-decreased', 'request-read-only-property-exclusive-max-decreased'],
    ['exclusive-min-increased', 'request-read-only-property-exclusive-min-increased'],
  ])('%s inside a readOnly request property is %s (info)', (kind, id) => {
    const c = CASES.find((x) => x.kind === kind)!;
    const got = run(ro(c.base), ro(c.rev), req, 1).filter((f) => f.args.change === kind);
    expect(got.map((f) => `${f.rule} ${f.severity} ${f.location.line}`)).toEqual([`${id} info 6`]);
    // Not in responses: there the property is read as usual.
    const r = run(ro(c.base), ro(c.rev), resp, 1).filter((f) => f.args.change === kind);
    expect(r.map((f) => f.rule)).toEqual([expected(kind, 'response-property', 'read')!.id]);
  });

  test('maxLength and enum changes inside readOnly request properties are info', () => {
    const base = 'type: string\nreadOnly: true\nmaxLength: 9\nenum: [a, b]\n';
    const rev = 'type: string\nreadOnly: true\nmaxLength: 5\nenum: [a]\n';
    expect(run(base, rev, req, 1).map((f) => `${f.rule} ${f.severity} ${f.location.line}`)).toEqual(
      [
        'request-read-only-property-max-length-decreased info 6',
        'request-read-only-property-enum-value-removed info 7',
      ],
    );
  });

  test('other changes inside readOnly properties are not reported in requests', () => {
    const base = 'type: object\nreadOnly: true\nproperties:\n  a: {type: integer}\n';
    const rev =
      'type: object\nreadOnly: true\nrequired: [b]\nproperties:\n  a: {type: boolean}\n  b: {type: string}\n';
    expect(run(base, rev, req, 1)).toEqual([]);
    expect(run(base, rev, PLACES[4]!, 1)).toEqual([]);
    // In responses they count.
    expect(run(base, rev, resp, 1).map((f) => f.rule)).toEqual([
      'response-property-type-changed',
      'response-required-property-added',
    ]);
  });

  test('a readOnly property added as required is not a new required request property', () => {
    const base = 'type: object\nproperties:\n  a: {type: string}\n';
    const rev =
      'type: object\nrequired: [id]\nproperties:\n  a: {type: string}\n  id: {type: string, readOnly: true}\n';
    expect(run(base, rev, req, 0)).toEqual([]);
    expect(run(base, rev, resp, 0).map((f) => `${f.rule} ${f.severity}`)).toEqual([
      'response-required-property-added info',
    ]);
  });

  test.each([
    ['required-property-added', 'response-required-write-only-property-added'],
    ['optional-property-added', 'response-optional-write-only-property-added'],
    ['required-property-removed', 'response-required-write-only-property-removed'],
    ['optional-property-removed', 'response-optional-write-only-property-removed'],
    ['property-became-required', 'response-write-only-property-became-required'],
    ['property-became-optional', 'response-write-only-property-became-optional'],
    ['enum-value-added', 'response-write-only-property-enum-value-added'],
  ])('%s of a writeOnly response property is %s (info)', (kind, id) => {
    const c = CASES.find((x) => x.kind === kind)!;
    const wo = (s: string) =>
      kind === 'enum-value-added'
        ? s.replace('type: string', 'type: string\nwriteOnly: true')
        : s.replace(/(\b[ab]): \{type: (\w+)/g, '$1: {writeOnly: true, type: $2');
    const got = run(wo(c.base), wo(c.rev), resp, 1).filter((f) => f.args.change === kind);
    expect(got.map((f) => `${f.rule} ${f.severity}`)).toEqual([`${id} info`]);
    // In requests a writeOnly property counts as usual.
    const r = run(wo(c.base), wo(c.rev), req, 1).filter((f) => f.args.change === kind);
    expect(r.map((f) => f.rule)).toEqual([expected(kind, 'request-property', 'write')!.id]);
  });

  test('in AsyncAPI and JSON Schema families a readOnly property does not count where consumers write', () => {
    const c = CASES.find((x) => x.kind === 'max-decreased')!;
    const both = PLACES.find((p) => p.name === 'document both')!;
    const write = PLACES.find((p) => p.name === 'document write')!;
    expect(run(ro(c.base), ro(c.rev), write, 1).map((f) => `${f.rule} ${f.severity}`)).toEqual([
      'schema-max-decreased info',
    ]);
    // Both directions: the read side still sees it (info there too for a max decrease).
    expect(run(ro(c.base), ro(c.rev), both, 1).map((f) => `${f.rule} ${f.severity}`)).toEqual([
      'schema-max-decreased info',
    ]);
    expect(run(c.base, c.rev, both, 1).map((f) => `${f.rule} ${f.severity}`)).toEqual([
      'schema-max-decreased breaking',
    ]);
  });
});

afterAll(() => {
  // Every generated rule is reachable by real detection and has been asserted above.
  const missing = GENERATED.map((r) => r.id).filter((id) => !fired.has(id));
  expect(missing).toEqual([]);
});

// Runs last (tests in a file run in order): the golden table of every schema rule's first case —
// rule, severity, file:line, place. A change to what fires, how severe or where is a diff here.
test('golden table: the first finding of every schema rule', async () => {
  expect(firstFinding.size).toBe(GENERATED.length);
  const table = [...firstFinding.values()].sort().join('\n') + '\n';
  await expect(table).toMatchFileSnapshot('./__golden__/schema-rules.txt');
});
