import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import type { PdfMeta } from '../pdfmake/pdf.js';

const CATALOG = 1;
const PAGES = 2;

/**
 * Joins PDFs page after page into one, writing each part's objects out as soon as it is
 * added (renumbered, with its pages under one page tree). Only the bytes written and one
 * part at a time are held, so memory stays flat however many parts there are.
 */
export class PdfConcatenator {
  private readonly parts: Buffer[] = [];
  private pending: Buffer[] = [];
  private length = 0;
  private readonly offsets: number[] = [];
  private readonly pages: number[] = [];
  private next = 3;

  constructor() {
    this.write(Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
  }

  /** Appends every page of a PDF (as pdfkit writes them: no object streams). */
  async add(bytes: Uint8Array): Promise<void> {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    const ctx = doc.context;
    const pagesRef = doc.catalog.get(PDFName.of('Pages'));
    const skip = new Set([ctx.trailerInfo.Root, ctx.trailerInfo.Info, pagesRef].filter(Boolean).map(String));
    const pageRefs = new Set(doc.getPages().map((p) => String(p.ref)));
    const base = this.next - 1;
    let largest = 0;
    for (const [ref, obj] of ctx.enumerateIndirectObjects()) {
      largest = Math.max(largest, ref.objectNumber);
      if (skip.has(String(ref))) continue;
      const number = ref.objectNumber + base;
      const isPage = pageRefs.has(String(ref));
      if (isPage) this.pages.push(number);
      this.object(number, (out) => serialize(obj, base, out, isPage));
    }
    this.next = base + largest + 1;
    this.flush();
  }

  /** Writes the page tree, catalog, metadata and cross-reference table; returns the PDF. */
  finish(meta: PdfMeta): Uint8Array {
    this.object(PAGES, (out) => out.push(`<< /Type /Pages /Count ${this.pages.length} /Kids [${this.pages.map((n) => `${n} 0 R`).join(' ')}] >>`));
    this.object(CATALOG, (out) => out.push(`<< /Type /Catalog /Pages ${PAGES} 0 R /Lang ${text(meta.language)} >>`));
    const info = this.next++;
    const date = `D:${meta.date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
    this.object(info, (out) => out.push(`<< /Title ${text(meta.title)} /Author ${text(meta.author)} /Subject ${text(meta.subject)} /Keywords ${text(meta.keywords)} /Creator (forumpress) /Producer (forumpress \\(pdfmake, pdf-lib\\)) /CreationDate (${date}) /ModDate (${date}) >>`));
    const xref = this.length;
    const rows = ['xref', `0 ${this.next}`, '0000000000 65535 f '];
    for (let n = 1; n < this.next; n++) rows.push(this.offsets[n] === undefined ? '0000000000 65535 f ' : `${String(this.offsets[n]).padStart(10, '0')} 00000 n `);
    this.write(Buffer.from(`${rows.join('\n')}\ntrailer\n<< /Size ${this.next} /Root ${CATALOG} 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`, 'latin1'));
    this.flush();
    return Buffer.concat(this.parts, this.length);
  }

  private object(number: number, body: (out: Array<string | Uint8Array>) => void): void {
    this.offsets[number] = this.length;
    const out: Array<string | Uint8Array> = [`${number} 0 obj\n`];
    body(out);
    out.push('\nendobj\n');
    for (const piece of out) this.write(typeof piece === 'string' ? Buffer.from(piece, 'latin1') : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength));
  }

  private write(bytes: Buffer): void {
    this.pending.push(bytes);
    this.length += bytes.length;
  }

  /** One buffer per part: thousands of small ones would cost more than the bytes they hold. */
  private flush(): void {
    this.parts.push(Buffer.concat(this.pending));
    this.pending = [];
  }
}

/** Writes a PDF object with every reference moved by `base`; a page's /Parent becomes the new tree. */
function serialize(obj: PDFObject, base: number, out: Array<string | Uint8Array>, isPage = false): void {
  if (obj instanceof PDFRef) {
    out.push(`${obj.objectNumber + base} ${obj.generationNumber} R`);
  } else if (obj instanceof PDFDict) {
    out.push('<<');
    for (const [key, value] of obj.entries()) {
      out.push(` ${key.toString()} `);
      if (isPage && key.asString() === '/Parent') out.push(`${PAGES} 0 R`);
      else serialize(value, base, out);
    }
    out.push(' >>');
  } else if (obj instanceof PDFArray) {
    out.push('[');
    for (let i = 0; i < obj.size(); i++) {
      out.push(' ');
      serialize(obj.get(i), base, out);
    }
    out.push(' ]');
  } else if (obj instanceof PDFRawStream) {
    serialize(obj.dict, base, out);
    out.push('\nstream\n', obj.contents, '\nendstream');
  } else if (obj instanceof PDFStream) {
    throw new Error('unexpected unparsed stream');
  } else {
    out.push(obj.toString());
  }
}

/** A text string: ASCII as is, anything else as UTF-16 with a byte-order mark. */
function text(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  return `<FEFF${[...Buffer.from(s, 'utf16le').swap16()].map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase()}>`;
}
