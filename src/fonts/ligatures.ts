import { gsubLigatures, type Ligatures } from './sfnt.js';

const tables = new WeakMap<Uint8Array, Ligatures>();
const answers = new WeakMap<Uint8Array, Map<string, boolean>>();

/**
 * True when glyph `ligature` is the one the font's own GSUB ligature substitutions (ccmp,
 * liga, clig, rlig) put for the glyphs `parts`, in that order: "fi" for f and i, Noto's
 * two-em dash for — and —. Read from the font file's bytes (sfnt.ts: only those lookups, a
 * millisecond or so), not from the whole GSUB and GPOS that shaping decodes.
 */
export function isFontLigature(bytes: Uint8Array, ligature: number, parts: number[]): boolean {
  if (parts.length < 2) return false;
  let byKey = answers.get(bytes);
  if (!byKey) answers.set(bytes, (byKey = new Map()));
  const key = `${ligature}:${parts.join(',')}`;
  let yes = byKey.get(key);
  if (yes === undefined) {
    let table = tables.get(bytes);
    if (!table) tables.set(bytes, (table = gsubLigatures(bytes)));
    yes = table.has(ligature, parts);
    byKey.set(key, yes);
  }
  return yes;
}
