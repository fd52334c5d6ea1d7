import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { VersionRefusal } from '../../src/policy/next-version.js';
import { openRegistry } from '../../src/registry/registry.js';
import { contractAt, copyFixture, finding, publish, tmpDir } from './helpers.js';

/**
 * Which version publish takes from the document (planPublish with known findings): the document's
 * version when it is consistent with the findings, refused otherwise; partial versions completed,
 * dates compared as dates, anything else computed.
 */

const FILES = ['openapi.yaml', 'schemas/pet.yaml'];
const ADDED = [finding('test-operation-added', '/owners')];
const REMOVED = [finding('test-operation-removed', '/pets/{petId}', '/x/openapi.yaml', 25)];
const CHANGED = [finding('test-description-changed', '/pets')];

let src: string;
let reg: string;
let n = 0;
beforeEach(async () => {
  const dir = await tmpDir();
  src = path.join(dir, 'api');
  reg = path.join(dir, 'registry');
  await copyFixture(src);
});

/** The document declares `version` (contractAt stands in for the adapter); the bytes change each time. */
const doc = async (version: string | undefined, options?: Record<string, unknown>) => {
  const p = path.join(src, 'openapi.yaml');
  await fs.writeFile(p, (await fs.readFile(p, 'utf8')) + `# edit ${++n}\n`);
  const c = contractAt(src, FILES, {
    ...(version !== undefined ? { version } : {}),
  });
  const major = version === undefined ? undefined : /^v?(\d+)(\.|$)/.exec(version)?.[1];
  return {
    ...c,
    ...(version !== undefined ? { versionField: 'info.version' } : {}),
    ...(major !== undefined && !/^\d{4}-/.test(version!) ? { major: Number(major) } : {}),
    ref: { ...c.ref, ...(options ? { options } : {}) },
  };
};

const refusal = async (p: Promise<unknown>): Promise<VersionRefusal> => {
  const e = await p.catch((x: unknown) => x);
  expect(e).toBeInstanceOf(VersionRefusal);
  return e as VersionRefusal;
};

const versions = async () => (await openRegistry(reg)).versions('petstore').map((v) => v.version);

describe("publish takes the document's version", () => {
  beforeEach(async () => {
    await publish(reg, await doc('1.0.0'));
  });

  it('when it is consistent with the findings: greater, and at least the bump they need', async () => {
    expect((await publish(reg, await doc('1.0.1'), { findings: CHANGED })).plan.version).toBe(
      '1.0.1',
    );
    // More than needed is fine.
    const { plan } = await publish(reg, await doc('1.4.0'), { findings: CHANGED });
    expect(plan.version).toBe('1.4.0');
    expect(plan.next).toMatchObject({ action: 'publish', source: 'document', bump: 'minor' });
    expect(plan.manifest.documentVersion).toBe('1.4.0');
    expect((await publish(reg, await doc('1.5.0'), { findings: ADDED })).plan.version).toBe(
      '1.5.0',
    );
    expect(await versions()).toEqual(['1.0.0', '1.0.1', '1.4.0', '1.5.0']);
  });

  it('refuses a version too small for the findings, naming them and what to set (exit 1)', async () => {
    const e = await refusal(publish(reg, await doc('1.0.1'), { findings: ADDED, cwd: '/x' }));
    expect(e.exitCode).toBe(1);
    expect(e.required).toBe('1.1.0');
    expect(e.message).toBe(
      'info.version 1.0.1 is a patch release — 1 addition against 1.0.0 needs a minor release (openapi.yaml:3:1 test-operation-added: operation /owners was added): set info.version to 1.1.0 or later',
    );
    const b = await refusal(publish(reg, await doc('1.1.0'), { findings: REMOVED, cwd: '/x' }));
    expect(b.message).toBe(
      'info.version 1.1.0 stays in major line 1, but 1 breaking change against 1.0.0 needs a major release (openapi.yaml:25:1 test-operation-removed: operation /pets/{petId} was removed): set info.version to 2.0.0 (a new major line; 1.x stays published)',
    );
    expect(await versions()).toEqual(['1.0.0']);
  });

  it('refuses a published version and one not greater than the latest of its line', async () => {
    const same = await refusal(publish(reg, await doc('1.0.0'), { findings: ADDED, cwd: '/x' }));
    expect(same.exitCode).toBe(1);
    expect(same.message).toMatch(
      /^info\.version 1\.0\.0 is already published with other files, and published versions never change — 1 addition against 1\.0\.0 needs a minor release \(.*\): set info\.version to 1\.1\.0 or later$/,
    );
    await publish(reg, await doc('1.2.0'), { findings: ADDED });
    const lower = await refusal(publish(reg, await doc('1.1.5'), { findings: CHANGED }));
    expect(lower.message).toMatch(
      /^info\.version 1\.1\.5 is not greater than 1\.2\.0, the latest published version of major line 1 — .*: set info\.version to 1\.2\.1 or later$/,
    );
    // The same version with other bytes: immutable, refused with what to set.
    const again = contractAt(src, FILES, { version: '1.2.0', major: 1 });
    expect((await refusal(publish(reg, again))).message).toBe(
      'the version 1.2.0 is already published with other files, and published versions never change: set the version to 1.2.1 or later',
    );
  });

  it('a breaking change with the next major is a new line', async () => {
    const { plan } = await publish(reg, await doc('2.0.0'), { findings: REMOVED });
    expect(plan.next).toMatchObject({ version: '2.0.0', bump: 'major', previous: '1.0.0' });
  });

  it('without a document version, or with versioning: computed, the version is computed', async () => {
    expect((await publish(reg, await doc(undefined), { findings: ADDED })).plan.version).toBe(
      '1.1.0',
    );
    const c = await doc('1.0.0', { versioning: 'computed' });
    const { plan } = await publish(reg, c, { findings: CHANGED });
    expect(plan.version).toBe('1.1.1');
    expect(plan.next.source).toBe('computed');
    // The document's major still names the line: a breaking change needs it moved.
    const e = await refusal(
      publish(reg, await doc('1.0.0', { versioning: 'computed' }), { findings: REMOVED }),
    );
    expect(e.message).toMatch(
      /: set info\.version to 2\.0\.0 \(a new major line; 1\.x stays published\)$/,
    );
  });

  it('completes a bare major or major.minor from the findings', async () => {
    const v1 = await publish(reg, await doc('v1'), { findings: ADDED });
    expect(v1.plan.version).toBe('1.1.0');
    expect(v1.plan.next).toMatchObject({
      source: 'completed',
      message: 'info.version v1 completed as 1.1.0',
    });
    expect((await publish(reg, await doc('1.1'), { findings: CHANGED })).plan.version).toBe(
      '1.1.1',
    );
    expect((await publish(reg, await doc('1.3'), { findings: ADDED })).plan.version).toBe('1.3.0');
    const e = await refusal(publish(reg, await doc('1.3'), { findings: ADDED }));
    expect(e.message).toMatch(
      /^info\.version 1\.3 leaves room for a patch release only — 1 addition against 1\.3\.0 needs a minor release \(.*\): set info\.version to 1\.4 or later$/,
    );
    const low = await refusal(publish(reg, await doc('1.2'), { findings: CHANGED }));
    expect(low.message).toMatch(
      /^info\.version 1\.2 is below 1\.3\.0, the latest published version of major line 1/,
    );
    const b = await refusal(publish(reg, await doc('v1'), { findings: REMOVED }));
    expect(b.message).toMatch(/^info\.version v1 stays in major line 1, but 1 breaking change/);
    expect((await publish(reg, await doc('v2'), { findings: REMOVED })).plan.version).toBe('2.0.0');
  });

  it('anything else is reported and the version is computed', async () => {
    const { plan } = await publish(reg, await doc('latest'), { findings: ADDED });
    expect(plan.version).toBe('1.1.0');
    expect(plan.next.message).toBe(
      "info.version 'latest' is not a semantic version, a date (YYYY-MM-DD) or a major[.minor] (v3, 1.0): the version is computed",
    );
  });
});

describe('date versions', () => {
  it('compare as dates; the version is computed, a breaking change starts the next major line', async () => {
    const first = await publish(reg, await doc('2024-05-01'));
    expect(first.plan.version).toBe('1.0.0');
    const added = await publish(reg, await doc('2024-06-15'), { findings: ADDED });
    expect(added.plan.version).toBe('1.1.0');
    expect(added.plan.next.message).toBe(
      'info.version 2024-06-15 is a date: it names no major line, so the version is computed (a breaking change starts the next major line)',
    );
    const same = await refusal(publish(reg, await doc('2024-06-15'), { findings: ADDED }));
    expect(same.message).toBe(
      'info.version 2024-06-15 is not later than 2024-06-15 (published as 1.1.0); date versions compare as dates: set info.version to a later date',
    );
    await refusal(publish(reg, await doc('2024-01-01'), { findings: ADDED }));
    const breaking = await publish(reg, await doc('2025-01-01'), { findings: REMOVED });
    expect(breaking.plan.version).toBe('2.0.0');
    expect(breaking.plan.manifest).toMatchObject({ major: 2, documentVersion: '2025-01-01' });
    expect(await versions()).toEqual(['1.0.0', '1.1.0', '2.0.0']);
  });
});
