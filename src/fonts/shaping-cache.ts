import { glyphForCodePoint } from './cmap.js';
import { isFontLigature } from './ligatures.js';
import { loadFontkitHooks } from './fontkit-hooks.js';
import { cacheDir, fontKey, storeFor, validRun, type Call, type StoredRun } from './shaping-store.js';

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

/** The parts of a fontkit font this module calls (its public API). */
export interface ShapableFont {
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

/** A font whose shaping is answered from the cache: its file's bytes and face, and its key (computed at its first run; undefined: none). */
interface Cached {
  bytes: Uint8Array;
  face?: string;
  key: string | undefined | null;
}

const cached = new WeakMap<object, Cached>();

/**
 * Makes `font.layout` (fontkit's OpenType shaping: ~0.1-1 ms a word, and the first word of a
 * CJK font decodes its large GSUB and GPOS tables) answer from the runs kept on disk by
 * earlier builds, and keep the runs it shapes. A run is fontkit's answer for (font, text,
 * features) and nothing else, with one exception the cache replays: fontkit keeps one glyph
 * object per glyph id, carrying the code points it was first made with (pdfkit writes them
 * into the PDF's ToUnicode map). So a run stores every getGlyph call fontkit made, in order;
 * a cached run is used only after making those calls again and finding each glyph with the
 * code points it had then. The glyphs then are the very objects fontkit would return, and
 * the output is the same bytes as without the cache. `bytes` (and `face`, of a collection) are
 * the font's file: its key and ligatures are read from them. Only when a cache folder is set; through
 * fontkit's `layout` and `glyphMade` hooks (patches/fontkit+2.0.4.patch, fontkit-hooks.ts).
 */
export function useShapingCache(font: ShapableFont, bytes: Uint8Array, face?: string): void {
  if (cached.has(font) || !bytes || process.env.FORUMPRESS_NO_SPEEDUPS === '1' || !cacheDir()) return;
  const hooks = loadFontkitHooks();
  if (!hooks) return; // fontkit without forumpress's patch: the build's start-up check says so
  hooks.layout ??= cachedLayout;
  hooks.glyphMade ??= noteGlyph;
  cached.set(font, { bytes, face, key: null });
}

/** fontkit's layout hook: a cache-using font's run from the cache, or shaped and kept; any other font's shaped as fontkit shapes it. */
function cachedLayout(font: ShapableFont, text: unknown, features: unknown, script: unknown, language: unknown, direction: unknown, shape: () => Run): Run {
  const state = cached.get(font);
  if (!state || typeof text !== 'string' || script !== undefined || language !== undefined || direction !== undefined ||
    (features != null && typeof features !== 'object')) return shape();
  if (state.key === null) {
    try {
      state.key = fontKey(state.bytes, state.face);
      if (state.key) storeFor(state.key); // read now: a cache that cannot be read is an empty one, not an error
    } catch {
      state.key = undefined;
    }
  }
  if (!state.key) return shape();
  const store = storeFor(state.key);
  const id = features == null ? text : `${JSON.stringify(features)}\0${text}`;
  store.used.add(id);
  const stored = store.runs.get(id);
  if (stored) {
    const run = replay(font, state.bytes, text, stored);
    if (run) return run;
  }
  const { run, calls } = record(font, shape);
  const entry = toStored(font, state.bytes, text, run, calls);
  if (entry) {
    store.runs.set(id, entry);
    store.fresh.push(id);
    store.dirty = true;
  }
  return run;
}

type Made = [number, number[], Glyph | null];

/** The getGlyph calls being written down while a font shapes (record). */
let recording: { font: object; calls: Made[]; seen: Set<number> } | null = null;

/** fontkit's glyphMade hook: a getGlyph call of the font being recorded, the first one per glyph id (later ones change nothing). */
function noteGlyph(font: object, id: number, codePoints: number[], glyph: Glyph | null): void {
  if (!recording || recording.font !== font || recording.seen.has(id)) return;
  recording.seen.add(id);
  recording.calls.push([id, codePoints ? [...codePoints] : [], glyph]);
}

/** Runs `shape` with every getGlyph call it makes on `font` written down. */
function record(font: ShapableFont, shape: () => Run): { run: Run; calls: Made[] } {
  const outer = recording;
  const mine = { font, calls: [] as Made[], seen: new Set<number>() };
  recording = mine;
  try {
    return { run: shape(), calls: mine.calls };
  } finally {
    recording = outer;
  }
}

const sameCodes = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((n, i) => n === b[i]);

/** The stored form of a fresh run, or undefined for anything but plain glyphs and positions that replay would accept. */
function toStored(font: ShapableFont, bytes: Uint8Array, text: string, run: Run, made: Made[]): StoredRun | undefined {
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
  return validRun(stored) && trustworthy(font, bytes, text, stored, run.glyphs) ? stored : undefined;
}

/**
 * True when a stored run can only print `text`, whatever else the file says: every glyph is
 * the one the font's character map gives its one character, or the font's own ligature of
 * the characters it stands for ("fi", Noto's two-em dash: isFontLigature), the glyphs'
 * characters in order are the text's, every getGlyph call asks for such a glyph, and
 * positions stay within a few em. A cache file someone altered can thus move a glyph a
 * little, never change which glyph is printed nor what the text layer says. Runs that
 * shaping changed otherwise (contextual forms, reordering) are shaped every time instead.
 */
function trustworthy(font: ShapableFont, bytes: Uint8Array, text: string, [calls, ids, numbers]: StoredRun, glyphs?: Glyph[]): boolean {
  const chars = codePoints(text);
  // fontkit also makes the space glyph of every font it shapes with: a few calls more than characters.
  if (ids.length > chars.length || calls.length > chars.length + 4) return false;
  const limit = 16 * (font.unitsPerEm || 1000);
  if (numbers.some((n) => Math.abs(n) > limit)) return false;
  if (!calls.every(([id, args, codes]) => id < font.numGlyphs && standsFor(font, bytes, id, args) && (!codes || standsFor(font, bytes, id, codes)))) return false;
  const claimed = new Map<number, number[]>();
  for (const [id, args, codes] of calls) if (!claimed.has(id)) claimed.set(id, codes ?? args);
  let at = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    const cps = glyphs ? glyphs[i].codePoints : standsFor(font, bytes, id, [chars[at]]) ? [chars[at]] : claimed.get(id);
    if (!cps || !standsFor(font, bytes, id, cps) || !startsAt(chars, at, cps)) return false;
    at += cps.length;
  }
  return at === chars.length;
}

/** The code points of a text. */
function codePoints(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) out.push(ch.codePointAt(0)!);
  return out;
}

/** Whether `part` is found in `chars` at `at`. */
function startsAt(chars: readonly number[], at: number, part: readonly number[]): boolean {
  if (part.length === 0 || at + part.length > chars.length) return false;
  for (let k = 0; k < part.length; k++) if (chars[at + k] !== part[k]) return false;
  return true;
}

const cmaps = new WeakMap<object, Map<number, number | undefined>>();

/**
 * The glyph the font's character map gives a code point (fontkit's glyphForCodePoint, which
 * also makes the glyph object, with that code point, the first time; the lookup itself read
 * from the file's cmap, cmap.ts): remembered per font.
 */
function cmapGlyph(font: ShapableFont, bytes: Uint8Array, cp: number): number | undefined {
  let ids = cmaps.get(font);
  if (!ids) cmaps.set(font, (ids = new Map()));
  if (ids.has(cp)) return ids.get(cp);
  const id = glyphForCodePoint<Glyph | null>(font, bytes, cp)?.id;
  ids.set(cp, id);
  return id;
}

/** Whether glyph `id` prints the characters `cps`: the character map's glyph of one, the font's ligature of several. */
function standsFor(font: ShapableFont, bytes: Uint8Array, id: number, cps: readonly number[]): boolean {
  if (cps.length === 1) return cps[0] <= 0x10ffff && cmapGlyph(font, bytes, cps[0]) === id;
  if (cps.length < 2 || cps.length > 8 || cps.some((cp) => !(cp <= 0x10ffff))) return false;
  const parts: number[] = [];
  for (const cp of cps) {
    const glyph = cmapGlyph(font, bytes, cp);
    if (!glyph) return false;
    parts.push(glyph);
  }
  return isFontLigature(bytes, id, parts);
}

/** The run of a stored entry, after making fontkit's getGlyph calls again; undefined when a glyph's code points differ or the entry is not trustworthy. */
function replay(font: ShapableFont, bytes: Uint8Array, text: string, stored: StoredRun): CachedRun | undefined {
  if (!validRun(stored) || !trustworthy(font, bytes, text, stored)) return undefined;
  const [calls, ids, numbers] = stored;
  const glyphs = new Map<number, Glyph>();
  for (const [id, args, codes] of calls) {
    const glyph = font.getGlyph(id, [...args]);
    if (!glyph || !sameCodes(glyph.codePoints, codes ?? args)) return undefined;
    glyphs.set(id, glyph);
  }
  const chars = codePoints(text);
  const out: Glyph[] = [];
  const positions: Position[] = [];
  let at = 0;
  for (let i = 0; i < ids.length; i++) {
    const glyph = glyphs.get(ids[i]);
    // The glyph's own code points go into the PDF's text layer: they must be the text's.
    if (!glyph || !startsAt(chars, at, glyph.codePoints) || !standsFor(font, bytes, glyph.id, glyph.codePoints)) return undefined;
    at += glyph.codePoints.length;
    out.push(glyph);
    positions.push({ xAdvance: numbers[4 * i], yAdvance: numbers[4 * i + 1], xOffset: numbers[4 * i + 2], yOffset: numbers[4 * i + 3] });
  }
  if (at !== chars.length) return undefined;
  return new CachedRun(out, positions);
}
