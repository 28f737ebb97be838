import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Root, RootContent, PhrasingContent } from 'mdast';
import type { Block, Inline } from '../model/types.js';
import { lineStarts, type Diagnostics } from '../diagnostics.js';
import { blockHandlers, inlineHandlers, MAX_NESTING, type ImageSource, type MarkdownState } from './handlers.js';

export { MAX_NESTING };
import { plainParagraphs } from './plain.js';
import { boundEmphasis } from './emphasis-bound.js';
import { boundedInlines } from './inline-depth.js';
import { joinOrigins, valueOrigins } from './origins.js';

const parser = unified().use(remarkParse);

/**
 * Turns a markdown body into blocks. Anything the booklet cannot show (tables,
 * images, raw HTML...) is kept as plain text with a warning at its line.
 */
export function markdownToBlocks(source: string, file: string, lineOffset: number, diags: Diagnostics, images?: ImageSource): Block[] {
  const plain = plainParagraphs(source, file, lineOffset);
  if (plain) return plain;
  const parsed = boundEmphasis(boundNesting(source, file, lineOffset, diags), file, lineOffset, diags);
  const tree = parser.parse(parsed) as Root;
  let starts: number[] | undefined;
  const state: MarkdownState = {
    file,
    lineOffset,
    diags,
    images,
    depth: 0,
    inlineDepth: 0,
    blocks: (nodes) => convertBlocks(nodes, state),
    inlines: (nodes, marks) => boundedInlines(nodes, marks, state, () => convertInlines(nodes, marks, state)),
    origins: (node) => {
      const at = node.position;
      if (!at || at.start.offset === undefined || at.end.offset === undefined || !('value' in node)) return undefined;
      let from = at.start.offset;
      // A fenced code block's value starts on the line after its fence (whose info string is not printed).
      if (node.type === 'code' && /[`~]/.test(parsed[from] ?? '')) from = parsed.indexOf('\n', from) + 1 || at.end.offset;
      return valueOrigins(String(node.value), parsed, from, at.end.offset, (starts ??= lineStarts(parsed)), lineOffset);
    },
  };
  return convertBlocks(tree.children, state);
}

/** Longest run of indentation and list/quote markers at a line's start that is parsed as nesting. */
const MAX_PREFIX = 48;
const PREFIX = /^(?:[ \t]|>|[-*+][ \t]|\d{1,9}[.)][ \t])+/;

/**
 * The markdown parser takes time that grows much faster than the input on lists or
 * quotes nested hundreds deep; such prefixes are cut to MAX_PREFIX first (the booklet
 * flattens anything past MAX_NESTING anyway), with one warning.
 */
function boundNesting(source: string, file: string, lineOffset: number, diags: Diagnostics): string {
  let first = -1;
  const lines = source.split('\n').map((line, i) => {
    const prefix = PREFIX.exec(line)?.[0] ?? '';
    if (prefix.length <= MAX_PREFIX) return line;
    if (first < 0) first = i;
    return line.slice(0, MAX_PREFIX).trimEnd() + ' ' + line.slice(prefix.length);
  });
  if (first < 0) return source;
  diags.warn('markdown-nesting', { file, line: first + 1 + lineOffset, column: 1 },
    'lists or quotes are nested far too deep here; the nesting is cut',
    `nest lists at most ${MAX_NESTING} levels deep`);
  return lines.join('\n');
}

function convertBlocks(nodes: RootContent[], state: MarkdownState): Block[] {
  const out: Block[] = [];
  for (const node of nodes) {
    const handler = (Object.hasOwn(blockHandlers, node.type) ? blockHandlers[node.type] : undefined) ?? blockHandlers.unknown;
    const start = node.position?.start;
    for (const block of handler(node, state)) {
      // A block keeps where it starts in the file, for diagnostics about what it prints (a missing glyph).
      if (start && !block.at) block.at = { file: state.file, line: start.line + state.lineOffset, column: start.column };
      out.push(block);
    }
  }
  return out;
}

function convertInlines(nodes: PhrasingContent[], marks: Omit<Inline, 'text'>, state: MarkdownState): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    const handler = (Object.hasOwn(inlineHandlers, node.type) ? inlineHandlers[node.type] : undefined) ?? inlineHandlers.unknown;
    out.push(...handler(node, marks, state));
  }
  return mergeAdjacent(out);
}

function mergeAdjacent(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const inline of inlines) {
    const last = out[out.length - 1];
    if (last && !last.break && sameMarks(last, inline)) {
      const origins = joinOrigins(last.origins, last.text.length, inline.origins);
      last.text += inline.text;
      if (origins) last.origins = origins;
    } else out.push({ ...inline });
  }
  return out;
}

function sameMarks(a: Inline, b: Inline): boolean {
  return !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.code === !!b.code && a.href === b.href;
}

/** Plain text of blocks, for checks and search (paragraphs separated by newlines). */
export function blocksToText(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'paragraph':
        case 'heading':
          return b.inlines.map((i) => i.text).join('');
        case 'list':
          return b.items.map((item) => blocksToText(item)).join('\n');
        case 'quote':
          return blocksToText(b.blocks);
        case 'code':
          return b.text;
        case 'rule':
          return '';
        case 'image':
          return b.alt;
      }
    })
    .join('\n');
}
