import type { LoadedContract } from '../core/adapter.js';
import { TreatyError } from '../core/errors.js';
import type { Finding } from '../core/model.js';
import type { ChangeKind } from '../core/rule.js';
import { VersionRefusal, type NextVersion } from '../policy/next-version.js';
import { planPublish } from './plan.js';
import type { Registry } from './registry.js';
import type { VersionEntry } from './types.js';

/**
 * What `treaty publish` would do with a revision, for `treaty check`'s reports: the same plan
 * publish makes (nothing is written), or why it would refuse.
 */
export async function nextVersion(req: {
  registry: Registry;
  contract: LoadedContract;
  /** Compares the revision with a published version (policy applied), as publish does. */
  compare: (entry: VersionEntry) => Promise<Finding[]>;
  kindOf: (rule: string) => ChangeKind | undefined;
  cwd: string;
  /** The major lines of this contract checked in the same run. */
  runLines?: readonly number[];
}): Promise<NextVersion> {
  try {
    const plan = await planPublish({ ...req, now: new Date() });
    return plan.next;
  } catch (e) {
    // Publish would refuse: the version contradicts the changes (exit 1), or the registry or the
    // contract does not allow it (a format clash, an id differing in case: exit 2).
    if (!(e instanceof TreatyError)) throw e;
    const major = req.contract.major;
    return {
      action: 'refused',
      ...(major !== undefined ? { major } : {}),
      ...(e instanceof VersionRefusal && e.required ? { required: e.required } : {}),
      message: e.message,
    };
  }
}
