import Handlebars from 'handlebars';
import type { Block, Inline } from '../model/types.js';

/** Text as HTML text or attribute value, escaped by the function the templates escape with (& < > " ' ` =). */
export function escapeHtml(text: string): string {
  return Handlebars.Utils.escapeExpression(text);
}

/** A link target is made a link only when it is a web address; anything else (javascript:, file:) stays text. */
const WEB = /^https?:\/\/[^\s]+$/i;

/** One handler per block type, as markdown/handlers.ts turns mdast into blocks. */
const handlers: { [T in Block['type']]: (block: Extract<Block, { type: T }>) => string } = {
  paragraph: (b) => `<p>${inlines(b.inlines)}</p>`,
  // An abstract's headings sit under the talk's own heading (h3): # becomes h4.
  heading: (b) => `<h${Math.min(6, b.depth + 3)}>${inlines(b.inlines)}</h${Math.min(6, b.depth + 3)}>`,
  list: (b) => {
    const tag = b.ordered ? 'ol' : 'ul';
    const start = b.ordered && b.start !== 1 ? ` start="${b.start}"` : '';
    return `<${tag}${start}>${b.items.map((item) => `<li>${blocksToHtml(item)}</li>`).join('')}</${tag}>`;
  },
  quote: (b) => `<blockquote>${blocksToHtml(b.blocks)}</blockquote>`,
  code: (b) => `<pre><code>${escapeHtml(b.text)}</code></pre>`,
  rule: () => '<hr>',
  image: (b) => `<img src="data:image/${b.format};base64,${Buffer.from(b.data).toString('base64')}" alt="${escapeHtml(b.alt)}" width="${b.width}" height="${b.height}">`,
};

/** Rich-text blocks (from src/markdown) as HTML; every text is escaped, and only http(s) links become links. */
export function blocksToHtml(blocks: Block[]): string {
  return blocks.map((b) => (Object.hasOwn(handlers, b.type) ? (handlers[b.type] as (x: Block) => string)(b) : '')).join('');
}

function inlines(list: Inline[]): string {
  return list.map((i) => {
    let html = escapeHtml(i.text);
    if (i.code) html = `<code>${html}</code>`;
    if (i.bold) html = `<strong>${html}</strong>`;
    if (i.italic) html = `<em>${html}</em>`;
    if (i.href && WEB.test(i.href)) html = `<a href="${escapeHtml(i.href)}" rel="noopener">${html}</a>`;
    return i.break ? `${html}<br>` : html;
  }).join('');
}
