import type { LoadedContract } from '../core/adapter.js';
import type { Baseline, BaselineProvider } from '../core/baseline.js';
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
    return entry ? this.baseline(ref, entry.version) : undefined;
  }

  /** Every published version of the revision's major line, latest first. */
  async findAll(ref: ContractRef, rev: LoadedContract): Promise<Baseline[]> {
    const line = this.registry
      .versions(ref.id)
      .filter((v) => rev.major === undefined || v.major === rev.major)
      .reverse();
    return Promise.all(line.map((v) => this.baseline(ref, v.version)));
  }

  private async baseline(ref: ContractRef, version: string): Promise<Baseline> {
    const entry = this.registry.find(ref.id, version);
    return {
      label: `registry:${ref.id}@${version}`,
      // One line of a document carrying several: the published copy is loaded as that line too.
      ref: {
        ...(await this.registry.ref(ref.id, version, ref.options)),
        ...(ref.major !== undefined ? { major: ref.major } : {}),
      },
      source: this.registry.source(ref.id, version),
      version,
      ...(entry ? { publishedAt: entry.publishedAt } : {}),
      ...(entry?.sunset ? { sunset: entry.sunset } : {}),
    };
  }
}
