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

/** A QR code as one vector path: `relative` follows an `M x y` that places its top-left corner. */
export interface QrPath {
  /** Path commands after the first moveto, all relative (SVG syntax). */
  relative: string;
  /** Modules a side. */
  modules: number;
}

/**
 * A QR code `size` points a side as one path of rectangles, one per run of dark modules in a
 * row. Drawn as vectors it stays sharp however the sheet is rasterized (an 84-pixel image
 * scaled to 52 pt lost 2 to 5 codes of 30 at 200-400 dpi); one path keeps it to one fill
 * operation, and rectangles of one fill leave no seams between rows.
 */
export function qrPath(value: string, ecc: string, size: number): QrPath {
  const matrix = qrMatrix(value, ecc);
  const s = size / matrix.length;
  const n = (v: number) => String(Math.round(v * 1000) / 1000);
  const parts: string[] = [];
  let at = { x: 0, y: 0 };
  matrix.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      if (!row[c]) continue;
      const start = c;
      while (c < row.length && row[c]) c++;
      const x = start * s;
      const y = r * s;
      const w = (c - start) * s;
      // After z the current point is the start of the closed rectangle, so each move is relative to the last one.
      parts.push(`m${n(x - at.x)} ${n(y - at.y)}h${n(w)}v${n(s)}h${n(-w)}z`);
      at = { x, y };
    }
  });
  return { relative: parts.join(''), modules: matrix.length };
}
