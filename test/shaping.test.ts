import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './helpers/build.js';
import { builtinFonts } from '../src/fonts/fonts.js';
import { ideographRun, isIdeograph } from '../src/pdfmake/font-cache.js';
import { mergeRuns } from '../src/pdfmake/merge-runs.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit');

/** Every distinct ideograph of the forum's content, plus a run of common ones. */
function ideographs(): string[] {
  const files = [join(ROOT, 'content', 'introduction.md'), ...readdirSync(join(ROOT, 'content', 'abstracts')).map((f) => join(ROOT, 'content', 'abstracts', f))];
  const text = files.map((f) => readFileSync(f, 'utf8')).join('') + '的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生';
  return [...new Set([...text].filter((c) => isIdeograph(c.codePointAt(0)!)))];
}

describe('the shaping shortcut for Chinese characters', () => {
  const chars = ideographs();
  // The Chinese faces (Noto Serif SC and Noto Sans SC, regular and bold): the ones that set ideographs.
  const { families } = builtinFonts();
  const faces = [...new Map([families.serif, families.sans].flatMap((f) => Object.values(f)).map((f) => [f.key, f])).values()];

  it('covers the content', () => expect(chars.length).toBeGreaterThan(300));

  for (const face of faces) {
    it(`gives fontkit's own glyph and advance in ${face.key.split('/').pop()}`, () => {
      const font = fontkit.create(face.bytes());
      const scale = 1000 / font.unitsPerEm;
      for (const ch of chars) {
        const full = font.layout(ch);
        const fast = ideographRun({ font, scale, layoutRun: () => undefined }, ch) as any;
        expect(fast, ch).toBeDefined();
        expect(fast.glyphs.map((g: any) => g.id), ch).toEqual(full.glyphs.map((g: any) => g.id));
        const p = full.positions[0];
        expect([fast.positions[0].xAdvance, fast.positions[0].xOffset, fast.positions[0].yOffset], ch)
          .toEqual([p.xAdvance * scale, p.xOffset * scale, p.yOffset * scale]);
      }
    });
  }

  it('leaves punctuation, Latin and pairs to fontkit', () => {
    const stub = { font: { glyphForCodePoint: () => ({ id: 1, advanceWidth: 1000 }) }, scale: 1, layoutRun: () => undefined };
    for (const text of ['，', '。', 'A', '中文', '（']) expect(ideographRun(stub, text), text).toBeUndefined();
  });
});

describe("fontkit's advance widths (patches/fontkit+2.0.4.patch)", () => {
  it("gives fontkit's own advance for every glyph, without decoding outlines", () => {
    const { families } = builtinFonts();
    for (const face of [families.serif.normal, families.sans.bold, families['latin-serif'].normal, families.math.normal]) {
      const font = fontkit.create(face.bytes());
      // Every 7th glyph, and the last ones (past hmtx's full entries, if the font has such).
      const ids = new Set([...Array.from({ length: Math.ceil(font.numGlyphs / 7) }, (_, i) => i * 7), font.numGlyphs - 2, font.numGlyphs - 1]);
      for (const id of ids) {
        const fast = font.getGlyph(id);
        const width = fast.advanceWidth;
        expect(fast._metrics, `${face.key} #${id}: outline decoded`).toBeUndefined();
        expect(width, `${face.key} #${id}`).toBe(font.getGlyph(id)._getMetrics().advanceWidth);
      }
    }
  });
});

describe('drawing runs of inlines', () => {
  const font = {};
  const piece = (text: string, x: number, width: number, extra: object = {}) => ({ text, x, width, font, fontSize: 9, color: 'black', ...extra });

  it('joins Chinese characters spaced by justification, with that spacing', () => {
    const runs = mergeRuns([piece('大', 0, 9), piece('脑', 9.5, 9), piece('需', 19, 9)]);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ text: '大脑需', x: 0, width: 28, textWidth: 27, characterSpacing: 0.5, pieces: ['大', '脑', '需'] });
  });

  it('joins words after a space, but not across a join the font could kern', () => {
    expect(mergeRuns([piece('Xin ', 0, 15), piece('Wei', 15, 14)]).map((r) => r.text)).toEqual(['Xin Wei']);
    expect(mergeRuns([piece('Xue-', 0, 18), piece('Xin', 18, 14)]).map((r) => r.text)).toEqual(['Xue-', 'Xin']);
  });

  it('keeps apart pieces of other styles, links or uneven spacing', () => {
    expect(mergeRuns([piece('大', 0, 9), piece('脑', 9, 9, { color: 'red' })])).toHaveLength(2);
    expect(mergeRuns([piece('大', 0, 9), piece('脑', 9, 9, { linkToDestination: 'x' })])).toHaveLength(2);
    expect(mergeRuns([piece('大', 0, 9), piece('脑', 9.5, 9), piece('需', 19.1, 9)]).map((r) => r.text)).toEqual(['大脑', '需']);
    // Justified English: the spacing between words is not the spacing inside them.
    expect(mergeRuns([piece('The ', 0, 15), piece('brain ', 17, 22)])).toHaveLength(2);
  });
});

describe('a warm process', () => {
  it('builds the same bytes again with fonts and shaped text shared from the first build', async () => {
    const { build } = await import('../src/build.js');
    const { realSources } = await import('./helpers/build.js');
    const first = (await build(realSources())).outputs;
    const second = (await build(realSources())).outputs;
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [name, bytes] of first) expect(Buffer.from(second.get(name)!).equals(Buffer.from(bytes)), name).toBe(true);
  });
});
