import { PDFDocument, ParseSpeeds, concatTransformationMatrix, drawObject, popGraphicsState, pushGraphicsState, type PDFPage } from 'pdf-lib';
import { renderPdf, type PdfMeta } from '../pdfmake/pdf.js';
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
  const turned = new Set<number>();
  const original = doc.pageBreakBefore;
  // pdfmake asks about each node as placed: the tree's node with the pages it fell on.
  const pageBreakBefore = (node: Node & PlacedInfo, query: Parameters<NonNullable<DocumentTree['pageBreakBefore']>>[1]) => {
    if (node.headlineLevel === TURN_MARK && node.pageNumbers?.length) turned.add(node.pageNumbers[0]);
    return typeof original === 'function' ? original(node, query) : false;
  };
  const { fold: _fold, ...definition } = doc;
  const raw = await renderPdf({ ...definition, pageBreakBefore }, meta, fonts);
  const source = await PDFDocument.load(raw, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  reportSpills(turned, source.getPageCount(), onSpill);
  const out = await PDFDocument.create({ updateMetadata: false });
  let sheet: PDFPage | undefined;
  let half: 'top' | 'bottom' = 'top';
  pagesAsForms(out, source).forEach((form, i) => {
    const turn = turned.has(i + 1);
    if (!sheet || half === 'top' || turn) {
      sheet = out.addPage([form.width, 2 * form.height]);
      half = 'top';
    }
    const y = half === 'top' ? form.height : 0;
    drawForm(sheet, form, turn ? [-1, 0, 0, -1, form.width, y + form.height] : [1, 0, 0, 1, 0, y]);
    half = half === 'top' ? 'bottom' : 'top';
  });
  setInfo(out, meta);
  return out.save({ useObjectStreams: false, addDefaultPage: false, objectsPerTick: Infinity });
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

