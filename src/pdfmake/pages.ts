import { LAYOUT_LISTENER, type LaidOutPage } from './laid-out.js';
import type { DocumentTree } from '../layout/tree.js';

type Node = any;

/** Pages each anchored part of a document fills, known once pdfmake has laid it out. */
export interface PageSpans {
  doc: DocumentTree;
  /** Anchor id -> number of pages from its node to the last node before the next id. */
  spans(): Map<string, number>;
  /** What was laid out on each page, once the document is rendered (empty before). */
  laidOut(): LaidOutPage[];
}

/**
 * Lets a document report how many pages each anchored part (e.g. one talk's abstract)
 * fills, from the positions pdfmake passes to `pageBreakBefore`. pdfmake asks about each
 * node once, in order, after everything before it is placed, so the last answer is final.
 */
export function trackPages(doc: DocumentTree, anchors: Set<string>): PageSpans {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  let current: string | undefined;
  const original = doc.pageBreakBefore;
  const pageBreakBefore = (node: Node, query: Parameters<NonNullable<DocumentTree['pageBreakBefore']>>[1]) => {
    const pages: number[] = node.pageNumbers ?? [];
    if (node.headlineLevel === PAGE_START) current = undefined;
    if (typeof node.id === 'string') {
      current = anchors.has(node.id) ? node.id : undefined;
      if (current) first.set(current, pages[0] ?? 0);
    }
    if (current && pages.length) last.set(current, Math.max(...pages));
    return typeof original === 'function' ? original(node, query) : false;
  };
  let laid: LaidOutPage[] = [];
  const content = exposeBreaks(doc.content) as DocumentTree['content'] & { [LAYOUT_LISTENER]?: unknown };
  content[LAYOUT_LISTENER] = (pages: LaidOutPage[]) => { laid = pages; };
  return {
    laidOut: () => laid,
    doc: { ...doc, content, pageBreakBefore },
    spans: () => new Map([...first].map(([id, page]) => [id, (last.get(id) ?? page) - page + 1])),
  };
}

/** Marks where a forced page break starts a new part (pdfmake passes `headlineLevel` through untouched). */
const PAGE_START = 'page-start';

/**
 * pdfmake does not ask about a node that breaks the page before it; a wrapper takes the
 * break, so the node itself is seen, marked as the start of a new part.
 */
function exposeBreaks(node: Node): Node {
  if (Array.isArray(node)) return node.map(exposeBreaks);
  if (!node || typeof node !== 'object') return node;
  const inner = Array.isArray(node.stack) ? { ...node, stack: node.stack.map(exposeBreaks) } : node;
  if (node.pageBreak !== 'before') return inner;
  const { pageBreak, ...rest } = inner;
  return { stack: [{ ...rest, headlineLevel: rest.headlineLevel ?? PAGE_START }], pageBreak };
}
