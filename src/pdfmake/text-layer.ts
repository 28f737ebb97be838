/** What this module touches of pdfkit's EmbeddedFont and fontkit's glyphs. */
interface Glyph {
  id: number;
  codePoints: number[];
  advanceWidth: number;
}
interface EmbeddedFont {
  font: { glyphForCodePoint(codePoint: number): { id: number } };
  subset: { includeGlyph(id: number): number };
  scale: number;
  widths: number[];
  unicode: number[][];
  layout(text: string, features?: unknown): { glyphs: Glyph[]; positions: unknown[] };
}

const patched = new WeakSet<object>();

/**
 * pdfkit's encode, except for what the PDF's text layer (ToUnicode: what copy and search give)
 * says a glyph is. pdfkit takes the characters fontkit made the glyph object for first, and
 * glyph objects are shared by every document of a process: where one glyph serves several
 * characters (• and · in Noto Sans SC Bold, space and no-break space, - and U+2011), the
 * signs' "谢·禹" copied as "谢•禹" after the booklet's cover had set a "•". Here a glyph
 * that stands for one character of the text being set takes that character; ligatures and
 * anything not one-to-one keep fontkit's answer.
 */
export function installOwnTextLayer(proto: object): void {
  if (patched.has(proto)) return;
  patched.add(proto);
  (proto as { encode: unknown }).encode = function encode(this: EmbeddedFont, text: string, features?: unknown) {
    const { glyphs, positions } = this.layout(text, features);
    const chars = glyphs.length === text.length ? undefined : Array.from(text);
    const oneToOne = (chars?.length ?? text.length) === glyphs.length;
    const res: string[] = [];
    for (let i = 0; i < glyphs.length; i++) {
      const glyph = glyphs[i];
      const gid = this.subset.includeGlyph(glyph.id);
      res.push(`0000${gid.toString(16)}`.slice(-4));
      this.widths[gid] ??= glyph.advanceWidth * this.scale;
      if (this.unicode[gid] == null) this.unicode[gid] = oneToOne ? ownCharacter(this, glyph, chars?.[i] ?? text[i]) : glyph.codePoints;
    }
    return [res, positions];
  };
}

/** The character of the text a glyph stands for, when the font maps it to that very glyph. */
function ownCharacter(font: EmbeddedFont, glyph: Glyph, char: string): number[] {
  const cp = char.codePointAt(0)!;
  if (glyph.codePoints.length === 1 && glyph.codePoints[0] === cp) return glyph.codePoints;
  // A glyph fontkit first made without its characters (as a substitution's output) has none: one
  // of Source Serif's periods copied as nothing until the cmap was asked.
  return glyph.codePoints.length <= 1 && font.font.glyphForCodePoint(cp).id === glyph.id ? [cp] : glyph.codePoints;
}
