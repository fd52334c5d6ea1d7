import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { copyFixture, tmpDir } from './helpers.js';

/**
 * The main job end to end, in a temporary git repository, through the CLI: publish 1.0.0 → an
 * additive change passes the check and publishes as 1.1.0 → a breaking change fails the check
 * (rule and line named) and cannot be published in line 1 → published as 2.0.0 → verify passes.
 */

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  });

describe('publish and check, end to end', () => {
  it('init → 1.0.0 → additive 1.1.0 → breaking refused → 2.0.0 → verify', async () => {
    const repo = await tmpDir('treaty-e2e-');
    const api = path.join(repo, 'api');
    await copyFixture(api);
    await fs.writeFile(
      path.join(repo, 'treaty.yaml'),
      'contracts:\n  - id: petstore\n    format: openapi\n    path: api/openapi.yaml\n',
    );
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'petstore api');
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const spec = path.join(api, 'openapi.yaml');
    const edit = async (from: string | RegExp, to: string) =>
      fs.writeFile(spec, (await fs.readFile(spec, 'utf8')).replace(from, to));

    // 1. First publish: the document's version.
    const first = await runCli(['publish'], repo);
    expect(first).toEqual({
      code: 0,
      stderr: '',
      stdout: 'published petstore 1.0.0 → registry/petstore/1.0.0 (first published version)\n',
    });
    const m1 = JSON.parse(
      await fs.readFile(path.join(repo, 'registry/petstore/1.0.0/manifest.json'), 'utf8'),
    );
    expect(m1.source).toEqual({ commit: head, dirty: false });
    expect(m1.files.map((f: { path: string }) => f.path)).toEqual([
      'openapi.yaml',
      'schemas/pet.yaml',
    ]);
    expect((await runCli(['publish'], repo)).stdout).toBe(
      'petstore: nothing to publish, no file changed since 1.0.0\n',
    );
    const unchanged = await runCli(['check'], repo);
    expect(unchanged.code, unchanged.stdout + unchanged.stderr).toBe(0);

    // 2. An additive change: the check passes, publish computes 1.1.0.
    await edit(
      /\n {2}\/pets\/\{petId\}:/,
      [
        '',
        '  /owners:',
        '    get:',
        '      operationId: listOwners',
        '      responses:',
        "        '200':",
        '          description: The owners',
        '  /pets/{petId}:',
      ].join('\n'),
    );
    const additive = await runCli(['check'], repo);
    expect(additive.code, additive.stdout + additive.stderr).toBe(0);
    const dry = await runCli(['publish', '--dry-run'], repo);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /^would publish petstore 1\.1\.0 \(minor release against 1\.0\.0: 1 addition/,
    );
    expect(await fs.readdir(path.join(repo, 'registry/petstore'))).toEqual([
      '1.0.0',
      'CHANGELOG.md',
    ]);
    const minor = await runCli(['publish'], repo);
    expect(minor.code, minor.stderr).toBe(0);
    expect(minor.stdout).toMatch(
      /^published petstore 1\.1\.0 → registry\/petstore\/1\.1\.0 \(minor release against 1\.0\.0: 1 addition/,
    );
    const changelog = await fs.readFile(path.join(repo, 'registry/petstore/CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(
      /## 1\.1\.0 \([\d-]+\)\n\nCompared with 1\.0\.0 \(minor\) · source [0-9a-f]{12} \(with uncommitted changes\)\.\n\n### Added\n\n- .*listOwners|\/owners/,
    );
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'owners; published 1.1.0');

    // 3. A breaking change: the check fails naming the rule and the line; publish refuses.
    await edit(/\n {2}\/pets\/\{petId\}:[\s\S]*$/, '\n');
    const breaking = await runCli(['check'], repo);
    expect(breaking.code).toBe(1);
    // At the surviving `paths` of the working tree, with where the path was.
    expect(breaking.stdout).toMatch(/^api\/openapi\.yaml:\d+:\d+ +breaking/m);
    expect(breaking.stdout).toMatch(/was at: registry\/petstore\/1\.1\.0\/openapi\.yaml:31:3/);
    expect(breaking.stdout).toContain('api-path-removed-without-deprecation');
    const refused = await runCli(['publish'], repo);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /^treaty: 1 breaking change against 1\.1\.0 needs a new major version: set the document's version to 2\.0\.0 \(a new major line; 1\.x stays published\) — first: api\/openapi\.yaml:5:1: api-path-removed-without-deprecation: GET \/pets\/\{petId\}: the path was removed without deprecation\.\n$/,
    );
    expect(await runCli(['publish', '--version', '1.2.0'], repo)).toMatchObject({ code: 2 });
    expect(await runCli(['publish', '--version', '2.0.0'], repo)).toMatchObject({
      code: 2,
      stderr:
        "treaty: --version 2.0.0 is not in the document's major line 1 (version 1.0.0): change the document's version to start major line 2\n",
    });

    // 4. A new major line: the document says 2.0.0.
    await edit('version: 1.0.0', 'version: 2.0.0');
    const major = await runCli(['publish', '--version', '2.0.0'], repo);
    expect(major).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'published petstore 2.0.0 → registry/petstore/2.0.0 (new major line 2, compared with 1.1.0)\n',
    });
    const list = await runCli(['registry', 'list'], repo);
    expect(list.stdout).toContain('  1.x  latest 1.1.0  active  versions: 1.0.0, 1.1.0\n');
    expect(list.stdout).toContain('  2.x  latest 2.0.0  active  versions: 2.0.0\n');

    // 5. The registry verifies.
    expect(await runCli(['registry', 'verify'], repo)).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'registry verified: registry, 1 contract(s), 3 version(s), 6 file(s); 0 error(s), 0 note(s)\n',
    });
  }, 30_000);
});
