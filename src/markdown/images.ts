import { posix } from 'node:path';
import { inflateSync } from 'node:zlib';

/** An image a booklet can place: PNG or JPEG, with its size in pixels as it is shown (after its EXIF orientation). */
export interface ImageInfo {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

/**
 * The content-relative path of an image written in a markdown file in `dir`, or
 * undefined when it is a URL, absolute, or leaves the content folder.
 */
export function resolveImagePath(dir: string, url: string): string | undefined {
  let path: string;
  try {
    path = decodeURI(url);
  } catch {
    return undefined;
  }
  if (!path || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('/') || path.startsWith('\\') || path.includes('\0')) return undefined;
  const joined = posix.normalize(posix.join(dir || '.', path.replace(/\\/g, '/')));
  return joined === '..' || joined.startsWith('../') || joined.startsWith('/') ? undefined : joined;
}

/** Reads the format and pixel size from a PNG or JPEG header; anything else is undefined. */
export function sniffImage(bytes: Uint8Array): ImageInfo | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a && b.toString('latin1', 12, 16) === 'IHDR') {
    const info = checked({ format: 'png', width: b.readUInt32BE(16), height: b.readUInt32BE(20) });
    return info && pngDataIntact(b, info) ? info : undefined;
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    // Walk the JPEG segments to the first start-of-frame marker, which holds the size.
    let orientation = 1;
    for (let i = 2; i + 9 < b.length; ) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1];
      if (marker === 0xff) { i++; continue; }
      const length = b.readUInt16BE(i + 2);
      if (marker === 0xe1 && orientation === 1) orientation = exifOrientation(b.subarray(i + 4, i + 2 + length));
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
        const [height, width] = [b.readUInt16BE(i + 5), b.readUInt16BE(i + 7)];
        // A phone's portrait photo is stored landscape with orientation 6 or 8; the PDF writer
        // turns it when drawing, so it is placed in the box of its turned size.
        return checked(orientation > 4 ? { format: 'jpeg', width: height, height: width } : { format: 'jpeg', height, width });
      }
      if (length < 2) return undefined;
      i += 2 + length;
    }
  }
  return undefined;
}

/**
 * The EXIF orientation (1-8) in an APP1 segment's data, or 1: the value of tag 0x0112 in the
 * first image directory, read as pdfkit reads it, so the size we place matches what it draws.
 */
export function exifOrientation(app1: Buffer): number {
  if (app1.length < 14 || app1.toString('latin1', 0, 6) !== 'Exif\0\0') return 1;
  const tiff = app1.subarray(6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  if (!little && tiff.toString('latin1', 0, 2) !== 'MM') return 1;
  const u16 = (o: number) => (little ? tiff.readUInt16LE(o) : tiff.readUInt16BE(o));
  const u32 = (o: number) => (little ? tiff.readUInt32LE(o) : tiff.readUInt32BE(o));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return 1;
  const entries = u16(ifd);
  for (let k = 0; k < entries; k++) {
    const at = ifd + 2 + k * 12;
    if (at + 12 > tiff.length) return 1;
    if (u16(at) === 0x0112) {
      const value = u16(at + 8);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** Most pixels an image may have: the PDF writer decodes it whole into memory. */
export const MAX_IMAGE_PIXELS = 25_000_000;

function checked(info: ImageInfo): ImageInfo | undefined {
  return info.width > 0 && info.height > 0 && info.width * info.height <= MAX_IMAGE_PIXELS ? info : undefined;
}

/**
 * The PDF writer inflates a PNG's data while writing and fails on a broken one; we inflate
 * it first (bounded by what the size allows) so a broken file is a warning, not a crash.
 */
function pngDataIntact(b: Buffer, info: ImageInfo): boolean {
  const idat: Buffer[] = [];
  for (let i = 8; i + 8 <= b.length; ) {
    const length = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    if (i + 12 + length > b.length) return false;
    if (type === 'IDAT') idat.push(b.subarray(i + 8, i + 8 + length));
    if (type === 'IEND') {
      try {
        inflateSync(Buffer.concat(idat), { maxOutputLength: info.height * (1 + info.width * 8) + 1024 });
        return idat.length > 0;
      } catch {
        return false;
      }
    }
    i += 12 + length;
  }
  return false;
}
