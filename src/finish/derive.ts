import { PDFDocument, ParseSpeeds } from 'pdf-lib';
import { renderPdf, type PdfMeta } from '../pdfmake/pdf.js';
import type { FontSet } from '../fonts/fonts.js';
import type { DocumentTree } from '../layout/tree.js';
import { toPdfA } from './pdfa.js';
import { imposeBooklet } from './impose.js';
import type { SourceFile } from './attachments.js';

/** A file made from a rendered output's bytes rather than rendered again (outputs.ts says which). */
export type DerivedOutput =
  | { output: string; kind: 'pdfa'; part: 1 | 3 }
  | { output: string; kind: 'imposed'; marks: boolean };

/** Rendered files by name, and how many transparent graphics states PDF/A made opaque. */
export interface RenderedOutputs {
  files: Map<string, Uint8Array>;
  madeOpaque: number;
}

/**
 * Renders one document and the files derived from its bytes. With a PDF/A copy among
 * them, the document is rendered once in PDF/A mode and is itself PDF/A-1b, so the
 * archival copy (or its PDF/A-3b variant) and the print sheets hold exactly its pages.
 * The rendered file is parsed once and shared by every derived file. Only the derived files
 * `wanted` names are made (all when absent); the document is the same PDF/A file either way.
 */
export async function renderWithDerived(name: string, doc: DocumentTree, derived: DerivedOutput[],
  meta: PdfMeta, fonts: FontSet, sources: () => SourceFile[], wanted?: readonly string[]): Promise<RenderedOutputs> {
  const pdfa = derived.some((d) => d.kind === 'pdfa');
  derived = derived.filter((d) => !wanted || wanted.includes(d.output));
  const raw = await renderPdf(doc, meta, fonts, { pdfa });
  const parsed = await PDFDocument.load(raw, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const files = new Map<string, Uint8Array>();
  let madeOpaque = 0;
  let base: Uint8Array = raw;
  if (pdfa) {
    const finished = await toPdfA(parsed, meta, { part: 1 });
    base = finished.bytes;
    madeOpaque = finished.madeOpaque;
  }
  files.set(name, base);
  // Imposing only reads pages; the PDF/A-3 variant adds to the same parsed file last.
  for (const d of derived) if (d.kind === 'imposed') files.set(d.output, await imposeBooklet(parsed, meta, { marks: d.marks, backCover: doc.backCover === true }));
  for (const d of derived) {
    if (d.kind === 'pdfa') files.set(d.output, d.part === 1 ? base : (await toPdfA(parsed, meta, { part: 3, sources: sources() })).bytes);
  }
  return { files, madeOpaque };
}
