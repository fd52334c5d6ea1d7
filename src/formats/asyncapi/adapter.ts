import type { FormatAdapter } from '../../core/adapter.js';
import { compareAsyncApi } from './compare.js';
import { loadAsyncApi } from './load.js';
import type { AsyncModel } from './model.js';
import { detectAsyncApi } from './detect.js';

export const asyncapiAdapter: FormatAdapter<AsyncModel> = {
  format: 'asyncapi',
  detect: detectAsyncApi,
  load: loadAsyncApi,
  compare: compareAsyncApi,
};
