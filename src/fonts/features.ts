import { tableDirectory, tableView } from './sfnt.js';

/** What this module reads of a fontkit font: the feature list fontkit gives, when the file's bytes do not answer. */
export interface FeatureFont {
  availableFeatures: string[];
}

const featuresOf = new WeakMap<object, Set<string>>();

/** The scripts fontkit falls back to when shaping is asked for none, in its order. */
const DEFAULT_SCRIPTS = ['DFLT', 'dflt', 'latn'];

/**
 * The OpenType features fontkit's `font.availableFeatures` lists (the default language of the
 * first of DFLT, dflt, latn in GSUB and in GPOS, and kern for a kern table), read from the
 * tables' script and feature lists. fontkit builds its whole layout engine to answer, which
 * decodes GSUB and GPOS: in a build whose shaping comes from the cache (shaping-cache.ts) this
 * was the one reason left to decode them, for the `halt` check of every CJK face. A font these
 * lists do not read for (a collection, a WOFF) goes to fontkit. `bytes` is the font's file.
 * test/unit/cmap.test.ts compares with fontkit.
 */
export function availableFeatures(font: FeatureFont, bytes: Uint8Array | undefined): Set<string> {
  let features = featuresOf.get(font);
  if (!features) {
    features = (bytes instanceof Uint8Array ? fromTables(bytes) : undefined) ?? new Set(font.availableFeatures);
    featuresOf.set(font, features);
  }
  return features;
}

function fromTables(bytes: Uint8Array): Set<string> | undefined {
  try {
    const tables = tableDirectory(bytes);
    if (!tables) return undefined;
    const features = new Set<string>();
    for (const tag of ['GSUB', 'GPOS']) {
      if (!tables[tag]) continue;
      const view = tableView(bytes, tables, tag);
      if (!view) return undefined;
      const tags = defaultFeatures(view);
      if (!tags) return undefined;
      for (const t of tags) features.add(t);
    }
    if (tables.kern) features.add('kern');
    return features;
  } catch {
    return undefined;
  }
}

const tagAt = (v: DataView, at: number) => String.fromCharCode(v.getUint8(at), v.getUint8(at + 1), v.getUint8(at + 2), v.getUint8(at + 3));

/** The feature tags of the default language of the first default script of a GSUB or GPOS table; undefined where fontkit's answer cannot be read off. */
function defaultFeatures(v: DataView): string[] | undefined {
  const scriptList = v.getUint16(4);
  const featureList = v.getUint16(6);
  if (!scriptList || !featureList) return undefined;
  const scripts = v.getUint16(scriptList);
  let script = -1;
  for (const wanted of DEFAULT_SCRIPTS) {
    for (let i = 0; i < scripts && script < 0; i++) if (tagAt(v, scriptList + 2 + 6 * i) === wanted) script = scriptList + v.getUint16(scriptList + 6 + 6 * i);
    if (script >= 0) break;
  }
  // No default script: fontkit keeps whatever script it last shaped with.
  if (script < 0) return undefined;
  const langSys = v.getUint16(script);
  if (!langSys) return [];
  const count = v.getUint16(script + langSys + 4);
  const features = v.getUint16(featureList);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const index = v.getUint16(script + langSys + 6 + 2 * i);
    if (index >= features) return undefined;
    out.push(tagAt(v, featureList + 2 + 6 * index));
  }
  return out;
}
