// Preload (`node --import`) that appends every module file the process loads to the file named by
// MODULE_TRACE, one a line: ES modules through a loader hook, CommonJS through Module._load. Used
// by test/structure/startup.test.ts.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';

const out = process.env.MODULE_TRACE;
const load = Module._load;
Module._load = function (request, parent, isMain) {
  try {
    appendFileSync(out, Module._resolveFilename(request, parent, isMain) + '\n');
  } catch {
    // built-ins and unresolvable requests are not files
  }
  return load.apply(this, arguments);
};
register(
  'data:text/javascript,' +
    encodeURIComponent(`
import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.MODULE_TRACE, url + '\\n');
  return next(url, context);
}`),
);
