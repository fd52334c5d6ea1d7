// Peer: npm openapi-diff (a devDependency) on two OpenAPI documents, through its documented API
// (what its CLI calls). Usage: node bench/peers/openapi-diff.mjs [--bundle] <base> <revision>
import { readFileSync } from 'node:fs';
import openapiDiff from 'openapi-diff';
import { args, loadOpenApi, main } from './_read.mjs';

const { base, revision, bundle } = args();
const spec = async (file) => {
  const content = bundle
    ? JSON.stringify(await loadOpenApi(file, true))
    : readFileSync(file, 'utf8');
  return {
    content,
    location: file,
    format: /^\s*\{?\s*"?swagger/.test(content) ? 'swagger2' : 'openapi3',
  };
};
await main(async () => {
  const result = await openapiDiff.diffSpecs({
    sourceSpec: await spec(base),
    destinationSpec: await spec(revision),
  });
  return { breaking: result.breakingDifferencesFound ? result.breakingDifferences.length : 0 };
});
