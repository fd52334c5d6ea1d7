// Peer: @asyncapi/diff on two AsyncAPI documents parsed (validated, dereferenced) by
// @asyncapi/parser, as its README says. Usage: node bench/peers/asyncapi-diff.mjs <base> <revision>
import { readFileSync } from 'node:fs';
import { Parser } from '@asyncapi/parser';
import { diff } from '@asyncapi/diff';
import { args, main } from './_read.mjs';

const { base, revision } = args();
const parser = new Parser();
const parse = async (file) => {
  const { document, diagnostics } = await parser.parse(readFileSync(file, 'utf8'), {
    source: file,
  });
  if (!document) {
    const errors = diagnostics.filter((d) => d.severity === 0).map((d) => d.message);
    throw new Error(`${file}: @asyncapi/parser refused it: ${errors.slice(0, 3).join('; ')}`);
  }
  return document.json();
};
await main(async () => ({
  breaking: diff(await parse(base), await parse(revision)).breaking().length,
}));
