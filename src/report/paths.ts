import path from 'node:path';
import type { SourceLocation } from '../core/model.js';

/**
 * Findings carry absolute paths; every output shows them relative to the run's folder with posix
 * separators. This is the one place that turns a finding's file into what a report displays.
 */
export function displayPath(file: string, cwd: string): string {
  if (!file) return file;
  if (!path.isAbsolute(file)) return toPosix(file);
  const rel = path.relative(cwd, file);
  if (rel === '') return '.';
  // On Windows a file on another drive has no relative path: keep it absolute.
  if (path.isAbsolute(rel)) return toPosix(file);
  return toPosix(rel);
}

/** The location with its file relative to `cwd`; line, column and pointer untouched. */
export function relativeLocation(loc: SourceLocation, cwd: string): SourceLocation {
  return { ...loc, file: displayPath(loc.file, cwd), pointer: [...loc.pointer] };
}

/** `file:line:col` (terminals and editors turn it into a link); unknown line or column left out. */
export function position(loc: SourceLocation, cwd: string): string {
  const file = displayPath(loc.file, cwd);
  if (loc.line <= 0) return file;
  if (loc.column <= 0) return `${file}:${loc.line}`;
  return `${file}:${loc.line}:${loc.column}`;
}

function toPosix(p: string): string {
  return path.sep === '\\' ? p.replace(/\\/g, '/') : p;
}
