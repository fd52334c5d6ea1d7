// Shared by the peer and floor child processes: read a contract file (JSON or YAML) and, for a
// multi-file tree, bundle it into one document first (the peers read one document only).
import { readFileSync } from 'node:fs';
import YAML from 'yaml';

export function readDoc(file) {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text, { maxAliasCount: -1 });
}

/** The document at `file`; with `bundle`, its external $refs pulled in by swagger-parser first. */
export async function loadOpenApi(file, bundle) {
  if (!bundle) return readDoc(file);
  const { default: SwaggerParser } = await import('@apidevtools/swagger-parser');
  return SwaggerParser.bundle(file);
}

/** Prints the child's result line: `{ "breaking": n }` (read by bench/table.mjs). */
export function report(result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** `[--bundle] <base> <revision>` */
export function args() {
  const argv = process.argv.slice(2);
  const bundle = argv.includes('--bundle');
  const [base, revision] = argv.filter((a) => a !== '--bundle');
  return { base, revision, bundle };
}

/**
 * Runs the child's work; an error the tool raises on the input (it refuses the document) is one
 * line on stderr and exit status 3, which the table shows as `refused`.
 */
export async function main(work) {
  try {
    report(await work());
  } catch (e) {
    const message =
      String(e?.message ?? e)
        .split('\n')
        .find((l) => l.trim()) ?? 'error';
    process.stderr.write(`refused: ${message.trim().slice(0, 300)}\n`);
    process.exitCode = 3;
  }
}
