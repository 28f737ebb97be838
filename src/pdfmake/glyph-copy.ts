/** What this module reads of fontkit's TrueType subset (TTFSubset) and its font. */
interface TrueTypeSubset {
  font: {
    _variationProcessor?: unknown;
    directory?: { tables?: Record<string, unknown> };
    loca?: { offsets: number[] };
    hmtx: unknown;
    getGlyph(id: number): { advanceWidth: number; _metrics?: { leftBearing: number }; _getTableMetrics(table: unknown): { bearing: number } };
    _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  };
  glyphEncoder?: unknown;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: Array<{ advance: number; bearing: number }> };
  offset: number;
  _addGlyph(gid: number): number;
}

const fast = new WeakSet<object>();

/**
 * fontkit copies a glyph into a PDF's font subset after decoding its whole outline (every
 * point of every contour), only to learn whether it is made of other glyphs; and its left
 * side bearing through `_getMetrics`, which in a font without vmtx decodes the outline again
 * for a box. For the booklet's ~2,000 glyphs that was most of the font embedding. Here a
 * simple glyph (numberOfContours >= 0, the first two bytes of its record) or an empty one is
 * copied as fontkit copies it, its bearing read from hmtx as fontkit reads it; a composite
 * glyph, and any glyph of a variable font (whose outline fontkit re-encodes), go through
 * fontkit's own code. Applies to one subset object (a document's), not to fontkit's class.
 */
export function copyGlyphsFast(subset: unknown): void {
  const s = subset as TrueTypeSubset | undefined;
  if (!s || fast.has(s) || typeof s._addGlyph !== 'function' || !('glyphEncoder' in s)) return;
  const font = s.font;
  if (!font || font._variationProcessor || !font.directory?.tables?.glyf || !font.loca) return;
  fast.add(s);
  const addGlyph = s._addGlyph;
  s._addGlyph = function (this: TrueTypeSubset, gid: number): number {
    const glyph = font.getGlyph(gid);
    const start = font.loca!.offsets[gid];
    const end = font.loca!.offsets[gid + 1];
    const stream = font._getTableStream('glyf');
    stream.pos += start;
    const buffer = stream.readBuffer(end - start);
    // A composite glyph (negative contour count) includes its components: fontkit's own path.
    if (buffer.length >= 2 && (buffer[0] & 0x80) !== 0) return addGlyph.call(this, gid);
    this.glyf.push(buffer);
    this.loca.offsets.push(this.offset);
    const bearing = glyph._metrics ? glyph._metrics.leftBearing : glyph._getTableMetrics(font.hmtx).bearing;
    this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing });
    this.offset += buffer.length;
    return this.glyf.length - 1;
  };
}
