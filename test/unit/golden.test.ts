import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { compareGolden, extractGolden, formatGolden, parseGolden, type GoldenItem } from '../helpers/golden.js';

const stored = () => parseGolden(readFileSync(join(import.meta.dirname, '..', 'golden', 'program.txt'), 'utf8'));

/** A one-page PDF with a word at (72, y), in Helvetica or Courier. */
async function pdfWithLine(y: number, font = StandardFonts.Helvetica): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([300, 300]).drawText('Moved', { x: 72, y, size: 12, font: await doc.embedFont(font) });
  return doc.save();
}

describe('golden text (helpers/golden.ts) notices what moved', () => {
  it('reads back what it stores, and an identical or float-noisy extraction passes', () => {
    const items = stored();
    expect(items.length).toBeGreaterThan(500);
    expect(parseGolden(formatGolden('program.pdf', items))).toEqual(items);
    expect(compareGolden(items, items)).toEqual([]);
    expect(compareGolden(items, items.map((i) => ({ ...i, x: i.x + 0.3, y: i.y - 0.3 })))).toEqual([]);
  });

  it('names a line moved by one point, a changed font and a rebroken line, page by page', () => {
    const items = stored();
    const fresh: GoldenItem[] = items.map((i) => ({ ...i }));
    const [moved, restyled, rebroken] = [fresh[40], fresh[41], fresh[100]];
    moved.y -= 1;
    restyled.font = 'NotoSansSC-Regular';
    restyled.size += 1;
    rebroken.text = `${rebroken.text}X`;
    const report = compareGolden(items, fresh);
    expect(report).toHaveLength(4);
    expect(report).toContain(`  p${moved.page} ${JSON.stringify(moved.text)}: (${items[40].x}, ${items[40].y}) → (${moved.x}, ${moved.y})`);
    expect(report).toContain(`  p${restyled.page} ${JSON.stringify(restyled.text)}: ${items[41].font} ${items[41].size} → NotoSansSC-Regular ${restyled.size}`);
    expect(report.some((l) => l.startsWith(`- p${rebroken.page} `) && l.endsWith('is gone'))).toBe(true);
    expect(report.some((l) => l.startsWith(`+ p${rebroken.page} `) && l.endsWith('is new'))).toBe(true);
  });

  it('keeps a long report short', () => {
    const items = stored();
    const report = compareGolden(items, items.map((i) => ({ ...i, y: i.y + 2 })), 5);
    expect(report).toHaveLength(6);
    expect(report[5]).toBe(`… and ${items.length - 5} more`);
  });

  it('reads a real PDF: a line drawn 1 pt lower, or in another font, is reported', async () => {
    const before = await extractGolden(await pdfWithLine(200));
    expect(before).toEqual([{ page: 1, x: 72, y: 200, size: 12, angle: 0, font: 'Helvetica', text: 'Moved' }]);
    expect(compareGolden(before, await extractGolden(await pdfWithLine(200.2)))).toEqual([]);
    expect(compareGolden(before, await extractGolden(await pdfWithLine(199)))).toEqual(['  p1 "Moved": (72, 200) → (72, 199)']);
    expect(compareGolden(before, await extractGolden(await pdfWithLine(200, StandardFonts.Courier)))).toEqual(['  p1 "Moved": Helvetica 12 → Courier 12']);
  });
});
