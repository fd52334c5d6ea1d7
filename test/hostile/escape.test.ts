import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { HOSTILE, oneLine, snapshot, tmpDir, treaty } from './run.js';

/**
 * Nothing is read from outside a contract tree through a symlink, and no contract id, version or
 * file name can make treaty write outside the registry. Each case: exit 2 with the message, the
 * folder outside unchanged, no registry written.
 */

let root: string;
let repo: string;
let outside: string;
const CONFIG = (id = 'orders') =>
  `version: 1\ncontracts:\n  - id: ${id}\n    format: openapi\n    path: openapi.yaml\n`;

beforeEach(async () => {
  root = await fs.realpath(await tmpDir());
  repo = path.join(root, 'repo');
  outside = path.join(root, 'outside');
  await fs.mkdir(repo);
  await fs.mkdir(outside);
  await fs.writeFile(path.join(outside, 'order.yaml'), 'type: object\n');
  await fs.writeFile(path.join(outside, 'secret.txt'), 'not yours\n');
  await fs.copyFile(path.join(HOSTILE, 'ok', 'openapi.yaml'), path.join(repo, 'openapi.yaml'));
  await fs.writeFile(path.join(repo, 'treaty.yaml'), CONFIG());
});

async function refWith(target: string): Promise<void> {
  const file = path.join(repo, 'openapi.yaml');
  const text = await fs.readFile(file, 'utf8');
  await fs.writeFile(file, text.replace("'#/components/schemas/Order'", `'${target}'`));
}

async function unchangedOutside(run: () => Promise<void>): Promise<void> {
  const before = await snapshot(outside);
  await run();
  expect(await snapshot(outside)).toEqual(before);
}

describe('symlinks are not followed out of a contract tree', () => {
  it('a $ref to a file that is a symlink to outside the tree', async () => {
    await fs.symlink(path.join(outside, 'order.yaml'), path.join(repo, 'order.yaml'));
    await refWith('order.yaml');
    const file = path.join(repo, 'openapi.yaml');
    const r = await treaty(['diff', file, file]);
    expect(oneLine(r)).toMatch(
      new RegExp(
        `^treaty: ${repo}/openapi\\.yaml:14:17: \\$ref 'order\\.yaml': is a symlink to ${outside}/order\\.yaml, outside the contract folder ${repo}; symlinks are not followed out of it`,
      ),
    );
    expect(r.code).toBe(2);
  });

  it('a $ref through a symlinked folder', async () => {
    await fs.symlink(outside, path.join(repo, 'shared'));
    await refWith('shared/order.yaml');
    const file = path.join(repo, 'openapi.yaml');
    const r = await treaty(['diff', file, file]);
    expect(oneLine(r)).toMatch(
      /openapi\.yaml:14:17: \$ref 'shared\/order\.yaml': is a symlink to .*outside the contract folder/,
    );
    expect(r.code).toBe(2);
  });

  it('near miss: a symlink inside the tree to another file of the tree is read', async () => {
    await fs.writeFile(path.join(repo, 'real-order.yaml'), 'type: object\n');
    await fs.symlink('real-order.yaml', path.join(repo, 'order.yaml'));
    await refWith('order.yaml');
    const file = path.join(repo, 'openapi.yaml');
    const r = await treaty(['diff', file, file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('a proto tree: a symlinked file is not part of the tree, an import through it is refused', async () => {
    const protos = path.join(root, 'protos');
    await fs.mkdir(protos);
    await fs.writeFile(path.join(outside, 'evil.proto'), 'this is not protobuf {{{\n');
    await fs.symlink(path.join(outside, 'evil.proto'), path.join(protos, 'evil.proto'));
    await fs.writeFile(
      path.join(protos, 'a.proto'),
      'syntax = "proto3";\npackage a.v1;\nmessage A { string id = 1; }\n',
    );
    const listed = await treaty(['diff', protos, protos]);
    expect(listed.stderr).toBe('');
    expect(listed.code).toBe(0);
    await fs.writeFile(
      path.join(protos, 'a.proto'),
      'syntax = "proto3";\npackage a.v1;\nimport "evil.proto";\nmessage A { string id = 1; }\n',
    );
    const imported = await treaty(['diff', protos, protos]);
    expect(oneLine(imported)).toMatch(/evil\.proto.*(symlink|not found|cannot)/);
    expect(imported.code).toBe(2);
  });
});

describe('nothing is written outside the registry', () => {
  it('a contract id with a path in it is refused by the config', async () => {
    await fs.writeFile(path.join(repo, 'treaty.yaml'), CONFIG('../outside/x'));
    await unchangedOutside(async () => {
      const r = await treaty(['publish'], { cwd: repo });
      expect(oneLine(r)).toMatch(/treaty\.yaml:3:\d+: invalid config: 'id' must match pattern/);
      expect(r.code).toBe(2);
    });
    await expect(fs.stat(path.join(repo, 'registry'))).rejects.toThrow();
  });

  it('a version with a path in it is refused', async () => {
    await unchangedOutside(async () => {
      const r = await treaty(['publish', '--version', '../../../outside/9.9.9'], { cwd: repo });
      expect(oneLine(r)).toMatch(/'\.\.\/\.\.\/\.\.\/outside\/9\.9\.9' is not a semantic version/);
      expect(r.code).toBe(2);
    });
    await expect(fs.stat(path.join(repo, 'registry'))).rejects.toThrow();
  });

  it('a referenced file outside the contract root is never published', async () => {
    await refWith('../outside/order.yaml');
    await unchangedOutside(async () => {
      const r = await treaty(['publish'], { cwd: repo });
      expect(oneLine(r)).toMatch(
        /file '\.\.\/outside\/order\.yaml' is outside the contract root or not a plain relative path/,
      );
      expect(r.code).toBe(2);
    });
    await expect(fs.stat(path.join(repo, 'registry'))).rejects.toThrow();
  });

  it('a contract folder in the registry that is a symlink to outside is refused', async () => {
    await fs.mkdir(path.join(repo, 'registry'));
    await fs.symlink(outside, path.join(repo, 'registry', 'orders'));
    await unchangedOutside(async () => {
      const r = await treaty(['publish'], { cwd: repo });
      expect(oneLine(r)).toMatch(/registry\/orders: .*symlink/);
      expect(r.code).toBe(2);
    });
  });
});
