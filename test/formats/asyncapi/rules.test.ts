import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASYNCAPI_RULES } from '../../../src/formats/asyncapi/rules.js';
import { ACCURACY_CASES } from './accuracy-cases.js';
import { brief, diffCase, FIXTURES } from './harness.js';

/**
 * One fixture pair per rule (fixtures/asyncapi/<v2|v3|v2-v3>/<case>/{base,revision}.yaml) with the
 * exact findings: rule, severity, file and line. `nearMiss` names rules the case must not fire
 * although it changes something close to them.
 */
type Row = [rule: string, severity: string, file: string, line: number];
interface Case {
  case: string;
  expect: Row[];
  nearMiss?: string[];
  options?: Record<string, unknown>;
}

const CASES: Case[] = [
  {
    case: 'v3/asyncapi-version-changed',
    expect: [['asyncapi-version-changed', 'info', 'revision.yaml', 1]],
  },
  { case: 'v3/binding-changed', expect: [['binding-changed', 'breaking', 'revision.yaml', 19]] },
  { case: 'v3/binding-changed.near-miss', expect: [], nearMiss: ['binding-changed'] },
  {
    case: 'v3/channel-stability-decreased',
    expect: [['channel-stability-decreased', 'breaking', 'revision.yaml', 5]],
  },
  {
    case: 'v3/operation-stability-decreased',
    expect: [['operation-stability-decreased', 'breaking', 'revision.yaml', 14]],
  },
  {
    // Raised from beta to stable: no promise is lost.
    case: 'v3/stability-decreased.near-miss',
    expect: [],
    nearMiss: ['channel-stability-decreased', 'operation-stability-decreased'],
  },
  {
    // HTTP binding 0.3.0 has no `type`: dropping `type: request` changes nothing. (Lenient: the
    // 3.0 schema already rejects `type`, as it rejects the asyncapi/spec example this is cut from.)
    case: 'lenient/binding-http-type-dropped.near-miss',
    options: { lenient: true },
    expect: [],
    nearMiss: ['binding-changed'],
  },
  {
    // orderVoided was deprecated already: adding its sunset deprecates nothing new.
    case: 'v3/asyncapi-element-deprecated',
    expect: [
      ['asyncapi-element-deprecated', 'info', 'revision.yaml', 8],
      ['asyncapi-element-deprecated', 'info', 'revision.yaml', 26],
      ['asyncapi-element-deprecated', 'info', 'revision.yaml', 34],
    ],
    nearMiss: ['asyncapi-sunset-invalid'],
  },
  {
    // Deprecated on both sides, only the sunsets move: nothing becomes deprecated.
    case: 'v3/asyncapi-element-deprecated.near-miss',
    expect: [],
    nearMiss: ['asyncapi-element-deprecated'],
  },
  {
    // The message's sunset is a date: only the channel's is reported.
    case: 'v3/asyncapi-sunset-invalid',
    expect: [
      ['asyncapi-element-deprecated', 'info', 'revision.yaml', 8],
      ['asyncapi-sunset-invalid', 'warning', 'revision.yaml', 8],
      ['asyncapi-element-deprecated', 'info', 'revision.yaml', 26],
      ['asyncapi-element-deprecated', 'info', 'revision.yaml', 34],
    ],
  },
  { case: 'v3/channel-added', expect: [['channel-added', 'info', 'revision.yaml', 15]] },
  {
    case: 'v3/channel-address-changed',
    expect: [['channel-address-changed', 'breaking', 'revision.yaml', 16]],
    nearMiss: ['operation-channel-changed'],
  },
  {
    // A fixed ticket and app id in the address became parameters: the old address still matches.
    case: 'v3/channel-address-generalized',
    expect: [['channel-address-generalized', 'info', 'revision.yaml', 7]],
    nearMiss: ['channel-address-changed', 'channel-removed', 'channel-added'],
  },
  {
    // The reverse: a template narrowed to one fixed address moves every other instance away.
    case: 'v3/channel-address-generalized.near-miss',
    expect: [['channel-address-changed', 'breaking', 'revision.yaml', 7]],
    nearMiss: ['channel-address-generalized'],
  },
  {
    case: 'v2/channel-address-generalized',
    expect: [['channel-address-generalized', 'info', 'revision.yaml', 6]],
    nearMiss: ['channel-address-changed', 'channel-removed'],
  },
  {
    // The environment 'sit' is gone from the Env parameter's enum: that topic no longer exists.
    case: 'v3/channel-parameter-values-removed',
    expect: [['channel-parameter-values-removed', 'breaking', 'revision.yaml', 22]],
  },
  {
    // The parameter is renamed in the address (same place) and gains a value: nothing lost.
    case: 'v3/channel-parameter-values-removed.near-miss',
    expect: [['channel-parameter-renamed', 'info', 'revision.yaml', 7]],
    nearMiss: ['channel-parameter-values-removed', 'channel-address-changed'],
  },
  {
    // A 2.x parameter schema that accepted any string now lists two values.
    case: 'v2/channel-parameter-values-removed',
    expect: [['channel-parameter-values-removed', 'breaking', 'revision.yaml', 8]],
  },
  {
    // Only the parameter name changed ({userId} → {id}): the same addresses.
    case: 'v3/channel-address-changed.near-miss',
    expect: [['channel-parameter-renamed', 'info', 'revision.yaml', 16]],
    nearMiss: ['channel-address-changed'],
  },
  { case: 'v3/channel-removed', expect: [['channel-removed', 'breaking', 'base.yaml', 15]] },
  {
    case: 'v3/channel-renamed',
    expect: [['channel-renamed', 'info', 'revision.yaml', 15]],
    nearMiss: ['channel-removed', 'channel-added'],
  },
  {
    case: 'v3/channel-server-removed',
    expect: [['channel-server-removed', 'breaking', 'revision.yaml', 20]],
  },
  { case: 'v3/channel-server-removed.near-miss', expect: [], nearMiss: ['channel-server-removed'] },
  {
    case: 'v3/default-content-type-changed',
    expect: [['default-content-type-changed', 'breaking', 'revision.yaml', 2]],
  },
  { case: 'v3/info-version-changed.near-miss', expect: [], nearMiss: ['asyncapi-version-changed'] },
  { case: 'v3/message-added', expect: [['message-added', 'info', 'revision.yaml', 20]] },
  { case: 'v3/message-added.sent', expect: [['message-added', 'warning', 'revision.yaml', 15]] },
  {
    case: 'v3/message-content-type-changed',
    expect: [['message-content-type-changed', 'breaking', 'revision.yaml', 38]],
  },
  {
    case: 'v3/message-content-type-changed.near-miss',
    expect: [],
    nearMiss: ['message-content-type-changed', 'default-content-type-changed'],
  },
  {
    case: 'v3/message-correlation-id-added',
    expect: [['message-correlation-id-added', 'info', 'revision.yaml', 38]],
  },
  {
    case: 'v3/message-correlation-id-changed',
    expect: [['message-correlation-id-changed', 'breaking', 'revision.yaml', 38]],
  },
  {
    case: 'v3/message-correlation-id-changed.near-miss',
    expect: [],
    nearMiss: [
      'message-correlation-id-changed',
      'message-correlation-id-removed',
      'message-correlation-id-added',
    ],
  },
  {
    case: 'v3/message-correlation-id-removed',
    expect: [['message-correlation-id-removed', 'breaking', 'revision.yaml', 36]],
  },
  {
    case: 'v3/message-key-type-changed',
    expect: [['message-key-type-changed', 'breaking', 'revision.yaml', 45]],
  },
  { case: 'v3/message-removed', expect: [['message-removed', 'breaking', 'base.yaml', 20]] },
  {
    case: 'v3/message-renamed',
    expect: [['message-renamed', 'info', 'revision.yaml', 37]],
    nearMiss: ['message-removed', 'message-added'],
  },
  {
    case: 'v3/message-required-property-removed',
    expect: [['message-required-property-removed', 'breaking', 'base.yaml', 49]],
  },
  {
    case: 'v3/message-schema-format-changed',
    expect: [['message-schema-format-changed', 'breaking', 'revision.yaml', 39]],
  },
  {
    case: 'v3/message-schema-format-changed.near-miss',
    expect: [],
    nearMiss: ['message-schema-format-changed'],
  },
  {
    case: 'v3/message-schema-not-compared',
    expect: [['message-schema-not-compared', 'info', 'revision.yaml', 39]],
  },
  {
    case: 'v3/message-schema-not-compared.near-miss',
    expect: [],
    nearMiss: ['message-schema-not-compared'],
  },
  {
    case: 'v3/operation-action-changed',
    expect: [['operation-action-changed', 'breaking', 'revision.yaml', 26]],
  },
  { case: 'v3/operation-added', expect: [['operation-added', 'info', 'revision.yaml', 21]] },
  {
    case: 'v3/operation-channel-changed',
    expect: [['operation-channel-changed', 'breaking', 'revision.yaml', 23]],
  },
  {
    case: 'v3/operation-message-added',
    expect: [['operation-message-added', 'info', 'revision.yaml', 33]],
  },
  {
    // The message is referenced from components, not from the channel: still compared.
    case: 'v3/operation-message-outside-channel',
    expect: [['message-property-became-optional', 'breaking', 'revision.yaml', 21]],
  },
  {
    case: 'v3/operation-message-removed',
    expect: [['operation-message-removed', 'breaking', 'revision.yaml', 31]],
  },
  {
    case: 'v3/operation-message-removed.near-miss',
    expect: [],
    nearMiss: ['operation-message-removed', 'operation-message-added'],
  },
  { case: 'v3/operation-removed', expect: [['operation-removed', 'breaking', 'base.yaml', 21]] },
  {
    case: 'v3/operation-renamed',
    expect: [['operation-renamed', 'info', 'revision.yaml', 25]],
    nearMiss: ['operation-removed', 'operation-added'],
  },
  {
    case: 'v3/operation-reply-added',
    expect: [['operation-reply-added', 'info', 'revision.yaml', 37]],
  },
  {
    case: 'v3/operation-reply-address-changed',
    expect: [['operation-reply-address-changed', 'breaking', 'revision.yaml', 37]],
    nearMiss: ['operation-reply-message-removed', 'operation-reply-message-added'],
  },
  {
    case: 'v3/operation-reply-address-changed.near-miss',
    expect: [['channel-renamed', 'info', 'revision.yaml', 21]],
    nearMiss: ['operation-reply-address-changed'],
  },
  {
    case: 'v3/operation-reply-message-added',
    expect: [['operation-reply-message-added', 'info', 'revision.yaml', 27]],
    nearMiss: ['operation-reply-removed', 'operation-reply-added'],
  },
  {
    case: 'v3/operation-reply-message-removed',
    expect: [['operation-reply-message-removed', 'breaking', 'revision.yaml', 40]],
  },
  {
    case: 'v3/operation-reply-removed',
    expect: [['operation-reply-removed', 'breaking', 'revision.yaml', 33]],
  },
  {
    case: 'v3/payload-moved-to-components.near-miss',
    expect: [],
    nearMiss: ['message-type-changed', 'message-required-property-removed'],
  },
  {
    case: 'v3/protocol-removed',
    expect: [
      ['protocol-removed', 'breaking', 'base.yaml', 9],
      ['server-removed', 'breaking', 'base.yaml', 9],
    ],
  },
  { case: 'v3/security-added', expect: [['security-added', 'breaking', 'revision.yaml', 9]] },
  {
    case: 'v3/security-alternative-added',
    expect: [['security-alternative-added', 'info', 'revision.yaml', 9]],
  },
  {
    case: 'v3/security-alternative-removed',
    expect: [['security-alternative-removed', 'breaking', 'revision.yaml', 9]],
  },
  {
    case: 'v3/security-alternative-removed.near-miss',
    expect: [],
    nearMiss: [
      'security-alternative-removed',
      'security-alternative-added',
      'security-added',
      'security-removed',
    ],
  },
  { case: 'v3/security-removed', expect: [['security-removed', 'info', 'revision.yaml', 6]] },
  {
    case: 'v3/security-scheme-changed',
    expect: [['security-scheme-changed', 'breaking', 'revision.yaml', 33]],
  },
  {
    case: 'v3/security-scheme-changed.near-miss',
    expect: [],
    nearMiss: ['security-scheme-changed'],
  },
  { case: 'v3/server-added', expect: [['server-added', 'info', 'revision.yaml', 9]] },
  {
    case: 'v3/server-host-changed',
    expect: [['server-host-changed', 'breaking', 'revision.yaml', 7]],
  },
  { case: 'v3/server-host-changed.near-miss', expect: [], nearMiss: ['server-host-changed'] },
  {
    // Port 1883 is no longer offered (and the default moved to 8883).
    case: 'v3/server-variable-values-removed',
    expect: [['server-variable-values-removed', 'breaking', 'revision.yaml', 10]],
    nearMiss: ['server-host-changed'],
  },
  {
    // The variable is renamed, its default changes and it gains a value: no port is lost.
    case: 'v3/server-variable-values-removed.near-miss',
    expect: [],
    nearMiss: ['server-variable-values-removed', 'server-host-changed'],
  },
  {
    // 3.x pathname added; the message names the hosts as written, variables included.
    case: 'v3/server-host-changed.variables',
    expect: [['server-host-changed', 'breaking', 'revision.yaml', 7]],
  },
  {
    // A remote message referenced from the channel and from the operation is one message:
    // dropping it is one finding, not one per reference.
    case: 'v3/remote-message-removed',
    expect: [['message-removed', 'breaking', 'base.yaml', 11]],
    nearMiss: ['operation-message-removed'],
  },
  {
    // Lenient mode: the operation's message $ref has a typo and resolves to nothing. It names no
    // message, so the operation still handles its channel's message (nothing removed or added).
    case: 'lenient/operation-message-ref-unresolved.near-miss',
    options: { lenient: true },
    expect: [],
    nearMiss: ['operation-message-removed', 'message-added', 'message-removed'],
  },
  {
    case: 'v3/remote-message-kept.near-miss',
    expect: [],
    nearMiss: ['message-removed', 'message-added', 'operation-message-removed'],
  },
  {
    case: 'v3/server-protocol-changed',
    expect: [['server-protocol-changed', 'breaking', 'revision.yaml', 8]],
  },
  {
    case: 'v3/server-protocol-changed.near-miss',
    expect: [],
    nearMiss: ['server-protocol-changed'],
  },
  {
    case: 'v3/server-protocol-version-changed',
    expect: [['server-protocol-version-changed', 'breaking', 'revision.yaml', 9]],
  },
  {
    case: 'v3/server-protocol-version-changed.near-miss',
    expect: [],
    nearMiss: ['server-protocol-version-changed'],
  },
  {
    case: 'v3/server-removed',
    expect: [['server-removed', 'breaking', 'base.yaml', 9]],
    nearMiss: ['protocol-removed'],
  },
  { case: 'v3/server-removed.near-miss', expect: [], nearMiss: ['server-removed', 'server-added'] },
  {
    case: 'v3/shared-payload',
    expect: [['message-type-changed', 'breaking', 'revision.yaml', 49]],
  },
  {
    case: 'v2/anonymous-message-payload',
    expect: [['message-min-increased', 'info', 'revision.yaml', 15]],
  },
  {
    case: 'v2/channel-address-changed',
    expect: [['channel-address-changed', 'breaking', 'revision.yaml', 15]],
  },
  {
    case: 'v2/server-host-changed.credentials',
    expect: [['server-host-changed', 'breaking', 'revision.yaml', 7]],
  },
  {
    // Only the password in the url changed: the same server.
    case: 'v2/server-url-credentials.near-miss',
    expect: [],
    nearMiss: ['server-host-changed', 'server-removed'],
  },
  { case: 'v2/channel-removed', expect: [['channel-removed', 'breaking', 'base.yaml', 15]] },
  {
    case: 'v2/channel-server-removed',
    expect: [['channel-server-removed', 'breaking', 'revision.yaml', 19]],
  },
  { case: 'v2/message-added', expect: [['message-added', 'info', 'revision.yaml', 21]] },
  { case: 'v2/message-removed', expect: [['message-removed', 'breaking', 'base.yaml', 21]] },
  {
    case: 'v2/message-schema-not-compared',
    expect: [['message-schema-not-compared', 'info', 'revision.yaml', 31]],
  },
  {
    case: 'v2/message-schema-not-compared.near-miss',
    expect: [],
    nearMiss: ['message-schema-not-compared'],
  },
  {
    case: 'v2/no-operation-id-payload',
    expect: [['message-max-length-set', 'warning', 'revision.yaml', 34]],
  },
  {
    case: 'v2/openapi-schema-format',
    expect: [['message-became-nullable', 'breaking', 'revision.yaml', 36]],
  },
  {
    case: 'v2/operation-action-changed',
    expect: [['operation-action-changed', 'breaking', 'revision.yaml', 16]],
  },
  { case: 'v2/operation-removed', expect: [['operation-removed', 'breaking', 'base.yaml', 16]] },
  {
    case: 'v2/perspective-application',
    expect: [['message-enum-value-added', 'warning', 'revision.yaml', 46]],
  },
  {
    case: 'v2/perspective-client',
    expect: [['message-enum-value-added', 'info', 'revision.yaml', 46]],
    options: { perspective: 'client' },
  },
  {
    case: 'v2/remote-payload-ref',
    expect: [['ref-not-compared', 'warning', 'revision.yaml', 10]],
    nearMiss: ['message-schema-format-changed', 'message-schema-not-compared'],
  },
  {
    // A remote $ref inside the payload and the headers: not compared (was "widened to any" and
    // the local schema's required `street` "removed").
    case: 'v3/ref-not-compared',
    expect: [
      ['ref-not-compared', 'warning', 'revision.yaml', 24],
      ['ref-not-compared', 'warning', 'revision.yaml', 32],
    ],
  },
  {
    // The same remote ref, and a local ref moved to a schema of the same shape.
    case: 'v3/ref-not-compared.near-miss',
    expect: [],
    nearMiss: ['ref-not-compared', 'message-type-generalized', 'message-required-property-removed'],
  },
  {
    case: 'v2/security-alternative-removed',
    expect: [['security-alternative-removed', 'breaking', 'revision.yaml', 9]],
  },
  {
    case: 'v2/trait-content-type-changed',
    expect: [['message-content-type-changed', 'breaking', 'revision.yaml', 27]],
  },
  {
    case: 'v2-v3/action-flipped',
    expect: [
      ['asyncapi-version-changed', 'info', 'revision.yaml', 1],
      ['operation-action-changed', 'breaking', 'revision.yaml', 26],
    ],
  },
  {
    case: 'v2-v3/anonymous-messages',
    expect: [['asyncapi-version-changed', 'info', 'revision.yaml', 1]],
    nearMiss: ['message-renamed', 'message-removed', 'message-added'],
  },
  {
    case: 'v2-v3/anonymous-messages-narrowed',
    expect: [
      ['asyncapi-version-changed', 'info', 'revision.yaml', 1],
      ['message-max-length-set', 'info', 'revision.yaml', 20],
    ],
  },
  {
    // Both messages renamed; the sent one also gained an optional property. Each is the only
    // message flowing its way on the channel, so it is the same message under a new name.
    case: 'v2/message-renamed-by-flow',
    expect: [
      ['message-renamed', 'info', 'revision.yaml', 16],
      ['message-renamed', 'info', 'revision.yaml', 23],
      ['message-optional-property-added', 'info', 'revision.yaml', 30],
    ],
    nearMiss: ['message-removed', 'message-added'],
  },
  {
    // Two sent messages replaced by two others: which is which cannot be told, so no pairing.
    case: 'v2/message-renamed-by-flow.ambiguous',
    expect: [
      ['message-removed', 'breaking', 'base.yaml', 10],
      ['message-removed', 'breaking', 'base.yaml', 11],
      ['message-added', 'warning', 'revision.yaml', 10],
      ['message-added', 'warning', 'revision.yaml', 11],
    ],
    nearMiss: ['message-renamed'],
  },
  {
    case: 'v2-v3/equivalent',
    expect: [['asyncapi-version-changed', 'info', 'revision.yaml', 1]],
    nearMiss: ['channel-renamed', 'operation-action-changed', 'message-renamed'],
  },
  {
    // 3.x writes the oauth2 requirement inline (as the 2.x → 3.0 converter does): same scheme.
    case: 'v2-v3/inline-security-scheme',
    expect: [['asyncapi-version-changed', 'info', 'revision.yaml', 1]],
    nearMiss: [
      'security-alternative-removed',
      'security-alternative-added',
      'security-scheme-changed',
    ],
  },
  {
    case: 'v2-v3/operation-ids-added',
    expect: [['asyncapi-version-changed', 'info', 'revision.yaml', 1]],
    nearMiss: ['operation-renamed', 'operation-removed', 'operation-added'],
  },
  {
    case: 'v2-v3/property-removed',
    expect: [
      ['message-optional-property-removed', 'warning', 'base.yaml', 42],
      ['asyncapi-version-changed', 'info', 'revision.yaml', 1],
    ],
  },
];

describe('AsyncAPI rules on fixture pairs', () => {
  for (const c of CASES) {
    it(c.case, async () => {
      const dir = path.join(FIXTURES, 'asyncapi', c.case);
      const findings = await diffCase(dir, c.options);
      const found = brief(findings, dir);
      expect(found.map((f) => [f.rule, f.severity, f.file, f.line])).toEqual(
        [...c.expect].sort(
          (a, b) => a[2].localeCompare(b[2]) || a[3] - b[3] || a[0].localeCompare(b[0]),
        ),
      );
      for (const rule of c.nearMiss ?? []) expect(found.map((f) => f.rule)).not.toContain(rule);
      const fingerprints = findings.map((f) => f.fingerprint);
      expect(new Set(fingerprints).size).toBe(fingerprints.length);
    });
  }

  it('server-host-changed never shows the credentials of a 2.x url', async () => {
    const dir = path.join(FIXTURES, 'asyncapi', 'v2/server-host-changed.credentials');
    const [f] = await diffCase(dir);
    expect(f!.message).toBe(
      "the host of server 'development' changed from 'mq1.example.com:5671' to 'mq2.example.com:5671'",
    );
  });

  it('server-host-changed shows the hosts as written, with their variables', async () => {
    const dir = path.join(FIXTURES, 'asyncapi', 'v3/server-host-changed.variables');
    const [f] = await diffCase(dir);
    expect(f!.message).toBe(
      "the host of server 'production' changed from 'broker.example.com:{port}' to 'broker.example.com:{port}/v2'",
    );
  });

  it('every AsyncAPI rule fires in a fixture and has a near-miss', () => {
    const all = [...CASES, ...ACCURACY_CASES];
    const fired = new Set(all.flatMap((c) => c.expect.map((r) => r[0])));
    const missed = new Set(all.flatMap((c) => c.nearMiss ?? []));
    // asyncapi-document-invalid is a load-time problem: see load.test.ts (lenient mode).
    const rules = ASYNCAPI_RULES.map((r) => r.id).filter(
      (id) => id !== 'asyncapi-document-invalid',
    );
    expect(rules.filter((id) => !fired.has(id))).toEqual([]);
    expect(rules.filter((id) => !missed.has(id))).toEqual([]);
  });
});
