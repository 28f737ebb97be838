import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const qrEnc = require('pdfmake/js/qrEnc.js').default as { measure(node: Record<string, unknown>): { _canvas: Array<{ x: number; y: number; w: number }> } };

/** Pixels per QR module: whole pixels keep the edges sharp when a viewer scales the image. */
const SCALE = 4;

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
 * A QR code as a small black-and-white PNG data URL, and its number of modules a side. pdfmake draws its own QR codes
 * module by module, hundreds of vector rectangles each; one image per badge is what
 * lets 10,000 badges render in seconds.
 */
export function qrDataUrl(value: string, ecc = 'M'): { url: string; modules: number } {
  const matrix = qrMatrix(value, ecc);
  const side = matrix.length * SCALE;
  const rowBytes = Math.ceil(side / 8);
  const raw = Buffer.alloc((rowBytes + 1) * side);
  for (let y = 0; y < side; y++) {
    const row = matrix[Math.floor(y / SCALE)];
    for (let x = 0; x < side; x++) {
      // 1-bit greyscale: 1 is white.
      if (!row[Math.floor(x / SCALE)]) raw[y * (rowBytes + 1) + 1 + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8);
  const png = Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  return { url: `data:image/png;base64,${png.toString('base64')}`, modules: matrix.length };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
