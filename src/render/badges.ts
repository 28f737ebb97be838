import { PDFDocument } from 'pdf-lib';
import type { Diagnostics } from '../diagnostics.js';
import { composeBadgeFace } from '../layout/document.js';
import { TemplateError, type TemplateSet } from '../layout/templates.js';
import { badgeView, type badgeForumView, type BadgeItem } from '../layout/badges.js';
import { cutMarks, perSheet, slotOrigin, type SheetLayout } from '../layout/imposition.js';
import type { Unfitted } from '../layout/markup-fit.js';
import { pdfmakeStyles } from '../layout/style-attrs.js';
import { renderPdf, type PdfMeta } from './pdf.js';

/** Sheets laid out and rendered at a time; memory stays flat however many badges there are. */
const SHEETS_PER_CHUNK = 25;

/** What printing one badge file needs. */
export interface BadgeRun {
  templates: TemplateSet;
  layout: SheetLayout;
  items: BadgeItem[];
  forum: ReturnType<typeof badgeForumView>;
  back: boolean;
  diags: Diagnostics;
  /** Texts already warned about, so that several layouts warn once. */
  warned: Set<string>;
}

/**
 * Lays out every badge (front, and back when asked) and, given metadata, renders them in
 * chunks of sheets that are joined into one PDF. Without metadata it only checks.
 * Returns undefined when a template error stopped it (reported in diags).
 */
export async function renderBadges(run: BadgeRun, meta?: PdfMeta): Promise<Uint8Array | undefined> {
  const sheets = Math.ceil(run.items.length / perSheet(run.layout));
  const out = meta ? await PDFDocument.create({ updateMetadata: false }) : undefined;
  for (let first = 0; first < sheets; first += SHEETS_PER_CHUNK) {
    const pages: unknown[][] = [];
    try {
      for (let s = first; s < Math.min(sheets, first + SHEETS_PER_CHUNK); s++) {
        const onSheet = run.items.slice(s * perSheet(run.layout), (s + 1) * perSheet(run.layout));
        pages.push(sheetPage(run, onSheet, false));
        if (run.back) pages.push(sheetPage(run, onSheet, true));
      }
    } catch (err) {
      if (!(err instanceof TemplateError)) throw err;
      run.diags.error('template', err.at, err.message, err.hint);
      return undefined;
    }
    if (!out || !meta) continue;
    const definition = {
      pageSize: run.layout.sheet,
      pageMargins: [0, 0, 0, 0],
      defaultStyle: { font: 'sans' },
      styles: pdfmakeStyles(run.templates.theme),
      content: pages.flatMap((content, i) => (i ? [{ text: '', pageBreak: 'before' }, ...content] : content)),
    };
    const chunk = await PDFDocument.load(await renderPdf(definition, meta), { updateMetadata: false });
    for (const page of await out.copyPages(chunk, chunk.getPageIndices())) out.addPage(page);
  }
  if (!out || !meta) return undefined;
  setInfo(out, meta);
  return out.save();
}

function sheetPage(run: BadgeRun, items: BadgeItem[], back: boolean): unknown[] {
  const template = `badges/${run.layout.face}${back ? '-back' : ''}.hbs`;
  const faces = items.map((item, i) => composeBadgeFace(run.templates, template, badgeView(run.forum, item, run.layout.badge), {
    origin: slotOrigin(run.layout, i, back),
    onUnfitted: (u) => warnUnfitted(run, item, u, template),
  }));
  return [...cutMarks(run.layout), ...faces];
}

function warnUnfitted(run: BadgeRun, item: BadgeItem, u: Unfitted, template: string): void {
  const key = `${item.attendee?.id}\0${u.text}`;
  if (!item.attendee || run.warned.has(key)) return;
  run.warned.add(key);
  const a = item.attendee;
  run.diags.warn('badge-text-too-long', a.at, `"${u.text}" (attendee ${a.id}, ${a.name}) does not fit its badge even at ${u.size} pt: it takes ${u.lines} lines`,
    `shorten it in attendees.csv (e.g. a common short form), or lower min-size of its <fit> in templates/${template}`);
}

function setInfo(doc: PDFDocument, meta: PdfMeta): void {
  doc.setTitle(meta.title);
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords([meta.keywords]);
  doc.setCreator('forumpress');
  doc.setProducer('forumpress (pdfmake, pdf-lib)');
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.setLanguage(meta.language);
}
