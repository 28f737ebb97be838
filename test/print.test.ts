import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../src/build.js';
import { memorySource } from '../src/io.js';
import { saddleStitchOrder } from '../src/finish/impose.js';
import { buildRealForum, realSources } from './helpers/build.js';
import { extractPages, squash, type PageText } from './helpers/pdf.js';
import { grayPage, pdffonts, pdfinfo, qpdfCheck, realContentFiles } from './helpers/tools.js';

const MM = 72 / 25.4;

/** The text of one half of a sheet side, from the items whose left edge lies in it. */
function half(side: PageText, left: number, width: number): { text: string; footer?: number } {
  const items = side.items.filter((i) => i.x >= left && i.x < left + width);
  const lowest = [...items].sort((a, b) => a.y - b.y)[0];
  const footer = lowest && /^\d+$/.test(lowest.str.trim()) ? Number(lowest.str) : undefined;
  return { text: squash(items.map((i) => i.str).join('')), footer };
}

describe('saddle-stitch order', () => {
  it('puts 16 pages on four sheets as 16|1, 2|15, 14|3, 4|13, 12|5, 6|11, 10|7, 8|9', () => {
    expect(saddleStitchOrder(16).map((s) => `${s.left}|${s.right}`)).toEqual(['16|1', '2|15', '14|3', '4|13', '12|5', '6|11', '10|7', '8|9']);
  });

  it('pads with blank pages (0) to a multiple of four', () => {
    expect(saddleStitchOrder(6).map((s) => `${s.left}|${s.right}`)).toEqual(['0|1', '2|0', '6|3', '4|5']);
    expect(saddleStitchOrder(1).map((s) => `${s.left}|${s.right}`)).toEqual(['0|1', '0|0']);
  });

  it('with a back cover, puts the blanks before the last page, which stays outside', () => {
    expect(saddleStitchOrder(6, true).map((s) => `${s.left}|${s.right}`)).toEqual(['6|1', '2|0', '0|3', '4|5']);
    expect(saddleStitchOrder(8, true).map((s) => `${s.left}|${s.right}`)).toEqual(saddleStitchOrder(8).map((s) => `${s.left}|${s.right}`));
  });
});

describe('program-print.pdf', () => {
  let result: BuildResult;
  let booklet: PageText[];
  let sheets: PageText[];
  beforeAll(async () => {
    result = await buildRealForum();
    booklet = await extractPages(result.outputs.get('program.pdf')!);
    sheets = await extractPages(result.outputs.get('program-print.pdf')!);
  });

  it('prints on A4 landscape sheets, both sides, one sheet per four booklet pages', () => {
    expect(sheets).toHaveLength(Math.ceil(booklet.length / 4) * 2);
    for (const s of sheets) expect([Math.round(s.width / MM), Math.round(s.height / MM)]).toEqual([297, 210]);
  });

  it('places every booklet page in signature order, the back cover outside, read back from the footers and the text of each half', () => {
    const n = Math.ceil(booklet.length / 4) * 4;
    const isBack = (text: string) => text.includes(squash('主办单位')) && text.includes(squash('资助'));
    const found: string[] = [];
    const expected: string[] = [];
    // The booklet ends with a back cover: the blanks that fill the last sheet go before it.
    saddleStitchOrder(booklet.length, true).forEach((pair, i) => {
      const side = sheets[i];
      const halves = [half(side, 0, side.width / 2), half(side, side.width / 2, side.width / 2)];
      [pair.left, pair.right].forEach((page, j) => {
        expected.push(String(page));
        // The covers have no footer number; blank pages have no text at all.
        const { text, footer } = halves[j];
        const cover = text.includes(squash('第二届神经网络新年交叉论坛'));
        found.push(text === '' ? '0' : String(footer ?? (isBack(text) ? booklet.length : cover ? 1 : '?')));
        if (page) expect(halves[j].text, `sheet side ${i + 1}, ${j ? 'right' : 'left'}`).toBe(squash(booklet[page - 1].items.map((t) => t.str).join('')));
      });
    });
    expect(found).toEqual(expected);
    // The first sheet holds the back cover and the cover on its front, pages 2 and n-1 behind.
    const last = (k: number) => (k <= booklet.length - 1 ? String(k) : '0');
    expect(found.slice(0, 4)).toEqual([String(booklet.length), '1', '2', last(n - 1)]);
  });

  it('keeps every font embedded (no Type 3) and passes qpdf --check', () => {
    const bytes = result.outputs.get('program-print.pdf')!;
    for (const f of pdffonts(bytes)) {
      expect(f.embedded, f.line).toBe(true);
      expect(f.type, f.line).not.toMatch(/Type 3/);
    }
    expect(qpdfCheck(bytes).ok).toBe(true);
  });
});

describe('print.crop_marks: true', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    const content = memorySource({ ...realContentFiles(), 'settings.yaml': 'print:\n  crop_marks: true\n' });
    // The print copy alone: nothing else is read here.
    const result = await build({ content, templates: realSources().templates, outputs: ['program-print.pdf'] });
    bytes = result.outputs.get('program-print.pdf')!;
  });

  it('sets the TrimBox to the A4 spread and the BleedBox 3 mm outside it', () => {
    const info = pdfinfo(bytes);
    const box = (name: string) => info[`Page    1 ${name}`].split(/\s+/).map(Number);
    const [tx0, ty0, tx1, ty1] = box('TrimBox');
    expect([(tx1 - tx0) / MM, (ty1 - ty0) / MM].map((v) => Math.round(v))).toEqual([296, 210]);
    const [bx0, by0, bx1, by1] = box('BleedBox');
    for (const d of [tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1]) expect(d / MM).toBeCloseTo(3, 1);
    const [, , mx1, my1] = box('MediaBox');
    expect(mx1).toBeGreaterThan(bx1 + 5 * MM);
    expect(my1).toBeGreaterThan(by1 + 5 * MM);
    expect(qpdfCheck(bytes).ok).toBe(true);
  });

  it('draws crop marks beyond the bleed at the trim corners, and nothing inside the bleed there', () => {
    const info = pdfinfo(bytes);
    const [tx0, ty0, tx1] = info['Page    1 TrimBox'].split(/\s+/).map(Number);
    const page = grayPage(bytes, 1);
    const row = page.height - ty0; // the trim's bottom edge; pixel rows run downward
    // Hairlines (0.25 pt) come out grey at 72 dpi: look at the darkest pixel near a point.
    const ink = (x: number, y: number) => Math.min(...[-1, 0, 1].flatMap((d) => [page.at(x, y + d), page.at(x + d, y)]));
    // The horizontal mark left of the bottom-left corner, 3 to 8 mm out; the corner's bleed stays white.
    expect(ink(tx0 - 5 * MM, row)).toBeLessThan(220);
    expect(ink(tx0 - 1.5 * MM, row)).toBe(255);
    expect(ink(tx1 + 5 * MM, row)).toBeLessThan(220);
    // The fold mark above the middle of the spread, below the sheet's bottom trim.
    expect(Math.min(...[4, 5, 6, 7].map((dy) => ink((tx0 + tx1) / 2, row + dy * MM)))).toBeLessThan(220);
  });
});

describe('print and archival settings', () => {
  it('are checked, with the line and column of a wrong value', async () => {
    const content = memorySource({ ...realContentFiles(), 'settings.yaml': 'print:\n  crop_marks: yes\narchival:\n  pdfa: 2b\n' });
    const result = await build({ content, templates: realSources().templates, checkOnly: true });
    const shown = result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`);
    expect(shown).toEqual([
      'content/settings.yaml:2:15 schema crop_marks: expected true or false, found the text "yes"',
      'content/settings.yaml:4:9 schema pdfa: "2b" is not one of: 1b, 3b',
    ]);
    expect(result.ok).toBe(false);
  });
});
