import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.js';
import { FIXTURES, ROOT } from '../helpers/paths.js';

/**
 * Start-up stays cheap by structure, not by luck: the built CLI loads a command's module only when
 * that command runs, and a format's engine only when a contract of that format is loaded. These
 * tests run bin/treaty.js from the ES modules of dist/ (TREATY_NO_BUNDLE: built by `npm test`) with
 * a preload that records every module file loaded, and assert what must not be among them. The
 * bundle bin/treaty.js runs otherwise (dist/treaty.cjs) keeps each dynamic import() lazy, so it
 * evaluates the same modules; the last tests check that it answers as dist/ does. No time is
 * measured here (bench/startup.mjs does).
 */
function modulesLoaded(args: string[]): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'treaty-trace-'));
  const trace = path.join(dir, 'modules.txt');
  try {
    const r = spawnSync(
      process.execPath,
      ['--import', path.join(ROOT, 'test/helpers/module-trace.mjs'), 'bin/treaty.js', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, MODULE_TRACE: trace, TREATY_NO_BUNDLE: '1' },
        encoding: 'utf8',
      },
    );
    expect(r.status, r.stderr).toBe(0);
    return [...new Set(readFileSync(trace, 'utf8').split('\n').filter(Boolean))]
      .map((f) => f.replace(/^file:\/\//, ''))
      .filter((f) => f.startsWith(ROOT))
      .map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const packageOf = (f: string) =>
  /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1] ?? (f.startsWith('node_modules/') ? f : '');
const packages = (files: string[]) => [...new Set(files.map(packageOf).filter(Boolean))].sort();
/** The engines of the formats, and Ajv's compiler (validators are precompiled at build time). */
const ENGINES = [
  '@apidevtools/swagger-parser',
  '@apidevtools/json-schema-ref-parser',
  '@asyncapi/parser',
  'protobufjs',
  'avsc',
];
const adaptersOf = (files: string[]) =>
  files.filter((f) => /^dist\/formats\/[^/]+\/adapter\.js$/.test(f)).sort();

describe('start-up loads only what the command needs', () => {
  it('treaty --version: package.json, nothing of dist/, not even commander', () => {
    const files = modulesLoaded(['--version']);
    expect(packages(files)).toEqual([]);
    expect(files.filter((f) => f !== 'bin/treaty.js')).toEqual(['package.json']);
  });

  it('a command starts from CommonJS (no ES module of dist/ when the bundle runs)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'treaty-trace-'));
    const trace = path.join(dir, 'modules.txt');
    try {
      const r = spawnSync(
        process.execPath,
        ['--import', path.join(ROOT, 'test/helpers/module-trace.mjs'), 'bin/treaty.js', 'rules'],
        { cwd: ROOT, env: { ...process.env, MODULE_TRACE: trace }, encoding: 'utf8' },
      );
      expect(r.status, r.stderr).toBe(0);
      const esm = readFileSync(trace, 'utf8')
        .split('\n')
        .filter((f) => f.startsWith('file://') && f.includes('/dist/'));
      expect(esm).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  for (const args of [['--help'], ['check', '--help'], ['registry', '--help']]) {
    it(`treaty ${args.join(' ')}: commander and the command declarations, nothing else`, () => {
      const files = modulesLoaded(args);
      expect(packages(files)).toEqual(['commander']);
      expect(
        files.filter((f) => /^dist\/(formats|engine|registry|policy|report|config)\//.test(f)),
      ).toEqual([]);
    });
  }

  it('treaty rules: the rule tables, no adapter, no engine, no Ajv compiler', () => {
    const files = modulesLoaded(['rules']);
    expect(adaptersOf(files)).toEqual([]);
    expect(packages(files)).toEqual(['commander']);
  });

  it('treaty check of one protobuf contract loads the protobuf adapter only', () => {
    const files = modulesLoaded([
      'check',
      'orders-grpc',
      '--cwd',
      path.join(FIXTURES, 'demo-service'),
    ]);
    expect(adaptersOf(files)).toEqual(['dist/formats/protobuf/adapter.js']);
    expect(packages(files).filter((p) => ENGINES.includes(p))).toEqual(['protobufjs']);
    expect(files).not.toContain('node_modules/ajv/dist/ajv.js');
  });

  it('treaty check of one Avro contract loads the Avro adapter only, and no engine package', () => {
    const files = modulesLoaded([
      'check',
      'order-shipped-avro',
      '--cwd',
      path.join(FIXTURES, 'demo-service'),
    ]);
    expect(adaptersOf(files)).toEqual(['dist/formats/avro/adapter.js']);
    expect(packages(files).filter((p) => ENGINES.includes(p))).toEqual([]);
    expect(files).not.toContain('node_modules/ajv/dist/ajv.js');
  });
});

describe('the bundle answers as the modules of dist/ do', () => {
  const demo = path.join(FIXTURES, 'demo-service');
  const run = (args: string[], bundle: boolean) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    if (bundle) delete env.TREATY_NO_BUNDLE;
    else env.TREATY_NO_BUNDLE = '1';
    const r = spawnSync(process.execPath, ['bin/treaty.js', ...args], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('has a bundle and a code cache to run (npm run build makes them)', () => {
    expect(existsSync(path.join(ROOT, 'dist/treaty.cjs'))).toBe(true);
    expect(existsSync(path.join(ROOT, 'dist/code-cache/index.json'))).toBe(true);
  });

  for (const args of [
    ['check', '--cwd', demo, '--format', 'json'],
    ['check', '--cwd', path.join(FIXTURES, 'demo-service-breaking')],
    ['rules', 'request-property-removed'],
    ['check', '--fail-on', 'bogus', '--cwd', demo],
    ['check', '--cwd', path.join(FIXTURES, 'hostile', 'alias-bomb')],
  ]) {
    it(`treaty ${args.map((a) => (path.isAbsolute(a) ? path.relative(ROOT, a) : a)).join(' ')}`, () => {
      const bundled = run(args, true);
      expect(bundled).toEqual(run(args, false));
      expect(bundled.stdout + bundled.stderr).not.toBe('');
    });
  }
});

describe('treaty --version without commander', () => {
  for (const flag of ['--version', '-V']) {
    it(`treaty ${flag} prints what commander prints`, async () => {
      let out = '';
      const io = {
        out: (t: string) => (out += t),
        err: () => {},
        isTTY: false,
        cwd: ROOT,
        env: {},
      };
      const code = await main(['node', 'treaty', flag], io);
      const r = spawnSync(process.execPath, ['bin/treaty.js', flag], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
        status: code,
        stdout: out,
        stderr: '',
      });
    });
  }
});
