import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Catalogue } from '../core/catalogue.js';
import type { Finding, Pointer, Severity, SourceLocation } from '../core/model.js';
import { pointerToString } from '../core/model.js';
import type { RuleDef } from '../core/rule.js';
import { wasAt } from './findings.js';
import { displayPath, relativeLocation } from './paths.js';
import type { Formatter } from './report.js';
import { fails } from './report.js';

/** Where SARIF viewers send users to learn about the tool. */
export const INFORMATION_URI = 'https://www.npmjs.com/package/treaty';

/** Paths in results are relative to this base, which `originalUriBaseIds` maps to the run folder. */
export const URI_BASE_ID = 'SRCROOT';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  breaking: 'error',
  warning: 'warning',
  info: 'note',
};

/**
 * SARIF 2.1.0 for code-scanning dashboards. `rules` lists only the catalogue rules the findings
 * use (in id order), so the log stays small and `ruleIndex` points into it; waived findings carry
 * an accepted external suppression.
 */
export const sarif: Formatter = (report, opts) => {
  const used = [...new Set(report.findings.map((f) => f.rule))].sort();
  const index = new Map(used.map((id, i) => [id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: used.map((id) => descriptor(id, opts.catalogue)),
          },
        },
        originalUriBaseIds: { [URI_BASE_ID]: { uri: dirUri(opts.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: report.findings.map((f) =>
          result(f, index.get(f.rule)!, report.failOn, opts.cwd, opts.catalogue),
        ),
        properties: { failOn: report.failOn, failed: report.summary.failed },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};

function descriptor(id: string, catalogue: Catalogue) {
  const def = catalogue.get(id);
  if (!def) return { id };
  return {
    id,
    name: pascal(id),
    shortDescription: { text: def.description },
    ...(def.explain ? { fullDescription: { text: def.explain.why } } : {}),
    help: help(def),
    defaultConfiguration: { level: LEVEL[def.severity] },
    properties: {
      tags: [...new Set([...def.formats, def.kind, ...(def.categories ?? [])])],
      modes: [...def.modes],
      equivalents: Object.fromEntries(
        Object.entries(def.equivalents).map(([peer, ids]) => [peer, [...(ids ?? [])]]),
      ),
      ...(def.deprecated ? { deprecated: true, replacedBy: def.replacedBy } : {}),
    },
  };
}

function help(def: RuleDef) {
  const parts = [def.description];
  const md = [def.description];
  if (def.explain) {
    parts.push('', def.explain.why);
    md.push('', def.explain.why);
    const ex = def.explain.example;
    if (ex) {
      parts.push('', 'Before:', ex.before, '', 'After:', ex.after);
      const lang = ex.language ?? '';
      md.push('', '**Before**', '```' + lang, ex.before.trimEnd(), '```');
      md.push('', '**After**', '```' + lang, ex.after.trimEnd(), '```');
    }
  }
  return { text: parts.join('\n'), markdown: md.join('\n') };
}

function result(
  f: Finding,
  ruleIndex: number,
  failOn: Parameters<typeof fails>[1],
  cwd: string,
  catalogue: Catalogue,
) {
  const waived = f.waived && !f.waived.expired;
  const out: Record<string, unknown> = {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    // A removal sits on its surviving ancestor; its logical location still names the element.
    locations: [location(f.location, cwd, wasAt(f, catalogue)?.pointer)],
    partialFingerprints: { 'treaty/v1': f.fingerprint },
  };
  // Code scanning links every location into the repository: the baseline is a related location
  // only when it is a file below the run folder (a checked-in registry), else a property.
  if (f.baseLocation && inRunFolder(f.baseLocation.file, cwd)) {
    out.relatedLocations = [
      { id: 1, ...location(f.baseLocation, cwd), message: { text: 'In the baseline.' } },
    ];
  }
  if (waived) {
    out.suppressions = [{ kind: 'external', status: 'accepted', justification: f.waived!.reason }];
  }
  const props: Record<string, unknown> = {
    contract: f.contract,
    format: f.format,
    severity: f.severity,
    fails: fails(f, failOn),
    args: { ...f.args },
  };
  if (f.baseLocation) props.baseLocation = relativeLocation(f.baseLocation, cwd);
  if (f.defaultSeverity) props.defaultSeverity = f.defaultSeverity;
  if (f.before !== undefined) props.before = f.before;
  if (f.after !== undefined) props.after = f.after;
  if (f.affects?.length) props.affects = [...f.affects];
  if (f.waived) props.waiver = { ...f.waived };
  out.properties = props;
  return out;
}

function location(loc: SourceLocation, cwd: string, element: Pointer = loc.pointer) {
  const region =
    loc.line > 0
      ? { startLine: loc.line, ...(loc.column > 0 ? { startColumn: loc.column } : {}) }
      : undefined;
  const pointer = pointerToString(element);
  const last = element[element.length - 1];
  const uri = fileUri(displayPath(loc.file, cwd));
  // Only a path outside every relative form (another drive) stays absolute, without a base.
  const base = uri.startsWith('file:') ? {} : { uriBaseId: URI_BASE_ID };
  return {
    physicalLocation: {
      artifactLocation: { uri, ...base },
      ...(region ? { region } : {}),
    },
    logicalLocations: [
      { ...(last !== undefined ? { name: last } : {}), fullyQualifiedName: pointer || '/' },
    ],
  };
}

/** A real file below the run folder (not a `git:<ref>:` name, not outside). */
function inRunFolder(file: string, cwd: string): boolean {
  if (!path.isAbsolute(file)) return false;
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** A relative path as a URI reference: each segment percent-encoded, `/` kept. */
function fileUri(rel: string): string {
  if (/^[A-Za-z]:\//.test(rel) || rel.startsWith('/')) return pathToFileURL(rel).href;
  return rel.split('/').map(encodeURIComponent).join('/');
}

function dirUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : href + '/';
}

/** `response-property-removed` → `ResponsePropertyRemoved` (SARIF's readable rule name). */
function pascal(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
