/**
 * A publisher of the git-registry stress and crash tests, run as a child process: its own service
 * folder and its own cache (so its own clone), publishing through the real CLI (the build in dist/,
 * which `npm test` makes first).
 *
 *   node git-publisher.js <registry-spec> <workdir> <contract> <major> <count|forever>
 *
 * Version i of the contract is an OpenAPI document `<major>.<i>.0` with paths /p0 … /p<i> (each
 * publish adds one operation: a minor release). Prints `published <contract> <version>` after each
 * publish that exited 0, `failed <code> <stderr>` otherwise.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const { main } = await import(pathToFileURL(path.join(ROOT, 'dist/cli/index.js')).href);

const [spec, work, contract, majorArg, countArg] = process.argv.slice(2);
const major = Number(majorArg);
const count = countArg === 'forever' ? Infinity : Number(countArg);
const dir = path.join(work, `${contract}-v${major}`);
await fs.mkdir(dir, { recursive: true });
await fs.writeFile(
  path.join(dir, 'treaty.yaml'),
  `version: 1\nregistry: '${spec}'\ncontracts:\n  - id: ${contract}\n    format: openapi\n    path: api.yaml\n`,
);

function document(version, operations, pad = 0) {
  const paths = Array.from(
    { length: operations },
    (_, i) =>
      `  /p${i}:\n    get:\n      operationId: get${i}\n      responses:\n        '200':\n          description: ok${'.'.repeat(pad)}\n`,
  ).join('');
  return `openapi: 3.0.3\ninfo:\n  title: ${contract}\n  version: ${version}\npaths:\n${paths}`;
}

process.stdout.write('ready\n');
for (let i = 0; i < count; i++) {
  await fs.writeFile(path.join(dir, 'api.yaml'), document(`${major}.${i}.0`, i + 1, i % 7));
  let stderr = '';
  const code = await main(['node', 'treaty', 'publish', '--cwd', dir], {
    out: () => {},
    err: (t) => (stderr += t),
    isTTY: false,
    cwd: dir,
    env: {
      TREATY_CACHE_DIR: path.join(work, `cache-${contract}-v${major}`),
      TREATY_PUBLISH_ATTEMPTS: '60',
    },
  });
  process.stdout.write(
    code === 0
      ? `published ${contract} ${major}.${i}.0\n`
      : `failed ${code} ${stderr.trim().replace(/\n/g, ' ')}\n`,
  );
  if (code !== 0) process.exit(1);
}
