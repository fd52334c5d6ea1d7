import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { getCatalogue } from '../../../src/formats/index.js';
import { protobufAdapter } from '../../../src/formats/protobuf/adapter.js';
import { DirSource } from '../../../src/core/source.js';
import type { ContractRef, Finding } from '../../../src/core/model.js';

/**
 * Runs treaty and buf on a fixture pair (`<dir>/previous`, `<dir>/current`) and reports both as
 * comparable rows: `RULE path:line:column` with buf's rule ids and paths relative to the module.
 */

const exec = promisify(execFile);
/** buf's own binary (the npm package's platform dependency), else the npm wrapper. */
export const BUF = (() => {
  const dir = path.resolve('node_modules/@bufbuild');
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const bin = path.join(dir, name, 'bin', process.platform === 'win32' ? 'buf.exe' : 'buf');
    if (name.startsWith('buf-') && fs.existsSync(bin)) return bin;
  }
  return path.resolve('node_modules/.bin/buf');
})();

/** All 65 rules: the four categories plus the one rule that is in none. */
export const ALL_RULES = [
  'FILE',
  'PACKAGE',
  'WIRE_JSON',
  'WIRE',
  'MESSAGE_SAME_MESSAGE_SET_WIRE_FORMAT',
];

export interface Row {
  rule: string;
  path: string;
  line: number;
  column: number;
}

export function rowKey(r: Row): string {
  return `${r.rule} ${r.path}:${r.line}:${r.column}`;
}

function ref(root: string, options: Record<string, unknown>): ContractRef {
  return { id: 'fixture', format: 'protobuf', root, entries: [], options };
}

export async function treatyFindings(
  dir: string,
  options: Record<string, unknown> = { categories: ALL_RULES },
): Promise<Finding[]> {
  const prev = path.join(dir, 'previous');
  const cur = path.join(dir, 'current');
  const base = await protobufAdapter.load(ref(prev, options), new DirSource(prev));
  const rev = await protobufAdapter.load(ref(cur, options), new DirSource(cur));
  return protobufAdapter.compare(base, rev, {
    catalogue: getCatalogue(),
    contract: 'fixture',
    options,
  });
}

/** treaty findings as rows, buf ids, breaking rules only; previous-tree locations as buf prints them. */
export function treatyRows(dir: string, findings: Finding[]): Row[] {
  const cat = getCatalogue();
  const cur = path.join(dir, 'current') + path.sep;
  const rows: Row[] = [];
  for (const f of findings) {
    const buf = cat.get(f.rule)?.equivalents.buf?.[0];
    if (!buf) continue;
    if (f.location.file.startsWith(cur)) {
      rows.push({
        rule: buf,
        path: f.location.file.slice(cur.length).split(path.sep).join('/'),
        line: f.location.line,
        column: f.location.column,
      });
    } else rows.push({ rule: buf, path: '-', line: 1, column: 1 });
  }
  return dedupe(rows);
}

/** buf with an inline v2 config: all rules by default, or the given `breaking:` section. */
export async function bufRows(
  dir: string,
  breaking: Record<string, unknown> = { use: ALL_RULES },
): Promise<Row[]> {
  const config = JSON.stringify({ version: 'v2', breaking });
  let stdout = '';
  try {
    ({ stdout } = await exec(
      BUF,
      [
        'breaking',
        '.',
        '--against',
        '../previous',
        '--config',
        config,
        '--against-config',
        '{"version":"v2"}',
        '--error-format',
        'json',
      ],
      { cwd: path.join(dir, 'current') },
    ));
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    if (err.code !== 100) throw new Error(`buf failed on ${dir}: ${err.stderr}`);
    stdout = err.stdout ?? '';
  }
  const rows: Row[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    const d = JSON.parse(line) as {
      path?: string;
      start_line: number;
      start_column: number;
      type: string;
    };
    rows.push({ rule: d.type, path: d.path ?? '-', line: d.start_line, column: d.start_column });
  }
  return dedupe(rows);
}

function dedupe(rows: Row[]): Row[] {
  const seen = new Map<string, Row>();
  for (const r of rows) seen.set(rowKey(r), r);
  return [...seen.values()].sort((a, b) => (rowKey(a) < rowKey(b) ? -1 : 1));
}

/** buf with the pair's own buf.yaml files (current governs; previous gives the layout). */
export async function bufRowsOwnConfig(dir: string): Promise<Row[]> {
  let stdout = '';
  try {
    ({ stdout } = await exec(
      BUF,
      ['breaking', '.', '--against', '../previous', '--error-format', 'json'],
      { cwd: path.join(dir, 'current') },
    ));
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    if (err.code !== 100) throw new Error(`buf failed on ${dir}: ${err.stderr}`);
    stdout = err.stdout ?? '';
  }
  const rows: Row[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.trim()) continue;
    const d = JSON.parse(line) as {
      path?: string;
      start_line: number;
      start_column: number;
      type: string;
    };
    rows.push({ rule: d.type, path: d.path ?? '-', line: d.start_line, column: d.start_column });
  }
  return dedupe(rows);
}
