import { tableDirectory, tableView } from './sfnt.js';

/** What this module calls of a fontkit font (its public API): getGlyph makes the glyph object. */
export interface CmapFont {
  getGlyph(id: number, codePoints?: number[]): unknown;
  glyphForCodePoint(codePoint: number): unknown;
}

/** A font file's character map and horizontal advances, read from its bytes. */
interface Tables {
  /** Glyph id of a code point (0 for none), or undefined when fontkit must answer (a format read here does not apply). */
  lookup(cp: number): number | undefined;
  /** Advance width of a glyph in font units, undefined when fontkit must answer. */
  advance(id: number): number | undefined;
}

const tablesOf = new WeakMap<Uint8Array, Tables>();

/** The subtables fontkit's CmapProcessor prefers, in its order: the first one present is its character map. */
const PREFERRED: ReadonlyArray<readonly [number, number]> = [[3, 10], [0, 6], [0, 4], [3, 1], [0, 3], [0, 2], [0, 1], [0, 0]];

/**
 * fontkit looks a code point up by decoding the cmap's segments (format 4) or groups (format
 * 12) one object at a time on every call, and reads an advance by decoding hmtx entries the
 * same way: in a cold process that was ~10 % of the booklet (the shaping cache's checks and
 * every ideograph's advance). Read here straight from the bytes of the same subtable fontkit
 * chooses, with its arithmetic; test/unit/cmap.test.ts compares both for every code point and
 * glyph of the fonts we ship. `bytes` is the font's file (one face: a collection or a WOFF is
 * left to fontkit, as are formats other than 4 and 12, a cmap that is not Unicode, a variable
 * font's advances and any table that does not read as expected).
 */
function tablesFor(bytes: Uint8Array | undefined): Tables {
  if (!(bytes instanceof Uint8Array)) return NONE;
  let tables = tablesOf.get(bytes);
  if (!tables) tablesOf.set(bytes, (tables = readTables(bytes)));
  return tables;
}

function readTables(bytes: Uint8Array): Tables {
  const dir = tableDirectory(bytes);
  if (!dir) return NONE;
  const table = (tag: string) => tableView(bytes, dir, tag);
  return { lookup: cmapReader(table('cmap')), advance: dir.fvar ? none : hmtxReader(table('hhea'), table('hmtx')) };
}

/** fontkit's `font.glyphForCodePoint(cp)`: the glyph object of the character map's glyph, made with [cp] the first time, as fontkit makes it. */
export function glyphForCodePoint<G>(font: CmapFont, bytes: Uint8Array | undefined, cp: number): G {
  const id = tablesFor(bytes).lookup(cp);
  return (id === undefined ? font.glyphForCodePoint(cp) : font.getGlyph(id, [cp])) as G;
}

/** The advance width of glyph `id` in font units as fontkit's glyph.advanceWidth gives it, or undefined where fontkit must be asked. */
export function advanceOf(bytes: Uint8Array | undefined, id: number): number | undefined {
  return tablesFor(bytes).advance(id);
}

const none = () => undefined;
const NONE: Tables = { lookup: none, advance: none };

function cmapReader(v: DataView | undefined): Tables['lookup'] {
  if (!v || v.byteLength < 4) return none;
  try {
    const count = v.getUint16(2);
    let sub = -1;
    for (const [platform, encoding] of PREFERRED) {
      for (let i = 0; i < count && sub < 0; i++) {
        if (v.getUint16(4 + 8 * i) === platform && v.getUint16(6 + 8 * i) === encoding) sub = v.getUint32(8 + 8 * i);
      }
      if (sub >= 0) break;
    }
    if (sub < 0) return none; // no Unicode map: fontkit re-encodes
    const format = v.getUint16(sub);
    if (format === 4) return format4(new DataView(v.buffer, v.byteOffset + sub, Math.min(v.getUint16(sub + 2), v.byteLength - sub)));
    if (format === 12) return format12(new DataView(v.buffer, v.byteOffset + sub, Math.min(v.getUint32(sub + 4), v.byteLength - sub)));
  } catch {
    // a damaged table: fontkit's reading decides
  }
  return none;
}

/** Segment mapping to delta values, as fontkit reads it (idRangeOffset counted from the segment's own entry). */
function format4(t: DataView): Tables['lookup'] {
  const segCount = t.getUint16(6) >> 1;
  const ends = 14, starts = ends + 2 * segCount + 2, deltas = starts + 2 * segCount, ranges = deltas + 2 * segCount, glyphs = ranges + 2 * segCount;
  if (glyphs > t.byteLength) return none;
  return (cp) => {
    let min = 0;
    let max = segCount - 1;
    while (min <= max) {
      const mid = (min + max) >> 1;
      if (cp < t.getUint16(starts + 2 * mid)) max = mid - 1;
      else if (cp > t.getUint16(ends + 2 * mid)) min = mid + 1;
      else {
        const rangeOffset = t.getUint16(ranges + 2 * mid);
        const delta = t.getInt16(deltas + 2 * mid);
        if (rangeOffset === 0) return (cp + delta) & 0xffff;
        const index = rangeOffset / 2 + (cp - t.getUint16(starts + 2 * mid)) - (segCount - mid);
        // fontkit's glyphIndexArray reads past its end as undefined, that is 0.
        const at = glyphs + 2 * index;
        const gid = index >= 0 && at + 2 <= t.byteLength ? t.getUint16(at) : 0;
        return gid === 0 ? 0 : (gid + delta) & 0xffff;
      }
    }
    return 0;
  };
}

/** Segmented coverage: groups of consecutive code points. */
function format12(t: DataView): Tables['lookup'] {
  const n = t.getUint32(12);
  if (16 + 12 * n > t.byteLength) return none;
  return (cp) => {
    let min = 0;
    let max = n - 1;
    while (min <= max) {
      const mid = (min + max) >> 1;
      const at = 16 + 12 * mid;
      if (cp < t.getUint32(at)) max = mid - 1;
      else if (cp > t.getUint32(at + 4)) min = mid + 1;
      else return t.getUint32(at + 8) + (cp - t.getUint32(at));
    }
    return 0;
  };
}

/** hmtx: numberOfHMetrics pairs (advance, bearing), then bearings only; a glyph past the pairs has the last pair's advance. Not for variable fonts (HVAR adjusts). */
function hmtxReader(hhea: DataView | undefined, hmtx: DataView | undefined): Tables['advance'] {
  if (!hhea || !hmtx || hhea.byteLength < 36) return none;
  const n = Math.min(hhea.getUint16(34), hmtx.byteLength >> 2);
  if (n === 0) return none;
  return (id) => (id >= 0 ? hmtx.getUint16(4 * Math.min(id, n - 1)) : undefined);
}
