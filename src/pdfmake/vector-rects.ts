import { pdfmakeHooks } from './hooks.js';

/**
 * A canvas vector pdfmake lacks: `{ type: 'rects', x, y, unit, rects: [[x, y, w, h], ...], color }`,
 * many rectangles measured in `unit`s from (x, y) and filled as one path. pdfmake moves it with
 * its block like a rect; it is drawn as `unit 0 0 unit x y cm` and one `re` per rectangle in
 * whole units, then a single fill: a QR code in about 1.5 kB (a path of absolute corners took
 * 10 kB, one rect vector per module hundreds of operators), with no seams between rectangles.
 * A vector type of pdfmake's `vectorTypes` hook (patches/pdfmake+0.3.11.patch).
 */
export function installVectorRects(): void {
  pdfmakeHooks().vectorTypes.rects = { offset, render };
}

function offset(vector: Record<string, any>, x: number, y: number): void {
  vector.x += x;
  vector.y += y;
}

function render(doc: any, vector: Record<string, any>): void {
  doc.save();
  doc.transform(vector.unit, 0, 0, vector.unit, vector.x, vector.y);
  for (const [x, y, w, h] of vector.rects as number[][]) doc.rect(x, y, w, h);
  doc.fillColor(vector.color ?? '#000000').fill();
  doc.restore();
}
