import { glyphForCodePoint, type CmapFont } from '../fonts/cmap.js';

/** What this module touches of pdfkit's EmbeddedFont and fontkit's glyphs. */
interface Glyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}
interface EmbeddedFont {
  font: CmapFont & { stream?: { buffer: Uint8Array } };
}

/**
 * What the PDF's text layer (ToUnicode: what copy and search give) says a glyph is, the first
 * time a document encodes it (pdfkit's `glyphUnicode` hook in EmbeddedFont.encode,
 * patches/pdfkit+0.19.1.patch): `glyph` is the `index`th of the `glyphCount` glyphs `text` was
 * shaped into. pdfkit takes the characters fontkit made the glyph object for first, and
 * glyph objects are shared by every document of a process: where one glyph serves several
 * characters (• and · in Noto Sans SC Bold, space and no-break space, - and U+2011), the
 * signs' "谢·禹" copied as "谢•禹" after the booklet's cover had set a "•". Here a glyph
 * that stands for one character of the text being set takes that character; ligatures and
 * anything not one-to-one keep fontkit's answer.
 */
export function glyphUnicode(font: EmbeddedFont, glyph: Glyph, text: string, index: number, glyphCount: number): number[] {
  const chars = glyphCount === text.length ? undefined : Array.from(text);
  const oneToOne = (chars?.length ?? text.length) === glyphCount;
  return oneToOne ? ownCharacter(font, glyph, chars?.[index] ?? text[index]) : glyph.codePoints;
}

/** The character of the text a glyph stands for, when the font maps it to that very glyph. */
function ownCharacter(font: EmbeddedFont, glyph: Glyph, char: string): number[] {
  const cp = char.codePointAt(0)!;
  if (glyph.codePoints.length === 1 && glyph.codePoints[0] === cp) return glyph.codePoints;
  // A glyph fontkit first made without its characters (as a substitution's output) has none: one
  // of Source Serif's periods copied as nothing until the cmap was asked.
  return glyph.codePoints.length <= 1 && glyphForCodePoint<{ id: number }>(font.font, font.font.stream?.buffer, cp).id === glyph.id ? [cp] : glyph.codePoints;
}
