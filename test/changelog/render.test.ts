import { describe, expect, it } from 'vitest';
import { renderChangelogAs } from '../../src/changelog/index.js';
import { changeItems, type Changelog } from '../../src/changelog/model.js';
import type { Finding } from '../../src/core/model.js';
import { getCatalogue } from '../../src/formats/index.js';

const catalogue = getCatalogue();
const kindOf = (rule: string) => catalogue.get(rule)?.kind;

function finding(rule: string, message: string, extra: Partial<Finding> = {}): Finding {
  return {
    rule,
    severity: catalogue.get(rule)!.severity,
    contract: 'c',
    format: 'openapi',
    message,
    args: {},
    location: { file: '/x/openapi.yaml', line: 1, column: 1, pointer: [] },
    fingerprint: rule,
    ...extra,
  };
}

describe('change items', () => {
  it('group by severity and the rule kind, Breaking first; a waived breaking change stays Breaking, marked accepted', () => {
    const items = changeItems(
      [
        finding('endpoint-added', 'GET /b: the operation was added.'),
        finding('endpoint-deprecated-with-sunset', 'GET /c: the operation was deprecated.', {
          args: { sunset: '2030-01-01' },
        }),
        finding('api-server-removed', "Server 'x' was removed."),
        finding('request-parameter-max-increased', "query parameter 'limit': maximum increased"),
        finding('api-removed-without-deprecation', 'GET /a: the operation was removed.', {
          waived: { reason: 'nobody calls it', expires: '2030-01-01' },
        }),
      ],
      kindOf,
    );
    expect(items.map((i) => [i.group, i.rule])).toEqual([
      ['breaking', 'api-removed-without-deprecation'],
      ['added', 'endpoint-added'],
      ['changed', 'request-parameter-max-increased'],
      ['deprecated', 'endpoint-deprecated-with-sunset'],
      ['removed', 'api-server-removed'],
    ]);
    expect(items[0]!.waived).toEqual({ reason: 'nobody calls it', expires: '2030-01-01' });
    expect(items[3]!.sunset).toBe('2030-01-01');
    const doc: Changelog = {
      scope: { kind: 'contract' },
      contracts: [
        {
          contract: 'c',
          format: 'openapi',
          versions: [{ version: '2.0.0', date: '2026-01-01', structured: true, changes: items }],
        },
      ],
    };
    const md = renderChangelogAs(doc, 'markdown', { color: false, treatyVersion: '0' });
    expect(md).toContain(
      '- GET /a: the operation was removed. Accepted: nobody calls it (until 2030-01-01). (`api-removed-without-deprecation`)',
    );
    expect(md).toContain(
      '- GET /c: the operation was deprecated. Sunset 2030-01-01. (`endpoint-deprecated-with-sunset`)',
    );
  });

  it('what a message already names is not repeated as affected; the rest is', () => {
    const [item] = changeItems(
      [
        finding('endpoint-added', 'GET /b: the operation was added.', {
          affects: ['GET /b', 'POST /b'],
        }),
      ],
      kindOf,
    );
    const doc: Changelog = {
      scope: { kind: 'contracts' },
      contracts: [
        {
          contract: 'c',
          format: 'openapi',
          versions: [{ version: '1.1.0', date: '2026-01-01', structured: true, changes: [item!] }],
        },
      ],
    };
    expect(renderChangelogAs(doc, 'text', { color: false, treatyVersion: '0' })).toContain(
      '- GET /b: the operation was added. Affects POST /b. [endpoint-added]',
    );
  });
});

describe('escaping', () => {
  const hostile: Changelog = {
    scope: { kind: 'contracts' },
    contracts: [
      {
        contract: 'c',
        format: 'openapi',
        versions: [
          {
            version: '1.1.0',
            date: '2026-01-01',
            structured: true,
            changes: [
              {
                group: 'added',
                rule: 'endpoint-added',
                severity: 'info',
                message: 'GET /<script>alert(1)</script>: *the* operation [was](http://x) added',
              },
            ],
          },
        ],
      },
    ],
  };

  it('HTML: a message never becomes markup', () => {
    const html = renderChangelogAs(hostile, 'html', { color: false, treatyVersion: '0' });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('GET /&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('Markdown: no raw HTML, emphasis or links from a message', () => {
    const md = renderChangelogAs(hostile, 'markdown', { color: false, treatyVersion: '0' });
    expect(md).toContain(
      '- GET /&lt;script&gt;alert(1)&lt;/script&gt;: \\*the\\* operation \\[was\\](http://x) added. (`endpoint-added`)',
    );
  });
});
