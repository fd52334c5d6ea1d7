import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InputError } from '../core/errors.js';
import type { ContractRef } from '../core/model.js';

/** A file `treaty init` writes: where, and its text. */
export interface InitFile {
  file: string;
  text: string;
}

/** The commented treaty.yaml for the discovered contracts. */
export function configText(root: string, refs: readonly ContractRef[]): string {
  const lines = [
    '# treaty configuration, written by `treaty init`. Every key is explained in the README',
    '# ("Configuration"); the file is checked against schemas/treaty.schema.json.',
    'version: 1',
    '# Published versions: immutable folders with their hashes. Commit it, or point at a checkout',
    '# of a shared contracts repository.',
    'registry: ./registry',
    '# The contracts treaty found here; ids are stable (waivers and the registry use them).',
    refs.length ? 'contracts:' : 'contracts: [] # none found: add them (id, format, path)',
  ];
  for (const r of refs) {
    const target = r.entries.length === 1 ? path.join(r.root, r.entries[0]!) : r.root;
    const rel = path.relative(root, target).split(path.sep).join('/') || '.';
    lines.push(
      `  - id: ${r.id}`,
      `    format: ${r.format}`,
      `    path: ${rel}`,
      '    # evolution: expansion # this contract only: expansion | backward | forward | full | none',
    );
  }
  lines.push(
    'policy:',
    '  # The lowest severity that fails `treaty check`: breaking | warning | info | never.',
    '  fail-on: breaking',
    '  # expansion: only additions (a removal or an in-place change needs a new major version);',
    '  # backward: only what breaks consumers fails; none: report, never fail.',
    '  evolution: expansion',
    '  # waivers: treaty-waivers.yaml # accepted findings, each with a reason and an expiry date',
    '',
  );
  return lines.join('\n');
}

/** The pull-request workflow `treaty init --github` writes. */
export const WORKFLOW = `# Written by \`treaty init --github\`: checks the API contracts of every pull request against
# its base branch; findings are annotated on the changed lines and listed in the job summary.
name: contracts
on: pull_request
permissions:
  contents: read
jobs:
  treaty:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: treaty check
        run: |
          npx --yes treaty check --against "git:$BASE" --format json > treaty.json || status=$?
          npx --yes treaty check --against "git:$BASE" --format markdown >> "$GITHUB_STEP_SUMMARY" || true
          npx --yes treaty check --against "git:$BASE" --format github || true
          exit \${status:-0}
        env:
          BASE: \${{ github.event.pull_request.base.sha }}
`;

/**
 * Writes the files of a new setup, or nothing: any that exists already (or the registry folder)
 * is an input error naming it, before anything is written.
 */
export async function writeInit(files: readonly InitFile[], registryDir: string): Promise<void> {
  for (const target of [...files.map((f) => f.file), registryDir]) {
    if (
      await fs.lstat(target).then(
        () => true,
        () => false,
      )
    ) {
      throw new InputError('treaty init never overwrites: it exists already', { file: target });
    }
  }
  await fs.mkdir(registryDir, { recursive: true });
  await fs.writeFile(
    path.join(registryDir, 'index.json'),
    JSON.stringify({ indexVersion: 1, contracts: {} }, null, 2) + '\n',
    { flag: 'wx' },
  );
  for (const f of files) {
    await fs.mkdir(path.dirname(f.file), { recursive: true });
    await fs.writeFile(f.file, f.text, { flag: 'wx' });
  }
}
