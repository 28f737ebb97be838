import type { Block, Inline } from '../model/types.js';

/** Rich-text blocks as plain text: paragraphs apart by a blank line, list items with a dash, images by their alt text. */
export function blocksToText(blocks: Block[]): string {
  return blocks.map(blockText).filter(Boolean).join('\n\n');
}

function inlinesText(inlines: Inline[]): string {
  return inlines.map((i) => `${i.text}${i.href && i.href !== i.text ? ` (${i.href})` : ''}${i.break ? '\n' : ''}`).join('');
}

function blockText(block: Block): string {
  switch (block.type) {
    case 'paragraph': case 'heading': return inlinesText(block.inlines);
    case 'list': return block.items.map((item, i) => `${block.ordered ? `${block.start + i}.` : '-'} ${blocksToText(item)}`).join('\n');
    case 'quote': return blocksToText(block.blocks);
    case 'code': return block.text;
    case 'image': return block.alt;
    default: return '';
  }
}
