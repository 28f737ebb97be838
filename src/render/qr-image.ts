import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const qrEnc = require('pdfmake/js/qrEnc.js').default as { measure(node: Record<string, unknown>): { _canvas: Array<{ x: number; y: number; w: number }> } };

/** The dark modules of a QR code (pdfmake's own encoder), as rows of booleans. */
export function qrMatrix(value: string, ecc: string): boolean[][] {
  const [background, ...modules] = qrEnc.measure({ qr: value, eccLevel: ecc, fit: 1000 })._canvas;
  const size = modules.length ? modules[0].w : 1;
  const n = Math.round(background.w / size);
  const matrix = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  for (const m of modules) matrix[Math.round(m.y / size)][Math.round(m.x / size)] = true;
  return matrix;
}

/**
 * The dark modules of a QR code as rectangles [column, row, width, 1], one per run of dark
 * modules in a row, in modules. Drawn as vectors (`rects`, render/vector-rects.ts) a code stays
 * sharp however the sheet is rasterized: an 84-pixel image scaled to 52 pt lost 2 to 5 codes
 * of 30 when the sheet was rendered at 200-400 dpi.
 */
export function qrRuns(value: string, ecc: string): { rects: number[][]; modules: number } {
  const matrix = qrMatrix(value, ecc);
  const rects: number[][] = [];
  matrix.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      if (!row[c]) continue;
      const start = c;
      while (c < row.length && row[c]) c++;
      rects.push([start, r, c - start, 1]);
    }
  });
  return { rects, modules: matrix.length };
}
