import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { routePublishVersion } from '../../src/cli/commands.js';
import { runCli } from '../helpers/cli.js';
import { copyFixture, tmpDir } from './helpers.js';

let repo: string;
beforeEach(async () => {
  repo = await tmpDir('treaty-publish-cli-');
  await copyFixture(path.join(repo, 'pets'));
  await copyFixture(path.join(repo, 'stores'));
  await fs.writeFile(
    path.join(repo, 'treaty.yaml'),
    [
      'registry: contracts',
      'contracts:',
      '  - id: pets',
      '    format: openapi',
      '    path: pets/openapi.yaml',
      '  - id: stores',
      '    format: openapi',
      '    path: stores/openapi.yaml',
      '',
    ].join('\n'),
  );
});

describe('treaty publish', () => {
  it('publishes every contract to the configured registry; not in a git repo, no source is recorded', async () => {
    const r = await runCli(['publish'], repo);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout:
        'published pets 1.0.0 → contracts/pets/1.0.0 (first published version)\n' +
        'published stores 1.0.0 → contracts/stores/1.0.0 (first published version)\n',
    });
    const m = JSON.parse(
      await fs.readFile(path.join(repo, 'contracts/pets/1.0.0/manifest.json'), 'utf8'),
    );
    expect(m.source).toBeUndefined();
  });

  it('--dry-run writes nothing; with --format json it prints the plan without file contents', async () => {
    const r = await runCli(['--format', 'json', 'publish', 'pets', '--dry-run'], repo);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.dryRun).toBe(true);
    expect(out.plans).toHaveLength(1);
    expect(out.plans[0]).toMatchObject({
      contract: 'pets',
      version: '1.0.0',
      action: 'publish',
      bump: 'initial',
      dir: path.join(repo, 'contracts', 'pets', '1.0.0'),
      files: [
        {
          path: 'openapi.yaml',
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          size: expect.any(Number),
        },
        {
          path: 'schemas/pet.yaml',
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          size: expect.any(Number),
        },
      ],
      manifest: { contract: 'pets', version: '1.0.0', format: 'openapi', major: 1 },
    });
    expect(out.plans[0].files[0].content).toBeUndefined();
    await expect(fs.stat(path.join(repo, 'contracts'))).rejects.toThrow();
  });

  it('refuses: --version for several contracts, an unknown contract; a refused plan writes nothing', async () => {
    expect(await runCli(['publish', '--version', '1.0.0'], repo)).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'treaty: --version needs exactly one contract; name it (e.g. treaty publish pets --version 1.0.0)\n',
    });
    expect(await runCli(['publish', 'orders'], repo)).toEqual({
      code: 2,
      stdout: '',
      stderr: "treaty: unknown contract 'orders' (known: pets, stores)\n",
    });
    // stores has a bad version: nothing is published, pets included.
    await fs.writeFile(
      path.join(repo, 'stores', 'openapi.yaml'),
      (await fs.readFile(path.join(repo, 'stores', 'openapi.yaml'), 'utf8')).replace(
        "$ref: './schemas/pet.yaml'",
        "$ref: '../pets/schemas/pet.yaml'",
      ),
    );
    const r = await runCli(['publish'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `treaty: ${path.join(repo, 'stores')}: file '../pets/schemas/pet.yaml' is outside the contract root or not a plain relative path; only files inside the contract's folder can be published\n`,
    );
    await expect(fs.stat(path.join(repo, 'contracts'))).rejects.toThrow();
  });

  it('--version after publish is the command option; elsewhere --version is the program version', () => {
    expect(
      routePublishVersion(['node', 'treaty', 'publish', 'pets', '--version', '2.0.0']),
    ).toEqual(['node', 'treaty', 'publish', 'pets', '--version=2.0.0']);
    expect(routePublishVersion(['node', 'treaty', '--version'])).toEqual([
      'node',
      'treaty',
      '--version',
    ]);
    expect(routePublishVersion(['node', 'treaty', 'check', '--version'])).toEqual([
      'node',
      'treaty',
      'check',
      '--version',
    ]);
  });
});
