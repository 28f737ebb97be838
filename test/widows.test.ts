import { describe, expect, it } from 'vitest';
import { applyFontFallback } from '../src/fonts/fallback.js';
import { builtinFonts } from '../src/fonts/fonts.js';
import { renderPdf } from '../src/pdfmake/pdf.js';
import { extractPages, squash } from './helpers/pdf.js';

const fonts = builtinFonts();
const meta = { title: 't', author: 'a', subject: 's', keywords: 'k', language: 'zh-CN', date: new Date('2022-01-01T00:00:00Z') };
/** Five lines of Chinese at this width and size. */
const PARAGRAPH = '甲'.repeat(20 * 4 + 10);

async function pagesOf(fillers: number): Promise<string[]> {
  const content = [
    ...Array.from({ length: fillers }, (_, i) => ({ text: `填充${'乙'.repeat(5)}${i}` })),
    { text: PARAGRAPH, alignment: 'justify' },
  ];
  const doc = applyFontFallback({ pageSize: { width: 220, height: 300 }, pageMargins: [10, 10, 10, 10], defaultStyle: { font: 'serif', fontSize: 10 }, content }, fonts).doc;
  const pages = await extractPages(await renderPdf(doc, meta, fonts));
  return pages.map((p) => squash(p.text));
}

const count = (page: string) => (page.match(/甲/g) ?? []).length;

describe('widow and orphan control (src/pdfmake/widows.ts)', () => {
  it('moves a paragraph first line alone at a page foot to the next page, and takes a line along with a lone last line', async () => {
    // How many one-line paragraphs fill the first page.
    const probe = await pagesOf(60);
    const perPage = (probe[0].match(/填充/g) ?? []).length;
    expect(perPage).toBeGreaterThan(10);
    // One line left for the paragraph: it all goes to the next page.
    const orphan = await pagesOf(perPage - 1);
    expect(count(orphan[0])).toBe(0);
    expect(count(orphan[1])).toBe(PARAGRAPH.length);
    // Four lines left: three stay, two go (not four and a lone last line).
    const widow = await pagesOf(perPage - 4);
    expect(count(widow[0])).toBe(60);
    expect(count(widow[1])).toBe(PARAGRAPH.length - 60);
    // Two lines left: two stay.
    const two = await pagesOf(perPage - 2);
    expect(count(two[0])).toBe(40);
  });
});
