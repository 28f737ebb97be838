import { readBack, LAYOUT_ONLY } from './laid-out.js';
import { addPageLeaders } from './leaders.js';
import { withTypography } from './line-builder.js';

/** One page as pdfmake laid it out: what it holds, positioned (pdfmake's page items, as each pass reads them). */
type LaidPage = { items: { type: string; item: any }[] };

/** A pass over the laid-out pages of a document, before anything is drawn; `content` is the document's body as given. */
type AfterLayout = (pages: LaidPage[], content: any) => void;

/**
 * What runs on the pages once pdfmake has laid them out (every page break, header and footer
 * placed), in this order: the readback of what went on each page comes first, as laid out
 * (laid-out.ts), then contents entries are finished with dotted leaders (leaders.ts), which
 * add their dots to the pages.
 */
const AFTER_LAYOUT: readonly AfterLayout[] = [readBack, addPageLeaders];

/**
 * Lays a document out with pdfmake's layoutDocument (its arguments, after the builder): the
 * paragraph setter's typography settings (theme.yaml, carried on the default style) set for
 * that layout, then the passes over the pages. A document laid out only to be read
 * (`LAYOUT_ONLY`, for `check`) hands no page on to be drawn. pdfmake's Printer calls this
 * (the `layoutDocument` hook), and so does a layout that is never drawn (pdf.ts: layoutPages).
 */
export function layoutDocument(builder: any, content: any, pdfDocument: unknown, styles: unknown, defaultStyle: any, ...rest: unknown[]): LaidPage[] {
  const pages: LaidPage[] = withTypography(defaultStyle, () => builder.layoutDocument(content, pdfDocument, styles, defaultStyle, ...rest));
  for (const pass of AFTER_LAYOUT) pass(pages, content);
  // The renderer draws the pages it is given: none, when only the layout was wanted.
  return content?.[LAYOUT_ONLY] === true ? [] : pages;
}
