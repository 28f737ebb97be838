import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A glyph drawn as glyph id 0 (.notdef, the empty box): where, and in which font. */
export interface Notdef {
  page: number;
  font: string;
}

/**
 * Every glyph id 0 a PDF draws, read from its content streams (pages and the forms they
 * paint), not asked of the fonts: pdfkit writes each character as its glyph id in an
 * Identity-H font (the character code is the glyph id), and a character the font lacks is
 * written as 0. Simple (one-byte) fonts cannot be checked this way and are reported as such.
 */
export async function countNotdef(bytes: Uint8Array): Promise<{ notdef: Notdef[]; glyphs: number; simpleFonts: string[] }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, fontExtraProperties: true }).promise;
  const notdef: Notdef[] = [];
  const simpleFonts = new Set<string>();
  let glyphs = 0;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const ops = await page.getOperatorList();
    let font = '';
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      if (fn === OPS.setFont) font = String(ops.argsArray[i][0]);
      if (fn !== OPS.showText) continue;
      const loaded = page.commonObjs.has(font) ? (page.commonObjs.get(font) as { name?: string; cMap?: unknown; composite?: boolean }) : undefined;
      if (loaded && loaded.composite === false) simpleFonts.add(loaded.name ?? font);
      for (const g of ops.argsArray[i][0] as Array<number | { originalCharCode: number }>) {
        if (typeof g === 'number' || !g) continue;
        glyphs++;
        if (g.originalCharCode === 0) notdef.push({ page: n, font: loaded?.name ?? font });
      }
    }
    page.cleanup();
  }
  await doc.destroy();
  return { notdef, glyphs, simpleFonts: [...simpleFonts] };
}
