import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScriptCache } from '../../src/boot/start.js';

/**
 * The code cache bin/treaty.js compiles the bundle from (src/boot/start.ts): a cache is used only
 * for the source it was recorded from, and a cache V8 cannot use leaves the script compiled from
 * source. What a script does never depends on its cache.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function pkg(): { base: string; cache: string; file: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'treaty-code-cache-'));
  dirs.push(root);
  const base = path.join(root, 'dist');
  return { base, cache: path.join(base, 'code-cache'), file: path.join(base, 'answer.cjs') };
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

/** Compiles and runs a CommonJS source through the cache; returns its module.exports. */
function run(cache: ScriptCache, file: string, source: string): unknown {
  const fn = cache.compile(file, source, sha1(source)).runInThisContext() as (
    ...a: unknown[]
  ) => void;
  const module = { exports: {} as unknown };
  fn(module.exports, require, module, file, path.dirname(file));
  return module.exports;
}

function recordFor(p: ReturnType<typeof pkg>, source: string): void {
  const rec = new ScriptCache(p.cache, p.base, true);
  expect(rec.has(p.file)).toBe(true);
  expect(run(rec, p.file, source)).toBe(42);
  expect(rec.save()).toBe(1);
}

describe('code cache', () => {
  const ANSWER = 'module.exports = (() => 6 * 7)();';

  it('records a script and compiles it from its cache', () => {
    const p = pkg();
    recordFor(p, ANSWER);
    const index = JSON.parse(readFileSync(path.join(p.cache, 'index.json'), 'utf8'));
    expect(Object.keys(index.scripts)).toEqual(['answer.cjs']);
    const cache = new ScriptCache(p.cache, p.base);
    expect(cache.has(p.file)).toBe(true);
    expect(cache.has(path.join(p.base, 'other.cjs'))).toBe(false);
    const script = cache.compile(p.file, ANSWER, sha1(ANSWER));
    expect(script.cachedDataRejected).toBe(false);
  });

  it('does not use the cache of another source, even of the same length', () => {
    const p = pkg();
    recordFor(p, ANSWER);
    const other = 'module.exports = (() => 6 + 7)();';
    expect(other.length).toBe(ANSWER.length);
    const cache = new ScriptCache(p.cache, p.base);
    const script = cache.compile(p.file, other, sha1(other));
    expect(script.cachedDataRejected).toBeUndefined(); // no cache offered
    expect(run(new ScriptCache(p.cache, p.base), p.file, other)).toBe(13);
  });

  it('compiles from source when V8 rejects the cache, or the cache is gone', () => {
    const p = pkg();
    recordFor(p, ANSWER);
    // Another package path: V8 would otherwise reuse this process's compilation of the source.
    const q = pkg();
    cpSync(p.cache, q.cache, { recursive: true });
    const index = JSON.parse(readFileSync(path.join(q.cache, 'index.json'), 'utf8'));
    const bin = path.join(q.cache, index.scripts['answer.cjs'].cache);
    writeFileSync(bin, Buffer.alloc(64, 7));
    const script = new ScriptCache(q.cache, q.base).compile(q.file, ANSWER, sha1(ANSWER));
    expect(script.cachedDataRejected).toBe(true);
    expect(run(new ScriptCache(q.cache, q.base), q.file, ANSWER)).toBe(42);
    rmSync(bin);
    expect(run(new ScriptCache(q.cache, q.base), q.file, ANSWER)).toBe(42);
  });

  it('ignores an index recorded by another V8', () => {
    const p = pkg();
    recordFor(p, ANSWER);
    const file = path.join(p.cache, 'index.json');
    const index = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...index, v8: '0.0.0' }));
    expect(new ScriptCache(p.cache, p.base).has(p.file)).toBe(false);
  });
});
