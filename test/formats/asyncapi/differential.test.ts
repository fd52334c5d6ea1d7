import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA_RULES } from '../../../src/core/jsonschema/rules.js';
import type { Finding } from '../../../src/core/model.js';
import { DirSource } from '../../../src/core/source.js';
import { asyncapiAdapter } from '../../../src/formats/asyncapi/adapter.js';
import type { JsonSchemaModel } from '../../../src/formats/jsonschema/load.js';
import { catalogue, diffSchemas, FIXTURES, jsonschemaAdapter, side } from './harness.js';
import { asyncapiDiffBreaking, dereferenced, jsdvBreaking } from './peers.js';

/**
 * Differential test: the fixture corpus judged by treaty and by the peer tools. Every case where a
 * verdict (breaking or not) differs is listed here with the reason; the test fails when the
 * disagreements change, so each new one must be explained.
 */

/** Cases where @asyncapi/diff (breaking() non-empty, or refusing the pair) disagrees with treaty. */
const ASYNCAPI_DIFF: Record<string, string> = {
  'v3/all-of-flattened.near-miss':
    'changes inside a payload are unclassified; a flattened allOf gained a required field in a received message',
  'v3/asyncapi-version-changed':
    'it calls any edit of /asyncapi breaking; a spec version bump changes nothing on the wire',
  'v3/binding-changed': 'it leaves bindings unclassified; a new Kafka topic moves every message',
  'v3/required-undeclared':
    'changes inside a payload are unclassified; a required (undeclared) name of a sent message became optional',
  'v2/required-undeclared':
    'payloads are unclassified in its 2.x standard; required names changed in a sent and a received message',
  'v3/channel-parameter-renamed':
    'it compares the parameter key and address text; only the parameter name changed, the topics are the same (info)',
  'v2/channel-parameter-pattern':
    'changes inside a parameter schema are unclassified; the order id must now be a uuid on a channel the application receives on',
  'v2/property-renamed':
    'payloads are unclassified in its 2.x standard; a required property of a received message was renamed',
  'v3/parameter-outside-address':
    'it does not compare parameters its address does not name; a handshake query parameter was removed and a value dropped from another',
  'v3/reply-direction':
    'changes inside a payload are unclassified; a required field of the reply the application sends became optional',
  'v3/binding-ws-query':
    'bindings are unclassified; a WebSocket query value was dropped and a handshake header made required',
  'v3/binding-http-query':
    'bindings are unclassified; a webhook signature header gained a pattern its senders may not meet',
  'v3/binding-kafka-topic-config':
    'bindings are unclassified; the topic became compacted and its retention shorter',
  'v2/binding-ws-headers':
    'bindings are unclassified; the Authorization handshake header became required',
  'v2/binding-mqtt-amqp':
    'bindings are unclassified; the AMQP queue was renamed and the MQTT correlation data changed type',
  'v3/channel-address-generalized':
    'it compares address text; a fixed ticket became a parameter and the old address still matches',
  'v3/channel-parameter-values-removed':
    'its 3.0 standard does not classify parameter enums; an environment value was dropped, so that topic is gone',
  'v3/channel-parameter-values-removed.near-miss':
    'it compares the parameter key and address text; the parameter was only renamed and gained a value',
  'v3/channel-address-changed.near-miss':
    'it compares address text; only a parameter name changed ({userId} → {id}), the topic is the same',
  'v3/channel-renamed':
    'it matches channels by key and sees a removal; the address is unchanged (treaty: info)',
  'v3/channel-stability-decreased':
    'x-stability-level is an extension it does not classify; a channel lowered from stable to beta loses its promise (treaty: breaking)',
  'v3/headers-added.near-miss':
    'its 3.0 standard calls adding headers to a message breaking; optional headers on a received message take nothing away',
  'v3/info-version-changed.near-miss':
    'it calls an info.version edit breaking; a version number breaks nobody',
  'v3/message-content-type-changed.near-miss':
    'contentType moved to defaultContentType with the same value: the effective content type is unchanged',
  'v3/message-correlation-id-changed':
    'its 3.0 standard classifies correlationId/location only under traits; here it is unclassified',
  'v3/message-key-type-changed': 'bindings are unclassified; the Kafka key schema changed type',
  'v3/message-renamed':
    'its 3.0 standard calls a message name edit breaking; the name is not on the wire (treaty: info)',
  'v3/message-required-property-removed':
    'changes inside a payload are unclassified; a required property was removed from a sent message',
  'v3/message-schema-format-changed':
    'changes inside a payload are unclassified; JSON Schema was replaced by Avro',
  'v3/operation-channel-changed':
    'in a dereferenced document the moved channel shows as edits inside /operations/*/channel, which it does not classify',
  'v3/operation-message-outside-channel':
    'changes inside an operation message are unclassified; a property of a sent message became optional',
  'v3/operation-stability-decreased':
    'x-stability-level is an extension it does not classify; an operation lowered from stable to alpha loses its promise (treaty: breaking)',
  'v3/operation-renamed':
    'it matches operations by key and sees a removal; treaty matches the renamed operation by channel and action (info)',
  'v3/operation-reply-address-changed.near-miss':
    'only the reply channel key changed; it sees a removed channel',
  'v3/operation-reply-message-removed': 'reply messages are unclassified in its 3.0 standard',
  'v3/security-alternative-added':
    'it calls any change of a security list breaking; accepting one more scheme only loosens',
  'v3/security-removed':
    'it calls any change of a security list breaking; requiring nothing only loosens',
  'v3/security-scheme-changed': 'components are not classified; the scheme in use changed type',
  'v3/server-host-changed.near-miss': 'only the host variable was renamed',
  'v3/server-host-changed.variables':
    'it calls an added pathname an addition; clients connecting to the old path no longer reach the server',
  'v3/server-protocol-changed.near-miss': "'Kafka' and 'kafka' are one protocol",
  'v3/server-protocol-version-changed.near-miss': 'a protocolVersion was declared where none was',
  'v3/server-variable-values-removed.near-miss':
    'it calls a variable default edit breaking; the port variable was renamed, its default moved and it gained a value, no port is lost',
  'v3/server-removed.near-miss': 'the server key changed; host and protocol are the same server',
  'v3/shared-payload': 'changes inside a payload are unclassified; a shared schema changed type',
  'v2/channel-address-generalized':
    'it matches channels by key (the 2.x address) and sees a removal; the old address is an instance of the new template',
  'v2/channel-parameter-values-removed':
    'changes inside a parameter schema are unclassified; a parameter that took any string now takes two values',
  'v2/channel-server-removed': 'its 2.x standard has no rule for channel servers',
  'v2/server-url-credentials.near-miss':
    'a url edit is breaking for it; only the password in the url changed, the server is the same',
  'v2/message-removed': 'its 2.x standard has no rule for the oneOf list of an operation message',
  'v2/message-renamed-by-flow.ambiguous':
    'its 2.x standard has no rule for the oneOf list of an operation message; both sent messages were replaced',
  'v2/message-avro-incompatible':
    'payloads are unclassified in its 2.x standard; an Avro field without a default was added to a message the application receives, which producers on the old schema cannot satisfy',
  'v2/openapi-schema-format':
    'payloads are unclassified in its 2.x standard; the OpenAPI-format property became nullable in a sent message',
  'v2/trait-content-type-changed':
    'traits under components are not classified; the effective content type changed',
  'v2-v3/action-flipped': 'it refuses to compare a 2.x document with a 3.0 one',
  'v2-v3/anonymous-messages': 'it refuses to compare a 2.x document with a 3.0 one',
  'v2-v3/anonymous-messages-narrowed': 'it refuses to compare a 2.x document with a 3.0 one',
  'v2-v3/equivalent': 'it refuses to compare a 2.x document with a 3.0 one',
  'v2-v3/inline-security-scheme': 'it refuses to compare a 2.x document with a 3.0 one',
  'v2-v3/operation-ids-added': 'it refuses to compare a 2.x document with a 3.0 one',
  'v2-v3/property-removed': 'it refuses to compare a 2.x document with a 3.0 one',
};

/** Cases where json-schema-diff-validator, run on each matched message payload, disagrees. */
const JSDV_PAYLOADS: Record<string, string> = {
  'v3/all-of-flattened':
    'it reads an allOf flattened into one object as a new required property; the part required it already',
  'v3/reply-direction':
    'it does not see that a reply is sent by the application; a required field of the reply became optional',
  'v3/reply-direction.near-miss':
    'it flags a loosened required list; the request is written by consumers, so it may loosen (info)',
  'v3/property-renamed':
    'it flags every removal; an optional property of a sent message renamed is a warning for its readers',
  'v3/property-renamed.near-miss':
    'it flags every removal; an optional property removed from a sent message is a warning',
  'v3/required-undeclared':
    'it reads an undeclared required name as nothing; dropping it from required in a sent message loses a promise',
  'v2/anonymous-message-payload':
    'it flags every replaced keyword; a higher minimum in a sent message only narrows what readers get (info)',
  'v2/no-operation-id-payload':
    'it flags every added keyword; maxLength set on a received message is a warning (as oasdiff)',
  'v2/perspective-application':
    'it flags new enum values; in a sent message that is a warning for strict readers',
  'v2/perspective-client':
    'it flags new enum values; with perspective client the message is written by consumers (info)',
  'v2-v3/property-removed':
    'it flags every removal; an optional property removed from a sent message is a warning',
  'v2/remote-payload-ref':
    'it compares the $ref strings; treaty does not fetch remote schemas (allowRemoteRefs off) and reports the new URL as not compared (ref-not-compared, warning)',
  'v3/ref-not-compared':
    'it reads the local schema replaced by a $ref string as a change of the payload; treaty does not fetch remote schemas and reports each changed remote $ref as not compared (ref-not-compared, warning)',
};

/** Cases where json-schema-diff-validator, run on each pair of schema files, disagrees. */
const JSDV_SCHEMAS: Record<string, string> = {
  'enum-value-added':
    'it flags new enum values; with direction both it is a warning (strict readers), not breaking',
  'refactored.near-miss':
    'it compares text: a subschema moved to $defs and a $ref by $id is the same schema',
  'ref-not-compared':
    'it compares $ref text: a local schema replaced by a remote one neither tool reads is breaking to it; treaty says the ref is not compared (a warning) rather than guess',
  'ref-not-compared.near-miss':
    'it compares text: a $defs entry renamed, with the $ref following it, is the same schema',
  'schema-file-removed': 'it compares two schemas, not folders: a removed file is not seen',
};

const SCHEMA_RULE_IDS = new Set(SCHEMA_RULES.ids());
const isPayloadRule = (id: string) =>
  SCHEMA_RULE_IDS.has(id) &&
  !id.startsWith('message-header-') &&
  !id.startsWith('message-key-') &&
  !id.startsWith('binding-') &&
  !id.startsWith('channel-parameter-');
const breaking = (fs: Finding[]) => fs.some((f) => f.severity === 'breaking');

async function asyncapiCases() {
  const out = [];
  for (const group of ['v3', 'v2', 'v2-v3']) {
    for (const c of readdirSync(path.join(FIXTURES, 'asyncapi', group)).sort()) {
      const dir = path.join(FIXTURES, 'asyncapi', group, c);
      const load = (name: 'base' | 'revision') => {
        const s = side(dir, name);
        return asyncapiAdapter.load(
          { id: 'x', format: 'asyncapi', root: s.root, entries: [s.entry] },
          new DirSource(s.root),
        );
      };
      const [base, rev] = [await load('base'), await load('revision')];
      const findings = asyncapiAdapter.compare(base, rev, { catalogue, contract: 'x' });
      out.push({ name: `${group}/${c}`, base, rev, findings });
    }
  }
  return out;
}

describe('differential: treaty vs @asyncapi/diff and json-schema-diff-validator', async () => {
  const cases = await asyncapiCases();

  it('@asyncapi/diff: every disagreement is listed with its reason', async () => {
    const differs: string[] = [];
    for (const c of cases) {
      const theirs = asyncapiDiffBreaking(await dereferenced(c.base), await dereferenced(c.rev));
      if (theirs === 'error' || theirs.length > 0 !== breaking(c.findings)) differs.push(c.name);
    }
    expect(differs.sort()).toEqual(Object.keys(ASYNCAPI_DIFF).sort());
  });

  it('json-schema-diff-validator on message payloads: every disagreement is listed', () => {
    const differs: string[] = [];
    for (const c of cases) {
      const payloads = (m: typeof c.base.model) =>
        new Map(
          m.channels.flatMap((ch) =>
            ch.messages.map((cm) => [cm.message.label, cm.message.payload] as const),
          ),
        );
      const revPayloads = payloads(c.rev.model);
      let theirs = false;
      for (const [label, p] of payloads(c.base.model)) {
        const q = revPayloads.get(label);
        // Schemas in another format (Avro, RAML, …) are not JSON Schema: nothing for it to read.
        const foreign = (x: { family: string }) => x.family === 'avro' || x.family === 'other';
        if (!p || !q || foreign(p) || foreign(q)) continue;
        if (jsdvBreaking(p.schema, q.schema)) theirs = true;
      }
      const ours = c.findings.some((f) => f.severity === 'breaking' && isPayloadRule(f.rule));
      if (theirs !== ours) differs.push(c.name);
    }
    expect(differs.sort()).toEqual(Object.keys(JSDV_PAYLOADS).sort());
  });

  it('json-schema-diff-validator on JSON Schema contracts: every disagreement is listed', async () => {
    const differs: string[] = [];
    for (const c of readdirSync(path.join(FIXTURES, 'jsonschema')).sort()) {
      if (c === 'invalid' || c === 'single') continue;
      const dir = path.join(FIXTURES, 'jsonschema', c);
      const ours = breaking(await diffSchemas(dir));
      const raw = async (name: 'base' | 'revision') => {
        const root = path.join(dir, name);
        const loaded = await jsonschemaAdapter.load(
          { id: 'x', format: 'jsonschema', root, entries: [] },
          new DirSource(root),
        );
        const model = loaded.model as JsonSchemaModel;
        // The tool reads the files as written: parse them again, unresolved.
        const files = new Map<string, unknown>();
        for (const f of model.documents.keys()) {
          const { parse } = await import('yaml');
          files.set(f, parse(await new DirSource(root).read(f)));
        }
        return files;
      };
      const [b, r] = [await raw('base'), await raw('revision')];
      let theirs = false;
      for (const [f, schema] of b) {
        if (r.has(f) && jsdvBreaking(schema, r.get(f))) theirs = true;
      }
      if (theirs !== ours) differs.push(c);
    }
    expect(differs.sort()).toEqual(Object.keys(JSDV_SCHEMAS).sort());
  });

  it('every listed reason is a sentence', () => {
    for (const reason of [
      ...Object.values(ASYNCAPI_DIFF),
      ...Object.values(JSDV_PAYLOADS),
      ...Object.values(JSDV_SCHEMAS),
    ]) {
      expect(reason.length).toBeGreaterThan(20);
    }
  });
});
