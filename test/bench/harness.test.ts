import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksumProblems, dirDigest, sha256, treeDigest } from '../../bench/lib/checksum.mjs';
import { generate, prng } from '../../bench/generate.mjs';
import {
  formatRatio,
  median,
  renderMarkdown,
  renderText,
  replaceBetween,
  summarise,
  type Result,
} from '../../bench/lib/stats.mjs';

/**
 * The pure parts of the benchmark harness (bench/table.mjs). The benchmark itself never runs in
 * `npm test` and nothing here measures or asserts a time.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');

describe('bench: medians and ratios', () => {
  it('median of odd and even counts, ignoring what was not measured', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5, NaN, 1, 3])).toBe(3);
    expect(median([])).toBeNaN();
  });

  it('formats treaty / other as a factor, with more decimals for small ones', () => {
    expect(formatRatio(4.15, 1.87)).toBe('2.22×');
    expect(formatRatio(2.23, 46.6)).toBe('0.048×');
    expect(formatRatio(45, 2)).toBe('22.5×');
    expect(formatRatio(1, NaN)).toBe('–');
    expect(formatRatio(1, 0)).toBe('–');
  });

  it('summarises runs into rows: ratios against the pair’s treaty row, failures shown', () => {
    const run = (wall: number, breaking?: number) => ({ wall, rssMb: 100 + wall, breaking });
    const results: Result[] = [
      { pair: 'p', tool: 'treaty', kind: 'treaty', runs: [run(2, 7), run(4, 7), run(3, 7)] },
      { pair: 'p', tool: 'peer', kind: 'peer', runs: [run(6, 9), run(6, 9), run(9, 9)] },
      { pair: 'p', tool: 'floor', kind: 'floor', runs: [run(1), run(1), run(2)] },
      { pair: 'p', tool: 'slow', kind: 'peer', runs: [{ failure: 'timeout > 300 s' }] },
    ];
    const rows = summarise(results);
    expect(rows.map((r) => [r.tool, r.wall, r.breaking, r.vsPeer, r.vsFloor])).toEqual([
      ['treaty', 3, '7', '', ''],
      ['peer', 6, '9', '0.50×', ''],
      ['floor', 1, undefined, '', '3.00×'],
      ['slow', NaN, undefined, '–', ''],
    ]);
    expect(rows[3].failure).toBe('timeout > 300 s');
    expect(renderText(rows)).toContain('timeout > 300 s');
  });

  it('renders Markdown with every line the same width (prettier-padded)', () => {
    const rows = summarise([
      {
        pair: 'github',
        tool: 'treaty',
        kind: 'treaty',
        runs: [{ wall: 4.15, rssMb: 344, breaking: 12 }],
      },
      {
        pair: 'github',
        tool: 'api-smart-diff',
        kind: 'peer',
        runs: [{ wall: 9.07, rssMb: 900, breaking: 40 }],
      },
    ]);
    const lines = renderMarkdown(rows).split('\n');
    expect(lines).toHaveLength(4);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[1]).toMatch(/^\| -+ \| -+ \| -+: \|/);
  });

  it('replaces the README table between its markers, keeping the markers', () => {
    const text = 'a\n<!-- s -->\nold\n<!-- e -->\nb\n';
    expect(replaceBetween(text, '<!-- s -->', '<!-- e -->', 'new')).toBe(
      'a\n<!-- s -->\n\nnew\n\n<!-- e -->\nb\n',
    );
    expect(() => replaceBetween('no markers', '<!-- s -->', '<!-- e -->', 'x')).toThrow(/markers/);
  });
});

describe('bench: checksums of the corpus', () => {
  it('sha256 of known input', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('a tree digest changes with one byte, one path, one file more', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'treaty-bench-test-'));
    try {
      mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
      writeFileSync(path.join(dir, 'a', 'b', 'x.proto'), 'syntax = "proto3";\n');
      writeFileSync(path.join(dir, 'a', 'y.proto'), 'syntax = "proto3";\n');
      writeFileSync(path.join(dir, 'README.md'), 'not counted\n');
      const d0 = dirDigest(dir, ['.proto']);
      expect(d0.files).toBe(2);
      expect(d0).toEqual(
        treeDigest(
          new Map([
            ['a/y.proto', 'syntax = "proto3";\n'],
            ['a/b/x.proto', 'syntax = "proto3";\n'],
          ]),
        ),
      );
      writeFileSync(path.join(dir, 'README.md'), 'still not counted\n');
      expect(dirDigest(dir, ['.proto'])).toEqual(d0);
      writeFileSync(path.join(dir, 'a', 'y.proto'), 'syntax = "proto2";\n');
      expect(dirDigest(dir, ['.proto']).sha256).not.toBe(d0.sha256);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('verification names every mismatch, missing and unexpected file', () => {
    expect(checksumProblems({ a: '1', b: '2' }, { a: '1', b: '2' })).toEqual([]);
    expect(checksumProblems({ a: '1', b: '2' }, { a: '9', c: '3' })).toEqual([
      'a: sha256 9, expected 1',
      'b: missing',
      'c: not in the manifest',
    ]);
  });
});

describe('bench: the generated pairs', () => {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'bench', 'corpus.json'), 'utf8')) as {
    generated: Record<
      string,
      { seed: number; base: { sha256: string }; revision: { sha256: string } }
    >;
  };

  it('the PRNG is seeded', () => {
    const a = prng(7);
    const b = prng(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(prng(8)()).not.toBe(xs[0]);
  });

  for (const name of ['asyncapi', 'openapi-tree']) {
    it(`${name}: the same seed gives the same bytes, the ones recorded in bench/corpus.json`, () => {
      const { seed } = manifest.generated[name];
      const one = generate(name, seed);
      const two = generate(name, seed);
      for (const side of ['base', 'revision'] as const) {
        expect(treeDigest(two[side])).toEqual(treeDigest(one[side]));
        expect(treeDigest(one[side]).sha256).toBe(manifest.generated[name][side].sha256);
      }
      expect(treeDigest(one.revision).sha256).not.toBe(treeDigest(one.base).sha256);
    });
  }
});
