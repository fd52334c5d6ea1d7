import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContractRef, EvolutionMode, Format } from '../../src/core/model.js';
import { compareContracts, loadContract } from '../../src/engine/run.js';
import { getCatalogue } from '../../src/formats/index.js';
import { applyPolicy } from '../../src/policy/index.js';
import { buildReport, decide } from '../../src/report/report.js';
import { FIXTURES } from '../helpers/paths.js';

/**
 * The evolution modes, table-driven, for every format: each row is a real pair under
 * fixtures/policy/modes/<format>/<case>[-<direction>] and its verdict in each mode, spelled
 * `expansion backward forward full none` with F (the check fails) or . (it passes).
 *
 * `write` puts the change where consumers send the data (an OpenAPI request body, the message an
 * AsyncAPI application receives, a protobuf request message, a JSON Schema with direction write);
 * `read` where they receive it. As in schema registries, a change that fails backward in one
 * direction fails forward in the other; expansion fails on anything published that changes in
 * place or disappears.
 *
 * Part B (deprecation → sunset → removal) adds its rows to ROWS: `deprecated-removed-before-sunset`
 * (fails wherever a removal fails) and `deprecated-removed-after-sunset` (passes, exempt).
 */
const MODES: EvolutionMode[] = ['expansion', 'backward', 'forward', 'full', 'none'];

type Verdicts = string; // e.g. 'FF.F.'

/** The same schema changes in the three schema-based formats. */
const SCHEMA_ROWS: Array<[string, Verdicts]> = [
  ['addition-write', '.....'],
  ['addition-read', '.....'],
  ['optional-removal-write', 'F....'],
  ['optional-removal-read', 'F....'],
  ['required-addition-write', 'FF.F.'],
  ['required-addition-read', '..FF.'],
  ['widening-write', 'F.FF.'],
  ['widening-read', 'FF.F.'],
  ['narrowing-write', 'FF.F.'],
  ['narrowing-read', 'F.FF.'],
  ['enum-addition-write', '.....'],
  ['enum-addition-read', 'F....'],
  ['enum-removal-write', 'FF.F.'],
  ['enum-removal-read', 'F.FF.'],
  // A required property renamed (id → orderId). Since main's comparator reports only the removal
  // of the old name for a rename (not the new required name), forward passes where it would fail
  // on the addition: recorded as it behaves today, see the report of issue 9 part A.
  ['rename-write', 'FF.F.'],
  ['rename-read', 'FF.F.'],
];

/** buf's rules keep wire, JSON and generated code: a change in place breaks both directions. */
const PROTOBUF_ROWS: Array<[string, Verdicts]> = [
  ['addition-write', '.....'],
  ['addition-read', '.....'],
  ['optional-removal-write', 'FF.F.'],
  ['optional-removal-read', 'FF.F.'],
  ['required-addition-write', 'FFFF.'],
  ['required-addition-read', 'FFFF.'],
  ['widening-write', 'FFFF.'],
  ['widening-read', 'FFFF.'],
  ['narrowing-write', 'FFFF.'],
  ['narrowing-read', 'FFFF.'],
  ['enum-addition-write', '.....'],
  ['enum-addition-read', '.....'],
  ['enum-removal-write', 'FF.F.'],
  ['enum-removal-read', 'FF.F.'],
  ['rename-write', 'FFFF.'],
  ['rename-read', 'FFFF.'],
  // An element in a v1alpha1 package (below the default threshold beta) changes freely.
  ['below-threshold', '.....'],
];

const ROWS: Partial<Record<Format, Array<[string, Verdicts]>>> = {
  openapi: [
    ...SCHEMA_ROWS,
    // An alpha operation gets a new required parameter: reported, exempt.
    ['below-threshold', '.....'],
    // stable → alpha: lowering the stability is breaking.
    ['stability-lowered', 'FF.F.'],
  ],
  asyncapi: [
    ...SCHEMA_ROWS,
    // An alpha channel's message loses a property and widens a bound: reported, exempt.
    ['below-threshold', '.....'],
    ['stability-lowered', 'FF.F.'],
  ],
  // JSON Schema documents: the direction comes from the contract's `direction` option.
  jsonschema: [
    ...SCHEMA_ROWS,
    // A schema file whose root says x-stability-level: alpha loses a property and narrows a
    // bound: reported, exempt.
    ['below-threshold-write', '.....'],
    ['below-threshold-read', '.....'],
    // stable → beta at the root: lowering the stability is breaking.
    ['stability-lowered-write', 'FF.F.'],
  ],
  protobuf: PROTOBUF_ROWS,
};

const TODAY = '2025-01-01';

function sides(format: Format, row: string): { base: ContractRef; rev: ContractRef } {
  if (format === 'jsonschema') {
    const [, kase, dir] = /^(.*)-(write|read)$/.exec(row)!;
    const dirPath = path.join(FIXTURES, 'policy/modes/jsonschema', kase!);
    const mk = (file: string): ContractRef => ({
      id: 'orders',
      format,
      root: dirPath,
      entries: [file],
      options: { direction: dir },
    });
    return { base: mk('base.json'), rev: mk('revision.json') };
  }
  const dirPath = path.join(FIXTURES, 'policy/modes', format, row);
  if (format === 'protobuf') {
    const mk = (side: string): ContractRef => ({
      id: 'orders',
      format,
      root: path.join(dirPath, side),
      entries: [],
      options: {},
    });
    return { base: mk('previous'), rev: mk('current') };
  }
  const mk = (file: string): ContractRef => ({
    id: 'orders',
    format,
    root: dirPath,
    entries: [file],
    options: format === 'openapi' ? { today: TODAY } : {},
  });
  return { base: mk('base.yaml'), rev: mk('revision.yaml') };
}

async function verdicts(format: Format, row: string): Promise<{ got: string; why: string[] }> {
  const { base, rev } = sides(format, row);
  const findings = compareContracts(await loadContract(base), await loadContract(rev));
  let got = '';
  const why: string[] = [];
  for (const mode of MODES) {
    const policed = applyPolicy(findings, {
      severity: {},
      evolution: () => mode,
      catalogue: getCatalogue(),
      stability: () => 'beta',
    });
    const report = buildReport('test', 'breaking', [{ id: 'orders', format }], policed);
    got += report.summary.failed ? 'F' : '.';
    for (const f of policed) {
      const d = decide(f, 'breaking');
      why.push(
        `${mode}: ${f.rule}${f.variant ? ` (${f.variant})` : ''} ${d.fails ? 'fails' : 'passes'}: ${d.text}`,
      );
    }
  }
  return { got, why };
}

describe('evolution modes × changes, per format', () => {
  for (const [format, rows] of Object.entries(ROWS) as Array<[Format, Array<[string, Verdicts]>]>) {
    describe(format, () => {
      for (const [row, want] of rows) {
        it(`${row}: ${MODES.map((m, i) => `${m} ${want[i] === 'F' ? 'fails' : 'passes'}`).join(', ')}`, async () => {
          if (format !== 'jsonschema')
            expect(existsSync(path.join(FIXTURES, 'policy/modes', format, row))).toBe(true);
          const { got, why } = await verdicts(format, row);
          expect(got, why.join('\n')).toBe(want);
        });
      }
    });
  }

  it('a finding below the stability threshold says why it passes', async () => {
    const { base, rev } = sides('openapi', 'below-threshold');
    const findings = compareContracts(await loadContract(base), await loadContract(rev));
    const policed = applyPolicy(findings, {
      severity: {},
      evolution: () => 'expansion',
      catalogue: getCatalogue(),
      stability: () => 'beta',
    });
    const param = policed.find((f) => f.rule === 'new-required-request-parameter');
    expect(param?.stability).toBe('alpha');
    expect(decide(param!, 'breaking')).toMatchObject({
      fails: false,
      by: 'stability',
      text: 'exempt: alpha is below the stability threshold beta',
    });
    // With the threshold at alpha, the same change fails.
    const strict = applyPolicy(findings, {
      severity: {},
      evolution: () => 'expansion',
      catalogue: getCatalogue(),
      stability: () => 'alpha',
    });
    const p2 = strict.find((f) => f.rule === 'new-required-request-parameter')!;
    expect(decide(p2, 'breaking')).toMatchObject({ fails: true, by: 'mode', mode: 'expansion' });
  });
});
