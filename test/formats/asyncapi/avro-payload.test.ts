import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { getCatalogue } from '../../../src/formats/index.js';
import { ruleInFlow } from '../../../src/formats/asyncapi/avro-rules.js';
import { brief, diffCase, FIXTURES } from './harness.js';

/**
 * Avro payloads in AsyncAPI 2.x and 3.x (inline, or a $ref to an .avsc file) go through the Avro
 * engine; the direction the message flows decides which resolution its counterparts need.
 */
const dir = (c: string) => path.join(FIXTURES, 'asyncapi', c);
const rows = async (c: string) =>
  brief(await diffCase(dir(c)), dir(c)).map((f) => [f.rule, f.severity, f.file, f.line]);

describe('AsyncAPI messages with Avro payloads', () => {
  it('2.x, received message: a field added without a default breaks producers on the old schema', async () => {
    expect(await rows('v2/message-avro-incompatible')).toEqual([
      ['message-avro-incompatible', 'breaking', 'revision.yaml', 37],
    ]);
    const [f] = await diffCase(dir('v2/message-avro-incompatible'));
    expect(f!.args.change).toBe('avro-field-added-without-default');
    expect(f!.affects).toEqual(['message UserDeleted']);
  });

  it('near-miss: the same change on a message the application sends only needs the upgrade order', async () => {
    expect(await rows('v2/message-avro-incompatible.near-miss')).toEqual([
      ['message-avro-upgrade-order', 'warning', 'revision.yaml', 37],
    ]);
  });

  it('2.x: a field with a default is an extension; reordered keys are no change', async () => {
    expect(await rows('v2/message-avro-extended')).toEqual([
      ['message-avro-extended', 'info', 'revision.yaml', 37],
    ]);
    expect(await rows('v2/message-avro-extended.near-miss')).toEqual([]);
  });

  it('3.x multi-format schema: a removed field without default only breaks FORWARD (upgrade order)', async () => {
    expect(await rows('v3/message-avro-upgrade-order')).toEqual([
      ['message-avro-upgrade-order', 'warning', 'revision.yaml', 44],
    ]);
    expect(await rows('v3/message-avro-upgrade-order.near-miss')).toEqual([
      ['message-avro-extended', 'info', 'revision.yaml', 41],
    ]);
  });

  it('3.x $ref to an .avsc file: located in the .avsc; an unchanged schema is no change', async () => {
    expect(await rows('v3/message-avro-changed')).toEqual([
      ['message-avro-changed', 'info', 'revision/user-deleted.avsc', 5],
    ]);
    expect(await rows('v3/message-avro-changed.near-miss')).toEqual([]);
  });

  it('maps each Avro rule onto the flow: what the counterparts need breaks them', () => {
    const c = getCatalogue();
    const id = (rule: string, d: 'read' | 'write' | 'both') => ruleInFlow(c.require(rule), d).id;
    // Consumers read what the application sends: FORWARD breaks them.
    expect(id('avro-field-removed-without-default', 'read')).toBe('message-avro-incompatible');
    expect(id('avro-field-added-without-default', 'read')).toBe('message-avro-upgrade-order');
    // The application reads what producers send: BACKWARD breaks them.
    expect(id('avro-field-added-without-default', 'write')).toBe('message-avro-incompatible');
    expect(id('avro-type-promoted', 'write')).toBe('message-avro-upgrade-order');
    expect(id('avro-type-promoted', 'both')).toBe('message-avro-incompatible');
    expect(id('avro-field-removed', 'both')).toBe('message-avro-changed');
    expect(id('avro-doc-changed', 'both')).toBe('message-avro-extended');
  });

  it('an invalid Avro payload is an input error at its line', async () => {
    const e = await diffCase(path.join(FIXTURES, 'avro-invalid', 'asyncapi-payload')).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).oneLine()).toMatch(
      /revision\.yaml:3\d:\d+: invalid default of Avro field 'UserDeleted\.reason'/,
    );
  });
});
