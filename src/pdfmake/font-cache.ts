import { useShapingCache, type ShapableFont } from '../fonts/shaping-cache.js';
import { glyphUnicode } from './text-layer.js';
import { advanceOf, glyphForCodePoint, type CmapFont } from '../fonts/cmap.js';
import { shareFont, sharedFont, type ParsedFont } from '../fonts/parsed-fonts.js';
import { pdfkitHooks, pdfmakeHooks } from './hooks.js';

type FontkitFont = ParsedFont;

/**
 * Parses each font once per process. pdfkit calls `fontkit.create(bytes)` for every
 * document and every face it opens (the italic faces are the upright files again), so a
 * build of several outputs, or a `--watch` session, parsed the same 10-15 MB CJK fonts again
 * and lost fontkit's cmap, GSUB and glyph caches (25 ms for a font's first line) each time.
 * fontkit's exports cannot be replaced and its formats cannot be reordered, so the font
 * pdfkit opens is swapped for the shared one as soon as pdfmake opens it (pdfkit has only
 * read its header by then); the glyph subset, which is per document, is made anew. The
 * first font pdfkit opens from a file becomes the shared one, so a file no document sets
 * text in is never parsed. pdfmake's virtual file system hands out the same Buffer each
 * time: it is the key. A face of a collection (TTC), opened with its name, is not shared.
 * Through pdfmake's `fontOpened` hook (patches/pdfmake+0.3.11.patch): once per document and face.
 */
export function shareParsedFonts(): void {
  pdfmakeHooks().fontOpened = function fontOpened(_doc: unknown, embedded: EmbeddedFont) {
    return shareEmbeddedFont(embedded);
  };
}

/** The font pdfkit opened, swapped for the one parsed first from the same bytes. */
function shareEmbeddedFont(embedded: EmbeddedFont): EmbeddedFont {
  const bytes = embedded.font?.stream?.buffer;
  if (bytes && !isCollection(bytes)) {
    const shared = sharedFont(bytes);
    if (!shared) shareFont(bytes, embedded.font);
    else if (embedded.font !== shared) {
      embedded.font = shared;
      embedded.subset = shared.createSubset();
    }
  }
  return embedded;
}

/** A TrueType collection starts with the tag `ttcf`. */
function isCollection(bytes: Uint8Array): boolean {
  return bytes[0] === 0x74 && bytes[1] === 0x74 && bytes[2] === 0x63 && bytes[3] === 0x66;
}

/** What this module touches of pdfkit's EmbeddedFont. */
interface EmbeddedFont {
  font: FontkitFont & { stream?: { buffer: Uint8Array } };
  subset: unknown;
}

const sharedRuns = new WeakMap<object, Record<string, unknown>>();

/**
 * pdfkit keeps the shaped runs of each word (glyphs, advances) in a cache per document;
 * this moves that cache onto the parsed font, so every document of the process shares it.
 * Runs are never modified after shaping, and which glyphs a document embeds is still
 * recorded per document (in `encode`), so output bytes do not change. Through pdfkit's
 * `layoutCached` hook (patches/pdfkit+0.19.1.patch), with the text layer's (text-layer.ts).
 */
export function shareLayoutCache(): void {
  const hooks = pdfkitHooks();
  hooks.glyphUnicode = glyphUnicode;
  hooks.layoutCached = function layoutCached(font: ShapingFont, text: string) {
    let runs = sharedRuns.get(font.font);
    if (!runs) sharedRuns.set(font.font, (runs = Object.create(null) as Record<string, unknown>));
    return (runs[text] ??= ideographRun(font, text) ?? shapeRun(font, text));
  };
}

/** pdfkit's shaping of a word, with fontkit's layout answered from the runs earlier builds kept (shaping-cache.ts). */
function shapeRun(font: ShapingFont, text: string): unknown {
  useShapingCache(font.font as unknown as ShapableFont, font.font.stream?.buffer as Uint8Array, font.font.postscriptName);
  return font.layoutRun(text);
}

/** What shaping needs of pdfkit's EmbeddedFont: the parsed font and its scale to 1000 units. */
interface ShapingFont {
  font: { glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number }; stream?: { buffer: Uint8Array }; postscriptName?: string };
  scale: number;
  layoutRun(text: string): unknown;
}

/** CJK Unified Ideographs and Extension A: one code point, one glyph, no OpenType feature applies. */
export function isIdeograph(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/**
 * The shaped run of a single Chinese character, without fontkit's OpenType pipeline (script
 * detection, feature plan, GSUB and GPOS lookups: ~0.3 ms a call, for every distinct character
 * of every font): in horizontal text an ideograph is its cmap glyph at its advance width.
 * test/shaping.test.ts checks that this gives fontkit's own result for the fonts we ship.
 * Anything else (punctuation, Latin, a missing glyph) goes through fontkit.
 */
export function ideographRun(font: ShapingFont, text: string): unknown {
  if (text.length !== 1 || !isIdeograph(text.charCodeAt(0))) return undefined;
  const bytes = font.font.stream?.buffer;
  const glyph = glyphForCodePoint<{ id: number; advanceWidth: number }>(font.font as unknown as CmapFont, bytes, text.charCodeAt(0));
  if (!glyph.id) return undefined;
  const advance = (advanceOf(bytes, glyph.id) ?? glyph.advanceWidth) * font.scale;
  return { glyphs: [glyph], positions: [{ xAdvance: advance, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance }], advanceWidth: advance };
}
