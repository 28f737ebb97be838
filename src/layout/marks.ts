/**
 * Cut and fold marks for anything printed to be trimmed: the imposed booklet sheets,
 * badge sheets, signs. The geometry is plain data (segments in points), put into a pdfmake
 * document here and on a pdf-lib page by src/finish/draw-marks.ts. Marks are symmetric, so the same
 * rectangles work with y measured up (pdf-lib) or down (pdfmake).
 */

import type { CanvasNode } from './tree.js';

/** Points per millimetre. */
export const MM = 72 / 25.4;

/** A trim rectangle in points: one corner (x, y) and its size. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A straight line from (x1, y1) to (x2, y2), in points. */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Drawn dashed (fold marks). */
  dashed?: boolean;
}

/** Where marks go: `offset` from the trim corner (the bleed), `length` long. */
export interface MarkOptions {
  /** Gap between the trim edge and the mark, so marks stay out of the bleed; default 3 mm. */
  offset?: number;
  /** Length of each mark; default 5 mm. */
  length?: number;
}

/** Room a sheet needs outside its trim for marks drawn with these options. */
export function markMargin(options: MarkOptions = {}): number {
  return (options.offset ?? 3 * MM) + (options.length ?? 5 * MM) + 2 * MM;
}

/**
 * Crop marks for trim rectangles: at each corner, two short lines continuing the two
 * edges outward, starting `offset` from the corner. A mark that would cross another
 * rectangle (or its bleed) is left out, and shared marks are drawn once, so a grid of
 * badges that touch gets marks only where a knife can cut.
 */
export function cropMarks(rects: Rect[], options: MarkOptions = {}): Segment[] {
  const offset = options.offset ?? 3 * MM;
  const length = options.length ?? 5 * MM;
  const marks: Segment[] = [];
  for (const r of rects) {
    for (const x of [r.x, r.x + r.width]) {
      for (const y of [r.y, r.y + r.height]) {
        const sx = x === r.x ? -1 : 1;
        const sy = y === r.y ? -1 : 1;
        marks.push({ x1: x + sx * offset, y1: y, x2: x + sx * (offset + length), y2: y });
        marks.push({ x1: x, y1: y + sy * offset, x2: x, y2: y + sy * (offset + length) });
      }
    }
  }
  const keepOut = rects.map((r) => grow(r, offset - 0.01));
  return dedupe(marks.filter((m) => !keepOut.some((r) => crosses(m, r))));
}

/** Fold marks: dashed lines continuing a vertical fold at x, above and below the trim `r`. */
export function foldMarks(r: Rect, x: number, options: MarkOptions = {}): Segment[] {
  const offset = options.offset ?? 3 * MM;
  const length = options.length ?? 5 * MM;
  const [low, high] = [r.y, r.y + r.height];
  return [
    { x1: x, y1: low - offset, x2: x, y2: low - offset - length, dashed: true },
    { x1: x, y1: high + offset, x2: x, y2: high + offset + length, dashed: true },
  ];
}

/**
 * The marks as a pdfmake node for a page's `background` (y down, from the page's top
 * left corner): `background: () => marksCanvas(cropMarks(rects))`.
 */
export function marksCanvas(segments: Segment[], thickness = 0.25): CanvasNode {
  return {
    absolutePosition: { x: 0, y: 0 },
    canvas: segments.map((s) => ({
      type: 'line', x1: s.x1, y1: s.y1, x2: s.x2, y2: s.y2, lineWidth: thickness, lineColor: '#000000',
      ...(s.dashed ? { dash: { length: 2, space: 1.5 } } : {}),
    })),
  };
}

function grow(r: Rect, by: number): Rect {
  return { x: r.x - by, y: r.y - by, width: r.width + 2 * by, height: r.height + 2 * by };
}

/** True when an axis-parallel segment runs through the inside of a rectangle. */
function crosses(s: Segment, r: Rect): boolean {
  const [xa, xb] = [Math.min(s.x1, s.x2), Math.max(s.x1, s.x2)];
  const [ya, yb] = [Math.min(s.y1, s.y2), Math.max(s.y1, s.y2)];
  return xa < r.x + r.width && xb > r.x && ya < r.y + r.height && yb > r.y;
}

function dedupe(segments: Segment[]): Segment[] {
  const seen = new Set<string>();
  return segments.filter((s) => {
    const key = [s.x1, s.y1, s.x2, s.y2].map((v) => v.toFixed(2)).join(',');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
