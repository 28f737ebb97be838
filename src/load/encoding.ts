/** How a text file's bytes were read. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** A decoded text file: its text, how it was read, and where decoding broke (when it did). */
export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
  /**
   * Set when the bytes are in no encoding we read, or mix two (UTF-8 lines, then GBK ones):
   * the 1-based place of the first byte that cannot be read, and what went wrong. `text`
   * is then the UTF-8 reading with U+FFFD for what could not be read.
   */
  broken?: { line: number; column: number; reason: 'unknown' | 'mixed' };
}

/**
 * Decodes a text file as editors and spreadsheets save it: UTF-8 with or without a
 * byte-order mark, UTF-16 (little or big endian) with its byte-order mark, or GB18030
 * (which includes GBK and GB2312, what Chinese Windows editors and Excel write).
 * A file that is valid UTF-8 is read as UTF-8. A file whose lines are partly UTF-8
 * (with Chinese in them) and partly not is a mix, not GB18030: reported at the first
 * line that breaks.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const { text, broken, mixed } = decodeUtf8(bytes.subarray(3));
    return { text, encoding: 'utf-8-bom', broken: broken && { ...broken, reason: mixed ? 'mixed' : 'unknown' } };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be');
  const utf8 = decodeUtf8(bytes);
  if (!utf8.broken) return { text: utf8.text, encoding: 'utf-8' };
  if (!utf8.mixed) {
    try {
      return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
    } catch {
      // neither UTF-8 nor GB18030: reported where UTF-8 breaks
    }
  }
  return { text: utf8.text, encoding: 'utf-8', broken: { ...utf8.broken, reason: utf8.mixed ? 'mixed' : 'unknown' } };
}

/** True when the bytes start with a UTF-16 byte-order mark ("Unicode text" from Excel). */
export function isUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** A name for people: what the file was saved as. */
export function encodingLabel(name: TextEncodingName): string {
  return { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8', 'utf-16le': 'UTF-16 (Unicode)', 'utf-16be': 'UTF-16 (Unicode)', gb18030: 'GB18030/GBK' }[name];
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  const text = new TextDecoder(encoding).decode(bytes);
  const bad = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/.exec(text);
  if (!bad && bytes.length % 2 === 0) return { text, encoding };
  const at = placeOf(text, bad ? bad.index : text.length);
  return { text, encoding, broken: { ...at, reason: 'unknown' } };
}

/**
 * UTF-8 with U+FFFD for bytes that are not; where the first such byte is; and whether
 * the file mixes encodings: some line holds valid non-ASCII UTF-8, another line does not.
 */
function decodeUtf8(bytes: Uint8Array): { text: string; broken?: { line: number; column: number }; mixed: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), mixed: false };
  } catch {
    // find where, below
  }
  const text = new TextDecoder('utf-8').decode(bytes);
  let utf8Line = false;
  let brokenAt: number | undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    const bad = line.indexOf('\uFFFD');
    // A line of real UTF-8 with Chinese (or other 3-byte characters) in it: GBK bytes rarely read so.
    if (bad < 0 && /[\u0800-\uFFFC]/.test(line)) utf8Line = true;
    else if (bad >= 0 && brokenAt === undefined) brokenAt = offset + bad;
    offset += line.length + 1;
  }
  // U+FFFD written as UTF-8 in the file itself is not a break; then the break is elsewhere.
  const at = placeOf(text, brokenAt ?? 0);
  return { text, broken: at, mixed: utf8Line };
}

/** 1-based line and column of a string offset. */
function placeOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
