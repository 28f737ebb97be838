import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { builtinFonts } from '../../src/fonts/fonts.js';
import { advanceOf, glyphForCodePoint } from '../../src/fonts/cmap.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit');

// Every family forumpress ships (each file once): CJK faces with format 12 maps, Latin and symbol faces with format 4.
const { families } = builtinFonts();
const faces = [...new Map(Object.values(families).flatMap((f) => Object.values(f)).map((f) => [f.key, f])).values()];

describe('character maps and advances read from the table bytes (src/fonts/cmap.ts)', () => {
  for (const face of faces) {
    it(`gives fontkit's own glyph and advance in ${face.key.split('/').pop()}`, () => {
      const bytes = face.bytes();
      const ours = fontkit.create(bytes);
      const theirs = fontkit.create(bytes);
      // Every font we ship has a map read here (format 4 or 12): fontkit's own lookup is never needed.
      ours.glyphForCodePoint = () => { throw new Error('fell back to fontkit'); };
      // Every mapped code point, every 101st of the rest of Unicode, and the edges of the planes.
      const mapped: number[] = theirs.characterSet;
      const cps = [...new Set([...mapped, ...Array.from({ length: 0x110000 / 101 }, (_, i) => i * 101), 0, 0xffff, 0x10000, 0x10ffff])];
      const wrong: string[] = [];
      for (const cp of cps) {
        const glyph = glyphForCodePoint<{ id: number; codePoints: number[] }>(ours, cp);
        const expected = theirs.glyphForCodePoint(cp);
        if (glyph.id !== expected.id || glyph.codePoints.join() !== expected.codePoints.join()) wrong.push(`U+${cp.toString(16)}: ${glyph.id} not ${expected.id}`);
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      expect(mapped.length).toBeGreaterThan(100);
      // Every glyph's advance (fontkit's glyph.advanceWidth), the ones past hmtx's full entries included.
      for (let id = 0; id < theirs.numGlyphs; id++) {
        const advance = advanceOf(ours, id);
        if (advance !== undefined && advance !== theirs.getGlyph(id).advanceWidth) wrong.push(`#${id}: ${advance}`);
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      if (!theirs._variationProcessor) expect(advanceOf(ours, 0)).toBeDefined();
    });
  }
});
