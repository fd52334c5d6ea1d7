import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { YAMLSeq } from 'yaml';
import { InputError, UsageError } from '../core/errors.js';
import { describeError, schemaValidator } from '../core/json-schema-validator.js';
import type { WaiverEntry } from './waivers.js';
import { yamlPackage } from '../core/yaml-package.js';

/** What `treaty waive` appends: one finding accepted by its fingerprint. */
export interface NewWaiver {
  fingerprint: string;
  reason: string;
  expires: string;
}

/** The rule and contract a fingerprint names (`rule|contract|pointer|extra`). */
export function parseFingerprint(fp: string): { rule: string; contract: string } {
  const [rule, contract] = fp.split('|');
  if (!rule || !contract || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(rule)) {
    throw new UsageError(
      `'${fp}' is not a finding fingerprint (copy it from the JSON report: rule|contract|pointer|…)`,
    );
  }
  return { rule, contract };
}

/** A real calendar date, today or later. */
export function checkExpiry(expires: string, today: string): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expires);
  const d = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (!m || !d || d.toISOString().slice(0, 10) !== expires) {
    throw new UsageError(`--expires '${expires}' is not a date (YYYY-MM-DD)`);
  }
  if (expires < today) throw new UsageError(`--expires ${expires} is in the past`);
}

/**
 * Appends one waiver to the waivers file, keeping its comments and layout (the yaml package edits
 * the document in place), or creates the file. The result is validated against
 * schemas/waivers.schema.json before anything is written, and replaces the file atomically.
 * Returns the line of the new entry.
 */
export async function appendWaiver(file: string, w: NewWaiver): Promise<number> {
  const { rule, contract } = parseFingerprint(w.fingerprint);
  const entry: WaiverEntry = { rule, contract, fingerprint: w.fingerprint, reason: w.reason };
  entry.expires = w.expires;
  let text: string | undefined;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw new InputError(`cannot read waivers (${code})`, { file });
  }
  const { isMap, isScalar, isSeq, parseDocument, YAMLSeq } = yamlPackage();
  const doc = parseDocument(text ?? 'waivers: []\n', { prettyErrors: false });
  if (doc.errors.length) {
    const err = doc.errors[0]!;
    const [line, column] = lineCol(text ?? '', err.pos[0]);
    throw new InputError(`invalid waivers: ${err.message.split('\n')[0]}`, { file, line, column });
  }
  if (!isMap(doc.contents)) throw new InputError('invalid waivers: expected a mapping', { file });
  let seq = doc.get('waivers', true);
  if (!isSeq(seq)) {
    seq = new YAMLSeq();
    doc.set('waivers', seq);
  }
  const list = seq as YAMLSeq;
  // An empty flow sequence (`waivers: []`) becomes a block list once it has an entry.
  list.flow = false;
  const existing = list.items.findIndex(
    (it) => isMap(it) && it.get('fingerprint') === w.fingerprint,
  );
  if (existing >= 0) {
    throw new UsageError(`${path.basename(file)} already waives ${w.fingerprint}`);
  }
  const node = doc.createNode(entry);
  // Quoted, so YAML 1.1 readers keep the date a string, like the rest of the file.
  const expiresNode = node.get('expires', true);
  if (isScalar(expiresNode)) expiresNode.type = 'QUOTE_SINGLE';
  list.items.push(node);
  const out = doc.toString();
  const validate = schemaValidator('waivers.schema.json');
  if (!validate(doc.toJS())) {
    throw new UsageError(
      `the waiver would be invalid: ${describeError(validate.errors![0]!).message}`,
    );
  }
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, out, { flag: 'wx' });
  await fs.rename(tmp, file);
  const reread = parseDocument(out, { keepSourceTokens: false });
  const last = (reread.get('waivers', true) as YAMLSeq).items.at(-1) as { range?: number[] };
  return lineCol(out, last.range?.[0] ?? 0)[0];
}

function lineCol(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset).split('\n');
  return [before.length, before.at(-1)!.length + 1];
}
