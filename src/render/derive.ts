import type { DerivedOutput } from '../outputs.js';
import { renderPdf, type PdfMeta } from './pdf.js';
import { toPdfA } from './pdfa.js';
import { imposeBooklet } from './impose.js';
import type { SourceFile } from './attachments.js';

/** Rendered files by name, and how many transparent graphics states PDF/A made opaque. */
export interface RenderedOutputs {
  files: Map<string, Uint8Array>;
  madeOpaque: number;
}

/**
 * Renders one document and the files derived from its bytes. With a PDF/A copy among
 * them, the document is rendered once in PDF/A mode and is itself PDF/A-1b, so the
 * archival copy (or its PDF/A-3b variant) and the print sheets hold exactly its pages.
 */
export async function renderWithDerived(name: string, doc: Record<string, unknown>, derived: DerivedOutput[],
  meta: PdfMeta, sources: () => SourceFile[]): Promise<RenderedOutputs> {
  const pdfa = derived.some((d) => d.kind === 'pdfa');
  const raw = await renderPdf(doc, meta, { pdfa });
  const files = new Map<string, Uint8Array>();
  let madeOpaque = 0;
  let base: Uint8Array = raw;
  if (pdfa) {
    const finished = await toPdfA(raw, meta, { part: 1 });
    base = finished.bytes;
    madeOpaque = finished.madeOpaque;
  }
  files.set(name, base);
  for (const d of derived) {
    if (d.kind === 'pdfa') {
      files.set(d.output, d.part === 1 ? base : (await toPdfA(raw, meta, { part: 3, sources: sources() })).bytes);
    } else {
      files.set(d.output, await imposeBooklet(base, meta, { marks: d.marks }));
    }
  }
  return { files, madeOpaque };
}
