#!/usr/bin/env node
// Build step (after scripts/bundle.mjs): records V8's code cache of the bundle and of the CommonJS
// files it requires, into dist/code-cache/ (read by bin/treaty.js; src/boot/start.ts says how).
// The commands recorded are those whose start-up matters: `treaty check` on a copy of the demo
// service (all formats), `treaty publish` of it, `treaty check` again (the unchanged-commit fast
// path). Each must succeed: this step doubles as a smoke test of the bundle, so a
// bundle that cannot run fails the build.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const { record } = await import(path.join(root, 'dist', 'boot', 'start.js'));

const tmp = mkdtempSync(path.join(os.tmpdir(), 'treaty-code-cache-'));
try {
  const demo = path.join(tmp, 'demo');
  const fixture = path.join(root, 'fixtures', 'demo-service');
  const hasDemo = existsSync(fixture);
  if (hasDemo) cpSync(fixture, demo, { recursive: true });
  const { main, save } = record();
  let err = '';
  const io = {
    out: () => {},
    err: (t) => (err += t),
    isTTY: false,
    cwd: demo,
    env: { ...process.env, NO_COLOR: '1' },
  };
  // --help and --version do not run from the bundle (src/boot/start.ts); a package without its
  // fixtures records the bundle's top level only.
  const runs = hasDemo
    ? [
        ['check', '--cwd', demo],
        ['publish', '--cwd', demo],
        ['check', '--cwd', demo],
        ['check', '--cwd', demo, '--format', 'json'],
      ]
    : [['--version']];
  for (const args of runs) {
    err = '';
    const code = await main(['node', 'treaty', ...args], io);
    if (code !== 0)
      throw new Error(`treaty ${args.join(' ')} exited ${code} from the bundle\n${err}`);
  }
  console.log(`recorded the code cache of ${save()} scripts into dist/code-cache`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
