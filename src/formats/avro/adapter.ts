import type { FormatAdapter } from '../../core/adapter.js';
import { compareAvro } from './compare.js';
import { detectAvro } from './detect.js';
import { loadAvro, type AvroModel } from './load.js';

export const avroAdapter: FormatAdapter<AvroModel> = {
  format: 'avro',
  detect: detectAvro,
  load: loadAvro,
  compare: compareAvro,
};
