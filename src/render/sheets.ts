import { PDFDocument, ParseSpeeds, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState,
  rectangle, clip, endPath, type PDFPage } from 'pdf-lib';
import { renderPdf, type PdfMeta } from './pdf.js';
import type { FontSet } from './fonts.js';
import { pagesAsForms, type PageForm } from './page-forms.js';
import { CREATOR, PRODUCER } from './xmp.js';

type Node = any;

/**
 * Renders a document, then finishes the pages that hold a `sheet="tent"` block: a table tent
 * is one sheet folded across the middle, so its upper half is turned 180° about its own centre
 * and both faces stand upright once folded. The template lays both faces out upright; this is
 * the one step that turns. A document without such pages is returned exactly as rendered.
 */
export async function renderSheets(doc: Record<string, unknown>, meta: PdfMeta, fonts: FontSet): Promise<Uint8Array> {
  const tents = new Set<number>();
  const original = doc.pageBreakBefore as ((node: Node, query: unknown) => boolean) | undefined;
  const pageBreakBefore = (node: Node, query: unknown) => {
    if (node.headlineLevel === 'sheet:tent' && node.pageNumbers?.length) tents.add(node.pageNumbers[0]);
    return typeof original === 'function' ? original(node, query) : false;
  };
  const raw = await renderPdf({ ...doc, pageBreakBefore }, meta, fonts);
  if (!tents.size) return raw;
  const source = await PDFDocument.load(raw, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const out = await PDFDocument.create({ updateMetadata: false });
  pagesAsForms(out, source).forEach((form, i) => {
    const page = out.addPage([form.width, form.height]);
    if (tents.has(i + 1)) drawTent(page, form);
    else drawHalf(page, form, [1, 0, 0, 1, 0, 0]);
  });
  out.setTitle(meta.title);
  out.setAuthor(meta.author);
  out.setSubject(meta.subject);
  out.setKeywords([meta.keywords]);
  out.setLanguage(meta.language);
  out.setCreator(CREATOR);
  out.setProducer(PRODUCER);
  out.setCreationDate(meta.date);
  out.setModificationDate(meta.date);
  return out.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity });
}

/** The lower half as laid out; the upper half turned about its centre (the fold is at mid-height). */
function drawTent(page: PDFPage, form: PageForm): void {
  const { width: w, height: h } = form;
  drawHalf(page, form, [1, 0, 0, 1, 0, 0], [0, 0, w, h / 2]);
  drawHalf(page, form, [-1, 0, 0, -1, w, (3 * h) / 2], [0, h / 2, w, h / 2]);
}

function drawHalf(page: PDFPage, form: PageForm, m: [number, number, number, number, number, number], box?: [number, number, number, number]): void {
  const name = page.node.newXObject('Page', form.ref);
  page.pushOperators(
    pushGraphicsState(),
    ...(box ? [rectangle(...box), clip(), endPath()] : []),
    concatTransformationMatrix(...m),
    drawObject(name),
    popGraphicsState(),
  );
}
