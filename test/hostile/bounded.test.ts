import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as gen from './generate.js';
import { HOSTILE, oneLine, tmpDir, treaty, type Run } from './run.js';

/**
 * Bounded work on any input: each hostile document below ends in a one-line error with file:line
 * and exit 2, in a child process with a 256 MB heap and a timeout, instead of a hang or a V8 heap
 * abort (what the issue measured: an alias bomb ran until killed, a schema 20 000 levels deep
 * aborted with exit 134). The limits are configurable, and a near miss under each passes.
 */

const DEPTH =
  /the document is nested too deeply (once \$refs are followed )?\(limit 256; set limits\.depth in treaty\.yaml or --max-depth\)$/;

let dir: string;
beforeAll(async () => {
  dir = await tmpDir();
});

function clean(r: Run): void {
  expect(r.timedOut).toBe(false);
  expect(r.signal).toBeNull();
}

async function refused(args: string[], file: string, line: number, pattern: RegExp, cwd?: string) {
  const r = await treaty(args, cwd ? { cwd } : {});
  clean(r);
  const msg = oneLine(r);
  expect(msg).toMatch(new RegExp(`^treaty: ${file}:${line}(:\\d+)?: `));
  expect(msg).toMatch(pattern);
  expect(r.code).toBe(2);
}

describe('depth', () => {
  it('an OpenAPI JSON schema nested 20 000 levels (1.5 MB): exit 2 at the line, not a heap abort', async () => {
    const file = await gen.deepJsonSchema(dir, 20_000);
    await refused(['diff', file, file], file, 1, DEPTH);
  });

  it('YAML nested 20 000 levels in flow style, and 3 000 in block style', async () => {
    const flow = await gen.deepYamlFlow(dir, 20_000);
    await refused(['diff', flow, flow], flow, 4, DEPTH);
    const block = await gen.deepYamlBlock(dir, 3_000);
    await refused(['diff', block, block], block, 645, DEPTH);
  });

  it('a JSON Schema shallow as text but 900 levels deep through a chain of $refs', async () => {
    const file = await gen.refChain(dir, 300);
    const r = await treaty(['diff', file, file]);
    clean(r);
    expect(oneLine(r)).toMatch(DEPTH);
    expect(oneLine(r)).toContain('once $refs are followed');
    expect(oneLine(r)).toMatch(new RegExp(`^treaty: ${file}:\\d+:\\d+: `));
    expect(r.code).toBe(2);
  });

  it('the same chain through OpenAPI components', async () => {
    const file = await gen.openapiRefChain(dir, 300);
    const r = await treaty(['diff', file, file]);
    clean(r);
    expect(oneLine(r)).toMatch(DEPTH);
    expect(r.code).toBe(2);
  });

  it('protobuf messages nested 300 levels', async () => {
    const file = await gen.deepProto(dir, 300);
    const r = await treaty(['diff', file, file]);
    clean(r);
    expect(oneLine(r)).toMatch(
      new RegExp(`^treaty: ${file}:259:1: the file is nested too deeply \\(limit 256;`),
    );
    expect(r.code).toBe(2);
  });

  it('near miss: --max-depth raises the limit and the same inputs compare clean', async () => {
    const chain = await gen.refChain(dir, 300);
    const proto = await gen.deepProto(dir, 300);
    for (const file of [chain, proto]) {
      const r = await treaty(['diff', file, file, '--max-depth', '2000']);
      clean(r);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const shallow = await gen.deepJsonSchema(dir, 100);
    const r = await treaty(['diff', shallow, shallow]);
    expect(r.code).toBe(0);
  });

  it('treaty.yaml limits.depth lowers it for a repository', async () => {
    const repo = path.join(dir, 'repo-depth');
    await fs.mkdir(repo, { recursive: true });
    await fs.copyFile(path.join(HOSTILE, 'ok', 'openapi.yaml'), path.join(repo, 'openapi.yaml'));
    await fs.writeFile(
      path.join(repo, 'treaty.yaml'),
      'version: 1\nlimits:\n  depth: 4\ncontracts:\n  - id: orders\n    format: openapi\n    path: openapi.yaml\n',
    );
    const r = await treaty(['check'], { cwd: repo });
    clean(r);
    expect(oneLine(r)).toMatch(
      /openapi\.yaml:\d+:\d+: the document is nested too deeply \(limit 4; set limits\.depth/,
    );
    expect(r.code).toBe(2);
    const bad = await treaty(['diff', 'openapi.yaml', 'openapi.yaml', '--max-depth', 'ten'], {
      cwd: repo,
    });
    expect(oneLine(bad)).toBe("treaty: --max-depth must be a positive integer, not 'ten'");
    expect(bad.code).toBe(2);
  });
});

describe('aliases, size, file count', () => {
  it('a YAML alias bomb (ten levels of nine-fold aliases) stops at the alias limit, fast', async () => {
    const file = path.join(HOSTILE, 'alias-bomb', 'openapi.yaml');
    const r = await treaty(['diff', file, file], { timeoutMs: 20_000 });
    clean(r);
    expect(oneLine(r)).toMatch(
      new RegExp(
        `^treaty: ${file}:8:\\d+: YAML aliases expand too much \\(an alias bomb\\?\\) \\(limit 10000; set limits\\.aliases`,
      ),
    );
    expect(r.code).toBe(2);
  });

  it('near miss: a document using a few aliases reads fine', async () => {
    const file = path.join(dir, 'aliases.yaml');
    await fs.writeFile(
      file,
      "openapi: 3.0.3\ninfo: {title: A, version: 1.0.0}\npaths:\n  /a:\n    get:\n      responses:\n        '200': &ok {description: ok}\n  /b:\n    get:\n      responses:\n        '200': *ok\n",
    );
    const r = await treaty(['diff', file, file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a file past the size limit is refused before it is parsed', async () => {
    const file = path.join(HOSTILE, 'ok', 'openapi.yaml');
    const r = await treaty(['diff', file, file, '--max-file-size-mb', '0.0001']);
    clean(r);
    expect(oneLine(r)).toMatch(
      new RegExp(
        `^treaty: ${file}:1: the file is \\d+ bytes, larger than treaty reads \\(limit 105 bytes; set limits\\.fileSizeMb`,
      ),
    );
    expect(r.code).toBe(2);
  });

  it('a tree with more files than the limit is refused', async () => {
    const root = await gen.manyFiles(dir, 30);
    const r = await treaty(['diff', root, root, '--max-files', '10']);
    clean(r);
    expect(oneLine(r)).toBe(
      `treaty: ${root}: more files than treaty reads in one tree (limit 10; set limits.files in treaty.yaml or --max-files)`,
    );
    expect(r.code).toBe(2);
    const ok = await treaty(['diff', root, root, '--max-files', '30']);
    expect(ok.code).toBe(0);
  });
});
