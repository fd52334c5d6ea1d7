// Types of stats.mjs, for test/bench (the benchmark itself is plain JavaScript run by node).
export interface Run {
  wall?: number;
  rssMb?: number;
  breaking?: number;
  failure?: string;
}
export interface Result {
  pair: string;
  tool: string;
  kind: 'treaty' | 'peer' | 'floor';
  note?: string;
  runs: Run[];
}
export interface Row {
  pair: string;
  tool: string;
  kind: Result['kind'];
  runs: number;
  wall: number;
  rssMb: number;
  breaking?: string;
  failure?: string;
  note?: string;
  vsPeer: string;
  vsFloor: string;
}
export function median(values: number[]): number;
export function formatRatio(a: number, b: number): string;
export function formatSeconds(s: number): string;
export function formatMb(mb: number): string;
export function summarise(results: Result[]): Row[];
export function cells(row: Row): string[];
export function renderText(rows: Row[]): string;
export function renderMarkdown(rows: Row[]): string;
export function replaceBetween(text: string, start: string, end: string, content: string): string;
