import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

/**
 * Compiles a TypeScript entry file and every relative module it imports into a temporary folder
 * (TypeScript's transpiler, no type-check), so a test can run it in a child process with plain
 * `node` — and kill it. `node_modules` and `schemas` are linked from the repository.
 */
export const ROOT = path.resolve(import.meta.dirname, '../../..');

export async function buildChild(entry: string): Promise<{ dir: string; main: string }> {
  const dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'treaty-child-')));
  const seen = new Set<string>();
  const queue = [path.resolve(entry)];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = await fs.readFile(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)\.js['"]/g)) {
      queue.push(path.resolve(path.dirname(file), `${m[1]}.ts`));
    }
    const out = ts.transpileModule(text, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: false,
      },
      fileName: file,
    }).outputText;
    const dest = path.join(dir, path.relative(ROOT, file)).replace(/\.ts$/, '.js');
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.writeFile(dest, out);
  }
  await fs.symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  await fs.symlink(path.join(ROOT, 'schemas'), path.join(dir, 'schemas'));
  await fs.writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  return { dir, main: path.join(dir, path.relative(ROOT, entry)).replace(/\.ts$/, '.js') };
}
