import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PageElementWriter = require('pdfmake/js/PageElementWriter.js').default;

let installed = false;

/**
 * pdfmake lays an unbreakable block (an `unbreakable` stack, a table row, a table's header
 * with its first rows) out on a page of its own and keeps only that page: a block taller than
 * the page is too tall for any page and is dropped, and the pages it should have filled
 * stay blank (issue 10: a 17-talk session vanished from the booklet). Here such a block is placed
 * page by page instead, each page of it starting a new page of the document, so nothing is
 * dropped; table headers inside it were already repeated on each of its pages.
 */
export function installUnbreakableSplit(): void {
  if (installed) return;
  installed = true;
  const begin = PageElementWriter.prototype.beginUnbreakableBlock;
  // pdfmake sizes the block's page from `page.height`, which pages lack (the size is in
  // `page.pageSize`): the block's page had no bottom and never broke. It gets the page's height.
  PageElementWriter.prototype.beginUnbreakableBlock = function beginUnbreakableBlock(this: any, width?: number, height?: number) {
    if (this.transactionLevel === 0 && width === undefined && height === undefined) {
      const ctx = this.context();
      const page = ctx.getCurrentPage();
      if (page) return begin.call(this, ctx.availableWidth, page.pageSize.height - ctx.pageMargins.top - ctx.pageMargins.bottom);
    }
    return begin.call(this, width, height);
  };
  const commit = PageElementWriter.prototype.commitUnbreakableBlock;
  PageElementWriter.prototype.commitUnbreakableBlock = function commitUnbreakableBlock(this: any, forcedX?: number, forcedY?: number) {
    const block = this.context();
    // Headers, footers and backgrounds (forced positions) and blocks of one page: pdfmake's own way.
    if (this.transactionLevel !== 1 || forcedX !== undefined || forcedY !== undefined || block.pages.length < 2) {
      return commit.call(this, forcedX, forcedY);
    }
    this.transactionLevel = 0;
    this.popContext();
    const pages = block.pages;
    pages.forEach((fragment: any, i: number) => {
      const last = i === pages.length - 1;
      fragment.xOffset = undefined;
      fragment.yOffset = undefined;
      // A full page of the block needs a page of its own; the last part only its own height.
      fragment.height = last ? block.y : usedHeight(fragment);
      if (i > 0 || fragment.height > this.context().availableHeight) this.moveToNextPage();
      this.addFragment(fragment, false, false, false);
    });
  };
}

/** How far down a page's items reach: the height a full page of an unbreakable block takes. */
function usedHeight(page: any): number {
  let bottom = 0;
  for (const { type, item } of page.items) {
    if (type === 'line') bottom = Math.max(bottom, (item.y ?? 0) + item.getHeight());
    else if (type === 'image' || type === 'svg') bottom = Math.max(bottom, (item.y ?? 0) + (item._height ?? 0));
    else if (type === 'vector') bottom = Math.max(bottom, vectorBottom(item));
  }
  return bottom;
}

function vectorBottom(v: any): number {
  if (v.type === 'rect') return v.y + v.h;
  if (v.type === 'line') return Math.max(v.y1, v.y2);
  return 0;
}
