import { InputError, UsageError } from '../../core/errors.js';
import type { ContractRef, StabilityLevel } from '../../core/model.js';
import type { FileSource } from '../../core/source.js';
import { yamlPackage } from '../../core/yaml-package.js';
import { BUF_TO_RULE, PROTOBUF_BREAKING_RULES } from './rules.js';
import type { TreeLayout } from './tree.js';

/**
 * Which breaking rules run and where: buf's `breaking:` configuration (use, except, ignore,
 * ignore_only, ignore_unstable_packages), read from a buf.yaml (v1beta1, v1 or v2) at the proto
 * root and overridden by the contract's treaty options. Also the tree layout buf.yaml implies
 * (v2 modules and excludes, v1 build excludes, v1beta1 roots).
 */

export const CATEGORIES = ['FILE', 'PACKAGE', 'WIRE_JSON', 'WIRE', 'CSR'] as const;

export interface BreakingConfig {
  /** Enabled breaking rule ids (treaty ids). */
  rules: ReadonlySet<string>;
  /** Paths (relative to the module root) no rule reports on. */
  ignore: readonly string[];
  /** Rule id → paths that rule does not report on. */
  ignoreOnly: ReadonlyMap<string, readonly string[]>;
  ignoreUnstablePackages: boolean;
}

export interface ProtoConfig {
  layout: TreeLayout;
  /** One breaking config per module of the layout. */
  breaking: BreakingConfig[];
  /** The buf.yaml / buf.work.yaml files that were honoured, relative to the root. */
  configFiles: string[];
}

type Version = 'v1beta1' | 'v1' | 'v2';

interface RawBreaking {
  use?: string[];
  except?: string[];
  ignore?: string[];
  ignore_only?: Record<string, string[]>;
  ignore_unstable_packages?: boolean;
}

/** Rules that exist only in v2 configs. */
const V2_ONLY = new Set([
  'FIELD_SAME_DEFAULT',
  'EXTENSION_NO_DELETE',
  'PACKAGE_EXTENSION_NO_DELETE',
]);

/** v1/v1beta1 ids retired in v2, mapped to the rules that replaced them. */
const DEPRECATED_IDS: Record<string, string[]> = {
  FIELD_SAME_CTYPE: ['FIELD_SAME_CPP_STRING_TYPE'],
  FIELD_SAME_LABEL: ['FIELD_SAME_CARDINALITY'],
  FILE_SAME_JAVA_STRING_CHECK_UTF8: ['FIELD_SAME_JAVA_UTF8_VALIDATION'],
  FILE_SAME_PHP_GENERIC_SERVICES: [],
};

/** buf rule ids in a category, for a config version. */
function categoryMembers(category: string, version: Version): string[] {
  const out: string[] = [];
  for (const r of PROTOBUF_BREAKING_RULES) {
    const id = r.equivalents.buf![0]!;
    if (version !== 'v2' && V2_ONLY.has(id)) continue;
    let cats = r.categories ?? [];
    if (version === 'v1beta1') {
      if (id === 'FILE_SAME_PACKAGE') cats = ['FILE'];
      if (id === 'FIELD_SAME_TYPE') cats = [...cats, 'WIRE', 'WIRE_JSON'];
    }
    if (cats.includes(category)) out.push(id);
  }
  return out;
}

/** Expands rule ids (buf's or treaty's) and category names into treaty rule ids. */
export function expandIds(items: readonly string[], version: Version, where: string): string[] {
  const out: string[] = [];
  for (const item of items) {
    if ((CATEGORIES as readonly string[]).includes(item)) {
      if (item === 'CSR' && version !== 'v2') continue;
      for (const id of categoryMembers(item, version)) out.push(BUF_TO_RULE.get(id)!);
    } else if (BUF_TO_RULE.has(item)) out.push(BUF_TO_RULE.get(item)!);
    else if (DEPRECATED_IDS[item]) {
      for (const id of DEPRECATED_IDS[item]!) out.push(BUF_TO_RULE.get(id)!);
    } else if (PROTOBUF_BREAKING_RULES.some((r) => r.id === item)) out.push(item);
    else {
      throw new InputError(`unknown breaking rule or category '${item}'`, { file: where });
    }
  }
  return out;
}

function resolveBreaking(raw: RawBreaking, version: Version, where: string): BreakingConfig {
  const use = raw.use && raw.use.length ? raw.use : ['FILE'];
  const rules = new Set(expandIds(use, version, where));
  for (const id of expandIds(raw.except ?? [], version, where)) rules.delete(id);
  const ignoreOnly = new Map<string, string[]>();
  for (const [key, paths] of Object.entries(raw.ignore_only ?? {})) {
    for (const id of expandIds([key], version, where)) {
      ignoreOnly.set(id, [...(ignoreOnly.get(id) ?? []), ...paths]);
    }
  }
  return {
    rules,
    ignore: raw.ignore ?? [],
    ignoreOnly,
    ignoreUnstablePackages: raw.ignore_unstable_packages === true,
  };
}

const BUF_YAML = ['buf.yaml', 'buf.yml'];
const BUF_WORK_YAML = ['buf.work.yaml', 'buf.work.yml'];

/** One module as a buf config file describes it, before treaty's options are applied. */
interface ModuleSpec {
  /** Module root relative to the source root ('' = the root). */
  root: string;
  /** Excluded paths relative to the module root. */
  excludes: string[];
  /** The module's `breaking:` section, its paths relative to the module root. */
  breaking: RawBreaking;
  version: Version;
  /** The config file, for error messages. */
  where: string;
}

/**
 * Reads the buf configuration at the root (a buf.work.yaml workspace whose directories hold
 * their own buf.yaml, or a buf.yaml) and the contract options into a config. Each module gets
 * the breaking section buf would give it: a v2 module's own section replaces the top-level one,
 * v2 paths are relative to the buf.yaml and are rebased onto each module, v1/v1beta1 paths are
 * relative to the module (or v1beta1 root). Treaty options override the keys they set.
 */
export async function loadConfig(ref: ContractRef, source: FileSource): Promise<ProtoConfig> {
  const opts = readOptions(ref);
  const configFiles: string[] = [];
  let specs: ModuleSpec[];
  const work = await firstExisting(source, BUF_WORK_YAML);
  if (work) {
    configFiles.push(work);
    const where = source.absolute(work);
    const doc = await readYaml(source, work, 'buf.work.yaml');
    const dirs = strings(doc.directories, where).map(cleanPath);
    if (!dirs.length) {
      throw new InputError(`buf.work.yaml: 'directories' must list the module folders`, {
        file: where,
      });
    }
    specs = [];
    for (const dir of dirs) {
      const yaml = await firstExisting(
        source,
        BUF_YAML.map((n) => (dir ? `${dir}/${n}` : n)),
      );
      if (yaml) {
        configFiles.push(yaml);
        specs.push(
          ...moduleSpecs(await readYaml(source, yaml, 'buf.yaml'), dir, source.absolute(yaml)),
        );
      } else specs.push({ root: dir, excludes: [], breaking: {}, version: 'v1', where });
    }
  } else {
    const yaml = await firstExisting(source, BUF_YAML);
    if (yaml) {
      configFiles.push(yaml);
      specs = moduleSpecs(await readYaml(source, yaml, 'buf.yaml'), '', source.absolute(yaml));
    } else {
      // Without a config file buf applies its v1 defaults (FILE without the v2-only rules);
      // rules chosen in treaty's own options follow v2 membership, as documented.
      const where = `contract '${ref.id}' options`;
      const version: Version = opts.breaking.use ? 'v2' : 'v1';
      specs = [{ root: '', excludes: [], breaking: {}, version, where }];
    }
  }
  for (const m of specs) m.excludes.push(...opts.excludes);
  const breaking = specs.map((m) =>
    resolveBreaking({ ...m.breaking, ...opts.breaking }, m.version, m.where),
  );
  const entries = ref.entries
    .map(cleanPath)
    .filter((e) => e !== '')
    .filter((e) => !specs.some((m) => m.root === e));
  const config: ProtoConfig = {
    layout: {
      modules: specs.map((m) => ({ root: m.root, excludes: m.excludes })),
      includePaths: opts.includePaths,
      entries,
    },
    breaking,
    configFiles,
  };
  return config;
}

async function firstExisting(source: FileSource, names: string[]): Promise<string | undefined> {
  for (const name of names) if (await source.exists(name)) return name;
  return undefined;
}

async function readYaml(
  source: FileSource,
  name: string,
  what: string,
): Promise<Record<string, unknown>> {
  const where = source.absolute(name);
  let doc: unknown;
  try {
    doc = yamlPackage().parse(await source.read(name)) ?? {};
  } catch (e) {
    throw new InputError(`invalid ${what}: ${(e as Error).message.split('\n')[0]}`, {
      file: where,
    });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new InputError(`invalid ${what}: expected a mapping`, { file: where });
  }
  return doc as Record<string, unknown>;
}

/** The modules one buf.yaml (in folder `dir` of the source) describes. */
function moduleSpecs(doc: Record<string, unknown>, dir: string, where: string): ModuleSpec[] {
  const version = configVersion(doc.version, where);
  const top = breakingSection(doc.breaking, where);
  const build = (doc.build ?? {}) as { excludes?: unknown; roots?: unknown };
  const join = (p: string): string => (dir && p ? `${dir}/${p}` : dir || p);
  if (version === 'v2') {
    const mods =
      Array.isArray(doc.modules) && doc.modules.length
        ? (doc.modules as Array<Record<string, unknown>>)
        : [{}];
    return mods.map((m) => {
      const path = cleanPath(String(m.path ?? '.'));
      const own = m.breaking !== undefined ? breakingSection(m.breaking, where) : top;
      return {
        root: join(path),
        excludes: rebase(strings(m.excludes, where).map(cleanPath), path),
        breaking: rebaseBreaking(own, path),
        version,
        where,
      };
    });
  }
  const excludes = strings(build.excludes, where).map(cleanPath);
  if (version === 'v1beta1' && Array.isArray(build.roots) && build.roots.length) {
    return strings(build.roots, where).map((r) => ({
      root: join(cleanPath(r)),
      excludes: rebase(excludes, cleanPath(r)),
      breaking: top,
      version,
      where,
    }));
  }
  return [{ root: dir, excludes, breaking: top, version, where }];
}

/**
 * The config version: v1beta1, v1 or v2. A buf.yaml without one is read as v1beta1, the version
 * buf assumed before it required the key (buf 1.x refuses such a file).
 */
function configVersion(v: unknown, where: string): Version {
  if (v === undefined || v === null) return 'v1beta1';
  if (v === 'v1beta1' || v === 'v1' || v === 'v2') return v;
  throw new InputError(`buf.yaml: unknown version '${String(v)}' (expected v1beta1, v1 or v2)`, {
    file: where,
  });
}

/** Paths relative to the buf.yaml, kept when within module `root` and made relative to it. */
function rebase(paths: string[], root: string): string[] {
  if (!root) return paths;
  return paths
    .filter((p) => p === root || p.startsWith(root + '/'))
    .map((p) => (p === root ? '' : p.slice(root.length + 1)));
}

function rebaseBreaking(raw: RawBreaking, root: string): RawBreaking {
  if (!root) return raw;
  const out: RawBreaking = { ...raw };
  if (raw.ignore) out.ignore = rebase(raw.ignore, root);
  if (raw.ignore_only) {
    out.ignore_only = Object.fromEntries(
      Object.entries(raw.ignore_only).map(([k, v]) => [k, rebase(v, root)]),
    );
  }
  return out;
}

interface Options {
  breaking: RawBreaking;
  includePaths: string[];
  excludes: string[];
}

/** The contract's protobuf options (treaty.yaml), checked for shape. */
function readOptions(ref: ContractRef): Options {
  const o = ref.options ?? {};
  const where = `contract '${ref.id}' options`;
  const list = (key: string): string[] | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      throw new UsageError(`${where}: '${key}' must be a list of strings`);
    }
    return v as string[];
  };
  const breaking: RawBreaking = {};
  const use = list('categories') ?? list('use');
  if (use) breaking.use = use;
  const except = list('except');
  if (except) breaking.except = except;
  const ignore = list('ignore');
  if (ignore) breaking.ignore = ignore;
  const only = o.ignore_only ?? o.ignoreOnly;
  if (only !== undefined) {
    if (typeof only !== 'object' || only === null || Array.isArray(only)) {
      throw new UsageError(`${where}: 'ignore_only' must map rule ids to lists of paths`);
    }
    breaking.ignore_only = only as Record<string, string[]>;
  }
  const unstable = o.ignore_unstable_packages ?? o.ignoreUnstablePackages;
  if (unstable !== undefined) {
    if (typeof unstable !== 'boolean') {
      throw new UsageError(`${where}: 'ignore_unstable_packages' must be true or false`);
    }
    breaking.ignore_unstable_packages = unstable;
  }
  return {
    breaking,
    includePaths: (list('includePaths') ?? []).map(cleanPath),
    excludes: (list('excludes') ?? []).map(cleanPath),
  };
}

function breakingSection(v: unknown, where: string): RawBreaking {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new InputError(`buf.yaml: 'breaking' must be a mapping`, { file: where });
  }
  const b = v as Record<string, unknown>;
  const out: RawBreaking = {};
  if (b.use !== undefined) out.use = strings(b.use, where);
  if (b.except !== undefined) out.except = strings(b.except, where);
  if (b.ignore !== undefined) out.ignore = strings(b.ignore, where).map(cleanPath);
  if (b.ignore_only !== undefined) {
    const only: Record<string, string[]> = {};
    for (const [k, paths] of Object.entries(b.ignore_only as Record<string, unknown>)) {
      only[k] = strings(paths, where).map(cleanPath);
    }
    out.ignore_only = only;
  }
  if (b.ignore_unstable_packages !== undefined) {
    out.ignore_unstable_packages = b.ignore_unstable_packages === true;
  }
  return out;
}

function strings(v: unknown, where: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw new InputError('buf.yaml: expected a list of strings', { file: where });
  }
  return v as string[];
}

function cleanPath(p: string): string {
  const out = p
    .replace(/\\/g, '/')
    .replace(/^\.\/+/, '')
    .replace(/\/+$/, '');
  return out === '.' ? '' : out;
}

/** buf's unstable package versions: v1alpha1, v1beta2, v1test, v1p1alpha1, ... */
export function isUnstablePackage(pkg: string): boolean {
  const dot = pkg.lastIndexOf('.');
  if (dot < 0) return false;
  return /^v[1-9]\d*(test.*|(alpha|beta)([1-9]\d*)?|p[1-9]\d*(alpha|beta)([1-9]\d*)?)$/.test(
    pkg.slice(dot + 1),
  );
}

/**
 * The stability a package version declares: `v1test…` draft, `v1alpha1` alpha, `v1beta2` beta;
 * undefined for a stable (or unversioned) package.
 */
export function packageStability(pkg: string): StabilityLevel | undefined {
  if (!isUnstablePackage(pkg)) return undefined;
  const last = pkg.slice(pkg.lastIndexOf('.') + 1);
  return /test/.test(last) ? 'draft' : /alpha/.test(last) ? 'alpha' : 'beta';
}

/** The major version of a package's `vN` suffix (`acme.orders.v2` → 2, `x.v1beta1` → 1). */
export function packageMajor(pkg: string): number | undefined {
  const m = /(?:^|\.)v([1-9]\d*)(?:(?:test|alpha|beta|p[1-9])[a-z0-9]*)?$/.exec(pkg);
  return m ? Number(m[1]) : undefined;
}
