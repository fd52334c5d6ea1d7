import path from 'node:path';
import { InputError } from '../../core/errors.js';
import type { FileSource } from '../../core/source.js';
import type { ValidationProblem } from './validate.js';

/**
 * Validation with @asyncapi/parser's full ruleset (the spec schema plus its semantic rules, e.g.
 * unique operation ids and defined channel parameters). Opt-in (`validator: parser`): the parser
 * recompiles the spec schema for every document, about half a second each. Files are read only
 * through the FileSource; remote references only when allowed.
 */

const loadParser = () => import('@asyncapi/parser');
let parserModule: ReturnType<typeof loadParser> | undefined;

export async function validateWithParser(
  entry: string,
  source: FileSource,
  allowRemoteRefs: boolean,
): Promise<ValidationProblem[]> {
  parserModule ??= loadParser();
  const { Parser } = await parserModule;
  // The parser resolves relative $refs as paths: a source without real paths (git) gets a virtual root.
  const real = path.isAbsolute(source.absolute('.'));
  const rootAbs = real ? source.absolute('.') : path.resolve('/', '__treaty__');
  const toRel = (abs: string) => path.posix.relative(rootAbs.split(path.sep).join('/'), abs);
  const shown = (file: string) => (real ? file : source.absolute(toRel(file)));
  const remote = {
    read: async (uri: { toString(): string }) => {
      if (!allowRemoteRefs) {
        throw new InputError(
          `remote $ref '${uri.toString()}' is not fetched (allow it with allowRemoteRefs: true)`,
        );
      }
      const res = await fetch(uri.toString(), { signal: AbortSignal.timeout(15000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.text();
    },
  };
  const parser = new Parser({
    __unstable: {
      resolver: {
        resolvers: [
          {
            schema: 'file',
            order: 1,
            read: (uri) => source.read(toRel(decodeURIComponent(uri.path()))),
          },
          { schema: 'http', order: 1, ...remote },
          { schema: 'https', order: 1, ...remote },
        ],
      },
    },
  });
  const entryAbs = real ? source.absolute(entry) : path.join(rootAbs, ...entry.split('/'));
  const text = await source.read(entry);
  const diagnostics = await parser.validate(text, { source: entryAbs });
  return diagnostics
    .filter((d) => d.severity === 0)
    .map((d) => ({
      message: `${d.path.length ? '/' + d.path.join('/') + ': ' : ''}${d.message}`,
      at: {
        file: shown(typeof d.source === 'string' ? d.source : entryAbs),
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        pointer: d.path.map(String),
      },
    }));
}
