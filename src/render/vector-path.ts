import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tools = require('pdfmake/js/helpers/tools.js');

/**
 * pdfmake draws a canvas `path` vector where its `d` says, never moved with the block it is in
 * (offsetVector knows rect, line, polyline, ellipse). A path that carries `x`, `y` and a
 * `relative` tail (commands after its first moveto, all relative) is moved like a rect: its
 * `d` is rewritten from the new corner. QR codes are drawn this way (qr-image.ts).
 */
export function installVectorPaths(): void {
  const offsetVector = tools.offsetVector;
  if (offsetVector.vectorPaths) return;
  const patched = (vector: Record<string, any>, x: number, y: number) => {
    if (vector.type === 'path' && typeof vector.relative === 'string') {
      vector.x += x;
      vector.y += y;
      vector.d = `M${vector.x} ${vector.y}${vector.relative}`;
      return;
    }
    offsetVector(vector, x, y);
  };
  patched.vectorPaths = true;
  tools.offsetVector = patched;
}
