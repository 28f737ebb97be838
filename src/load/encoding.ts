/** How a text file's bytes were read. */
export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'gb18030';

/**
 * Decodes a text file written by a spreadsheet: UTF-8 with or without a byte-order mark,
 * or GB18030 (which includes GBK and GB2312, what Chinese Excel writes as "CSV").
 * A file that is valid UTF-8 is read as UTF-8; anything else as GB18030.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

/** True when the bytes start with a UTF-16 byte-order mark ("Unicode text" from Excel). */
export function isUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}
