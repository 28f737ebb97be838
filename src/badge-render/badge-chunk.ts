import { composeBadgeFace } from '../layout/document.js';
import type { TemplateSet } from '../layout/templates.js';
import { badgeView, type badgeForumView, type BadgeItem } from '../layout/badges.js';
import { cutMarks, perSheet, slotOrigin, type SheetLayout } from '../layout/imposition.js';
import type { Unfitted } from '../layout/markup-fit.js';
import { pdfmakeStyles } from '../layout/style-attrs.js';
import type { DocumentTree, Node } from '../layout/tree.js';

/** A run of whole sheets of badges: the unit rendered at a time (in this thread or a worker). */
export interface BadgeChunk {
  layout: SheetLayout;
  items: BadgeItem[];
  forum: ReturnType<typeof badgeForumView>;
  back: boolean;
  /** The photos of the chunk's attendees as data URLs, by id: read just before the chunk is rendered. */
  photos?: Record<string, string>;
}

/** A text that did not fit, by the index of its badge within the chunk. */
export interface ChunkUnfitted {
  item: number;
  unfitted: Unfitted;
  template: string;
}

/**
 * The pdfmake document of a chunk: a page per sheet (followed by its back when asked, with
 * columns mirrored), cut marks, and every badge face from its template. Throws TemplateError.
 */
export function composeChunk(templates: TemplateSet, chunk: BadgeChunk, unfitted: ChunkUnfitted[]): DocumentTree {
  const per = perSheet(chunk.layout);
  const pages: Node[][] = [];
  for (let first = 0; first < chunk.items.length; first += per) {
    pages.push(sheetPage(templates, chunk, first, false, unfitted));
    if (chunk.back) pages.push(sheetPage(templates, chunk, first, true, unfitted));
  }
  return {
    pageSize: chunk.layout.sheet,
    pageMargins: [0, 0, 0, 0],
    defaultStyle: { font: 'sans' },
    styles: pdfmakeStyles(templates.theme),
    content: pages.flatMap((content, i) => (i ? [{ text: '', pageBreak: 'before' }, ...content] : content)),
  };
}

function sheetPage(templates: TemplateSet, chunk: BadgeChunk, first: number, back: boolean, unfitted: ChunkUnfitted[]): Node[] {
  const { layout } = chunk;
  const template = `badges/${layout.face}${back ? '-back' : ''}.hbs`;
  const onSheet = chunk.items.slice(first, first + perSheet(layout));
  const faces = onSheet.map((item, i) => composeBadgeFace(templates, template, badgeView(chunk.forum, item, { ...layout.badge, bleed: layout.bleed }), {
    origin: slotOrigin(layout, i, back),
    badge: { ...layout.badge, bleed: layout.bleed },
    photo: item.attendee ? chunk.photos?.[item.attendee.id] : undefined,
    onUnfitted: (u) => unfitted.push({ item: first + i, unfitted: u, template }),
  }));
  return [...cutMarks(layout), ...faces];
}
