import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tools = require('pdfmake/js/helpers/tools.js');
const Renderer = require('pdfmake/js/Renderer.js').default;

/**
 * A canvas vector pdfmake lacks: `{ type: 'rects', x, y, unit, rects: [[x, y, w, h], ...], color }`,
 * many rectangles measured in `unit`s from (x, y) and filled as one path. pdfmake moves it with
 * its block like a rect; it is drawn as `unit 0 0 unit x y cm` and one `re` per rectangle in
 * whole units, then a single fill: a QR code in about 1.5 kB (a path of absolute corners took
 * 10 kB, one rect vector per module hundreds of operators), with no seams between rectangles.
 */
export function installVectorRects(): void {
  const offsetVector = tools.offsetVector;
  if (offsetVector.vectorRects) return;
  const offset = (vector: Record<string, any>, x: number, y: number) => {
    if (vector.type !== 'rects') return offsetVector(vector, x, y);
    vector.x += x;
    vector.y += y;
  };
  offset.vectorRects = true;
  tools.offsetVector = offset;
  const renderVector = Renderer.prototype.renderVector;
  Renderer.prototype.renderVector = function (this: any, vector: Record<string, any>) {
    if (vector.type !== 'rects') return renderVector.call(this, vector);
    const doc = this.pdfDocument;
    doc.save();
    doc.transform(vector.unit, 0, 0, vector.unit, vector.x, vector.y);
    for (const [x, y, w, h] of vector.rects as number[][]) doc.rect(x, y, w, h);
    doc.fillColor(vector.color ?? '#000000').fill();
    doc.restore();
  };
}
