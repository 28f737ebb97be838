import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import { toMdast } from 'hast-util-to-mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { toMarkdown } from 'mdast-util-to-markdown';
import type { Nodes, Parent, Root } from 'mdast';

/** Tags that mark a body as HTML (frab and some generators) rather than markdown-ish text (pretalx). */
const HTML = /<\/?(p|br|a|ul|ol|li|em|strong|b|i|u|h[1-6]|div|span|code|pre|blockquote|table|tr|td|img)\b[^>]*>/i;

/** Emoji and pictographs (no font we embed has them); plain symbols such as © ® ™ are not touched. */
const EMOJI = /(?:\p{Emoji_Presentation}|[\u{1F000}-\u{1FAFF}]|\p{Extended_Pictographic}\uFE0F)(?:[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u20E3|\u200D(?:\p{Extended_Pictographic}|\p{Emoji_Presentation})\uFE0F?)*/gu;

/** Removes emoji; returns the text and how many were removed. */
export function stripEmoji(text: string): { text: string; removed: number } {
  let removed = 0;
  const out = text.replace(EMOJI, () => {
    removed++;
    return '';
  }).replace(/[\uFE0F\u200D]/g, '');
  return { text: removed ? out.replace(/[ \t]{2,}/g, ' ').trim() : out, removed };
}

/** One line of plain text: line breaks and control characters become spaces. */
export function plainLine(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** True when an export's body is HTML. */
export function isHtml(text: string): boolean {
  return HTML.test(text);
}

/**
 * An export's abstract or description as markdown: HTML is converted (rehype-parse,
 * hast-util-to-mdast), markdown-ish text is parsed; images become their text (the build
 * never fetches URLs) and raw HTML left in markdown is dropped to its text.
 */
export function bodyToMarkdown(text: string): string {
  const clean = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').trim();
  if (!clean) return '';
  const tree: Root = isHtml(clean)
    ? (toMdast(unified().use(rehypeParse, { fragment: true }).parse(clean)) as Root)
    : fromMarkdown(clean);
  sanitize(tree);
  return toMarkdown(tree, { bullet: '-', emphasis: '*', strong: '*', rule: '-', fences: true }).trim();
}

/** Replaces nodes the content format does not take (images, raw HTML, definitions) by plain text. */
function sanitize(node: Nodes): void {
  if (!('children' in node)) return;
  const parent = node as Parent;
  parent.children = parent.children.flatMap((child): Nodes[] => {
    if (child.type === 'image') return child.alt ? [{ type: 'text', value: child.alt }] : [];
    if (child.type === 'imageReference') return child.alt ? [{ type: 'text', value: child.alt }] : [];
    if (child.type === 'html') {
      const value = child.value.replace(/<[^>]*>/g, '').trim();
      return value ? [{ type: 'text', value }] : [];
    }
    if (child.type === 'definition' || child.type === 'footnoteDefinition') return [];
    sanitize(child);
    return [child];
  }) as Parent['children'];
}
