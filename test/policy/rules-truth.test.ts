import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EVOLUTION_MODES,
  type ContractRef,
  type Finding,
  type Format,
} from '../../src/core/model.js';
import { modesOf } from '../../src/core/rule.js';
import { compareContracts, loadContract } from '../../src/engine/run.js';
import { getCatalogue, sniffers } from '../../src/formats/index.js';
import { applyPolicy } from '../../src/policy/index.js';
import { fails } from '../../src/report/report.js';
import { runCli } from '../helpers/cli.js';
import { FIXTURES } from '../helpers/paths.js';

/**
 * The catalogue tells the truth about its modes: for every rule with a fixture pair (a folder
 * named after the rule under fixtures/<format>/, as the rule tests and `treaty rules` examples
 * use), the pair is compared through the real adapters and judged in every evolution mode; a
 * finding of the rule fails exactly when the rule (or its variant) lists that mode. And the
 * modes agree with what the comparer itself judged: a finding is `breaking` before policy exactly
 * when its modes list `backward`.
 */

const catalogue = getCatalogue();
const TODAY = '2025-01-01';
const OPTIONS: Record<Format, Array<Record<string, unknown>>> = {
  openapi: [{ today: TODAY }, { today: TODAY, minSunsetStableDays: 30 }, { lenient: true }],
  asyncapi: [{}, { perspective: 'client' }, { lenient: true }],
  jsonschema: [{}, { lenient: true }],
  protobuf: [{ categories: ['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE'] }],
  avro: [{}],
};

interface Pair {
  rule: string;
  format: Format;
  dir: string;
  base: string;
  revision: string;
  dirs: boolean;
}

const DOC = ['.yaml', '.yml', '.json', '.avsc'];
const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
const doc = (dir: string, name: string) =>
  DOC.map((e) => path.join(dir, name + e)).find((p) => existsSync(p));

function pairs(): Pair[] {
  const out: Pair[] = [];
  const walk = (format: Format, dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      if (!d.isDirectory() || d.name.includes('near-miss') || d.name.startsWith('_')) continue;
      const sub = path.join(dir, d.name);
      if (catalogue.has(d.name)) {
        const [b, r] = format === 'protobuf' ? ['previous', 'current'] : ['base', 'revision'];
        if (isDir(path.join(sub, b)) && isDir(path.join(sub, r))) {
          out.push({
            rule: d.name,
            format,
            dir: sub,
            base: path.join(sub, b),
            revision: path.join(sub, r),
            dirs: true,
          });
          continue;
        }
        const bf = doc(sub, 'base');
        const rf = doc(sub, 'revision');
        if (bf && rf)
          out.push({ rule: d.name, format, dir: sub, base: bf, revision: rf, dirs: false });
      } else if (!catalogue.has(d.name)) walk(format, sub);
    }
  };
  for (const format of ['openapi', 'asyncapi', 'protobuf', 'jsonschema', 'avro'] as const)
    if (isDir(path.join(FIXTURES, format))) walk(format, path.join(FIXTURES, format));
  return out.sort((a, b) => a.dir.localeCompare(b.dir));
}

function ref(pair: Pair, side: string, options: Record<string, unknown>): ContractRef {
  if (!pair.dirs) {
    return {
      id: 'truth',
      format: pair.format,
      root: path.dirname(side),
      entries: [path.basename(side)],
      options,
    };
  }
  const entries: string[] = [];
  if (pair.format !== 'protobuf') {
    const adapter = sniffers().find((s) => s.format === pair.format)!;
    for (const f of readdirSync(side, { recursive: true, encoding: 'utf8' }).sort()) {
      const full = path.join(side, f);
      if (DOC.includes(path.extname(f)) && statSync(full).isFile()) {
        if (adapter.detect(f, readFileSync(full, 'utf8')))
          entries.push(f.split(path.sep).join('/'));
      }
    }
  }
  return { id: 'truth', format: pair.format, root: side, entries, options };
}

/**
 * Every finding of the pair (in both orders: swapping base and revision fires the opposite
 * rules), under the first option set that fires the pair's rule.
 */
async function fire(pair: Pair, onlyRule = false): Promise<Finding[]> {
  for (const options of OPTIONS[pair.format]) {
    try {
      const base = await loadContract(ref(pair, pair.base, options));
      const rev = await loadContract(ref(pair, pair.revision, options));
      const forward = compareContracts(base, rev);
      if (!forward.some((f) => f.rule === pair.rule)) continue;
      if (onlyRule) return forward.filter((f) => f.rule === pair.rule);
      return [...forward, ...compareContracts(rev, base)];
    } catch {
      // this option set cannot load the pair (e.g. strict validation): try the next
    }
  }
  return [];
}

const ALL = pairs();

describe('rules tell the truth about their modes', () => {
  it('finds fixture pairs of every format', () => {
    const by = (f: Format) => ALL.filter((p) => p.format === f).length;
    expect(by('openapi')).toBeGreaterThan(50);
    expect(by('protobuf')).toBeGreaterThan(50);
    expect(by('asyncapi')).toBeGreaterThan(30);
    expect(by('jsonschema')).toBeGreaterThan(0);
  });

  it('for each rule with a fixture pair, a finding fails in a mode exactly when its modes list it', async () => {
    const wrong: string[] = [];
    const disagree: string[] = [];
    const rules = new Set<string>();
    const exempted = new Set<string>();
    for (const pair of ALL) {
      for (const f of await fire(pair)) {
        const rule = catalogue.require(f.rule);
        const modes = modesOf(rule, f.variant);
        for (const mode of EVOLUTION_MODES) {
          const [judgedF] = applyPolicy([f], {
            severity: {},
            evolution: () => mode,
            catalogue,
          });
          const failed = fails(judgedF!, 'breaking');
          // An exemption (a deprecated element removed after its sunset) passes in every mode.
          const exempt = judgedF!.verdict?.by === 'exempt';
          if (exempt) exempted.add(f.rule);
          if (failed !== (modes.includes(mode) && !exempt))
            wrong.push(`${f.rule} (${f.variant ?? 'default'}) in ${mode}: fails=${failed}`);
        }
        // The comparer's own judgement in the change's direction is the backward verdict.
        if ((f.severity === 'breaking') !== modes.includes('backward'))
          disagree.push(`${f.rule} (${f.variant ?? 'default'}): ${f.severity} vs [${modes}]`);
        rules.add(f.rule);
      }
    }
    expect(rules.size).toBeGreaterThan(200);
    expect([...new Set(wrong)]).toEqual([]);
    expect([...new Set(disagree)]).toEqual([]);
  }, 300_000);

  // The same through the command line: `treaty diff --evolution <mode>` on a pair per format.
  const SAMPLES = [
    ['openapi', 'request-parameter-removed'],
    ['openapi', 'request-parameter-default-value-changed'],
    ['protobuf', 'field-same-type'],
    ['asyncapi', 'channel-address-changed'],
  ] as const;
  for (const [format, id] of SAMPLES) {
    it(`treaty diff --evolution: ${id} fails exactly in its modes`, async () => {
      const pair = ALL.find((p) => p.format === format && p.rule === id);
      expect(pair, `fixture pair for ${id}`).toBeDefined();
      const [f] = await fire(pair!, true);
      expect(f).toBeDefined();
      const modes = modesOf(catalogue.require(id), f!.variant);
      for (const mode of EVOLUTION_MODES) {
        const r = await runCli([
          'diff',
          pair!.base,
          pair!.revision,
          '--evolution',
          mode,
          '-f',
          'json',
        ]);
        const report = JSON.parse(r.stdout) as {
          findings: Array<{ rule: string; fails: boolean; why: { by: string; mode?: string } }>;
        };
        const mine = report.findings.filter((x) => x.rule === id);
        expect(mine.length, `${id} in ${mode}`).toBeGreaterThan(0);
        for (const x of mine) {
          expect(x.fails, `${id} in ${mode}`).toBe(modes.includes(mode));
          expect(x.why.mode).toBe(mode);
        }
      }
    });
  }
});
