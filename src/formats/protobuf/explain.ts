import type { RuleExplainTable } from '../../core/rule-explain.js';

/**
 * Why the protobuf additions matter (or do not) to consumers, for `treaty rules <id>`. Merged into
 * the declarations where PROTOBUF_ADDITION_RULES is declared; the breaking rules carry their own.
 * Examples come from the rules' fixture pairs (dist/rule-examples.json).
 */
export const PROTOBUF_EXPLAIN: RuleExplainTable = {
  'proto-file-added': {
    why: 'A new file breaks nobody: existing code does not import it. It makes a minor version.',
  },
  'proto-message-added': {
    why: 'A new message breaks nobody: peers built from the old definition never meet it, and generated code only gains a type.',
  },
  'proto-field-added': {
    why: 'Peers built from the old definition skip the unknown field number when reading and do not set it when writing, so new readers see its default value.',
  },
  'proto-enum-added': {
    why: 'A new enum breaks nobody until a field uses it (that field is reported on its own).',
  },
  'proto-enum-value-added': {
    why: 'Peers built from the old definition do not know the new number: proto3 keeps it as an unrecognised value and JSON parsers may reject its name, so readers should handle unknown values.',
  },
  'proto-service-added': {
    why: 'A new service breaks nobody: existing clients do not call it.',
  },
  'proto-rpc-added': {
    why: 'A new RPC breaks nobody: existing clients do not call it, and servers built from the old definition answer UNIMPLEMENTED if someone does.',
  },
};
