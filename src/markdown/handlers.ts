import type { Nodes, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Block, Inline, TextOrigin } from '../model/types.js';
import type { Diagnostics } from '../diagnostics.js';

/** Deepest nesting of lists and quotes we lay out; deeper content is flattened. */
export const MAX_NESTING = 6;
import type { FileSource } from '../io.js';
import { imageBlock, isLoneImage } from './image-handler.js';
import type { ImageBudget } from './image-prepare.js';

/** Shared by every handler while one markdown body is converted. */
export interface MarkdownState {
  file: string;
  lineOffset: number;
  diags: Diagnostics;
  depth: number;
  /** How deep emphasis, strong and links are nested at the inline being converted. */
  inlineDepth: number;
  /** Where images are read from; without it, images are not placed. */
  images?: ImageSource;
  blocks(nodes: RootContent[]): Block[];
  inlines(nodes: PhrasingContent[], marks: Omit<Inline, 'text'>): Inline[];
  /** Where the characters of a node's value stand in the file (for the lost-content check's messages). */
  origins(node: Nodes): TextOrigin[] | undefined;
}

/** The inline or block with its value's origins, when known. */
function traced<T extends object>(value: T, origins: TextOrigin[] | undefined): T {
  return origins ? { ...value, origins } : value;
}

/** The content folder and the folder (inside it) of the markdown file, for resolving image paths. */
export interface ImageSource {
  files: FileSource;
  dir: string;
  /** What this build's images have used of the decode and embed budgets (shared by every file of a build). */
  budget?: ImageBudget;
}

type BlockHandler = (node: any, state: MarkdownState) => Block[];
type InlineHandler = (node: any, marks: Omit<Inline, 'text'>, state: MarkdownState) => Inline[];

/** Warns that a node is printed as plain text, at its line. */
export function warnDegraded(node: Nodes, state: MarkdownState, what: string, hint: string): void {
  const p = node.position?.start;
  state.diags.warn(
    'markdown-unsupported',
    { file: state.file, line: (p?.line ?? 1) + state.lineOffset, column: p?.column ?? 1 },
    `${what} cannot be shown in the booklet; it is printed as plain text`,
    hint,
  );
}

function nested(state: MarkdownState, node: Nodes, run: () => Block[]): Block[] {
  if (state.depth >= MAX_NESTING) {
    warnDegraded(node, state, 'Nesting deeper than 6 levels', 'flatten the list or quote');
    return [{ type: 'paragraph', inlines: [{ text: toString(node) }] }];
  }
  state.depth++;
  try {
    return run();
  } finally {
    state.depth--;
  }
}

/** One handler per mdast block type; `unknown` catches the rest. */
export const blockHandlers: Record<string, BlockHandler> = {
  paragraph: (node, state) =>
    isLoneImage(node) && state.images ? imageBlock(node, state) : [{ type: 'paragraph', inlines: state.inlines(node.children, {}) }],
  heading: (node, state) => [{ type: 'heading', depth: node.depth, inlines: state.inlines(node.children, {}) }],
  thematicBreak: () => [{ type: 'rule' }],
  blockquote: (node, state) => nested(state, node, () => [{ type: 'quote', blocks: state.blocks(node.children) }]),
  list: (node, state) =>
    nested(state, node, () => [
      {
        type: 'list',
        ordered: !!node.ordered,
        start: node.start ?? 1,
        items: node.children.map((item: { children: RootContent[] }) => state.blocks(item.children)),
      },
    ]),
  code: (node, state) => [traced({ type: 'code' as const, text: node.value as string }, state.origins(node))],
  definition: () => [],
  html: (node, state) => {
    warnDegraded(node, state, 'Raw HTML', 'write plain markdown instead of HTML tags');
    return [{ type: 'paragraph', inlines: [traced({ text: node.value as string }, state.origins(node))] }];
  },
  table: (node, state) => {
    warnDegraded(node, state, 'A table', 'describe the content in paragraphs or a list');
    const rows = node.children.map((row: Nodes) => ({ type: 'paragraph', inlines: [{ text: cellsText(row) }] }));
    return rows as Block[];
  },
  unknown: (node, state) => {
    warnDegraded(node, state, `Markdown "${node.type}"`, 'use paragraphs, lists, emphasis and links');
    const text = toString(node);
    return text ? [{ type: 'paragraph', inlines: [{ text }] }] : [];
  },
};

function cellsText(row: Nodes): string {
  return 'children' in row ? row.children.map((c) => toString(c)).join(' | ') : '';
}

/** One handler per mdast inline type; `unknown` catches the rest. */
export const inlineHandlers: Record<string, InlineHandler> = {
  text: (node, marks, state) => [traced({ ...marks, text: node.value as string }, state.origins(node))],
  emphasis: (node, marks, state) => state.inlines(node.children, { ...marks, italic: true }),
  strong: (node, marks, state) => state.inlines(node.children, { ...marks, bold: true }),
  delete: (node, marks, state) => state.inlines(node.children, marks),
  inlineCode: (node, marks, state) => [traced({ ...marks, code: true, text: node.value as string }, state.origins(node))],
  break: (_node, marks) => [{ ...marks, text: '', break: true }],
  link: (node, marks, state) => state.inlines(node.children, { ...marks, href: linkTarget(node, state) }),
  linkReference: (node, marks, state) => state.inlines(node.children, marks),
  html: (node, marks, state) => {
    warnDegraded(node, state, 'Raw HTML', 'write plain markdown instead of HTML tags');
    return [traced({ ...marks, text: node.value as string }, state.origins(node))];
  },
  image: (node, marks, state) => {
    warnDegraded(node, state, 'An image inside a line of text', 'put the image on a line of its own, with empty lines around it');
    return node.alt ? [{ ...marks, text: node.alt }] : [];
  },
  unknown: (node, marks, state) => {
    warnDegraded(node, state, `Markdown "${node.type}"`, 'use emphasis, strong, links and inline code');
    return [{ ...marks, text: toString(node) }];
  },
};

/** Longest link address made a PDF link: browsers and servers stop near 2,000-8,000 characters. */
export const MAX_HREF = 2_000;

/**
 * Only web and mail links become PDF links; anything else (javascript:, file:, #) stays text.
 * pdfmake writes a link's address into every line the link's text takes: a 30,000-character
 * address over 600 lines wrote 15 MB, so an address past MAX_HREF stays text, with a warning.
 */
function linkTarget(node: { url: string } & Nodes, state: MarkdownState): string | undefined {
  if (!/^(https?:|mailto:)/i.test(node.url)) return undefined;
  if (node.url.length <= MAX_HREF) return node.url;
  const p = node.position?.start;
  state.diags.warn('markdown-unsupported', { file: state.file, line: (p?.line ?? 1) + state.lineOffset, column: p?.column ?? 1 },
    `a link address of ${node.url.length} characters is printed as text, not made a link`,
    `link addresses are at most ${MAX_HREF} characters; use a short address`);
  return undefined;
}
