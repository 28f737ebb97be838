import type { Block } from '../model/types.js';
import { lineOrigins } from './origins.js';

/** Characters that can start markdown syntax anywhere in a line (CommonMark, as remark-parse reads it). */
const SYNTAX = /[\\`*_[\]<>&\t\r]/;
/** Line starts that open a block other than a paragraph, or change the one before it. */
const BLOCK_START = /^(?:[#>+=~ -]|-|\d{1,9}[.)])/;

/**
 * The blocks of a body that is only plain paragraphs, or undefined when it holds anything
 * markdown could read otherwise. Most abstracts are plain prose, and the full parser
 * (micromark) took ~2 ms for each; this gives the same blocks (test/markdown-plain.test.ts
 * checks it against the parser) in a few microseconds and leaves the rest to the parser.
 */
export function plainParagraphs(source: string, file = '', lineOffset = 0): Block[] | undefined {
  if (SYNTAX.test(source)) return undefined;
  const blocks: Block[] = [];
  let lines: string[] = [];
  let first = 0;
  const flush = () => {
    if (lines.length) {
      const text = lines.join('\n');
      blocks.push({ type: 'paragraph', inlines: [{ text, origins: lineOrigins(text, first + 1 + lineOffset, 1) }], at: { file, line: first + 1 + lineOffset, column: 1 } });
    }
    lines = [];
  };
  for (const [i, line] of source.split('\n').entries()) {
    if (line === '') {
      flush();
      continue;
    }
    if (BLOCK_START.test(line) || line.endsWith(' ')) return undefined;
    if (!lines.length) first = i;
    lines.push(line);
  }
  flush();
  return blocks;
}
