type Builder = { writer: any };
type Line = { getHeight(): number };

/**
 * Widow and orphan control, as pdfmake places a text node's lines one by one: a paragraph's
 * first line does not stay alone at a page's foot (a paragraph of two or three lines moves
 * whole), and its last line does not start a page alone (the line before it goes along). It
 * moves to the next page only where pdfmake itself would break a page (the main flow, a table
 * cell or column), never inside an unbreakable block, a detached (absolutely placed) block or
 * at a page's top.
 */
export function keepLinesTogether(builder: Builder, lines: Line[], index: number): void {
  const n = lines.length;
  if (n < 2 || (index !== 0 && index !== n - 2)) return;
  const writer = builder.writer;
  const ctx = writer.context();
  if (writer.transactionLevel > 0 || !Number.isFinite(ctx.availableHeight) || ctx.y <= ctx.pageMargins.top + 1e-6) return;
  if (ctx.snapshots?.some((s: Record<string, unknown>) => !('bottomMost' in s)) || ctx.inSnakingColumns?.()) return;
  const h = (i: number) => lines[i].getHeight();
  const avail = ctx.availableHeight;
  let need: number;
  if (index === 0) need = n <= 3 ? lines.reduce((s, _, i) => s + h(i), 0) : h(0) + h(1);
  else if (index >= 2) need = h(index) + h(index + 1);
  else return;
  if (avail + 1e-6 >= h(index) && avail + 1e-6 < need) writer.moveToNextPage();
}
