import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const PageElementWriter = require('pdfmake/js/PageElementWriter.js').default;
const LayoutBuilder = require('pdfmake/js/LayoutBuilder.js').default;

let installed = false;

/** Rounds of layout at most: each one makes the blocks found too tall in the last one breakable. */
const ROUNDS = 4;

/**
 * pdfmake lays an unbreakable block (an `unbreakable` stack, a table row, a table's heading
 * with its first row) out on a page of its own, and drops a block taller than any page:
 * the pages it should have filled stay blank (issue 10: a 17-talk session vanished from the
 * booklet). Here a block found too tall is made breakable (a stack) or given breakable rows
 * (a table) and the document is laid out again, so it simply continues on the next page,
 * table headings repeated. Blocks that fit are laid out exactly as before.
 *
 * Left replacing pdfmake's methods at run time, unlike the rest of the adapter (hooks.ts):
 * this is one fix spread over six methods that share state (the block's owner, the blocks
 * found too tall), each wrapped around pdfmake's own body. As a patch it would be six hooks
 * shaped exactly like those methods, none narrower, or these 60 lines copied untyped into
 * pdfmake's files. The version check (engine-versions.ts) pins the methods it wraps.
 */
export function installUnbreakableSplit(): void {
  if (installed) return;
  installed = true;
  trackOwners();
  sizeBlockPages();
  relayoutWhenTooTall();
}

/** Keeps, on the writer, the nodes that open unbreakable blocks (unbreakable nodes, tables) being laid out. */
function trackOwners(): void {
  const processNode = LayoutBuilder.prototype.processNode;
  LayoutBuilder.prototype.processNode = function (this: any, node: any, ...rest: unknown[]) {
    const owns = node && (node.unbreakable || node.table);
    const owners: any[] = (this.writer.owners ??= []);
    if (owns) owners.push(node);
    try {
      return processNode.call(this, node, ...rest);
    } finally {
      if (owns) owners.pop();
    }
  };
}

/**
 * pdfmake sizes a block's page from `page.height`, which pages lack (the size is in
 * `page.pageSize`): the block's page had no bottom and never broke, so a block too tall for
 * every page went unnoticed until it was dropped. It gets the height a new page leaves
 * under the repeated table headings, and what opened it is remembered.
 */
function sizeBlockPages(): void {
  const begin = PageElementWriter.prototype.beginUnbreakableBlock;
  PageElementWriter.prototype.beginUnbreakableBlock = function (this: any, width?: number, height?: number) {
    const ctx = this.context();
    const page = this.transactionLevel === 0 && width === undefined && height === undefined ? ctx.getCurrentPage() : null;
    if (!page) return begin.call(this, width, height);
    const repeated = this.repeatables.reduce((sum: number, r: { height: number }) => sum + r.height, 0);
    this.blockOwner = this.owners?.[this.owners.length - 1];
    return begin.call(this, ctx.availableWidth, page.pageSize.height - ctx.pageMargins.top - ctx.pageMargins.bottom - repeated);
  };
  const commit = PageElementWriter.prototype.commitUnbreakableBlock;
  PageElementWriter.prototype.commitUnbreakableBlock = function (this: any, forcedX?: number, forcedY?: number) {
    const block = this.context();
    if (this.transactionLevel === 1 && forcedX === undefined && forcedY === undefined && block.pages.length > 1 && this.blockOwner) {
      (this.tooTall ??= new Set()).add(this.blockOwner);
    }
    if (this.transactionLevel === 1) this.blockOwner = undefined;
    return commit.call(this, forcedX, forcedY);
  };
  // The headings of tables around a block repeat on the document's pages, not on the block's own.
  const moveToNextPage = PageElementWriter.prototype.moveToNextPage;
  PageElementWriter.prototype.moveToNextPage = function (this: any, ...args: unknown[]) {
    if (!this.transactionLevel) return moveToNextPage.apply(this, args);
    const all = this.repeatables;
    this.repeatables = all.filter((r: any) => r.insideBlock);
    try {
      return moveToNextPage.apply(this, args);
    } finally {
      this.repeatables = all;
    }
  };
  const pushToRepeatables = PageElementWriter.prototype.pushToRepeatables;
  PageElementWriter.prototype.pushToRepeatables = function (this: any, rep: any) {
    rep.insideBlock = this.transactionLevel > 0;
    return pushToRepeatables.call(this, rep);
  };
}

/** Lays the document out again while some block was too tall, with those blocks breakable. */
function relayoutWhenTooTall(): void {
  const tryLayout = LayoutBuilder.prototype.tryLayoutDocument;
  LayoutBuilder.prototype.tryLayoutDocument = function (this: any, ...args: unknown[]) {
    let result = tryLayout.apply(this, args);
    for (let round = 1; round < ROUNDS && this.writer.tooTall?.size; round++) {
      for (const node of this.writer.tooTall) {
        if (node.unbreakable) node.unbreakable = false;
        else if (node.table) Object.assign(node.table, { dontBreakRows: false, keepWithHeaderRows: 0 });
      }
      for (const node of result.linearNodeList) node.resetXY?.();
      result = tryLayout.apply(this, args);
    }
    return result;
  };
}
