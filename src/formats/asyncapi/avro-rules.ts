import type { SchemaDirection } from '../../core/jsonschema/api.js';
import { defineRule, MODES, type RuleDef } from '../../core/rule.js';
import { breaksBackward, breaksForward } from '../avro/rules.js';

/**
 * The rules of Avro payloads in AsyncAPI messages (avro-payload.ts compares them): declarations
 * only, so the catalogue lists them without loading the Avro engine.
 */

const F = ['asyncapi'] as const;
/** `name` tells apart several changes at one element (the fingerprint includes it). */
type Args = { message: string; part: string; change: string; detail: string; name: string };

export const messageAvroIncompatible = defineRule<Args>({
  id: 'message-avro-incompatible',
  formats: F,
  severity: 'breaking',
  kind: 'modification',
  modes: MODES.breaking,
  description:
    'An Avro payload changed so that the counterparts of the message (readers or writers on the old schema) can no longer resolve it.',
  equivalents: {},
  message: ({ message, part, detail }) =>
    `the ${part} of message '${message}' (Avro): ${detail}; counterparts on the old schema cannot resolve it`,
  explain: {
    why: 'Avro data is only readable when the reader schema resolves the writer schema. For a message the application sends, consumers still on the old schema read new data (Confluent FORWARD); for a message it receives, it reads data producers still write with the old schema (Confluent BACKWARD).',
    example: {
      before:
        'payload:\n  type: record\n  name: OrderPlaced\n  fields:\n    - {name: id, type: string}\n    - {name: total, type: long}',
      after:
        'payload:\n  type: record\n  name: OrderPlaced\n  fields:\n    - {name: id, type: string}',
      language: 'yaml',
    },
  },
});

export const messageAvroUpgradeOrder = defineRule<Args>({
  id: 'message-avro-upgrade-order',
  formats: F,
  severity: 'warning',
  kind: 'modification',
  modes: MODES.forward,
  description:
    'An Avro payload changed so that it resolves only if the application upgrades before its counterparts.',
  equivalents: {},
  message: ({ message, part, detail }) =>
    `the ${part} of message '${message}' (Avro): ${detail}; counterparts that upgrade first cannot resolve the other side`,
  explain: {
    why: 'The change resolves in the direction the message flows, but not in the other: consumers that upgrade to the new schema cannot re-read messages already written with the old one, or producers that upgrade before the application send data it cannot read.',
    example: {
      before:
        'payload:\n  type: record\n  name: OrderPlaced\n  fields:\n    - {name: id, type: string}',
      after:
        'payload:\n  type: record\n  name: OrderPlaced\n  fields:\n    - {name: id, type: string}\n    - {name: channel, type: string}',
      language: 'yaml',
    },
  },
});

export const messageAvroChanged = defineRule<Args>({
  id: 'message-avro-changed',
  formats: F,
  severity: 'info',
  kind: 'modification',
  modes: MODES.expansionOnly,
  description:
    'An Avro payload changed in place compatibly both ways (a field with a default removed, a default changed, a type renamed with aliases).',
  equivalents: {},
  message: ({ message, part, detail }) => `the ${part} of message '${message}' (Avro): ${detail}`,
  explain: {
    why: 'Both sides still resolve each other, but what readers see changes (a default fills in for a removed field, a symbol is read as the enum default): not an expansion.',
    example: {
      before:
        'payload:\n  type: record\n  name: OrderPlaced\n  fields:\n    - {name: note, type: string, default: ""}',
      after: 'payload:\n  type: record\n  name: OrderPlaced\n  fields: []',
      language: 'yaml',
    },
  },
});

export const messageAvroExtended = defineRule<Args>({
  id: 'message-avro-extended',
  formats: F,
  severity: 'info',
  kind: 'addition',
  modes: MODES.none,
  description:
    'An Avro payload gained something both sides resolve (a field with a default, an alias, documentation).',
  equivalents: {},
  message: ({ message, part, detail }) => `the ${part} of message '${message}' (Avro): ${detail}`,
  explain: {
    why: 'Readers on either schema resolve the other: a field with a default is filled in or skipped, aliases and documentation do not change the data.',
    example: {
      before:
        'payload:\n  type: record\n  name: OrderPlaced\n  fields:\n    - {name: id, type: string}',
      after:
        'payload:\n  type: record\n  name: OrderPlaced\n  fields:\n    - {name: id, type: string}\n    - {name: note, type: string, default: ""}',
      language: 'yaml',
    },
  },
});

export const ASYNCAPI_AVRO_RULES = [
  messageAvroIncompatible,
  messageAvroUpgradeOrder,
  messageAvroChanged,
  messageAvroExtended,
];

/** The rule an Avro change becomes in a message flowing in `direction`. */
export function ruleInFlow(change: RuleDef, direction: SchemaDirection): RuleDef<Args> {
  const b = breaksBackward(change);
  const f = breaksForward(change);
  const flow = direction === 'read' ? f : direction === 'write' ? b : b || f;
  if (flow) return messageAvroIncompatible;
  if (b || f) return messageAvroUpgradeOrder;
  return change.modes.includes('expansion') ? messageAvroChanged : messageAvroExtended;
}
