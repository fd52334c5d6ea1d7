/** The folder registry: read, publish (plan + apply), verify, lock. */
export { openRegistry, Registry, RegistrySource } from './registry.js';
export { planPublish, readContractFiles, type PublishPlan, type PublishRequest } from './plan.js';
export { applyPlan, type ApplyResult } from './apply.js';
export { verifyRegistry, repairRegistry, type VerifyProblem, type VerifyResult } from './verify.js';
export { acquireLock, type Lock, type LockOptions } from './lock.js';
export { gitSource } from './git.js';
export { renderChangelog } from './changelog.js';
export type { Manifest, RegistryIndex, VersionEntry, IndexVersion } from './types.js';
