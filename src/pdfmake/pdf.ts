import { createRequire } from 'node:module';
import type { FontSet } from '../fonts/fonts.js';
import { installLineBuilder } from './line-builder.js';
import { installUnbreakableSplit } from './unbreakable.js';
import { LAYOUT_LISTENER, LAYOUT_ONLY, type LaidOutPage } from './laid-out.js';
import { installSpeedups, shareFonts } from './speed.js';
import { installVectorRects } from './vector-rects.js';
import { LazyFiles } from './lazy-files.js';
import { toDocDefinition } from './from-tree.js';
import type { DocumentTree } from '../layout/tree.js';
import { pdfmakeHooks } from './hooks.js';
import { layoutDocument } from './layout-document.js';

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake');

/** Document metadata written into the PDF's info dictionary. */
export interface PdfMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  language: string;
  /** The title of the imposed print copy, e.g. "<forum>（印刷拼版）". */
  printTitle?: string;
  /** Fixed creation date, so that the same content gives the same bytes. */
  date: Date;
}

let ready = false;

/**
 * Sets pdfmake up once per process: the adapter's hooks filled in (hooks.ts: every change to
 * pdfmake, pdfkit and fontkit is a patch under patches/ that adds them), no file or URL
 * access for content.
 */
function setup(): void {
  if (ready) return;
  ready = true;
  pdfmakeHooks().layoutDocument = layoutDocument;
  installLineBuilder();
  installUnbreakableSplit();
  installSpeedups();
  installVectorRects();
  // pdfmake lays out the table of contents as a 'noBorders' table; its 2 pt row padding
  // is replaced so that the spacing of entries comes from the theme's toc styles alone.
  pdfmake.addTableLayouts({
    noBorders: { hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => 0, paddingRight: (i: number) => (i === 0 ? 8 : 0),
      paddingTop: () => 0, paddingBottom: () => 0 },
  });
  // Content never reaches the network or the disk through pdfmake: everything it
  // needs (fonts, images) is put into its in-memory file system by us.
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  pdfmake.virtualfs = files;
}

const files = new LazyFiles();

/** How to render: `pdfa` asks pdfkit for PDF 1.4 with embedded CIDSets and an sRGB OutputIntent. */
export interface RenderOptions {
  pdfa?: boolean;
}

/** Names every face of the font set in pdfmake's virtual file system (read when pdfkit opens it) and names the families. */
function useFonts(fonts: FontSet): void {
  const families: Record<string, Record<string, string | [string, string]>> = {};
  for (const [family, faces] of Object.entries(fonts.families)) {
    families[family] = {};
    for (const [face, font] of Object.entries(faces)) {
      files.provide(font.key, () => font.bytes());
      families[family][face] = font.postscriptName ? [font.key, font.postscriptName] : font.key;
    }
  }
  pdfmake.setFonts(families);
  shareFonts();
}

/** Renders a document tree to PDF bytes, through its pdfmake document definition. */
export async function renderPdf(doc: DocumentTree, meta: PdfMeta, fonts: FontSet, options: RenderOptions = {}): Promise<Buffer> {
  return pdfmake.createPdf(definitionOf(doc, meta, fonts, options)).getBuffer();
}

/**
 * Lays a document out exactly as renderPdf does (same fonts, page breaks, headers and footers)
 * and returns what went on each page, without drawing a page or writing any PDF bytes.
 */
export async function layOutPdf(doc: DocumentTree, meta: PdfMeta, fonts: FontSet): Promise<LaidOutPage[]> {
  const given = doc.content as DocumentTree['content'] & Record<symbol, unknown>;
  let laid: LaidOutPage[] = [];
  const listen = (pages: LaidOutPage[]) => {
    laid = pages;
    if (typeof given?.[LAYOUT_LISTENER] === 'function') (given[LAYOUT_LISTENER] as (p: LaidOutPage[]) => void)(pages);
  };
  const content = Object.assign([...given], { [LAYOUT_LISTENER]: listen, [LAYOUT_ONLY]: true });
  // getStream() stops where pdfmake hands back the pdfkit document, before it is ended and written out.
  await pdfmake.createPdf(definitionOf({ ...doc, content }, meta, fonts, {})).getStream();
  return laid;
}

/** The definition pdfmake is given: the document tree's, with its language, PDF version and info dictionary. */
function definitionOf(doc: DocumentTree, meta: PdfMeta, fonts: FontSet, options: RenderOptions): Record<string, unknown> {
  setup();
  useFonts(fonts);
  return {
    ...toDocDefinition(doc),
    language: meta.language,
    // pdfmake's default, PDF 1.3, makes pdfkit skip the XMP packet and the PDF/A parts;
    // src/render/pdfa.ts finishes what pdfkit starts here.
    ...(options.pdfa ? { version: '1.4', subset: 'PDF/A-1b' } : {}),
    info: {
      title: meta.title,
      author: meta.author,
      subject: meta.subject,
      keywords: meta.keywords,
      creator: 'forumpress',
      producer: 'forumpress (pdfmake)',
      creationDate: meta.date,
      modDate: meta.date,
    },
  };
}

/** What is read of a page item pdfmake placed: a line's, an image's or a vector's place and height. */
export interface LaidItem {
  y?: number;
  getHeight?(): number;
  height?: number;
  _height?: number;
  /** A vector's shape: 'line' (y1, y2), 'rect' (y, h)... */
  type?: string;
  h?: number;
  y1?: number;
  y2?: number;
}

/** One page as pdfmake laid it out: what it holds, positioned (pdfmake's page items). */
export type LaidPage = { items: { type: string; item: LaidItem }[] };

/**
 * Lays a document tree out without drawing it: its pages, as pdfmake places them.
 * For a choice that needs the real layout (src/pdfmake/fill-page.ts).
 */
export function layoutPages(tree: DocumentTree, fonts: FontSet): LaidPage[] {
  setup();
  useFonts(fonts);
  const doc = toDocDefinition(tree) as Record<string, any>;
  const PDFDocument = require('pdfmake/js/PDFDocument.js').default;
  const LayoutBuilder = require('pdfmake/js/LayoutBuilder.js').default;
  const SVGMeasure = require('pdfmake/js/SVGMeasure.js').default;
  const { tableLayouts } = require('pdfmake/js/tableLayouts.js');
  const { normalizePageSize, normalizePageMargin } = require('pdfmake/js/PageSize.js');
  const pageSize = normalizePageSize(doc.pageSize, doc.pageOrientation);
  const pdfKitDoc = new PDFDocument(pdfmake.fonts, doc.images ?? {}, {}, {}, { size: [pageSize.width, 1e6], autoFirstPage: false, font: null, compress: false }, pdfmake.virtualfs, () => false);
  const builder = new LayoutBuilder(pageSize, normalizePageMargin(doc.pageMargins ?? 40), new SVGMeasure());
  builder.registerTableLayouts(tableLayouts);
  if (pdfmake.tableLayouts) builder.registerTableLayouts(pdfmake.tableLayouts);
  return layoutDocument(builder, doc.content, pdfKitDoc, doc.styles ?? {}, doc.defaultStyle ?? {}, undefined, undefined, undefined, undefined, doc.pageBreakBefore);
}
