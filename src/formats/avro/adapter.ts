import type { FormatAdapter } from '../../core/adapter.js';
import { compareAvro } from './compare.js';
import { loadAvro, type AvroModel } from './load.js';

/** An Avro schema file: `.avsc` holding a JSON schema, `.avpr` a JSON protocol, `.avdl` IDL. */
export const avroAdapter: FormatAdapter<AvroModel> = {
  format: 'avro',
  detect(rel, text) {
    const head = text.slice(0, 4096);
    if (/\.avsc$/i.test(rel)) return /^\s*[[{"]/.test(head);
    if (/\.avpr$/i.test(rel)) return /"protocol"\s*:/.test(head);
    if (/\.avdl$/i.test(rel)) return /\bprotocol\s+[A-Za-z_]\w*\s*\{/.test(text);
    return false;
  },
  load: loadAvro,
  compare: compareAvro,
};
