import type { Nodes, PhrasingContent } from 'mdast';
import type { Inline } from '../model/types.js';
import type { MarkdownState } from './handlers.js';

/** Deepest nesting of emphasis, strong and links converted as such; deeper text keeps the marks it has. */
export const MAX_INLINE_DEPTH = 32;

/**
 * Runs `convert` one level deeper, or, past MAX_INLINE_DEPTH, gives the nodes' text with the
 * marks reached so far (read without recursion), with a warning: each level costs the
 * converter a few stack frames, and the stack overflowed on 2,500 levels.
 */
export function boundedInlines(nodes: PhrasingContent[], marks: Omit<Inline, 'text'>, state: MarkdownState, convert: () => Inline[]): Inline[] {
  if (state.inlineDepth >= MAX_INLINE_DEPTH) {
    const p = nodes[0]?.position?.start;
    state.diags.warn('markdown-nesting', { file: state.file, line: (p?.line ?? 1) + state.lineOffset, column: p?.column ?? 1 },
      `emphasis and links are nested more than ${MAX_INLINE_DEPTH} levels deep here; the inner ones are printed plain`,
      'mark emphasis with one * (italic) or two ** (bold) around a few words');
    return [{ ...marks, text: plainText(nodes) }];
  }
  state.inlineDepth++;
  try {
    return convert();
  } finally {
    state.inlineDepth--;
  }
}

/** The text of nodes and everything inside them, in order, with an explicit stack. */
export function plainText(nodes: Nodes[]): string {
  let out = '';
  const stack: Nodes[] = [...nodes].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if ('value' in node && typeof node.value === 'string') out += node.value;
    else if (node.type === 'image') out += node.alt ?? '';
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return out;
}
