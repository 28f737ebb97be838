/** Tables every TrueType or OpenType face needs to be set and embedded. */
const REQUIRED = ['cmap', 'head', 'hhea', 'hmtx', 'maxp'];

/**
 * Why the table directory of a TTF/OTF (or of every face of a TTC) does not hold together,
 * or undefined when it does: a table that starts or ends past the end of the file (a file
 * cut short by a failed download or copy), a table whose bytes do not match the checksum
 * the directory gives for it (a damaged file), or a required table missing. fontkit opens such
 * a file without complaint and fails later, while the PDF is written ("Cannot read
 * properties of undefined (reading 'unitsPerEm')"). Other formats (WOFF) are left to fontkit.
 */
export function fontTablesProblem(bytes: Uint8Array): string | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 12) return `the file has only ${b.length} bytes`;
  const tag = b.toString('latin1', 0, 4);
  if (tag === 'ttcf') {
    const faces = b.readUInt32BE(8);
    if (12 + 4 * faces > b.length) return 'the collection is cut short';
    for (let i = 0; i < faces; i++) {
      const problem = faceProblem(b, b.readUInt32BE(12 + 4 * i));
      if (problem) return `face ${i + 1}: ${problem}`;
    }
    return undefined;
  }
  if (tag === 'wOFF' || tag === 'wOF2') return undefined;
  return faceProblem(b, 0);
}

/**
 * A table's checksum (the sum of its 32-bit words), as the table directory records it; in
 * `head` the checkSumAdjustment word counts as 0. fontkit trusts the tables, and garbage in
 * one (its counts read as millions) ran it out of memory rather than failing.
 */
function checksum(b: Buffer, offset: number, length: number, head: boolean): number {
  let sum = 0;
  const end = offset + length;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = offset;
  for (; i + 4 <= end; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (i < end) {
    let last = 0;
    for (let k = 0; k < 4; k++) last = (last << 8) | (i + k < end ? b[i + k] : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  if (head && length >= 12) sum = (sum - b.readUInt32BE(offset + 8)) >>> 0;
  return sum;
}

function faceProblem(b: Buffer, start: number): string | undefined {
  if (start + 12 > b.length) return 'the file is cut short';
  const version = b.readUInt32BE(start);
  if (version !== 0x00010000 && version !== 0x4f54544f && version !== 0x74727565) return 'the file is not a TrueType or OpenType font';
  const count = b.readUInt16BE(start + 4);
  if (start + 12 + 16 * count > b.length) return 'the file is cut short (in its table directory)';
  const tags = new Set<string>();
  for (let i = 0; i < count; i++) {
    const at = start + 12 + 16 * i;
    const name = b.toString('latin1', at, at + 4);
    const offset = b.readUInt32BE(at + 8);
    const length = b.readUInt32BE(at + 12);
    if (offset + length > b.length) return `the file is cut short: its "${name.trim()}" table ends at byte ${offset + length}, the file at ${b.length}`;
    if (checksum(b, offset, length, name === 'head') !== b.readUInt32BE(at + 4)) return `its "${name.trim()}" table does not match its checksum (the file is damaged)`;
    tags.add(name);
  }
  const missing = REQUIRED.filter((t) => !tags.has(t));
  if (!tags.has('glyf') && !tags.has('CFF ') && !tags.has('CFF2')) missing.push('glyf or CFF');
  return missing.length ? `the file has no ${missing.map((t) => `"${t}"`).join(', ')} table` : undefined;
}
