import { createRequire } from 'node:module';
import type { FontFace } from './fonts.js';
import { parsedFont } from './parsed-fonts.js';
import { fontTablesProblem } from './font-check.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as {
  create(bytes: Buffer, postscriptName?: string): OpenedFont;
};

/** What we use of a fontkit font (fontkit ships no types). */
interface OpenedFont {
  postscriptName?: string;
  fonts?: OpenedFont[];
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** What probe reads of a face. */
interface ProbedFont {
  unitsPerEm: number;
  layout(text: string): { glyphs: { path: { commands: unknown[] } }[]; advanceWidth: number };
}

/** Opens one face of a TTF/OTF/TTC; throws a readable Error when the bytes are no font or the face is absent. */
export function openFace(bytes: Buffer, postscriptName?: string): OpenedFont {
  const damaged = fontTablesProblem(bytes);
  if (damaged) throw new Error(`the file is damaged: ${damaged}`);
  let font: OpenedFont;
  try {
    font = fontkit.create(bytes, postscriptName);
  } catch (err) {
    throw new Error(`not a font file fontkit can read (${(err as Error).message})`);
  }
  if (!font) throw new Error(`the collection has no face named "${postscriptName}"`);
  if (font.fonts) {
    const names = font.fonts.map((f) => f.postscriptName).join(', ');
    throw new Error(`the file is a font collection; choose a face by its PostScript name (${names})`);
  }
  probe(font as unknown as ProbedFont);
  return font;
}

/**
 * Reads what pdfkit reads first of a face (units, metrics, the glyphs of a short text and
 * their outlines), so that a face whose tables hold garbage fails here, at theme.yaml, and not
 * while the PDF is written.
 */
function probe(font: ProbedFont): void {
  try {
    const units = font.unitsPerEm;
    if (!(units >= 16 && units <= 16384)) throw new Error(`units per em is ${units}`);
    const run = font.layout('Aa 1中。');
    if (!Number.isFinite(run.advanceWidth)) throw new Error('its glyph widths are not numbers');
    for (const glyph of run.glyphs) void glyph.path.commands.length;
  } catch (err) {
    throw new Error(`the file is damaged (${(err as Error).message})`);
  }
}

const opened = new Map<string, OpenedFont>();

/**
 * Whether a face has a glyph for a code point. The file is read when this is first asked
 * of it, and parsed once per process: a single font file is the very font pdfkit will set
 * the text in (font-cache.ts). fontkit reads a cmap lazily (under 1 ms for a CJK font's
 * first answer), so a cheaper coverage table would save nothing; reading the file is the cost.
 */
export function hasGlyph(face: FontFace, codePoint: number): boolean {
  let font = opened.get(face.key);
  if (!font) opened.set(face.key, (font = face.postscriptName ? openFace(face.bytes(), face.postscriptName) : parsedFont(face.bytes())));
  return font.hasGlyphForCodePoint(codePoint);
}

/** Characters that take no glyph and are dropped before layout (zero-width spaces and joiners, variation selectors, BOM, soft hyphen). */
export const IGNORABLE = /[\u00AD\u200B-\u200F\u2060-\u2064\uFE00-\uFE0F\uFEFF]/gu;

/** Characters that never need a glyph: spaces and line breaks. */
export function isSpace(ch: string): boolean {
  return ch === '\n' || ch === '\t' || ch === '\r' || /^\s$/u.test(ch);
}
