import { UsageError } from '../core/errors.js';
import type { ContractRef } from '../core/model.js';

/** The contracts a command runs on: those named (each must exist), else all; none is an error. */
export function select(refs: ContractRef[], ids: string[], root: string): ContractRef[] {
  if (ids.length) {
    const unknown = ids.filter((id) => !refs.some((r) => r.id === id));
    if (unknown.length) {
      throw new UsageError(
        `unknown contract ${unknown.map((u) => `'${u}'`).join(', ')} (known: ${refs.map((r) => r.id).join(', ') || 'none'})`,
      );
    }
    refs = refs.filter((r) => ids.includes(r.id));
  }
  if (!refs.length) {
    throw new UsageError(
      `no contracts found in ${root} (list them in treaty.yaml, or run treaty in the repository)`,
    );
  }
  return refs;
}
