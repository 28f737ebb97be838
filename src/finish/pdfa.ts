import { PDFDict, PDFDocument, ParseSpeeds, PDFHeader, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import type { PdfMeta } from '../pdfmake/pdf.js';
import { CREATOR, PRODUCER, xmpPacket } from './xmp.js';
import { attachSources, type SourceFile } from './attachments.js';

/** Which PDF/A: part 1 (plain archive) or part 3 (with the sources attached). */
export interface PdfAOptions {
  part: 1 | 3;
  /** Part 3 only: the content files the PDF was built from. */
  sources?: SourceFile[];
}

/** The finished file, and how many transparent graphics states were made opaque. */
export interface PdfAResult {
  bytes: Uint8Array;
  madeOpaque: number;
}

/**
 * Turns pdfkit's PDF/A-mode output into a file that passes Preflight: writes the info
 * dictionary and a well-formed XMP packet from the same values, gives the outline the
 * /Count entries pdfkit leaves out, and removes transparency PDF/A-1 forbids.
 * Pure: bytes and metadata in, bytes out; the same input gives the same bytes.
 */
export async function toPdfA(input: Uint8Array | PDFDocument, meta: PdfMeta, options: PdfAOptions): Promise<PdfAResult> {
  // A loaded document may be passed in to share one parse between outputs; it is changed in place.
  const doc = input instanceof PDFDocument ? input : await PDFDocument.load(input, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  writeInfo(doc, meta);
  // pdfkit's own packet (unescaped values) is dropped, not left behind unreferenced.
  const old = doc.catalog.get(PDFName.of('Metadata'));
  if (old instanceof PDFRef) doc.context.delete(old);
  const xmp = doc.context.stream(Buffer.from(xmpPacket(meta, options.part), 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  countOutline(doc);
  const madeOpaque = options.part === 1 ? removeTransparency(doc) : 0;
  if (options.part === 3) {
    // PDF/A-3 is built on PDF 1.7, where associated files (/AF) are defined.
    doc.context.header = PDFHeader.forVersion(1, 7);
    attachSources(doc, options.sources ?? [], meta.date);
  }
  // PDF/A-1 is PDF 1.4: no object streams, a classic cross-reference table.
  const bytes = await doc.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity, updateFieldAppearances: false });
  return { bytes, madeOpaque };
}

/** The info dictionary from the metadata, in the forms the XMP mirrors. */
function writeInfo(doc: PDFDocument, meta: PdfMeta): void {
  // pdfkit always writes an info dictionary; it is reached through the trailer.
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  // pdfkit stores each value as its own object; those are replaced by direct values.
  for (const [, value] of info.entries()) if (value instanceof PDFRef) doc.context.delete(value);
  const text = (key: string, value: string) => info.set(PDFName.of(key), PDFHexString.fromText(value));
  text('Title', meta.title);
  text('Author', meta.author);
  text('Subject', meta.subject);
  text('Keywords', meta.keywords);
  text('Creator', CREATOR);
  text('Producer', PRODUCER);
  info.set(PDFName.of('CreationDate'), PDFString.fromDate(meta.date));
  info.set(PDFName.of('ModDate'), PDFString.fromDate(meta.date));
}

/**
 * Sets /Count on the outline root and on every item with children. Items stay as
 * pdfkit left them: open when it gave a positive count, closed otherwise.
 */
function countOutline(doc: PDFDocument): void {
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (!root) return;
  const visible = (node: PDFDict): number => {
    let count = 0;
    for (let child = firstChild(node); child; child = child.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      count += 1;
      if (!firstChild(child)) continue;
      const open = (child.lookupMaybe(PDFName.of('Count'), PDFNumber)?.asNumber() ?? -1) > 0;
      const below = visible(child);
      child.set(PDFName.of('Count'), PDFNumber.of(open ? below : -below));
      if (open) count += below;
    }
    return count;
  };
  root.set(PDFName.of('Count'), PDFNumber.of(visible(root)));
}

function firstChild(node: PDFDict): PDFDict | undefined {
  return node.lookupMaybe(PDFName.of('First'), PDFDict);
}

/** Sets every graphics state's opacity to 1 and drops soft masks; returns how many changed. */
function removeTransparency(doc: PDFDocument): number {
  let changed = 0;
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('ExtGState')) continue;
    let transparent = false;
    for (const key of ['CA', 'ca']) {
      const value = object.lookupMaybe(PDFName.of(key), PDFNumber);
      if (value && value.asNumber() < 1) {
        object.set(PDFName.of(key), PDFNumber.of(1));
        transparent = true;
      }
    }
    const mask = object.get(PDFName.of('SMask'));
    if (mask && mask !== PDFName.of('None')) {
      object.set(PDFName.of('SMask'), PDFName.of('None'));
      transparent = true;
    }
    if (transparent) changed++;
  }
  return changed;
}
