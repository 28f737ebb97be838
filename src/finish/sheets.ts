import { PDFDocument, ParseSpeeds, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, type PDFPage } from 'pdf-lib';
import { layOutPdf, renderPdf, type PdfMeta } from '../pdfmake/pdf.js';
import type { FontSet } from '../fonts/fonts.js';
import { pagesAsForms, type PageForm } from './page-forms.js';
import { setInfo } from './impose.js';
import { TURN_MARK } from '../layout/markup-to-pdf.js';
import type { DocumentTree, Node, PlacedInfo } from '../layout/tree.js';

/**
 * Renders a document; one whose template says `<document fold="tent">` is laid out on half
 * sheets, which are then put two to a sheet (twice as high), the first on top. A table tent
 * is a sheet folded across the middle, so its far face must be printed upside down: a page
 * holding a `turn="true"` block is turned 180° and always goes on top (leaving a half blank
 * before it when needed). Each face's text is in the PDF once, as it reads. Any other
 * document is returned exactly as rendered.
 */
export async function renderSheets(doc: DocumentTree, meta: PdfMeta, fonts: FontSet,
  onSpill: (spilled: SpilledTurn) => void = () => {}): Promise<Uint8Array> {
  if (doc.fold !== 'tent') return renderPdf(doc, meta, fonts);
  const { definition, turned } = folded(doc);
  const raw = await renderPdf(definition, meta, fonts);
  const source = await PDFDocument.load(raw, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  reportSpills(turned, source.getPageCount(), onSpill);
  const out = await PDFDocument.create({ updateMetadata: false });
  const forms = pagesAsForms(out, source);
  let sheet: PDFPage | undefined;
  for (const { page, top, newSheet } of sheetPlan(turned, forms.length)) {
    const form = forms[page - 1];
    if (newSheet || !sheet) sheet = out.addPage([form.width, 2 * form.height]);
    const y = top ? form.height : 0;
    drawForm(sheet, form, turned.has(page) ? [-1, 0, 0, -1, form.width, y + form.height] : [1, 0, 0, 1, 0, y]);
  }
  setInfo(out, meta);
  return out.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity });
}

/**
 * Lays a document out as renderSheets would, without drawing it: how many pages the output
 * would have (sheets, for a folded one), warning of spilled tent faces as renderSheets does.
 */
export async function layOutSheets(doc: DocumentTree, meta: PdfMeta, fonts: FontSet,
  onSpill: (spilled: SpilledTurn) => void = () => {}): Promise<number> {
  if (doc.fold !== 'tent') return (await layOutPdf(doc, meta, fonts)).length;
  const { definition, turned } = folded(doc);
  const pages = (await layOutPdf(definition, meta, fonts)).length;
  reportSpills(turned, pages, onSpill);
  return sheetPlan(turned, pages).filter((p) => p.newSheet).length;
}

/** A folded document without its `fold`, noting (as pdfmake lays it out) which pages hold a turned face. */
function folded(doc: DocumentTree): { definition: DocumentTree; turned: Set<number> } {
  const turned = new Set<number>();
  const original = doc.pageBreakBefore;
  // pdfmake asks about each node as placed: the tree's node with the pages it fell on.
  const pageBreakBefore = (node: Node & PlacedInfo, query: Parameters<NonNullable<DocumentTree['pageBreakBefore']>>[1]) => {
    if (node.headlineLevel === TURN_MARK && node.pageNumbers?.length) turned.add(node.pageNumbers[0]);
    return typeof original === 'function' ? original(node, query) : false;
  };
  const { fold: _fold, ...definition } = doc;
  return { definition: { ...definition, pageBreakBefore }, turned };
}

/** Where each half-sheet page goes: two to a sheet, the first on top; a turned page always starts a sheet. */
function sheetPlan(turned: Set<number>, pageCount: number): Array<{ page: number; top: boolean; newSheet: boolean }> {
  const plan: Array<{ page: number; top: boolean; newSheet: boolean }> = [];
  let half: 'top' | 'bottom' = 'top';
  for (let page = 1; page <= pageCount; page++) {
    const newSheet = page === 1 || half === 'top' || turned.has(page);
    if (newSheet) half = 'top';
    plan.push({ page, top: half === 'top', newSheet });
    half = half === 'top' ? 'bottom' : 'top';
  }
  return plan;
}

/** A turned page whose face ran onto more than one page after it: the `index`th turned page (from 1), `pages` half sheets in all. */
export interface SpilledTurn {
  index: number;
  pages: number;
}

/** A tent is its turned face and one upright face: more pages before the next turn mean the faces did not fit. */
function reportSpills(turned: Set<number>, pageCount: number, onSpill: (s: SpilledTurn) => void): void {
  const starts = [...turned].sort((a, b) => a - b);
  starts.forEach((page, i) => {
    const pages = (starts[i + 1] ?? pageCount + 1) - page;
    if (pages > 2) onSpill({ index: i + 1, pages });
  });
}

function drawForm(page: PDFPage, form: PageForm, m: [number, number, number, number, number, number]): void {
  const name = page.node.newXObject('Page', form.ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(...m), drawObject(name), popGraphicsState());
}

