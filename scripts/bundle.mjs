#!/usr/bin/env node
// Build step (after tsc): bundles the CLI (dist/cli/index.js, every module it imports, and the
// packages they import) into one CommonJS file, dist/treaty.cjs, which bin/treaty.js runs through
// V8's code cache (src/boot/start.ts says how). esbuild keeps a dynamic import() lazy: a command's
// module and a format's engine are still evaluated only when used. Left out: @asyncapi/parser
// (loaded by a rare path, large), and whatever is required at run time through createRequire (the
// precompiled validators, @asyncapi/specs, avsc, Ajv's draft-specific classes).
import * as esbuild from 'esbuild';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const out = path.join(dist, 'treaty.cjs');
const EXTERNAL = ['@asyncapi/parser'];

// A module's import.meta.url is its own file in dist/ (paths to package.json, the validators and
// rule examples are relative to it), not the bundle's.
/** The banner that defines __treatyModuleUrl in a bundle written to `dir` (below dist/). */
const moduleUrlBanner = (dir) =>
  `const __treatyModuleUrl = (rel) => require("node:url").pathToFileURL(require("node:path").join(__dirname, ${JSON.stringify(path.relative(dir, dist).split(path.sep).join('/') || '.')}, rel)).href;`;
const importMetaUrl = {
  name: 'import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.js$/ }, async (args) => {
      if (!args.path.startsWith(dist + path.sep)) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const rel = path.relative(dist, args.path).split(path.sep).join('/');
      return {
        contents: text.replaceAll('import.meta.url', `__treatyModuleUrl(${JSON.stringify(rel)})`),
        loader: 'js',
      };
    });
  },
};

// The bundle is compiled from a code cache, and Node 20 gives such a script no dynamic-import
// callback: an external package loaded with import() is required instead (both are CommonJS).
const requireExternals = {
  name: 'require-externals',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' && EXTERNAL.includes(args.path)
        ? { path: args.path, namespace: 'required' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'required' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

await esbuild.build({
  entryPoints: [path.join(dist, 'cli', 'index.js')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: EXTERNAL,
  plugins: [importMetaUrl, requireExternals],
  banner: { js: moduleUrlBanner(dist) },
  legalComments: 'none',
  logLevel: 'warning',
});

// esbuild escapes every non-ASCII character but those in comments: escaping them too makes the
// file ASCII, which the start-up reads as latin1 (the cheapest decoding).
const text = await readFile(out, 'utf8');
if (/\bimport\s*\(/.test(text.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, ''))) {
  throw new Error('dist/treaty.cjs has a dynamic import(): it could not run from its code cache');
}
await writeFile(
  out,
  text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
);
console.log(`bundled dist/cli into dist/treaty.cjs (${(text.length / 1e6).toFixed(1)} MB)`);

// bin/treaty.js (CommonJS) requires the start-up as CommonJS too, so Node never starts its ES
// module loader for a run of the bundle: dist/boot/start.js and the small modules it imports, in
// one file. Its fallback, the ES modules of dist/ (import('../cli/index.js')), stays an import().
await esbuild.build({
  entryPoints: [path.join(dist, 'boot', 'start.js')],
  outfile: path.join(dist, 'boot', 'start.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['../cli/index.js'],
  plugins: [importMetaUrl],
  banner: { js: moduleUrlBanner(path.join(dist, 'boot')) },
  legalComments: 'none',
  logLevel: 'warning',
});
