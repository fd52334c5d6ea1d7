import type { Catalogue } from '../core/catalogue.js';
import { bumpFor, increment, isSemver } from '../policy/semver.js';
import type { Report } from '../report/report.js';

/**
 * The version each contract would be published as after this change, for the action's
 * `next-versions` output (`{"orders-api": "2.0.0"}`). A report that states it (`nextVersion` on a
 * contract) is taken as it is; otherwise it is derived as `treaty publish` derives it: from the
 * published baseline (`registry:<id>@<version>`), breaking → major, an addition → minor, any other
 * change → patch, no change → the same version. A new contract gets its document's version.
 * Contracts compared with a git ref or a folder have no published version to count from.
 */
export function nextVersions(report: Report, catalogue: Catalogue): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of report.contracts) {
    const stated = (c as { nextVersion?: unknown }).nextVersion;
    if (typeof stated === 'string') {
      out[c.id] = stated;
      continue;
    }
    if (!c.baseline) {
      if (c.version && isSemver(c.version)) out[c.id] = c.version;
      continue;
    }
    const published = /^registry:.+@(.+)$/.exec(c.baseline)?.[1]?.replace(/ \(.*$/, '');
    if (!published || !isSemver(published)) continue;
    const own = report.findings.filter((f) => f.contract === c.id);
    out[c.id] = own.length
      ? increment(published, bumpFor(own, (rule) => catalogue.get(rule)?.kind).bump)
      : published;
  }
  return out;
}
