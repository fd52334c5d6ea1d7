import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { Changelog } from './model.js';
import { renderText } from './text.js';

export const CHANGELOG_FORMATS = ['markdown', 'json', 'html', 'text'] as const;
export type ChangelogFormat = (typeof CHANGELOG_FORMATS)[number];

export interface ChangelogRenderOptions {
  color: boolean;
  treatyVersion: string;
}

/** One renderer per format, all with the same signature. */
const RENDERERS: Record<ChangelogFormat, (doc: Changelog, o: ChangelogRenderOptions) => string> = {
  markdown: (doc) => renderMarkdown(doc),
  json: (doc, o) => renderJson(doc, o.treatyVersion),
  html: (doc, o) => renderHtml(doc, o.treatyVersion),
  text: (doc, o) => renderText(doc, { color: o.color }),
};

export function renderChangelogAs(
  doc: Changelog,
  format: ChangelogFormat,
  opts: ChangelogRenderOptions,
): string {
  return RENDERERS[format](doc, opts);
}
