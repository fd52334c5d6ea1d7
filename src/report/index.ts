import { github } from './github.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import type { Formatter, FormatterOptions, Report, ReportFormat } from './report.js';
import { sarif } from './sarif.js';
import { text } from './text.js';

export * from './report.js';

/** One formatter per output format, chosen by name: no switch renders every format. */
export const formatters: Record<ReportFormat, Formatter> = {
  text,
  json,
  markdown,
  github,
  junit,
  sarif,
};

export function render(report: Report, format: ReportFormat, opts: FormatterOptions): string {
  return formatters[format](report, opts);
}
