import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirSource } from '../../src/core/source.js';

/**
 * A listed file is read without resolving its path (the listing saw no symlink on its way), yet a
 * file swapped for a symlink after the listing is still never followed out of the tree.
 */
const tmp = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'treaty-dir-source-')));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function tree(name: string): { root: string; outside: string } {
  const root = path.join(tmp, name, 'root');
  const outside = path.join(tmp, name, 'outside');
  mkdirSync(path.join(root, 'a'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(path.join(root, 'a', 'x.proto'), 'syntax = "proto3";\n');
  writeFileSync(path.join(root, 'y.proto'), 'syntax = "proto2";\n');
  writeFileSync(path.join(outside, 'secret.proto'), 'not yours\n');
  return { root, outside };
}

describe('DirSource', () => {
  it('reads the files it listed', async () => {
    const { root } = tree('listed');
    const src = new DirSource(root);
    expect(await src.list()).toEqual(['a/x.proto', 'y.proto']);
    expect(await src.read('a/x.proto')).toBe('syntax = "proto3";\n');
    expect(await src.read('y.proto')).toBe('syntax = "proto2";\n');
  });

  it('refuses a listed file replaced by a symlink to outside the tree', async () => {
    const { root, outside } = tree('swapped');
    const src = new DirSource(root);
    await src.list();
    rmSync(path.join(root, 'y.proto'));
    symlinkSync(path.join(outside, 'secret.proto'), path.join(root, 'y.proto'));
    await expect(src.read('y.proto')).rejects.toThrow(/is a symlink to .*outside the contract/);
  });

  it('near miss: a listed file replaced by a symlink inside the tree is read', async () => {
    const { root } = tree('inside');
    const src = new DirSource(root);
    await src.list();
    rmSync(path.join(root, 'y.proto'));
    symlinkSync(path.join(root, 'a', 'x.proto'), path.join(root, 'y.proto'));
    expect(await src.read('y.proto')).toBe('syntax = "proto3";\n');
  });

  it('a missing listed file is "file not found"', async () => {
    const { root } = tree('gone');
    const src = new DirSource(root);
    await src.list();
    rmSync(path.join(root, 'y.proto'));
    await expect(src.read('y.proto')).rejects.toThrow(/file not found/);
  });
});
