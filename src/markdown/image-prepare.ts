import { PNG } from 'pngjs';
import type { ImageInfo } from './images.js';

/** Largest box an abstract's image takes in the booklet, in points (fits an A5 text column). */
export const IMAGE_BOX = { width: 320, height: 240 };
/** Images are placed at their size at this resolution, shrunk to fit IMAGE_BOX. */
export const PLACE_DPI = 150;
/** Resolution an image is kept at in the PDF (print quality); larger PNGs are scaled down to it. */
export const PRINT_DPI = 300;
/** Decoded pixels (RGBA bytes) one build may decode to flatten or scale images: ten images at the 25-megapixel maximum. */
export const DECODE_BUDGET = 1_000_000_000;
/**
 * Image bytes one build may embed in the booklet, after scaling. Each byte costs a full build
 * about 6 in memory (pdfkit, the parsed PDF, the archival and print copies): 64 MB of JPEGs
 * peaked at 653 MB, all five outputs, so this keeps a build under 1 GiB.
 */
export const EMBED_BUDGET = 64 * 1024 * 1024;

/** An opaque PNG file above this size, with more pixels than print needs, is scaled down. */
const LARGE_FILE = 1024 * 1024;

/** What the images of one build have used of the budgets. */
export interface ImageBudget {
  decoded: number;
  embedded: number;
}

/** A fresh budget, for one build. */
export function imageBudget(): ImageBudget {
  return { decoded: 0, embedded: 0 };
}

/** The bytes to embed, and what was done to them; or why the image cannot be placed. */
export type Prepared =
  | { ok: true; data: Uint8Array; format: 'png' | 'jpeg'; flattened: boolean; scaled: boolean }
  | { ok: false; reason: 'decode-budget' | 'embed-budget' | 'broken' };

/** The size an image is placed at, in points: its size at PLACE_DPI, shrunk to fit IMAGE_BOX. */
export function placedSize(info: { width: number; height: number }): { width: number; height: number } {
  const natural = { width: (info.width * 72) / PLACE_DPI, height: (info.height * 72) / PLACE_DPI };
  const scale = Math.min(1, IMAGE_BOX.width / natural.width, IMAGE_BOX.height / natural.height);
  return { width: natural.width * scale, height: natural.height * scale };
}

/**
 * Readies an image for the booklet. A PNG with transparency (an alpha channel or a tRNS
 * chunk) is flattened onto white: PDF/A-1 forbids the soft mask pdfkit would make, and
 * pdfkit decoded every such image whole while writing (six 25-megapixel PNGs: 1.2 GB). A
 * PNG with more pixels than PRINT_DPI needs at its placed size is scaled down to that (area
 * average) when it is decoded anyway, or its file is over 1 MB; 16-bit and interlaced PNGs are
 * decoded (PDF/A-1 has no 16-bit images; pdfkit decoded interlaced ones whole). Each image is decoded alone, and a build decodes at most DECODE_BUDGET
 * and embeds at most EMBED_BUDGET bytes: past them an image is refused (the caller warns).
 * JPEGs are embedded as they are (pdfkit copies them without decoding).
 */
export function prepareImage(data: Uint8Array, info: ImageInfo, budget: ImageBudget): Prepared {
  let out: Prepared = { ok: true, data, format: info.format, flattened: false, scaled: false };
  if (info.format === 'png') {
    const placed = placedSize(info);
    const target = {
      width: Math.max(1, Math.min(info.width, Math.ceil((placed.width * PRINT_DPI) / 72))),
      height: Math.max(1, Math.min(info.height, Math.ceil((placed.height * PRINT_DPI) / 72))),
    };
    const transparent = hasTransparency(data);
    // pdfkit copies an opaque 8-bit PNG's data without decoding it: such a PNG is decoded only
    // when it is large enough that a smaller copy is worth it. 16 bits a channel is not PDF 1.4.
    const oversize = info.width * info.height > 2 * target.width * target.height;
    const scale = oversize && (transparent || data.length > LARGE_FILE);
    if (transparent || scale || pngDepth(data) === 16 || pngInterlaced(data)) {
      const cost = info.width * info.height * 4;
      if (budget.decoded + cost > DECODE_BUDGET) return { ok: false, reason: 'decode-budget' };
      budget.decoded += cost;
      const png = decode(data);
      if (!png) return { ok: false, reason: 'broken' };
      const size = oversize ? target : { width: png.width, height: png.height };
      out = { ok: true, data: encodeRgb(flattenAndScale(png, size), size), format: 'png', flattened: transparent, scaled: oversize };
    }
  }
  if (budget.embedded + out.data.length > EMBED_BUDGET) return { ok: false, reason: 'embed-budget' };
  budget.embedded += out.data.length;
  return out;
}

/** Bits per channel of a PNG (IHDR). */
function pngDepth(b: Uint8Array): number {
  return b[24];
}

/** Whether a PNG is interlaced (Adam7), which pdfkit decodes whole. */
function pngInterlaced(b: Uint8Array): boolean {
  return b[28] === 1;
}

/** Colour type 4 (grey + alpha) or 6 (RGBA), or a tRNS chunk before the image data. */
export function hasTransparency(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const colorType = b[25];
  if (colorType === 4 || colorType === 6) return true;
  for (let i = 8; i + 8 <= b.length; ) {
    const type = b.toString('latin1', i + 4, i + 8);
    if (type === 'tRNS') return true;
    if (type === 'IDAT' || type === 'IEND') return false;
    i += 12 + b.readUInt32BE(i);
  }
  return false;
}

function decode(data: Uint8Array): { width: number; height: number; data: Buffer } | undefined {
  try {
    return PNG.sync.read(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  } catch {
    return undefined;
  }
}

/**
 * RGB pixels of `size`, each the average of the source pixels it covers (area average),
 * composited onto white by their alpha. One pass over the source, one row of sums at a time.
 */
export function flattenAndScale(src: { width: number; height: number; data: Uint8Array }, size: { width: number; height: number }): Uint8Array {
  const { width: W, height: H } = size;
  const out = new Uint8Array(W * H * 3);
  const sums = new Float64Array(W * 3);
  const counts = new Float64Array(W);
  // Which output column each source column falls in.
  const column = new Uint32Array(src.width);
  for (let x = 0; x < src.width; x++) column[x] = Math.min(W - 1, Math.floor((x * W) / src.width));
  let row = 0;
  for (let y = 0; y < src.height; y++) {
    const base = y * src.width * 4;
    for (let x = 0; x < src.width; x++) {
      const p = base + x * 4;
      const a = src.data[p + 3] / 255;
      const c = column[x] * 3;
      sums[c] += src.data[p] * a + 255 * (1 - a);
      sums[c + 1] += src.data[p + 1] * a + 255 * (1 - a);
      sums[c + 2] += src.data[p + 2] * a + 255 * (1 - a);
      counts[column[x]]++;
    }
    const next = Math.min(H - 1, Math.floor(((y + 1) * H) / src.height));
    if (next !== row || y === src.height - 1) {
      for (let x = 0; x < W; x++) {
        const n = counts[x] || 1;
        for (let k = 0; k < 3; k++) out[(row * W + x) * 3 + k] = Math.round(sums[x * 3 + k] / n);
      }
      sums.fill(0);
      counts.fill(0);
      row = next;
    }
  }
  return out;
}

/** An opaque RGB PNG of the pixels. */
function encodeRgb(rgb: Uint8Array, size: { width: number; height: number }): Uint8Array {
  const rgba = Buffer.alloc(size.width * size.height * 4, 255);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgba[j] = rgb[i];
    rgba[j + 1] = rgb[i + 1];
    rgba[j + 2] = rgb[i + 2];
  }
  return PNG.sync.write({ width: size.width, height: size.height, data: rgba } as PNG, { colorType: 2 });
}
