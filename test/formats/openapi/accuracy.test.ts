import { describe, expect, it } from 'vitest';
import { diffIn } from './helpers.js';

const brief = (fs: Awaited<ReturnType<typeof diffIn>>) =>
  fs
    .filter((f) => f.rule !== 'api-version-not-bumped')
    .map((f) => `${f.rule} ${f.severity} ${f.location.file.split('/').pop()}:${f.location.line}`)
    .sort();

describe('renames: one finding with both names, the severity of the worse side', () => {
  it('a query parameter, a request property and a response property renamed', async () => {
    const findings = await diffIn('scenarios/renames', 'base.yaml', 'revision.yaml');
    expect(brief(findings)).toEqual([
      // The new required property breaks existing requests: it is the finding kept.
      'new-required-request-property breaking revision.yaml:30',
      'request-parameter-removed warning base.yaml:10',
      'response-optional-property-removed warning base.yaml:42',
    ]);
    const messages = findings.map((f) => f.message);
    expect(messages).toContain(
      "GET /groups: the query parameter 'page_size' was removed. — probably renamed to 'pageSize'",
    );
    expect(messages).toContain(
      "request property 'title' was added as a required property — probably renamed from 'name'",
    );
    expect(messages).toContain(
      "response property 'displayName' of schema 'Group' was removed (it was optional) — probably renamed to 'display_name'",
    );
    // Neither side of a folded rename is reported on its own.
    expect(findings.map((f) => f.rule)).not.toContain('new-optional-request-parameter');
    expect(findings.map((f) => f.rule)).not.toContain('response-optional-property-added');
    expect(findings.map((f) => f.rule)).not.toContain('request-property-removed');
  });

  it('near miss: swapped back, the same pairs fold the other way', async () => {
    const findings = await diffIn('scenarios/renames', 'revision.yaml', 'base.yaml');
    expect(brief(findings)).toEqual([
      'new-required-request-property breaking base.yaml:30',
      'request-parameter-removed warning revision.yaml:10',
      'response-optional-property-removed warning revision.yaml:42',
    ]);
  });
});

describe('a path renamed only in a parameter name is the same operation', () => {
  it('a changed default of a path parameter that does not say required is reported', async () => {
    // `/groups/{group_id}` → `/groups/{groupId}`: the default 2 → 1 (oasdiff's
    // TestRequestParameterDefaultValueChangedAndRenamedParameter). `/teams/{team_id}` declares
    // `required: true`: clients always send it, its default is not reported (near miss).
    const findings = await diffIn(
      'scenarios/path-parameter-default',
      'base.yaml',
      'revision.yaml',
      {
        lenient: true,
      },
    );
    const found = findings.filter((f) => f.rule !== 'openapi-invalid-document');
    expect(brief(found)).toEqual([
      'request-parameter-default-value-changed breaking revision.yaml:14',
    ]);
    expect(found[0]!.args.name).toBe('groupId');
    expect(findings.map((f) => f.rule)).not.toContain('request-path-parameter-removed');
  });
});

describe('a remote $ref that is not fetched is not compared, never read as any schema', () => {
  it('in a parameter schema, a request property and a response body: ref-not-compared', async () => {
    // region-v1 → region-v2, a local Address → a remote address.json, order-v1 → order-v2: what
    // they stand for is unknown; before, address read as "widened to any" and its street as removed.
    const findings = await diffIn('scenarios/remote-refs', 'base.yaml', 'revision.yaml');
    expect(brief(findings)).toEqual([
      'ref-not-compared warning revision.yaml:11',
      'ref-not-compared warning revision.yaml:20',
      'ref-not-compared warning revision.yaml:29',
    ]);
    expect(findings.map((f) => f.message)).toContain(
      "$ref 'https://schemas.example.com/address.json' is not fetched (allowRemoteRefs is off): request property 'address' is not compared",
    );
  });

  it('near miss: the same remote refs, and a local ref that resolves to the same shape', async () => {
    const findings = await diffIn('scenarios/remote-refs', 'base.yaml', 'near-miss.yaml');
    expect(brief(findings)).toEqual([]);
  });
});

describe('a form-exploded query parameter that became an array', () => {
  it('of itself still accepts one value: type generalized (info)', async () => {
    // oasdiff's TestRequestQueryParamScalarToFormExplodeArray: `?tag=a` is a one-element array.
    const findings = await diffIn('scenarios/query-scalar-to-array', 'base.yaml', 'revision.yaml');
    // `limit`: a nullable integer → a nullable array of numbers (number accepts every integer).
    expect(brief(findings)).toEqual([
      'request-parameter-type-generalized info revision.yaml:17',
      'request-parameter-type-generalized info revision.yaml:29',
    ]);
  });

  it('near miss: a path or header parameter, explode: false, narrower items, minItems 2 or a lost null is a type change', async () => {
    const findings = await diffIn('scenarios/query-scalar-to-array', 'base.yaml', 'near-miss.yaml');
    expect(brief(findings)).toEqual([
      'request-parameter-became-not-nullable breaking near-miss.yaml:33',
      'request-parameter-max-length-unset info near-miss.yaml:18',
      'request-parameter-min-items-set warning near-miss.yaml:34',
      'request-parameter-type-changed breaking near-miss.yaml:13',
      'request-parameter-type-changed breaking near-miss.yaml:19',
      'request-parameter-type-changed breaking near-miss.yaml:27',
      'request-parameter-type-changed breaking near-miss.yaml:33',
      'request-parameter-type-changed breaking near-miss.yaml:41',
    ]);
  });
});

describe('a path parameter not in its template (invalid) is paired by name', () => {
  it('the base declares testId beside /tests/{id}, the revision /tests/{testId}: one parameter', async () => {
    // oasdiff's new_endpoints/base_with_path_param: before, testId read as removed and added.
    const findings = await diffIn(
      'scenarios/path-parameter-not-in-template',
      'base.yaml',
      'revision.yaml',
    );
    expect(brief(findings)).toEqual(['openapi-invalid-document warning base.yaml:9']);
    expect(findings[0]!.message).toBe(
      "The document is not valid OpenAPI: in the base, the path parameter 'testId' is not in the template /tests/{id}",
    );
    // Swapped, the loader reports the revision's problem (once).
    const back = await diffIn(
      'scenarios/path-parameter-not-in-template',
      'revision.yaml',
      'base.yaml',
    );
    expect(brief(back)).toEqual(['openapi-invalid-document warning base.yaml:9']);
  });

  it('near miss: another name is removed and added; names swapped in templates stay positional', async () => {
    const findings = await diffIn(
      'scenarios/path-parameter-not-in-template',
      'base.yaml',
      'near-miss.yaml',
    );
    expect(brief(findings)).toEqual([
      'new-request-path-parameter breaking near-miss.yaml:9',
      'openapi-invalid-document warning base.yaml:9',
      'request-parameter-removed warning base.yaml:9',
      'request-parameter-type-changed breaking near-miss.yaml:27',
      'request-parameter-type-generalized info near-miss.yaml:32',
    ]);
  });
});

describe("webhook operations are judged from the subscriber's side", () => {
  // The API sends the request (subscribers read it: judged like a response) and subscribers write
  // the response (judged like a request). Pet is shared with a path operation's request body.
  it('what subscribers read loses data, what they write gains a required property', async () => {
    const findings = await diffIn('scenarios/webhooks', 'base.yaml', 'revision.yaml');
    expect(brief(findings)).toEqual([
      // The webhook's answer must now carry 'status'.
      'new-required-request-property breaking revision.yaml:43',
      // Pet in POST /pets: clients now must send 'name'.
      'new-required-request-property breaking revision.yaml:53',
      // Pet in the webhook: subscribers no longer receive 'tag'.
      'response-optional-property-removed warning base.yaml:54',
      // A longer signature may now be sent to subscribers.
      'response-property-max-length-increased breaking revision.yaml:25',
      // An optional header the API sent: subscribers already coped without it.
      'webhook-request-parameter-removed warning base.yaml:20',
    ]);
    const messages = findings.map((f) => f.message);
    expect(messages).toContain(
      "webhook request property 'tag' of schema 'Pet' was removed (it was optional) — probably renamed to 'name'",
    );
    expect(messages).toContain(
      "webhook 'newPet' POST: the API no longer sends the header parameter 'X-Event-Id'.",
    );
    expect(messages).toContain(
      "webhook response property 'status' (200) was added as a required property",
    );
    const optional = findings.find((f) => f.rule === 'webhook-request-parameter-removed')!;
    expect(optional.variant).toBe('optional');
    for (const f of findings.filter((f) => f.rule !== 'api-version-not-bumped')) {
      expect(f.affects).toEqual([f.location.line === 53 ? 'POST /pets' : "webhook 'newPet' POST"]);
    }
  });

  it('near miss: tighter data sent to subscribers and looser answers break nobody', async () => {
    const findings = await diffIn('scenarios/webhooks', 'base.yaml', 'near-miss.yaml');
    expect(brief(findings)).toEqual([
      'new-optional-request-property info near-miss.yaml:47',
      'new-optional-request-property info near-miss.yaml:59',
      'response-optional-property-added info near-miss.yaml:59',
      'response-property-max-length-decreased info near-miss.yaml:30',
      'webhook-request-parameter-became-required info near-miss.yaml:22',
    ]);
  });
});
