import type { LaidOutPage } from '../model/laid-out.js';

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

function readPage(page: { items: { type: string; item: any }[] }): LaidOutPage {
  const ids: string[] = [];
  const text: string[] = [];
  for (const { type, item } of page.items) {
    if (type !== 'line') continue;
    if (typeof item.id === 'string') ids.push(item.id);
    for (const inline of item.inlines) text.push(inline.text);
  }
  return { ids, text: text.join('').replace(/\s+/g, '') };
}
