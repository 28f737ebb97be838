import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { ROOT } from './helpers/build.js';
import { plainParagraphs } from '../src/markdown/plain.js';
import { markdownToBlocks } from '../src/markdown/index.js';
import { splitFrontMatter } from '../src/load/frontmatter.js';
import { Diagnostics } from '../src/diagnostics.js';

// The full path: what markdownToBlocks gives when the shortcut declines (forced by a trailing
// `*` that is removed from the parse tree's last text again, so nothing else changes).
function parsed(source: string) {
  const diags = new Diagnostics();
  const blocks = markdownToBlocks(`${source}\n\n\\*`, 'x.md', 0, diags);
  const last = blocks.pop() as { inlines: Array<{ text: string }> };
  expect(last.inlines.map((i) => i.text).join('')).toBe('*');
  return blocks;
}

const bodies = [
  readFileSync(join(ROOT, 'content', 'introduction.md'), 'utf8'),
  ...readdirSync(join(ROOT, 'content', 'abstracts')).map((f) => splitFrontMatter(readFileSync(join(ROOT, 'content', 'abstracts', f), 'utf8')).body),
];

describe('the plain-paragraph shortcut', () => {
  it('gives the parser\'s blocks for every real abstract it takes, and takes most', () => {
    let taken = 0;
    for (const body of bodies) {
      const plain = plainParagraphs(body, 'x.md');
      if (!plain) continue;
      taken++;
      expect(plain).toEqual(parsed(body));
    }
    expect(taken).toBeGreaterThan(bodies.length / 2);
  });

  it('gives the parser\'s blocks for prose in two languages, soft line breaks and blank lines', () => {
    for (const body of ['第一段。\n第二行，line two.\n\n\nSecond paragraph (with 括号) 100% sure.\n', '', '\n\n', 'One line', '中文 — 破折号、顿号；“引号”。'])
      expect(plainParagraphs(body, 'x.md'), JSON.stringify(body)).toEqual(parsed(body));
  });

  it('declines anything markdown reads otherwise', () => {
    const syntax = ['*em*', '_em_', '`code`', '[link](https://x.org)', '<b>', 'a &amp; b', 'line  \nbreak', '# heading', '> quote',
      '- item', '+ item', '1. item', '2) item', 'text\n===', 'text\n---', '    code', '\tcode', 'a\\b', '~~~\nfence\n~~~', ' lead'];
    for (const body of syntax) expect(plainParagraphs(body), body).toBeUndefined();
  });
});
