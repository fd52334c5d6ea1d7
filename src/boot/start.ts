import { isAscii } from 'node:buffer';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { VERSION } from '../cli/common.js';
import type { CliIO } from '../cli/io.js';

/**
 * How bin/treaty.js starts the CLI (issue 12: start-up), as dist/boot/start.cjs (this module
 * bundled as CommonJS by scripts/bundle.mjs, so a run never starts Node's ES module loader; bin
 * answers `--version` itself). `npm run build` bundles dist/ and the
 * dependencies it imports into one CommonJS file, dist/treaty.cjs (scripts/bundle.mjs): one file
 * read, no module resolution, commands and format engines still evaluated only when used. It then
 * runs the bundle on the demo service and records V8's code cache of every script compiled — the
 * bundle and the CommonJS files required at run time, such as the precompiled validators — in
 * dist/code-cache/ (scripts/code-cache.mjs). A run compiles each of those scripts from its cache
 * instead of from source.
 *
 * A cache is used only for the exact source it was recorded from (sha1) and the same V8 version;
 * V8 rejects one recorded under other flags, and then compiles from source. Nothing is written at
 * run time. Without a bundle (a build that stopped after tsc), or with TREATY_NO_BUNDLE=1 (module
 * traces in tests, stack traces into dist/ modules), the CLI runs from the ES modules of dist/.
 */

const DIST = fileURLToPath(new URL('../', import.meta.url));
const BUNDLE = path.join(DIST, 'treaty.cjs');

type Main = (argv: string[], io?: CliIO) => Promise<number>;

/** index.json of a cache folder: each script's cache file, by its path relative to the base. */
interface CacheIndex {
  v8: string;
  scripts: Record<string, { sha1: string; cache: string }>;
}

const DYNAMIC_IMPORT = /\bimport\s*\(/;

const sha1 = (text: string | Buffer) => createHash('sha1').update(text).digest('hex');

/**
 * Compiles scripts from the code cache recorded for them in a folder (dist/code-cache), each only
 * for the exact source it was recorded from; else, or when V8 rejects the cache, from source.
 */
export class ScriptCache {
  private readonly index: CacheIndex | undefined;
  /** Scripts compiled while recording, to save their caches. */
  private readonly compiled = new Map<string, { sha1: string; script: vm.Script }>();

  /**
   * @param dir the cache folder
   * @param base scripts are keyed by their path relative to it; when recording, every script
   *   below its parent folder (the package) is recorded
   */
  constructor(
    private readonly dir: string,
    private readonly base: string,
    private readonly recording = false,
  ) {
    this.index = recording ? undefined : readIndex(path.join(dir, 'index.json'));
  }

  private key(file: string): string {
    return path.relative(this.base, file).split(path.sep).join('/');
  }

  /** Does this script compile through the cache (the others are left to Node)? */
  has(file: string): boolean {
    return this.recording
      ? !path.relative(path.dirname(this.base), file).startsWith('..')
      : !!this.index?.scripts[this.key(file)];
  }

  /** A script of the CommonJS wrapper around `source`; `hash` is the sha1 of its bytes. */
  compile(file: string, source: string, hash: string): vm.Script {
    const entry = this.index?.scripts[this.key(file)];
    let cachedData: Buffer | undefined;
    if (entry?.sha1 === hash) {
      try {
        cachedData = readFileSync(path.join(this.dir, entry.cache));
      } catch {
        cachedData = undefined;
      }
    }
    const script = new vm.Script(Module.wrap(source), {
      filename: file,
      ...(cachedData ? { cachedData } : {}),
    });
    // A script compiled here cannot import(): Node 20 gives one compiled with cached data no
    // dynamic-import callback. One that uses import() is not recorded, so Node compiles it.
    if (this.recording && !DYNAMIC_IMPORT.test(source)) {
      this.compiled.set(this.key(file), { sha1: hash, script });
    }
    return script;
  }

  /** Writes every compiled script's cache and the index (build time only); returns how many. */
  save(): number {
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    const index: CacheIndex = { v8: process.versions.v8, scripts: {} };
    let n = 0;
    for (const [rel, { sha1, script }] of this.compiled) {
      const cache = `${n++}.bin`;
      writeFileSync(path.join(this.dir, cache), script.createCachedData());
      index.scripts[rel] = { sha1, cache };
    }
    writeFileSync(path.join(this.dir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
    return n;
  }
}

/** The index, when it was recorded by this V8 (another's caches would all be rejected). */
function readIndex(file: string): CacheIndex | undefined {
  try {
    const index = JSON.parse(readFileSync(file, 'utf8')) as CacheIndex;
    return index.v8 === process.versions.v8 ? index : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CommonJS files required at run time (the precompiled validators, packages loaded through
 * createRequire) compile from their caches: for a file with a cache, Node's compile step is
 * replaced by one with cached data, with the same wrapper and arguments; any other file is
 * compiled by Node as before.
 */
function hookRequire(cache: ScriptCache): void {
  const proto = Module.prototype as unknown as {
    _compile(this: Module, content: string, filename: string, ...rest: unknown[]): unknown;
  };
  const compile = proto._compile;
  proto._compile = function (content, filename, ...rest) {
    // rest[0] is the format Node detected: an ES module required from CommonJS is left to Node.
    if (rest[0] === 'module' || !cache.has(filename)) {
      return compile.call(this, content, filename, ...rest);
    }
    const fn = cache.compile(filename, content, sha1(content)).runInThisContext({
      displayErrors: true,
    }) as (...args: unknown[]) => unknown;
    return fn.call(
      this.exports,
      this.exports,
      createRequire(filename),
      this,
      filename,
      path.dirname(filename),
    );
  };
}

/** The bundle's `main`, compiled through the cache; undefined when there is no bundle. */
function loadBundle(cache: ScriptCache): Main | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(BUNDLE);
  } catch {
    return undefined;
  }
  // The build writes the bundle in ASCII: read as latin1, that is the cheapest decoding.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const fn = cache.compile(BUNDLE, source, sha1(bytes)).runInThisContext({
    displayErrors: true,
  }) as (...args: unknown[]) => unknown;
  const module = { exports: {} as { main?: Main } };
  fn.call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, DIST);
  return module.exports.main;
}

/**
 * `--help` prints from the command declarations alone (commander and a few small modules of
 * dist/): reading the bundle and its cache costs it more than it saves.
 */
function declarationsOnly(args: string[]): boolean {
  if (args.length === 0 || args[0] === 'help') return true;
  return args.some((a) => a === '--help' || a === '-h');
}

/** Runs the CLI on `argv` and resolves to its exit code. */
export async function start(argv: string[]): Promise<number> {
  const args = argv.slice(2);
  // `treaty --version` alone prints what commander would print, without loading commander.
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  let main: Main | undefined;
  if (!process.env.TREATY_NO_BUNDLE && !declarationsOnly(args)) {
    const cache = new ScriptCache(path.join(DIST, 'code-cache'), DIST);
    hookRequire(cache);
    main = loadBundle(cache);
  }
  return (main ?? (await import('../cli/index.js')).main)(argv);
}

/**
 * Build time (scripts/code-cache.mjs): loads the bundle, compiling every script below the package
 * from source; the caller runs commands with `main`, then `save` writes their caches.
 */
export function record(): { main: Main; save: () => number } {
  const cache = new ScriptCache(path.join(DIST, 'code-cache'), DIST, true);
  hookRequire(cache);
  const main = loadBundle(cache);
  if (!main) throw new Error(`no bundle at ${BUNDLE}: run scripts/bundle.mjs first`);
  return { main, save: () => cache.save() };
}
