/**
 * Bounds on the work any input can cause. Every loader checks them and a document past one is an
 * InputError naming the file and line, never a hang or a heap abort. The defaults fit the largest
 * real specs (GitHub's 12 MB REST description nests 30 levels deep); treaty.yaml's `limits:`
 * section and the global `--max-*` options raise or lower them (the command line wins).
 */
export interface InputLimits {
  /** Deepest nesting of a document, and of a schema after `$ref`s are followed. */
  depth: number;
  /** Largest file read, in bytes (set in MB: `fileSizeMb`, `--max-file-size-mb`). */
  fileSize: number;
  /** Most files in one contract tree (a JSON Schema folder, a proto tree, a discovered folder). */
  files: number;
  /** YAML alias expansions (the `yaml` package's maxAliasCount): stops alias bombs. */
  aliases: number;
}

export const DEFAULT_LIMITS: Readonly<InputLimits> = Object.freeze({
  depth: 256,
  fileSize: 64 * 1024 * 1024,
  files: 20_000,
  aliases: 10_000,
});

/** Where a limit is set, for the one-line message that names it. */
const HOW: Record<keyof InputLimits, string> = {
  depth: 'limits.depth in treaty.yaml or --max-depth',
  fileSize: 'limits.fileSizeMb in treaty.yaml or --max-file-size-mb',
  files: 'limits.files in treaty.yaml or --max-files',
  aliases: 'limits.aliases in treaty.yaml or --max-aliases',
};

let fromConfig: Partial<InputLimits> = {};
let fromCli: Partial<InputLimits> = {};

/** The limits in force: the defaults, then treaty.yaml, then the command line. */
export function inputLimits(): InputLimits {
  return { ...DEFAULT_LIMITS, ...fromConfig, ...fromCli };
}

export function setLimits(layer: 'config' | 'cli', limits: Partial<InputLimits>): void {
  const clean: Partial<InputLimits> = {};
  for (const [k, v] of Object.entries(limits) as Array<[keyof InputLimits, unknown]>) {
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) clean[k] = v;
  }
  if (layer === 'config') fromConfig = clean;
  else fromCli = clean;
}

/** The `limits:` section of treaty.yaml or the `--max-*` options, as limits. */
export function limitsFrom(raw: {
  depth?: number;
  fileSizeMb?: number;
  files?: number;
  aliases?: number;
}): Partial<InputLimits> {
  const out: Partial<InputLimits> = {};
  if (raw.depth !== undefined) out.depth = raw.depth;
  if (raw.fileSizeMb !== undefined) out.fileSize = Math.round(raw.fileSizeMb * 1024 * 1024);
  if (raw.files !== undefined) out.files = raw.files;
  if (raw.aliases !== undefined) out.aliases = raw.aliases;
  return out;
}

/** Back to the defaults (each CLI run starts here; tests run many in one process). */
export function resetLimits(): void {
  fromConfig = {};
  fromCli = {};
}

/** `(limit N; raise it with …)`: the tail of every limit message. */
export function limitHint(key: keyof InputLimits): string {
  const v = inputLimits()[key];
  const shown = key === 'fileSize' ? `${formatBytes(v)}` : String(v);
  return `(limit ${shown}; set ${HOW[key]})`;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
