import type { Changelog } from './model.js';

/** JSON (schemas/changelog.schema.json): the document as data, keys in a fixed order. */
export function renderJson(doc: Changelog, treatyVersion: string): string {
  return (
    JSON.stringify(
      {
        changelogVersion: 1,
        tool: { name: 'treaty', version: treatyVersion },
        scope: doc.scope,
        contracts: doc.contracts,
      },
      null,
      2,
    ) + '\n'
  );
}
