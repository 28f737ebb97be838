import { createRequire } from 'node:module';
import type { FontFace } from './fonts.js';
import { useShapingCache, type ShapableFont } from './shaping-cache.js';
import { availableFeatures } from './features.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as { create(bytes: Buffer, postscriptName?: string): MeasuringFont };

/** What measuring reads of a fontkit font (its public API). */
interface MeasuringFont {
  ascent: number;
  descent: number;
  layout(t: string, features?: string[]): { advanceWidth: number; glyphs: unknown[]; positions: Array<{ xOffset: number }> };
  unitsPerEm: number;
  availableFeatures: string[];
}

/** A face measured as pdfkit will set it: widths, a punctuation mark's half-width form and the line height, at 1 pt. */
export interface MeasuringFace {
  /** The width at 1 pt of a text set in this face. */
  width(text: string): number;
  /** A punctuation mark's half-width form at 1 pt (the font's `halt` feature), if it has one. */
  halt(ch: string): { offset: number; advance: number } | undefined;
  /** The height at 1 pt of a line in this face (ascent − descent, pdfkit's lineHeight). */
  lineHeight(): number;
}

const faces = new Map<string, MeasuringFace>();

/**
 * The measuring face of a font file, opened once per process. A font of its own, not the one
 * pdfkit draws with: fontkit keeps, per glyph, the characters it was first made for, and
 * pdfkit writes those into the PDF's text layer, so measuring a sign's "谢·禹" must not make
 * the booklet's "•" (the same glyph) copy as "·". Widths are remembered, as names repeat.
 */
export function measuringFace(file: FontFace): MeasuringFace {
  let face = faces.get(file.key);
  if (!face) faces.set(file.key, (face = openMeasuring(file)));
  return face;
}

function openMeasuring(file: FontFace): MeasuringFace {
  const bytes = file.bytes();
  const font = fontkit.create(bytes, file.postscriptName);
  useShapingCache(font as unknown as ShapableFont, bytes, file.postscriptName);
  const widths = new Map<string, number>();
  // Read from the file's GSUB and GPOS once per font (features.ts; fontkit decodes both tables to answer).
  let halting: boolean | undefined;
  return {
    width(text) {
      let w = widths.get(text);
      if (w === undefined) {
        w = font.layout(text).advanceWidth / font.unitsPerEm;
        if (widths.size > 50_000) widths.clear();
        widths.set(text, w);
      }
      return w;
    },
    halt(ch) {
      halting ??= availableFeatures(font, bytes).has('halt');
      if (!halting) return undefined;
      const half = font.layout(ch, ['halt']);
      if (half.glyphs.length !== 1 || half.advanceWidth >= font.layout(ch).advanceWidth) return undefined;
      return { offset: half.positions[0].xOffset / font.unitsPerEm, advance: half.advanceWidth / font.unitsPerEm };
    },
    lineHeight: () => (font.ascent - font.descent) / font.unitsPerEm,
  };
}
