import { cacheDir, fontKey, storeFor, validRun, type Call, type KeyedFont, type StoredRun } from './shaping-store.js';

/** What pdfkit and our measuring read of a fontkit glyph: the rest (advance width, outline) stays fontkit's own. */
interface Glyph {
  id: number;
  codePoints: number[];
}

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

interface Run {
  glyphs: Glyph[];
  positions: Position[];
  advanceWidth: number;
}

/** The parts of a fontkit font this module calls. */
export interface ShapableFont extends KeyedFont {
  layout(text: unknown, features?: unknown, ...rest: unknown[]): Run;
  getGlyph(id: number, codePoints?: number[]): Glyph | null;
  glyphForCodePoint(codePoint: number): Glyph | null;
  numGlyphs: number;
  unitsPerEm: number;
}

/**
 * A run rebuilt from the cache, read as fontkit's GlyphRun is read: pdfkit scales the
 * positions in place, then reads the advance width, which (as fontkit's) is summed on
 * every read, in the same order, so it is the same number.
 */
class CachedRun {
  constructor(readonly glyphs: Glyph[], readonly positions: Position[]) {}

  get advanceWidth(): number {
    let width = 0;
    for (const position of this.positions) width += position.xAdvance;
    return width;
  }
}

const hooked = new WeakSet<object>();

/**
 * Makes `font.layout` (fontkit's OpenType shaping: ~0.1-1 ms a word, and the first word of a
 * CJK font decodes its large GSUB and GPOS tables) answer from the runs kept on disk by
 * earlier builds, and keep the runs it shapes. A run is fontkit's answer for (font, text,
 * features) and nothing else, with one exception the cache replays: fontkit keeps one glyph
 * object per glyph id, carrying the code points it was first made with (pdfkit writes them
 * into the PDF's ToUnicode map). So a run stores every getGlyph call fontkit made, in order;
 * a cached run is used only after making those calls again and finding each glyph with the
 * code points it had then. The glyphs then are the very objects fontkit would return, and
 * the output is the same bytes as without the cache. Wraps one font object's `layout` (and,
 * while it shapes, its `getGlyph`) at run time rather than through a patch: it is per font,
 * only when a cache folder is set, and the recording is undone after each run.
 */
export function useShapingCache(font: ShapableFont): void {
  if (hooked.has(font) || process.env.FORUMPRESS_NO_SPEEDUPS === '1' || !cacheDir()) return;
  hooked.add(font);
  const layout = font.layout;
  let key: string | undefined | null = null;
  font.layout = function (text: unknown, features?: unknown, ...rest: unknown[]) {
    if (typeof text !== 'string' || rest.length || (features != null && typeof features !== 'object')) return layout.call(font, text, features, ...rest);
    if (key === null) {
      try {
        key = fontKey(font);
        if (key) storeFor(key); // read now: a cache that cannot be read is an empty one, not an error
      } catch {
        key = undefined;
      }
    }
    if (!key) return layout.call(font, text, features);
    const store = storeFor(key);
    const id = features == null ? text : `${JSON.stringify(features)}\0${text}`;
    store.used.add(id);
    const stored = store.runs.get(id);
    if (stored) {
      const run = replay(font, text, stored);
      if (run) return run;
    }
    const { run, calls } = record(font, () => layout.call(font, text, features));
    const entry = toStored(font, text, run, calls);
    if (entry) {
      store.runs.set(id, entry);
      store.fresh.push(id);
      store.dirty = true;
    }
    return run;
  };
}

type Made = [number, number[], Glyph | null];

/** Runs `shape` with every getGlyph call it makes written down (the first one per glyph id: later ones change nothing). */
function record(font: ShapableFont, shape: () => Run): { run: Run; calls: Made[] } {
  const calls: Made[] = [];
  const seen = new Set<number>();
  const own = Object.prototype.hasOwnProperty.call(font, 'getGlyph');
  const getGlyph = font.getGlyph;
  font.getGlyph = function (id: number, codePoints?: number[]) {
    const glyph = getGlyph.call(font, id, codePoints);
    if (!seen.has(id)) {
      seen.add(id);
      calls.push([id, codePoints ? [...codePoints] : [], glyph]);
    }
    return glyph;
  };
  try {
    return { run: shape(), calls };
  } finally {
    if (own) font.getGlyph = getGlyph;
    else delete (font as Partial<ShapableFont>).getGlyph;
  }
}

const sameCodes = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((n, i) => n === b[i]);

/** The stored form of a fresh run, or undefined for anything but plain glyphs and positions that replay would accept. */
function toStored(font: ShapableFont, text: string, run: Run, made: Made[]): StoredRun | undefined {
  if (!run || !Array.isArray(run.glyphs) || !Array.isArray(run.positions) || run.glyphs.length !== run.positions.length) return undefined;
  const calls: Call[] = [];
  const glyphs = new Set<Glyph>();
  for (const [id, args, glyph] of made) {
    if (!glyph || !Array.isArray(glyph.codePoints)) return undefined;
    glyphs.add(glyph);
    calls.push(sameCodes(glyph.codePoints, args) ? [id, args] : [id, args, [...glyph.codePoints]]);
  }
  const ids: number[] = [];
  const numbers: number[] = [];
  for (let i = 0; i < run.glyphs.length; i++) {
    const p = run.positions[i];
    // Only glyphs fontkit handed out through getGlyph, and positions with nothing but the four numbers.
    if (!glyphs.has(run.glyphs[i]) || !p || Object.keys(p).length !== 4) return undefined;
    ids.push(run.glyphs[i].id);
    numbers.push(p.xAdvance, p.yAdvance, p.xOffset, p.yOffset);
  }
  const stored: StoredRun = [calls, ids, numbers];
  return validRun(stored) && trustworthy(font, text, stored, run.glyphs) ? stored : undefined;
}

/**
 * True when a stored run can only print `text`, whatever else the file says: every glyph is
 * the one the font's character map gives its one character, the glyphs' characters in order
 * are the text's, every getGlyph call asks for a character's own glyph, and positions stay
 * within a few em. A cache file someone altered can thus move a glyph a little, never change
 * which glyph is printed nor what the text layer says. Runs that shaping changed (ligatures,
 * contextual forms: about one word in a thousand here) are shaped every time instead.
 */
function trustworthy(font: ShapableFont, text: string, [calls, ids, numbers]: StoredRun, glyphs?: Glyph[]): boolean {
  const chars = [...text];
  // fontkit also makes the space glyph of every font it shapes with: a few calls more than glyphs.
  if (ids.length !== chars.length || calls.length > ids.length + 4) return false;
  const limit = 16 * (font.unitsPerEm || 1000);
  if (numbers.some((n) => Math.abs(n) > limit)) return false;
  const own = (id: number, cp: number | undefined) => cp !== undefined && cp <= 0x10ffff && font.glyphForCodePoint(cp)?.id === id;
  if (!calls.every(([id, args]) => id < font.numGlyphs && args.length === 1 && own(id, args[0]))) return false;
  return ids.every((id, i) => own(id, chars[i].codePointAt(0)) && (!glyphs || (glyphs[i].codePoints.length === 1 && glyphs[i].codePoints[0] === chars[i].codePointAt(0))));
}

/** The run of a stored entry, after making fontkit's getGlyph calls again; undefined when a glyph's code points differ or the entry is not trustworthy. */
function replay(font: ShapableFont, text: string, stored: StoredRun): CachedRun | undefined {
  if (!validRun(stored) || !trustworthy(font, text, stored)) return undefined;
  const [calls, ids, numbers] = stored;
  const glyphs = new Map<number, Glyph>();
  for (const [id, args, codes] of calls) {
    const glyph = font.getGlyph(id, [...args]);
    if (!glyph || !sameCodes(glyph.codePoints, codes ?? args)) return undefined;
    glyphs.set(id, glyph);
  }
  const chars = [...text];
  const out: Glyph[] = [];
  const positions: Position[] = [];
  for (let i = 0; i < ids.length; i++) {
    const glyph = glyphs.get(ids[i]);
    // The glyph's own code points go into the PDF's text layer: they must be the text's.
    if (!glyph || glyph.codePoints.length !== 1 || glyph.codePoints[0] !== chars[i].codePointAt(0)) return undefined;
    out.push(glyph);
    positions.push({ xAdvance: numbers[4 * i], yAdvance: numbers[4 * i + 1], xOffset: numbers[4 * i + 2], yOffset: numbers[4 * i + 3] });
  }
  return new CachedRun(out, positions);
}
