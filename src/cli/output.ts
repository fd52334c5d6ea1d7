import { getCatalogue } from '../formats/index.js';
import { render } from '../report/index.js';
import type { Report } from '../report/report.js';
import type { GlobalOptions } from './globals.js';
import type { CliIO } from './io.js';

/** Renders a report in the chosen format to stdout. */
export function printReport(report: Report, g: GlobalOptions, io: CliIO): void {
  const text = render(report, g.format, {
    color: g.color,
    quiet: g.quiet,
    catalogue: getCatalogue(),
    cwd: g.cwd,
  });
  io.out(text.endsWith('\n') || text === '' ? text : text + '\n');
}
