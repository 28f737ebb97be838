import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** What a parsed font (fontkit's) is to its users: checks of coverage here, the PDF writer in src/pdfmake/. */
export interface ParsedFont {
  unitsPerEm: number;
  postscriptName?: string;
  createSubset(): unknown;
  hasGlyphForCodePoint(codePoint: number): boolean;
  getGlyph(id: number): object;
  layout(text: string): { advanceWidth: number };
}

const parsed = new WeakMap<Uint8Array, ParsedFont>();

/**
 * The one parsed font of a file's bytes (not a collection), parsed on first use and shared
 * by every user in the process: the coverage checks and every PDF pdfkit writes.
 */
export function parsedFont(bytes: Uint8Array): ParsedFont {
  let font = parsed.get(bytes);
  if (!font) {
    font = require('fontkit').create(bytes) as ParsedFont;
    // pdfkit tells two opened fonts apart by their head and name tables (isEqualFont), read
    // from what fontkit has decoded so far: decode them now, as pdfkit's own opening does, or
    // the italic face (the upright file again) would be embedded a second time.
    void font.unitsPerEm;
    void font.postscriptName;
    parsed.set(bytes, font);
  }
  return font;
}

/** The shared parsed font of these bytes, if one was parsed. */
export function sharedFont(bytes: Uint8Array): ParsedFont | undefined {
  return parsed.get(bytes);
}

/** Makes a font parsed elsewhere (by pdfkit) the shared one of its bytes. */
export function shareFont(bytes: Uint8Array, font: ParsedFont): void {
  parsed.set(bytes, font);
}
