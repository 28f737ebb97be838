import { LineCapStyle, rgb, type PDFPage } from 'pdf-lib';
import type { Segment } from '../layout/marks.js';

/** Draws marks on a pdf-lib page (y up), in hairline black. */
export function drawMarks(page: PDFPage, segments: Segment[], thickness = 0.25): void {
  for (const s of segments) {
    page.drawLine({
      start: { x: s.x1, y: s.y1 }, end: { x: s.x2, y: s.y2 }, thickness, color: rgb(0, 0, 0),
      lineCap: LineCapStyle.Butt, dashArray: s.dashed ? [2, 1.5] : undefined,
    });
  }
}
