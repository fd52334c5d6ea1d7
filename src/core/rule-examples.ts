import { readFileSync } from 'node:fs';

/**
 * Before/after examples taken from the fixture pairs at build time (scripts/rule-examples.mjs):
 * an excerpt of the base and the revision around a finding of the rule. Read lazily, once; the same
 * path works from src/ (tests) and from dist/ (the built CLI). Without a build, there are none.
 */
export interface FixtureExample {
  before: string;
  after: string;
  language: string;
  /** The fixture pair, relative to the package: `fixtures/openapi/request-body-removed`. */
  source: string;
  /** The pair was compared revision → base (it fires the opposite rule of its name). */
  swapped?: boolean;
}

const FILE = new URL('../../dist/rule-examples.json', import.meta.url);
let examples: Readonly<Record<string, FixtureExample>> | undefined;

export function fixtureExamples(): Readonly<Record<string, FixtureExample>> {
  if (!examples) {
    try {
      examples = JSON.parse(readFileSync(FILE, 'utf8')) as Record<string, FixtureExample>;
    } catch {
      examples = {};
    }
  }
  return examples;
}

export function fixtureExample(ruleId: string): FixtureExample | undefined {
  const all = fixtureExamples();
  return Object.hasOwn(all, ruleId) ? all[ruleId] : undefined;
}
