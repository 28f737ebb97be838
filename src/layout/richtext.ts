import type { Block, Inline, SourceAt, TextOrigin } from '../model/types.js';
import type { TextTrace } from '../model/laid-out.js';
import { isCjk } from './text.js';
import { placedSize } from '../markdown/image-prepare.js';

import type { ImageNode, Node, TextRun } from './tree.js';

/** pdfmake inlines for rich text spans; a link is followed by its address (style md-link-url), which a reader on paper needs. */
export function inlinesToPdf(inlines: Inline[], at?: SourceAt): TextRun[] {
  return inlines.flatMap((i, n) => {
    const out: TextRun = { text: i.break ? `${i.text}\n` : i.text };
    const trace = traceOf(i.text, i.origins, at);
    if (trace) out.trace = trace;
    if (i.bold) out.bold = true;
    // Emphasis takes the theme's md-em style: italic, which Chinese text sets in the sans face (fonts.ts).
    if (i.italic) out.style = 'md-em';
    if (i.code) out.style = 'md-code';
    if (i.href) Object.assign(out, { link: i.href, style: 'md-link' });
    if (!i.href || inlines[n + 1]?.href === i.href) return [out];
    // The link's text is the inlines before this one with the same address, and this one.
    let first = n;
    while (first > 0 && inlines[first - 1].href === i.href) first--;
    const text = inlines.slice(first, n + 1).map((x) => x.text).join('');
    if (sameAddress(text, i.href)) return [out];
    const address: TextRun = { text: ` (${printedAddress(i.href)})`, style: 'md-link-url' };
    // The address is the build's text: a character of it lost stands at the link's first character.
    const origin = inlines[first].origins?.[0];
    if (at && origin) address.trace = { file: at.file, origins: [origin], fixed: true };
    return [out, address];
  });
}

/** The trace of a text from a markdown file: its characters' origins, or all at its block's start. */
function traceOf(text: string, origins: TextOrigin[] | undefined, at: SourceAt | undefined): TextTrace | undefined {
  // White space too: every run of a paragraph is traced (traced-lines.ts reads a line's first inline only to tell).
  if (!at) return undefined;
  return origins?.length ? { file: at.file, origins } : { file: at.file, origins: [{ at: 0, line: at.line, column: at.column }], fixed: true };
}

/** The address as printed: a mail address without its mailto:. */
function printedAddress(href: string): string {
  return href.replace(/^mailto:/i, '');
}

/** True when a link's text already is its address (https://example.org, example.org/, a@b.org). */
function sameAddress(text: string, href: string): boolean {
  const bare = (s: string) => s.trim().replace(/^mailto:/i, '').replace(/^https?:\/\//i, '').replace(/^www\./i, '').replace(/\/+$/, '').toLowerCase();
  return bare(text) === bare(href);
}

/**
 * pdfmake content for markdown blocks. Paragraphs that start in Chinese get the
 * `md-p-zh` style (first-line indent of two characters), others `md-p`; paragraphs
 * inside lists get `md-li`.
 */
export function blocksToPdf(blocks: Block[], inList = false): Node[] {
  return blocks.map((b) => withSource(blockToPdf(b, inList), b));
}

/** The node with where its block starts in the markdown file, when known. */
function withSource(node: Node, b: Block): Node {
  return b.at ? { ...node, src: b.at } : node;
}

function blockToPdf(b: Block, inList: boolean): Node {
  switch (b.type) {
    case 'paragraph': {
      const first = b.inlines.find((i) => i.text.trim())?.text.trim()[0];
      const style = inList ? 'md-li' : isCjk(first) ? 'md-p-zh' : 'md-p';
      return { text: inlinesToPdf(b.inlines, b.at), style };
    }
    case 'heading':
      return { text: inlinesToPdf(b.inlines, b.at), style: 'md-h' };
    case 'list': {
      const items = b.items.map((item) => ({ stack: blocksToPdf(item, true) }));
      return b.ordered ? { ol: items, start: b.start, style: 'md-list' } : { ul: items, style: 'md-list' };
    }
    case 'quote':
      return { stack: blocksToPdf(b.blocks), style: 'md-quote' };
    case 'code': {
      const trace = traceOf(b.text, b.origins, b.at);
      return { text: trace ? [{ text: b.text, trace }] : b.text, style: 'md-code-block', preserveLeadingSpaces: true };
    }
    case 'rule':
      // Asterisks and em spaces print in either design (full-width ＊ would print Chinese into a Latin program).
      return { text: '*\u2003*\u2003*', style: 'md-rule' };
    case 'image':
      return imageToPdf(b);
  }
}

/**
 * An image at its size at 150 dpi, shrunk to fit the box (placedSize), centred; embedded
 * from memory, never from a path. The data may be a scaled-down copy; the size is the original's.
 */
function imageToPdf(b: Extract<Block, { type: 'image' }>): ImageNode {
  const placed = placedSize(b);
  const src = `data:image/${b.format};base64,${Buffer.from(b.data).toString('base64')}`;
  return { image: src, width: placed.width, height: placed.height, alignment: 'center', margin: [0, 4, 0, 6] };
}
