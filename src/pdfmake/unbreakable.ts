import { pdfmakeHooks } from './hooks.js';

/** Rounds of layout at most: each one makes the blocks found too tall in the last one breakable. */
const ROUNDS = 4;

/** A node that opens an unbreakable block: an `unbreakable` stack, or a table (its rows kept whole, its heading kept with rows). */
interface BlockOwner {
  unbreakable?: boolean;
  table?: { dontBreakRows?: boolean; keepWithHeaderRows?: number };
}

/** What a layout leaves: its nodes in order, each placed (pdfmake's tryLayoutDocument). */
interface Layout {
  linearNodeList: Array<{ resetXY?(): void }>;
}

/** The blocks found too tall, per page writer (each layout has a writer of its own). */
const tooTall = new WeakMap<object, Set<BlockOwner>>();

/**
 * pdfmake lays an unbreakable block (an `unbreakable` stack, a table row, a table's heading
 * with its first row) out on a page of its own, and drops a block taller than any page: the
 * pages it should have filled stay blank (issue 10: a 17-talk session vanished from the
 * booklet). The patch (patches/pdfmake+0.3.11.patch) gives that page its real height and
 * reports a block that took more than one; here such a block is made breakable (a stack) or
 * given breakable rows (a table) and the document is laid out again, so it simply continues
 * on the next page, table headings repeated. Blocks that fit are laid out exactly as before.
 * Through pdfmake's `blockTooTall` and `tryLayoutDocument` hooks.
 */
export function installUnbreakableSplit(): void {
  const hooks = pdfmakeHooks();
  hooks.blockTooTall = (writer: object, owner: BlockOwner) => {
    let found = tooTall.get(writer);
    if (!found) tooTall.set(writer, (found = new Set()));
    found.add(owner);
  };
  hooks.tryLayoutDocument = (builder: { writer: object }, tryLayout: () => Layout) => {
    let result = tryLayout();
    for (let round = 1; round < ROUNDS; round++) {
      const found = tooTall.get(builder.writer);
      if (!found?.size) break;
      for (const node of found) {
        if (node.unbreakable) node.unbreakable = false;
        else if (node.table) Object.assign(node.table, { dontBreakRows: false, keepWithHeaderRows: 0 });
      }
      for (const node of result.linearNodeList) node.resetXY?.();
      result = tryLayout();
    }
    return result;
  };
}
