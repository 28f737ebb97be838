/** A table's place in a font file, from its table directory. */
export interface TableEntry {
  offset: number;
  length: number;
}

/**
 * The table directory of a single TrueType or OpenType face (tag -> place), read from the
 * file's bytes; undefined for a collection (TTC), a WOFF or bytes that are no such font.
 */
export function tableDirectory(bytes: Uint8Array): Record<string, TableEntry> | undefined {
  if (bytes.length < 12) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x4f54544f && version !== 0x74727565) return undefined;
  const count = view.getUint16(4);
  if (12 + 16 * count > bytes.length) return undefined;
  const tables: Record<string, TableEntry> = {};
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    const tag = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
    tables[tag] = { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) };
  }
  return tables;
}

/** A table of a face's directory as a view of the file's bytes; undefined when absent or reaching past the file. */
export function tableView(bytes: Uint8Array, dir: Record<string, TableEntry>, tag: string): DataView | undefined {
  const t = dir[tag];
  return t && t.offset + t.length <= bytes.length ? new DataView(bytes.buffer, bytes.byteOffset + t.offset, t.length) : undefined;
}

/** The features applied by default whose ligatures shaping can produce (dlig and hlig are off by default). */
const FEATURES = new Set(['ccmp', 'liga', 'clig', 'rlig']);

/** Glyph ligatures of a font's GSUB, read on demand from its bytes. */
export interface Ligatures {
  /** True when glyph `ligature` is what the font puts for the glyphs `parts`, in that order. */
  has(ligature: number, parts: number[]): boolean;
}

const NONE: Ligatures = { has: () => false };

/**
 * The ligature substitutions (GSUB lookup type 4, also behind an extension, type 7) of the
 * lookups of ccmp, liga, clig and rlig, read from the font file itself: only those subtables'
 * offsets when first asked, then one coverage table and one ligature set per question (not
 * the whole GSUB and GPOS that shaping decodes). A font without them, or bytes that cannot be
 * read (a collection, a WOFF, a damaged table), vouches for no ligature.
 */
export function gsubLigatures(bytes: Uint8Array): Ligatures {
  const dir = tableDirectory(bytes);
  const view = dir && tableView(bytes, dir, 'GSUB');
  if (!view) return NONE;
  const u16 = (at: number) => view.getUint16(at);
  let subtables: number[];
  try {
    subtables = ligatureSubtables(view, u16);
  } catch {
    return NONE; // a GSUB that cannot be read: no ligature is vouched for
  }
  return {
    has(ligature, parts) {
      if (parts.length < 2) return false;
      try {
        for (const sub of subtables) {
          const k = coverageIndex(u16, sub + u16(sub + 2), parts[0]);
          if (k < 0 || k >= u16(sub + 4)) continue;
          const set = sub + u16(sub + 6 + 2 * k);
          for (let l = 0, n = u16(set); l < n; l++) {
            const lig = set + u16(set + 2 + 2 * l);
            if (u16(lig) !== ligature || u16(lig + 2) !== parts.length) continue;
            let all = true;
            for (let c = 1; c < parts.length && all; c++) all = u16(lig + 2 + 2 * c) === parts[c];
            if (all) return true;
          }
        }
      } catch {
        // an offset past the table: not vouched for
      }
      return false;
    },
  };
}

/** Offsets (in GSUB) of the type-4 subtables of the FEATURES' lookups, in lookup order. */
function ligatureSubtables(view: DataView, u16: (at: number) => number): number[] {
  const features = u16(6);
  const lookups = u16(8);
  const indexes = new Set<number>();
  for (let i = 0, n = u16(features); i < n; i++) {
    const rec = features + 2 + 6 * i;
    const tag = String.fromCharCode(view.getUint8(rec), view.getUint8(rec + 1), view.getUint8(rec + 2), view.getUint8(rec + 3));
    if (!FEATURES.has(tag)) continue;
    const feature = features + u16(rec + 4);
    for (let j = 0, m = u16(feature + 2); j < m; j++) indexes.add(u16(feature + 4 + 2 * j));
  }
  const out: number[] = [];
  const lookupCount = u16(lookups);
  for (const i of [...indexes].sort((a, b) => a - b)) {
    if (i >= lookupCount) continue;
    const lookup = lookups + u16(lookups + 2 + 2 * i);
    const type = u16(lookup);
    if (type !== 4 && type !== 7) continue;
    for (let s = 0, n = u16(lookup + 4); s < n; s++) {
      let sub = lookup + u16(lookup + 6 + 2 * s);
      if (type === 7) {
        if (u16(sub) !== 1 || u16(sub + 2) !== 4) continue;
        sub += view.getUint32(sub + 4);
      }
      if (u16(sub) === 1) out.push(sub);
    }
  }
  return out;
}

/** A glyph's index in a coverage table (format 1: a list, format 2: ranges), or -1. */
function coverageIndex(u16: (at: number) => number, coverage: number, glyph: number): number {
  const format = u16(coverage);
  const count = u16(coverage + 2);
  if (format === 1) {
    for (let i = 0; i < count; i++) if (u16(coverage + 4 + 2 * i) === glyph) return i;
    return -1;
  }
  if (format === 2) {
    for (let i = 0; i < count; i++) {
      const r = coverage + 4 + 6 * i;
      const start = u16(r);
      if (start <= glyph && glyph <= u16(r + 2)) return u16(r + 4) + glyph - start;
    }
  }
  return -1;
}
