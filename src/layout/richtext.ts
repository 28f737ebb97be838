import type { Block, Inline } from '../model/types.js';
import { isCjk } from './text.js';
import { placedSize } from '../markdown/image-prepare.js';

type Content = Record<string, unknown>;

/** pdfmake inlines for rich text spans. */
export function inlinesToPdf(inlines: Inline[]): Content[] {
  return inlines.map((i) => {
    const out: Content = { text: i.break ? `${i.text}\n` : i.text };
    if (i.bold) out.bold = true;
    // Chinese has no italics: emphasis takes the theme's md-em style (a sans face by default).
    if (i.italic) out.style = 'md-em';
    if (i.code) out.style = 'md-code';
    if (i.href) Object.assign(out, { link: i.href, style: 'md-link' });
    return out;
  });
}

/**
 * pdfmake content for markdown blocks. Paragraphs that start in Chinese get the
 * `md-p-zh` style (first-line indent of two characters), others `md-p`; paragraphs
 * inside lists get `md-li`.
 */
export function blocksToPdf(blocks: Block[], inList = false): Content[] {
  return blocks.map((b): Content => {
    switch (b.type) {
      case 'paragraph': {
        const first = b.inlines.find((i) => i.text.trim())?.text.trim()[0];
        const style = inList ? 'md-li' : isCjk(first) ? 'md-p-zh' : 'md-p';
        return { text: inlinesToPdf(b.inlines), style };
      }
      case 'heading':
        return { text: inlinesToPdf(b.inlines), style: 'md-h' };
      case 'list': {
        const items = b.items.map((item) => ({ stack: blocksToPdf(item, true) }));
        return b.ordered ? { ol: items, start: b.start, style: 'md-list' } : { ul: items, style: 'md-list' };
      }
      case 'quote':
        return { stack: blocksToPdf(b.blocks), style: 'md-quote' };
      case 'code':
        return { text: b.text, style: 'md-code-block', preserveLeadingSpaces: true };
      case 'rule':
        return { text: '＊　＊　＊', style: 'md-rule' };
      case 'image':
        return imageToPdf(b);
    }
  });
}

/**
 * An image at its size at 150 dpi, shrunk to fit the box (placedSize), centred; embedded
 * from memory, never from a path. The data may be a scaled-down copy; the size is the original's.
 */
function imageToPdf(b: Extract<Block, { type: 'image' }>): Content {
  const placed = placedSize(b);
  const src = `data:image/${b.format};base64,${Buffer.from(b.data).toString('base64')}`;
  return { image: src, width: placed.width, height: placed.height, alignment: 'center', margin: [0, 4, 0, 6] };
}
