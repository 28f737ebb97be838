import { createRequire } from 'node:module';
import type { LaidOutPage } from '../model/laid-out.js';
import { readLaidOutPage } from './traced-lines.js';

const require = createRequire(import.meta.url);
const LayoutBuilder = require('pdfmake/js/LayoutBuilder.js').default;

export type { LaidOutPage } from '../model/laid-out.js';

/** Key of a document's content under which a function hears the laid-out pages. */
export const LAYOUT_LISTENER = Symbol('forumpress.layout');

/** Key of a document's content that, when true, stops pdfmake after laying it out: no page is drawn. */
export const LAYOUT_ONLY = Symbol('forumpress.layout-only');

let installed = false;

/**
 * Lets a document hear what pdfmake laid out on each page (after every page break, header
 * and footer is placed, before any PDF is drawn), for the checks that read the layout back;
 * and lets a document be laid out without being drawn (`LAYOUT_ONLY`, for `check`).
 */
export function installLayoutReadback(): void {
  if (installed) return;
  installed = true;
  const layoutDocument = LayoutBuilder.prototype.layoutDocument;
  LayoutBuilder.prototype.layoutDocument = function (this: any, content: any, ...rest: unknown[]) {
    const listener = content?.[LAYOUT_LISTENER];
    const pages = layoutDocument.call(this, content, ...rest);
    if (typeof listener === 'function') listener(pages.map(readPage));
    // The renderer draws the pages it is given: none, when only the layout was wanted.
    return content?.[LAYOUT_ONLY] === true ? [] : pages;
  };
}

/** A page as laid out (traced-lines.ts reads it). */
const readPage = (page: { items: { type: string; item: any }[]; pageSize?: { width: number; height: number } }): LaidOutPage => readLaidOutPage(page);
