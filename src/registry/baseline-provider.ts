import type { LoadedContract } from '../core/adapter.js';
import type { Baseline, BaselineHistory, BaselineProvider } from '../core/baseline.js';
import type { ContractRef } from '../core/model.js';
import type { Registry } from './registry.js';

/**
 * The registry as the source of baselines: the latest published version of the revision's major
 * line (the latest of all when the document declares no version). A major line never published
 * has no baseline: it is a new line, reported as new.
 */
export class RegistryBaselines implements BaselineProvider {
  constructor(readonly registry: Registry) {}

  async find(ref: ContractRef, rev: LoadedContract): Promise<Baseline | undefined> {
    const entry = this.registry.latest(ref.id, rev.major);
    return entry ? this.baseline(ref, rev, entry.version) : undefined;
  }

  /** Every published version of the revision's major line, latest first. */
  async findAll(ref: ContractRef, rev: LoadedContract): Promise<Baseline[]> {
    const line = this.registry
      .versions(ref.id)
      .filter((v) => rev.major === undefined || v.major === rev.major)
      .reverse();
    return Promise.all(line.map((v) => this.baseline(ref, rev, v.version)));
  }

  /** The published versions of the revision's line, dated: the registry keeps every one. */
  async history(ref: ContractRef, rev: LoadedContract): Promise<BaselineHistory> {
    return { states: await this.findAll(ref, rev), complete: true };
  }

  private async baseline(
    ref: ContractRef,
    rev: LoadedContract,
    version: string,
  ): Promise<Baseline> {
    const major = ref.major ?? rev.major;
    const entry = this.registry.find(ref.id, version);
    return {
      label: `registry:${ref.id}@${version}`,
      // The published copy is loaded as the revision's line: a document that carried several
      // lines when it was published (`/v1/` and `/v2/` paths) is compared as that line only —
      // a line the revision dropped is judged as a line (`contract-line-removed`).
      ref: {
        ...(await this.registry.ref(ref.id, version, ref.options)),
        ...(major !== undefined ? { major } : {}),
      },
      source: this.registry.source(ref.id, version),
      version,
      ...(entry ? { publishedAt: entry.publishedAt } : {}),
      ...(entry?.sunset ? { sunset: entry.sunset } : {}),
    };
  }
}
