import type { CompareContext, FormatAdapter, LoadedContract } from '../../core/adapter.js';
import { findingFactory } from '../../core/catalogue.js';
import type { ContractRef, Finding, SourceLocation } from '../../core/model.js';
import type { FileSource } from '../../core/source.js';
import { compareTrees, type Place, type RawFinding } from './compare/index.js';
import { isUnstablePackage, loadConfig, packageMajor, type ProtoConfig } from './config.js';
import { loadTree, within, type ProtoTree } from './tree.js';

/**
 * The protobuf format: a contract is a root folder of .proto files (plus include paths), compared
 * with buf's breaking rules. See compare.ts for the rules, tree.ts for loading and resolution,
 * config.ts for categories and buf.yaml.
 */

export interface ProtoModel {
  tree: ProtoTree;
  config: ProtoConfig;
}

export const protobufAdapter: FormatAdapter<ProtoModel> = {
  format: 'protobuf',

  detect(rel: string): boolean {
    return rel.endsWith('.proto');
  },

  async load(ref: ContractRef, source: FileSource): Promise<LoadedContract<ProtoModel>> {
    const config = await loadConfig(ref, source);
    const tree = await loadTree(source, config.layout);
    const files = tree.contractFiles();
    // Everything needed to load the contract again (e.g. from a registry copy): its files, the
    // imported files found under the root (include paths), and the buf.yaml that shapes the layout.
    const needed = new Set(files.map((f) => f.sourceRel));
    for (const f of tree.files.values()) {
      if (f.dependency && f.sourceRel && !f.sourceRel.startsWith('../')) needed.add(f.sourceRel);
    }
    if (config.bufYaml) needed.add(config.bufYaml);
    const contract: LoadedContract<ProtoModel> = {
      ref,
      files: [...needed].sort(),
      model: { tree, config },
    };
    const versions = new Set<string>();
    for (const f of files) {
      const pkg = f.parsed.header.package;
      const major = packageMajor(pkg);
      if (major !== undefined) versions.add(pkg.slice(pkg.lastIndexOf('.') + 1));
    }
    if (versions.size === 1) {
      const version = [...versions][0]!;
      contract.version = version;
      contract.major = packageMajor(version)!;
    }
    return contract;
  },

  compare(base, rev, ctx: CompareContext): Finding[] {
    const make = findingFactory(ctx.catalogue, ctx.contract, 'protobuf');
    const config = rev.model.config;
    const out: Finding[] = [];
    for (const raw of compareTrees(base.model.tree, rev.model.tree)) {
      if (!reported(raw, config)) continue;
      out.push(make(raw.rule, toInput(raw)));
    }
    return out.sort(byLocation);
  },
};

/** buf's filters: the rule is on, and neither location is ignored or in an unstable package. */
function reported(raw: RawFinding, config: ProtoConfig): boolean {
  const module = raw.cur?.file.module ?? raw.prev?.file.module ?? 0;
  const breaking = config.breaking[module] ?? config.breaking[0]!;
  const def = raw.rule.startsWith('proto-');
  if (!def && !breaking.rules.has(raw.rule)) return false;
  for (const place of [raw.cur, raw.prev]) {
    if (!place) continue;
    const path = place.file.path;
    if (breaking.ignore.some((p) => within(path, p))) return false;
    if ((breaking.ignoreOnly.get(raw.rule) ?? []).some((p) => within(path, p))) return false;
    if (breaking.ignoreUnstablePackages && isUnstablePackage(place.file.parsed.header.package)) {
      return false;
    }
  }
  return true;
}

function toInput(raw: RawFinding) {
  const location = raw.cur
    ? locate(raw.cur, raw.pointer)
    : raw.noLine
      ? { file: raw.prev!.tree.absolute(raw.prev!.file), line: 0, column: 0, pointer: raw.pointer }
      : locate(raw.prev!, raw.pointer);
  const input: { args: typeof raw.args; location: SourceLocation; baseLocation?: SourceLocation } =
    { args: raw.args, location };
  if (raw.cur && raw.prev && raw.prev.at !== undefined) {
    input.baseLocation = locate(raw.prev, raw.pointer);
  }
  return input;
}

function locate(place: Place, pointer: string[]): SourceLocation {
  const { line, column } = place.tree.locate(place.file, place.at);
  return { file: place.tree.absolute(place.file), line, column, pointer };
}

function byLocation(a: Finding, b: Finding): number {
  const fa = a.location.file;
  const fb = b.location.file;
  if (fa !== fb) return fa < fb ? -1 : 1;
  return (
    a.location.line - b.location.line ||
    a.location.column - b.location.column ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)
  );
}
