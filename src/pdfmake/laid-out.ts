import type { LaidOutPage } from '../model/laid-out.js';
import { readLaidOutPage } from './traced-lines.js';

export type { LaidOutPage } from '../model/laid-out.js';

/** Key of a document's content under which a function hears the laid-out pages. */
export const LAYOUT_LISTENER = Symbol('forumpress.layout');

/** Key of a document's content that, when true, stops pdfmake after laying it out: no page is drawn. */
export const LAYOUT_ONLY = Symbol('forumpress.layout-only');

/**
 * Lets a document hear what pdfmake laid out on each page (after every page break, header
 * and footer is placed, before any PDF is drawn), for the checks that read the layout back.
 * A pass after layout (layout-document.ts), which also stops a `LAYOUT_ONLY` document there.
 */
export function readBack(pages: Array<{ items: { type: string; item: any }[] }>, content: any): void {
  const listener = content?.[LAYOUT_LISTENER];
  if (typeof listener === 'function') listener(pages.map(readPage));
}

/** A page as laid out (traced-lines.ts reads it). */
const readPage = (page: { items: { type: string; item: any }[]; pageSize?: { width: number; height: number } }): LaidOutPage => readLaidOutPage(page);
