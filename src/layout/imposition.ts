/** Where badges go on a printed sheet: sizes, grids, gutters and bleed, cut marks, duplex mirroring. */
import { cropMarks, marksCanvas } from './marks.js';
import type { CanvasNode } from './tree.js';
import { PAPER, type LabelStock } from '../model/stock.js';

const MM = 72 / 25.4;

/** A badge layout: the badge's size, the sheet it is printed on, and the grid. */
export interface SheetLayout {
  /** card, a6, printer, stock or a stock preset's name, as settings.yaml names it. */
  name: string;
  /** The badge face templates: badges/<face>.hbs and badges/<face>-back.hbs. */
  face: 'card' | 'a6';
  badge: { width: number; height: number };
  sheet: { width: number; height: number };
  columns: number;
  rows: number;
  /** Top-left corner of the grid's first badge on the sheet. */
  origin: { x: number; y: number };
  /** From one badge's left (top) edge to its neighbour's: the badge's size plus the gutter. */
  pitch: { x: number; y: number };
  /** How far a colour band may run past the badge's edge: within half the gutter, less a miscut. */
  bleed: number;
  cutMarks: boolean;
}

const FACES = {
  card: { width: 90 * MM, height: 54 * MM },
  a6: { width: 105 * MM, height: 148 * MM },
};
const A4 = { width: 210 * MM, height: 297 * MM };
/** Bleed of the shipped card sheet: a 1 mm miscut still shows the band's colour to the edge. */
const BLEED = 1 * MM;
/** Paper left white between the bleeds of two neighbours, so that a miscut leaves no sliver of the neighbour's colour. */
const MISCUT = 1 * MM;
/** Gutters of the card sheet: 2 × 5 cards of 90 × 54 mm with 4 mm between columns and 3 mm between rows leave 7.5 mm top and bottom for the cut marks. */
const CARD_GUTTER = { x: 4 * MM, y: 3 * MM };
/** The a6 sheet: 2 × 2 badges of 96.5 × 140 mm with 4 mm gutters, leaving 6.5 mm around for the cut marks. */
const A6_ON_A4 = { width: 96.5 * MM, height: 140 * MM };
const A6_GUTTER = { x: 4 * MM, y: 4 * MM };
/** Cut marks start past the bleed and stop short of the sheet's edge. */
export const CUT_MARKS = { offset: BLEED + 1 * MM, length: 4 * MM };

/** The layout a settings name stands for; `printer` prints one badge of `printerSize` per page. */
export function sheetLayout(name: 'card' | 'a6' | 'printer', printerSize: 'card' | 'a6'): SheetLayout {
  if (name === 'printer') {
    const badge = FACES[printerSize];
    return { name, face: printerSize, badge, sheet: badge, columns: 1, rows: 1, origin: { x: 0, y: 0 }, pitch: { x: badge.width, y: badge.height }, bleed: 0, cutMarks: false };
  }
  // Four A6 badges would fill an A4 sheet exactly, with no room for gutters, bleed or cut marks
  // (nor for a printer's unprintable edge): the sheet's are a little smaller, for A6 holders.
  const badge = name === 'a6' ? A6_ON_A4 : FACES[name];
  const [columns, rows] = name === 'a6' ? [2, 2] : [2, 5];
  const gutter = name === 'a6' ? A6_GUTTER : CARD_GUTTER;
  const pitch = { x: badge.width + gutter.x, y: badge.height + gutter.y };
  const origin = { x: (A4.width - (columns - 1) * pitch.x - badge.width) / 2, y: (A4.height - (rows - 1) * pitch.y - badge.height) / 2 };
  return { name, face: name, badge, sheet: A4, columns, rows, origin, pitch, bleed: BLEED, cutMarks: true };
}

/** The layout of a sheet of labels (a preset or settings.yaml's `stock`), converted to points. */
export function stockLayout(name: string, stock: LabelStock): SheetLayout {
  const paper = PAPER[stock.paper];
  const layout: SheetLayout = {
    name, face: stock.face, columns: stock.columns, rows: stock.rows, cutMarks: stock.cut_marks,
    badge: { width: stock.width * MM, height: stock.height * MM },
    sheet: { width: paper.width * MM, height: paper.height * MM },
    origin: { x: stock.left * MM, y: stock.top * MM },
    pitch: { x: stock.h_pitch * MM, y: stock.v_pitch * MM },
    bleed: 0,
  };
  return { ...layout, bleed: safeBleed(layout) };
}

/** The most bleed the sheet allows: at most 1 mm, within the margins, and leaving MISCUT of white in every gutter. */
function safeBleed(l: SheetLayout): number {
  const gutters = [
    l.columns > 1 ? (l.pitch.x - l.badge.width - MISCUT) / 2 : Infinity,
    l.rows > 1 ? (l.pitch.y - l.badge.height - MISCUT) / 2 : Infinity,
  ];
  const right = l.sheet.width - l.origin.x - (l.columns - 1) * l.pitch.x - l.badge.width;
  const bottom = l.sheet.height - l.origin.y - (l.rows - 1) * l.pitch.y - l.badge.height;
  return Math.max(0, Math.min(BLEED, ...gutters, l.origin.x, l.origin.y, right, bottom));
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
  const column = index % layout.columns;
  const front = layout.origin.x + column * layout.pitch.x;
  return { x: back ? layout.sheet.width - front - layout.badge.width : front, y: layout.origin.y + row * layout.pitch.y };
}

/**
 * Cut marks: short lines in the margin continuing every cut, past the bleed and never inside
 * a badge or its gutter, drawn by the same code as the print booklet's crop marks (render/marks.ts).
 */
export function cutMarks(layout: SheetLayout): CanvasNode[] {
  if (!layout.cutMarks) return [];
  const cells = Array.from({ length: perSheet(layout) }, (_, i) => ({ ...slotOrigin(layout, i), ...layout.badge }));
  return [marksCanvas(cropMarks(cells, CUT_MARKS))];
}
