import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// qrcode (node-qrcode): a maintained encoder that follows ISO/IEC 18004 (mode, version and mask
// selection), so layout needs no pdfmake internals to draw a code.
const QRCode = require('qrcode') as { create(text: string, options: { errorCorrectionLevel: string }): { modules: { size: number; get(row: number, col: number): number } } };

/** The dark modules of a QR code, as rows of booleans. */
export function qrMatrix(value: string, ecc: string): boolean[][] {
  const { modules } = QRCode.create(value, { errorCorrectionLevel: ecc });
  return Array.from({ length: modules.size }, (_, r) => Array.from({ length: modules.size }, (_, c) => modules.get(r, c) === 1));
}

/**
 * The dark modules of a QR code as rectangles [column, row, width, 1], one per run of dark
 * modules in a row, in modules. Drawn as vectors (`rects`, src/pdfmake/vector-rects.ts) a code stays
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
