import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './helpers/build.js';
import { builtinFonts } from '../src/fonts/fonts.js';
import { ideographRun, isIdeograph } from '../src/pdfmake/font-cache.js';
import { mergeRuns } from '../src/pdfmake/merge-runs.js';
import { gsubLigatures, tableDirectory } from '../src/fonts/sfnt.js';

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

/**
 * fontkit 2.0.4's TTFSubset._addGlyph as it comes, before patches/fontkit+2.0.4.patch copies a
 * simple glyph without decoding it (for a font without variations, as every one here).
 */
function unpatchedAddGlyph(this: any, gid: number): number {
  const glyph = this.font.getGlyph(gid);
  const glyf = glyph._decode();
  const start = this.font.loca.offsets[gid];
  const stream = this.font._getTableStream('glyf');
  stream.pos += start;
  let buffer = stream.readBuffer(this.font.loca.offsets[gid + 1] - start);
  if (glyf && glyf.numberOfContours < 0) {
    buffer = new Uint8Array(buffer);
    const view = new DataView(buffer.buffer);
    for (const component of glyf.components) view.setUint16(component.pos, this.includeGlyph(component.glyphID));
  }
  this.glyf.push(buffer);
  this.loca.offsets.push(this.offset);
  this.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
  this.offset += buffer.length;
  return this.glyf.length - 1;
}

describe('copying glyphs into a font subset (patches/fontkit+2.0.4.patch)', () => {
  it("writes the bytes fontkit's own subset writes, composite glyphs and the last ones included", () => {
    const { families } = builtinFonts();
    for (const face of [families.serif.normal, families.sans.bold, families['latin-serif'].normal, families['latin-serif'].italics, families.math.normal]) {
      const font = fontkit.create(face.bytes());
      // Every 97th glyph, glyphs of accented letters (often composites), and the last ones.
      const ids = new Set([...Array.from({ length: Math.ceil(font.numGlyphs / 97) }, (_, i) => i * 97), font.numGlyphs - 2, font.numGlyphs - 1]);
      for (const ch of 'éüÅçñ—“”') ids.add(font.glyphForCodePoint(ch.codePointAt(0)!).id);
      const plain = font.createSubset();
      plain._addGlyph = unpatchedAddGlyph;
      const fast = font.createSubset();
      for (const id of ids) {
        plain.includeGlyph(id);
        fast.includeGlyph(id);
      }
      expect(Buffer.from(fast.encode()).equals(Buffer.from(plain.encode())), face.key).toBe(true);
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

  it('makes the runs the former scan from every piece made, on random lines', () => {
    // The merging as it was (every start scanned on as far as the gaps agreed, then cut back), kept to compare.
    const before = (inlines: ReturnType<typeof piece>[]) => {
      const joinable = (a: any, b: any) => a.color === b.color && a.characterSpacing === b.characterSpacing && (a.text.endsWith(' ') || (/[大脑需]$/.test(a.text) && /^[大脑需]/.test(b.text)));
      const out: string[] = [];
      let i = 0;
      while (i < inlines.length) {
        let [j, gap, last] = [i + 1, 0, inlines[i]];
        for (; j < inlines.length; j++) {
          const next = inlines[j];
          if (!joinable(last, next)) break;
          const g = next.x - (last.x + last.width);
          if (j === i + 1) gap = g;
          else if (Math.abs(g - gap) > 1e-6) break;
          last = next;
        }
        for (let k = i; k < j; k++) {
          const p: any = inlines[k];
          if (p.text.length > 1 && Math.abs((p.characterSpacing || 0) - gap) > 1e-6) { j = Math.max(i + 1, k); break; }
        }
        out.push(inlines.slice(i, j).map((p) => p.text).join(''));
        i = j;
      }
      return out;
    };
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const texts = ['大', '脑', '需', 'The ', 'brain ', 'Wei', 'of '];
    let joined = 0;
    for (let line = 0; line < 500; line++) {
      const pieces: ReturnType<typeof piece>[] = [];
      let x = 0;
      const spacing = random() < 0.5 ? 0 : 0.5;
      for (let n = 1 + Math.floor(random() * 12); n > 0; n--) {
        const text = texts[Math.floor(random() * texts.length)];
        const p = piece(text, x, 9 * text.length, random() < 0.1 ? { color: 'red' } : random() < 0.2 ? { characterSpacing: spacing } : {});
        pieces.push(p);
        x += p.width + (random() < 0.15 ? 0.25 : spacing);
      }
      const runs = mergeRuns(pieces).map((r) => r.text);
      expect(runs, `line ${line}`).toEqual(before(pieces));
      joined += pieces.length - runs.length;
    }
    expect(joined).toBeGreaterThan(300);
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

describe("a font's tables read from its bytes (src/fonts/sfnt.ts), as fontkit reads them", () => {
  const { families } = builtinFonts();
  const faces = [...new Map(Object.values(families).flatMap((f) => Object.values(f)).map((f) => [f.key, f])).values()];

  it('finds the table directory and every default ligature of every face forumpress ships', () => {
    let ligatures = 0;
    for (const face of faces) {
      const bytes = face.bytes();
      const font = fontkit.create(bytes);
      const theirs = Object.fromEntries(Object.entries(font.directory.tables as Record<string, any>).map(([tag, t]) => [tag, { offset: t.offset, length: t.length }]));
      expect(tableDirectory(bytes), face.key).toEqual(theirs);
      const ours = gsubLigatures(bytes);
      const gsub = font.GSUB;
      const indexes = new Set<number>();
      for (const r of gsub?.featureList ?? []) if (['ccmp', 'liga', 'clig', 'rlig'].includes(r.tag)) for (const i of r.feature.lookupListIndexes) indexes.add(i);
      for (const i of indexes) {
        const lookup = gsub.lookupList.get(i);
        if (lookup.lookupType !== 4 && lookup.lookupType !== 7) continue;
        for (const table of lookup.subTables) {
          const subst = lookup.lookupType === 7 ? table.extension : table;
          if (!subst?.ligatureSets) continue;
          const firsts: number[] = subst.coverage.version === 1 ? subst.coverage.glyphs
            : subst.coverage.rangeRecords.flatMap((r: any) => Array.from({ length: r.end - r.start + 1 }, (_, k) => r.start + k));
          firsts.forEach((first, k) => {
            for (const lig of subst.ligatureSets.get(k) ?? []) {
              const parts = [first, ...lig.components];
              expect(ours.has(lig.glyph, parts), `${face.key} ${lig.glyph} ${parts}`).toBe(true);
              expect(ours.has(lig.glyph, [...parts, first])).toBe(false);
              ligatures++;
            }
          });
        }
      }
    }
    // Latin fi/fl/ffi ligatures and Noto's two-em dash, at least.
    expect(ligatures).toBeGreaterThan(20);
  });

  it('reads nothing from bytes that are no single face', () => {
    expect(tableDirectory(new Uint8Array(40))).toBeUndefined();
    expect(gsubLigatures(Buffer.from('ttcf\0\x01\0\0\0\0\0\0')).has(1, [2, 3])).toBe(false);
  });
});
