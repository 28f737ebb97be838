/** Where badges go on a printed sheet: sizes, grids, cut marks, duplex mirroring. */
import { cropMarks, marksCanvas } from '../render/marks.js';

const MM = 72 / 25.4;

/** A badge layout: the badge's size, the sheet it is printed on, and the grid. */
export interface SheetLayout {
  /** card, a6 or printer, as settings.yaml names it. */
  name: string;
  /** The badge face templates: badges/<face>.hbs and badges/<face>-back.hbs. */
  face: 'card' | 'a6';
  badge: { width: number; height: number };
  sheet: { width: number; height: number };
  columns: number;
  rows: number;
  /** Top-left corner of the grid on the sheet. */
  origin: { x: number; y: number };
  cutMarks: boolean;
}

const FACES = {
  card: { width: 90 * MM, height: 54 * MM },
  a6: { width: 105 * MM, height: 148 * MM },
};
const A4 = { width: 210 * MM, height: 297 * MM };

/** The layout a settings name stands for; `printer` prints one badge of `printerSize` per page. */
export function sheetLayout(name: 'card' | 'a6' | 'printer', printerSize: 'card' | 'a6'): SheetLayout {
  if (name === 'printer') {
    const badge = FACES[printerSize];
    return { name, face: printerSize, badge, sheet: badge, columns: 1, rows: 1, origin: { x: 0, y: 0 }, cutMarks: false };
  }
  const badge = FACES[name];
  const [columns, rows] = name === 'card' ? [2, 5] : [2, 2];
  const origin = { x: (A4.width - columns * badge.width) / 2, y: (A4.height - rows * badge.height) / 2 };
  return { name, face: name, badge, sheet: A4, columns, rows, origin, cutMarks: name === 'card' };
}

/** Badges per sheet. */
export function perSheet(layout: SheetLayout): number {
  return layout.columns * layout.rows;
}

/**
 * Top-left corner of the badge at `index` on its sheet. On the back of a sheet printed
 * duplex (flipped on the long edge) the columns are mirrored, so each back lands behind its front.
 */
export function slotOrigin(layout: SheetLayout, index: number, back = false): { x: number; y: number } {
  const row = Math.floor(index / layout.columns);
  let column = index % layout.columns;
  if (back) column = layout.columns - 1 - column;
  const x = back ? layout.sheet.width - layout.origin.x - layout.columns * layout.badge.width + column * layout.badge.width
    : layout.origin.x + column * layout.badge.width;
  return { x, y: layout.origin.y + row * layout.badge.height };
}

/**
 * Cut marks: short lines in the margin continuing every cut, never inside a badge, drawn
 * by the same code as the print booklet's crop marks (render/marks.ts).
 */
export function cutMarks(layout: SheetLayout): Array<Record<string, unknown>> {
  if (!layout.cutMarks) return [];
  const { origin, badge, columns, rows } = layout;
  const cells = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) cells.push({ x: origin.x + c * badge.width, y: origin.y + r * badge.height, width: badge.width, height: badge.height });
  }
  return [marksCanvas(cropMarks(cells))];
}
