// Pure parts of the benchmark table: medians, ratios and the rendering of one table as text or
// Markdown. No I/O here (tested in test/bench/harness.test.ts).

/** The median of a list of numbers (the mean of the middle two for an even count); NaN when empty. */
export function median(values) {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!xs.length) return NaN;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** `a / b` as `2.41×` (three decimals under 0.1, one from 10 up); `–` when either is missing. */
export function formatRatio(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return '–';
  const r = a / b;
  return `${r.toFixed(r < 0.1 ? 3 : r < 10 ? 2 : 1)}×`;
}

export function formatSeconds(s) {
  return Number.isFinite(s) ? s.toFixed(2) : '–';
}

export function formatMb(mb) {
  return Number.isFinite(mb) ? mb.toFixed(0) : '–';
}

/**
 * One row per (pair, tool) from the measured runs. `results` is a list of
 * `{ pair, tool, kind: 'treaty' | 'peer' | 'floor', runs: [{ wall, rssMb, breaking?, failure? }] }`
 * in display order; each pair's treaty entry gives the ratios of the others.
 */
export function summarise(results) {
  const treatyWall = new Map();
  const rows = results.map((r) => {
    const ok = r.runs.filter((x) => !x.failure);
    const failure = r.runs.find((x) => x.failure)?.failure;
    const wall = ok.length === r.runs.length ? median(ok.map((x) => x.wall)) : NaN;
    const counts = [...new Set(ok.map((x) => x.breaking).filter((b) => b !== undefined))];
    const row = {
      pair: r.pair,
      tool: r.tool,
      kind: r.kind,
      runs: r.runs.length,
      wall,
      rssMb: median(ok.map((x) => x.rssMb)),
      breaking: counts.length ? counts.join('/') : undefined,
      failure,
      note: r.note,
    };
    if (r.kind === 'treaty') treatyWall.set(r.pair, wall);
    return row;
  });
  for (const row of rows) {
    const t = treatyWall.get(row.pair);
    row.vsPeer = row.kind === 'peer' ? formatRatio(t, row.wall) : '';
    row.vsFloor = row.kind === 'floor' ? formatRatio(t, row.wall) : '';
  }
  return rows;
}

export const COLUMNS = [
  { title: 'pair', key: 'pair' },
  { title: 'tool', key: 'tool' },
  { title: 'median wall s', key: 'wall', right: true },
  { title: 'peak RSS MB', key: 'rssMb', right: true },
  { title: 'breaking', key: 'breaking', right: true },
  { title: 'treaty / peer', key: 'vsPeer', right: true },
  { title: 'treaty / floor', key: 'vsFloor', right: true },
];

/** The cells of one summarised row, as strings. */
export function cells(row) {
  return [
    row.pair,
    row.note ? `${row.tool} (${row.note})` : row.tool,
    row.failure ? row.failure : formatSeconds(row.wall),
    formatMb(row.rssMb),
    row.breaking ?? '–',
    row.vsPeer,
    row.vsFloor,
  ];
}

const pad = (s, w, right) => (right ? s.padStart(w) : s.padEnd(w));

function widths(rows) {
  return COLUMNS.map((c, i) => Math.max(c.title.length, ...rows.map((r) => r[i].length)));
}

/** The table as aligned plain text (for the terminal). */
export function renderText(rows) {
  const body = rows.map(cells);
  const w = widths(body);
  const line = (cs) =>
    cs
      .map((s, i) => pad(s, w[i], COLUMNS[i].right))
      .join('  ')
      .trimEnd();
  return [
    line(COLUMNS.map((c) => c.title)),
    line(w.map((n) => '-'.repeat(n))),
    ...body.map(line),
  ].join('\n');
}

/** The table as Markdown, padded the way prettier pads it (so the README stays prettier-clean). */
export function renderMarkdown(rows) {
  const body = rows.map((r) => cells(r).map((s) => s.replaceAll('|', '\\|')));
  const w = widths(body).map((n) => Math.max(n, 3));
  const line = (cs) => `| ${cs.map((s, i) => pad(s, w[i], COLUMNS[i].right)).join(' | ')} |`;
  const rule = `| ${w.map((n, i) => (COLUMNS[i].right ? `${'-'.repeat(n - 1)}:` : '-'.repeat(n))).join(' | ')} |`;
  return [line(COLUMNS.map((c) => c.title)), rule, ...body.map(line)].join('\n');
}

/**
 * Replaces the text between two marker lines (kept) with `content`, blank lines around it as
 * prettier writes Markdown; throws when a marker is missing.
 */
export function replaceBetween(text, start, end, content) {
  const i = text.indexOf(start);
  const j = i < 0 ? -1 : text.indexOf(end, i + start.length);
  if (i < 0 || j < 0) throw new Error(`markers ${start} … ${end} not found`);
  return `${text.slice(0, i + start.length)}\n\n${content}\n\n${text.slice(j)}`;
}
