import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { builtinFonts } from '../../src/fonts/fonts.js';
import { advanceOf, glyphForCodePoint } from '../../src/fonts/cmap.js';
import { availableFeatures } from '../../src/fonts/features.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit');

// Every family forumpress ships (each file once): CJK faces with format 12 maps, Latin and symbol faces with format 4.
const { families } = builtinFonts();
const faces = [...new Map(Object.values(families).flatMap((f) => Object.values(f)).map((f) => [f.key, f])).values()];

describe('character maps, advances and feature lists read from the table bytes (src/fonts/cmap.ts, features.ts)', () => {
  for (const face of faces) {
    it(`gives fontkit's own glyph and advance in ${face.key.split('/').pop()}`, () => {
      const bytes = face.bytes();
      const ours = fontkit.create(bytes);
      const theirs = fontkit.create(bytes);
      // Every font we ship has a map read here (format 4 or 12): fontkit's own lookup is never needed.
      ours.glyphForCodePoint = () => { throw new Error('fell back to fontkit'); };
      // Every third mapped code point and the last, every 101st of the rest of Unicode, and the edges of the planes.
      const mapped: number[] = theirs.characterSet;
      const cps = [...new Set([...mapped.filter((_, i) => i % 3 === 0), mapped.at(-1)!, ...Array.from({ length: 0x110000 / 101 }, (_, i) => i * 101), 0, 0xffff, 0x10000, 0x10ffff])];
      const wrong: string[] = [];
      for (const cp of cps) {
        const glyph = glyphForCodePoint<{ id: number; codePoints: number[] }>(ours, bytes, cp);
        const expected = theirs.glyphForCodePoint(cp);
        if (glyph.id !== expected.id || glyph.codePoints.join() !== expected.codePoints.join()) wrong.push(`U+${cp.toString(16)}: ${glyph.id} not ${expected.id}`);
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      expect(mapped.length).toBeGreaterThan(100);
      // Every third glyph's advance (fontkit's glyph.advanceWidth) and the last ones, past hmtx's full entries where a font has such.
      for (let id = 0; id < theirs.numGlyphs; id += id < theirs.numGlyphs - 3 ? 3 : 1) {
        const advance = advanceOf(bytes, id);
        if (advance !== undefined && advance !== theirs.getGlyph(id).advanceWidth) wrong.push(`#${id}: ${advance}`);
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      if (!theirs._variationProcessor) expect(advanceOf(bytes, 0)).toBeDefined();
      // The feature list fontkit gives (default script and language of GSUB and GPOS), read from the tables, without fontkit's list.
      Object.defineProperty(ours, 'availableFeatures', { get: () => { throw new Error('fell back to fontkit'); } });
      expect([...availableFeatures(ours, bytes)].sort()).toEqual([...new Set<string>(theirs.availableFeatures)].sort());
    });
  }
});
