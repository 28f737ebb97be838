/** What this module reads of a fontkit font: its GSUB table as fontkit decodes it (lookups decoded one by one, on demand). */
export interface LigatureFont {
  GSUB?: {
    featureList?: Array<{ tag: string; feature: { lookupListIndexes: number[] } }>;
    lookupList?: { length: number; get(index: number): Lookup | undefined };
  };
}

interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: Array<{ start: number; end: number; startCoverageIndex: number }>;
}

interface LigatureSubst {
  coverage?: Coverage;
  ligatureSets?: { length: number; get(index: number): Array<{ glyph: number; components: number[] }> | undefined };
  extension?: LigatureSubst;
}

interface Lookup {
  lookupType: number;
  subTables: LigatureSubst[];
}

/** The features fontkit applies by default whose ligatures shaping can produce (dlig and hlig are off by default). */
const FEATURES = new Set(['ccmp', 'liga', 'clig', 'rlig']);

const substsOf = new WeakMap<object, LigatureSubst[]>();
const answers = new WeakMap<object, Map<string, boolean>>();

/** The ligature subtables (GSUB type 4, also behind an extension) of the lookups of FEATURES. */
function ligatureSubsts(font: LigatureFont): LigatureSubst[] {
  let substs = substsOf.get(font);
  if (substs) return substs;
  substs = [];
  try {
    const gsub = font.GSUB;
    const indexes = new Set<number>();
    for (const record of gsub?.featureList ?? []) if (FEATURES.has(record.tag)) for (const i of record.feature.lookupListIndexes) indexes.add(i);
    for (const i of [...indexes].sort((a, b) => a - b)) {
      const lookup = gsub?.lookupList?.get(i);
      if (!lookup || (lookup.lookupType !== 4 && lookup.lookupType !== 7)) continue;
      for (const table of lookup.subTables) {
        const subst = lookup.lookupType === 7 ? table.extension : table;
        if (subst?.ligatureSets && subst.coverage) substs.push(subst);
      }
    }
  } catch {
    substs = []; // a GSUB fontkit cannot read: no ligature is vouched for
  }
  substsOf.set(font, substs);
  return substs;
}

function coverageIndex(coverage: Coverage, glyph: number): number {
  if (coverage.version === 1) return coverage.glyphs?.indexOf(glyph) ?? -1;
  for (const r of coverage.rangeRecords ?? []) if (r.start <= glyph && glyph <= r.end) return r.startCoverageIndex + glyph - r.start;
  return -1;
}

/**
 * True when glyph `ligature` is the one the font's own GSUB ligature substitutions (ccmp,
 * liga, clig, rlig) put for the glyphs `parts`, in that order: "fi" for f and i, Noto's
 * two-em dash for — and —. Reads only those lookups (a millisecond or so), not the whole
 * GSUB and GPOS that shaping decodes.
 */
export function isFontLigature(font: LigatureFont, ligature: number, parts: number[]): boolean {
  if (parts.length < 2) return false;
  let byKey = answers.get(font);
  if (!byKey) answers.set(font, (byKey = new Map()));
  const key = `${ligature}:${parts.join(',')}`;
  let yes = byKey.get(key);
  if (yes === undefined) {
    yes = false;
    for (const subst of ligatureSubsts(font)) {
      const k = coverageIndex(subst.coverage!, parts[0]);
      if (k < 0) continue;
      const set = subst.ligatureSets!.get(k) ?? [];
      if (set.some((l) => l.glyph === ligature && l.components.length === parts.length - 1 && l.components.every((c, j) => c === parts[j + 1]))) {
        yes = true;
        break;
      }
    }
    byKey.set(key, yes);
  }
  return yes;
}
