import { describe, expect, it } from 'vitest';
import { MM, cropMarks, marksCanvas, type Rect, type Segment } from '../src/layout/marks.js';
import { renderPdf } from '../src/pdfmake/pdf.js';
import { builtinFonts } from '../src/fonts/fonts.js';
import { grayPage } from './helpers/tools.js';

const inside = (s: Segment, r: Rect) =>
  Math.max(s.x1, s.x2) > r.x && Math.min(s.x1, s.x2) < r.x + r.width && Math.max(s.y1, s.y2) > r.y && Math.min(s.y1, s.y2) < r.y + r.height;

describe('cropMarks', () => {
  it('gives two 5 mm marks per corner, starting 3 mm out, continuing the edges', () => {
    const r = { x: 100, y: 100, width: 200, height: 100 };
    const marks = cropMarks([r]);
    expect(marks).toHaveLength(8);
    for (const m of marks) {
      expect(Math.hypot(m.x2 - m.x1, m.y2 - m.y1) / MM).toBeCloseTo(5, 6);
      const onVertical = [r.x, r.x + r.width].includes(m.x1) && m.x1 === m.x2;
      const onHorizontal = [r.y, r.y + r.height].includes(m.y1) && m.y1 === m.y2;
      expect(onVertical || onHorizontal).toBe(true);
      expect(inside(m, { x: r.x - 3 * MM + 0.01, y: r.y - 3 * MM + 0.01, width: r.width + 6 * MM - 0.02, height: r.height + 6 * MM - 0.02 })).toBe(false);
    }
  });

  it('marks a grid of touching cards only where a cut line leaves the grid, each once', () => {
    const w = 85 * MM;
    const h = 54 * MM;
    const cards = [0, 1].flatMap((col) => [0, 1].map((row) => ({ x: 20 + col * w, y: 20 + row * h, width: w, height: h })));
    const marks = cropMarks(cards);
    // 3 vertical cut lines x 2 ends + 3 horizontal cut lines x 2 ends
    expect(marks).toHaveLength(12);
    for (const m of marks) for (const c of cards) expect(inside(m, c)).toBe(false);
  });
});

describe('marksCanvas', () => {
  it('draws the marks where pdfmake puts a page background, measured from the top left', async () => {
    const trim = { x: 100, y: 60, width: 150, height: 90 };
    const doc = {
      pageSize: { width: 400, height: 250 }, pageMargins: 20, defaultStyle: { font: 'serif' },
      content: [{ text: ' ' }], background: () => marksCanvas(cropMarks([trim]), 1),
    };
    const meta = { title: 't', author: 'a', subject: 's', keywords: 'k', language: 'en', date: new Date(0) };
    const page = grayPage(await renderPdf(doc, meta, builtinFonts()), 1);
    // The horizontal mark left of the top-left corner, and the vertical one above it.
    expect(page.at(trim.x - 5 * MM, trim.y)).toBeLessThan(100);
    expect(page.at(trim.x, trim.y - 5 * MM)).toBeLessThan(100);
    expect(page.at(trim.x + trim.width + 5 * MM, trim.y + trim.height)).toBeLessThan(100);
    // Inside the bleed, and on the card itself, nothing.
    expect(page.at(trim.x - 1.5 * MM, trim.y)).toBe(255);
    expect(page.at(trim.x + 10, trim.y + 10)).toBe(255);
  });
});
