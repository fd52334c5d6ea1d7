import type { CompareContext, FormatAdapter, LoadedContract } from '../../core/adapter.js';
import { findingFactory, type FindingInput } from '../../core/catalogue.js';
import type { ContractRef, Finding, SourceLocation } from '../../core/model.js';
import type { FileSource } from '../../core/source.js';
import { compareTrees, type Place, type RawFinding } from './compare/index.js';
import {
  isUnstablePackage,
  packageStability,
  loadConfig,
  packageMajor,
  type BreakingConfig,
  type ProtoConfig,
} from './config.js';
import { detectProtobuf } from './detect.js';
import { loadTree, within, type ProtoFile, type ProtoTree } from './tree.js';

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

  detect: detectProtobuf,

  async load(ref: ContractRef, source: FileSource): Promise<LoadedContract<ProtoModel>> {
    const config = await loadConfig(ref, source);
    const tree = await loadTree(source, config.layout);
    const lines = new Set<number>();
    for (const f of tree.contractFiles()) {
      const major = packageMajor(f.parsed.header.package);
      if (major !== undefined) lines.add(major);
    }
    // One major line of a tree carrying several (`pkg.v1` and `pkg.v2`): the other lines' files
    // are only there to resolve imports; files of unversioned packages belong to every line.
    if (ref.major !== undefined && lines.size > 1) {
      for (const f of tree.contractFiles()) {
        const major = packageMajor(f.parsed.header.package);
        if (major !== undefined && major !== ref.major) f.dependency = true;
      }
    }
    const files = tree.contractFiles();
    // Everything needed to load the contract again (e.g. from a registry copy): its files, the
    // imported files found under the root (include paths), and the buf config files that shape
    // the layout.
    const needed = new Set(files.map((f) => f.sourceRel));
    for (const f of reachable(tree, files)) {
      if (f.dependency && f.sourceRel && !f.sourceRel.startsWith('../')) needed.add(f.sourceRel);
    }
    for (const f of config.configFiles) needed.add(f);
    const contract: LoadedContract<ProtoModel> = {
      ref,
      files: [...needed].sort(),
      model: { tree, config },
    };
    // A package's `vN` suffix names the major line, not a version: protobuf declares none, so
    // the version is always computed from the findings.
    const suffixes = new Set<string>();
    for (const f of files) {
      const pkg = f.parsed.header.package;
      const major = packageMajor(pkg);
      if (major !== undefined) suffixes.add(pkg.slice(pkg.lastIndexOf('.') + 1));
    }
    if (suffixes.size === 1) {
      const suffix = [...suffixes][0]!;
      contract.major = packageMajor(suffix)!;
      contract.lineField = `the package's version suffix ${suffix}`;
    }
    if (ref.major === undefined && lines.size > 1) {
      contract.lines = [...lines].sort((a, b) => a - b);
    }
    return contract;
  },

  compare(base, rev, ctx: CompareContext): Finding[] {
    const make = findingFactory(ctx.catalogue, ctx.contract, 'protobuf');
    const config = rev.model.config;
    const reach = new ModuleReach(config.breaking.length);
    const out: Finding[] = [];
    for (const raw of compareTrees(base.model.tree, rev.model.tree)) {
      if (!reported(raw, config, reach)) continue;
      const input: FindingInput = toInput(raw);
      // An element in an unstable package (v1alpha1, v1beta2) carries that stability: the policy
      // lets it change freely below the threshold. The published side's package decides.
      const place = raw.prev ?? raw.cur;
      const stability = place && packageStability(place.file.parsed.header.package);
      if (stability) input.stability = stability;
      // Only a removal's verdict depends on the element's deprecation (the policy's job).
      if (raw.deprecation && ctx.catalogue.get(raw.rule)?.kind === 'removal') {
        out.push(make(raw.rule, { ...input, deprecation: raw.deprecation }));
      } else out.push(make(raw.rule, input));
    }
    return out.sort(byLocation);
  },
};

/**
 * buf's filters: the rule is on, and neither location is ignored or in an unstable package.
 * In a workspace buf checks each module together with the files of other modules it imports,
 * under its own config, so a file is governed by its module's config and by the config of every
 * module that imports it.
 */
function reported(raw: RawFinding, config: ProtoConfig, reach: ModuleReach): boolean {
  const modules = new Set<number>();
  for (const place of [raw.cur, raw.prev]) {
    if (place) for (const m of reach.of(place.tree, place.file)) modules.add(m);
  }
  if (!modules.size) modules.add(0);
  for (const m of modules) {
    if (acceptedBy(raw, config.breaking[m] ?? config.breaking[0]!)) return true;
  }
  return false;
}

function acceptedBy(raw: RawFinding, breaking: BreakingConfig): boolean {
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

/** For each file, the modules whose checks see it: its own, and those importing it (transitively). */
class ModuleReach {
  private readonly byTree = new Map<ProtoTree, Map<ProtoFile, Set<number>>>();

  constructor(private readonly moduleCount: number) {}

  of(tree: ProtoTree, file: ProtoFile): Iterable<number> {
    if (this.moduleCount <= 1) return [file.module];
    let map = this.byTree.get(tree);
    if (!map) {
      map = new Map();
      for (const f of tree.contractFiles()) {
        const stack = [f];
        while (stack.length) {
          const g = stack.pop()!;
          let mods = map.get(g);
          if (!mods) map.set(g, (mods = new Set()));
          if (mods.has(f.module)) continue;
          mods.add(f.module);
          for (const imp of g.parsed.header.imports) {
            const dep = tree.imported(imp.path);
            if (dep) stack.push(dep);
          }
        }
      }
      this.byTree.set(tree, map);
    }
    return map.get(file) ?? [file.module];
  }
}

/**
 * Where a finding is: its place in the current tree, as buf reports it. A finding with no current
 * place (a deleted file or package, or an element of a deleted file) is one buf reports without a
 * path or line: it has line 0 in the baseline file, and its baseLocation gives the element's
 * place in the baseline.
 */
function toInput(raw: RawFinding) {
  const location = raw.cur
    ? locate(raw.cur, raw.pointer)
    : { file: raw.prev!.tree.absolute(raw.prev!.file), line: 0, column: 0, pointer: raw.pointer };
  const input: { args: typeof raw.args; location: SourceLocation; baseLocation?: SourceLocation } =
    { args: raw.args, location };
  if (raw.prev && raw.prev.at !== undefined && !raw.noLine) {
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

/** The files the given ones import, transitively (themselves included). */
function reachable(tree: ProtoTree, from: ProtoFile[]): Set<ProtoFile> {
  const out = new Set<ProtoFile>();
  const stack = [...from];
  while (stack.length) {
    const f = stack.pop()!;
    if (out.has(f)) continue;
    out.add(f);
    for (const imp of f.parsed.header.imports) {
      const dep = tree.imported(imp.path);
      if (dep) stack.push(dep);
    }
  }
  return out;
}
