import { PDFDocument, ParseSpeeds } from 'pdf-lib';
import type { PdfMeta } from '../pdfmake/pdf.js';
import { CREATOR, PRODUCER } from './xmp.js';
import { drawPageForm, pagesAsForms } from './page-forms.js';
import { MM, cropMarks, foldMarks, markMargin, type Rect } from '../layout/marks.js';
import { drawMarks } from './draw-marks.js';

/** One side of a sheet: the booklet page numbers on its left and right half (0 = blank). */
export interface SheetSide {
  left: number;
  right: number;
}

/** How to impose: `marks` adds 3 mm bleed, crop and fold marks, TrimBox and BleedBox. */
export interface ImposeOptions {
  marks: boolean;
  /** The last page is a back cover: the blanks that fill the last sheet go before it. */
  backCover?: boolean;
}

/** Bleed around the trimmed sheet when marks are on. */
export const BLEED = 3 * MM;

/**
 * Saddle-stitch order: pages padded with blanks to a multiple of 4; sheet k (from 0)
 * carries n-2k | 2k+1 on its front and 2k+2 | n-2k-1 on its back, so 16 pages give
 * 16|1, 2|15, 14|3, 4|13, ... Sides are listed front, back, front, back. With a back
 * cover, the blanks go before the last page, which stays the outside of the booklet.
 */
export function saddleStitchOrder(pageCount: number, backCover = false): SheetSide[] {
  const n = Math.max(4, Math.ceil(pageCount / 4) * 4);
  const real = backCover && pageCount > 1
    ? (p: number) => (p === n ? pageCount : p < pageCount ? p : 0)
    : (p: number) => (p <= pageCount ? p : 0);
  const sides: SheetSide[] = [];
  for (let k = 0; k < n / 4; k++) {
    sides.push({ left: real(n - 2 * k), right: real(2 * k + 1) });
    sides.push({ left: real(2 * k + 2), right: real(n - 2 * k - 1) });
  }
  return sides;
}

/**
 * Imposes a booklet's pages two-up on landscape sheets for duplex printing (flip on
 * the short edge). Plain sheets are the A-size paper two pages fit on (A4 for an A5
 * booklet), the pair centred; with marks, each sheet grows by the bleed and room for
 * the marks, and TrimBox/BleedBox tell the print shop where to cut.
 */
export async function imposeBooklet(booklet: Uint8Array | PDFDocument, meta: PdfMeta, options: ImposeOptions): Promise<Uint8Array> {
  const source = booklet instanceof PDFDocument ? booklet : await PDFDocument.load(booklet, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const out = await PDFDocument.create({ updateMetadata: false });
  const pages = pagesAsForms(out, source);
  const { width, height } = pages[0];
  const spread = { width: 2 * width, height };
  const sheet = options.marks ? grow(spread, markMargin()) : paperFor(spread);
  const trim: Rect = { x: (sheet.width - spread.width) / 2, y: (sheet.height - spread.height) / 2, ...spread };

  for (const side of saddleStitchOrder(pages.length, options.backCover)) {
    const page = out.addPage([sheet.width, sheet.height]);
    if (side.left) drawPageForm(page, pages[side.left - 1], trim.x, trim.y);
    if (side.right) drawPageForm(page, pages[side.right - 1], trim.x + width, trim.y);
    if (!options.marks) continue;
    page.setTrimBox(trim.x, trim.y, trim.width, trim.height);
    page.setBleedBox(trim.x - BLEED, trim.y - BLEED, trim.width + 2 * BLEED, trim.height + 2 * BLEED);
    drawMarks(page, [...cropMarks([trim], { offset: BLEED }), ...foldMarks(trim, trim.x + width, { offset: BLEED })]);
  }
  setInfo(out, meta, meta.printTitle ?? meta.title);
  return out.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity });
}

/** The smallest A-size sheet, landscape, that holds the spread; else the spread itself. */
function paperFor(spread: { width: number; height: number }): { width: number; height: number } {
  const sizes = [[297, 210], [420, 297], [594, 420]].map(([w, h]) => ({ width: w * MM, height: h * MM }));
  const fits = sizes.find((s) => s.width >= spread.width - 0.5 && s.height >= spread.height - 0.5);
  return fits && fits.width - spread.width < 10 * MM && fits.height - spread.height < 10 * MM ? fits : spread;
}

function grow(size: { width: number; height: number }, by: number) {
  return { width: size.width + 2 * by, height: size.height + 2 * by };
}

/** Info dictionary from a document's metadata (`title` for a copy named otherwise); dates fixed, so rebuilds are identical. */
export function setInfo(doc: PDFDocument, meta: PdfMeta, title = meta.title): void {
  doc.setTitle(title);
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords([meta.keywords]);
  doc.setLanguage(meta.language);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
}
