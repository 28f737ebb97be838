import { describe, expect, it } from 'vitest';
import { markdownToBlocks, blocksToText } from '../../src/markdown/index.js';
import { Diagnostics } from '../../src/diagnostics.js';

function convert(md: string, lineOffset = 0) {
  const diags = new Diagnostics();
  return { blocks: markdownToBlocks(md, 'a.md', lineOffset, diags), diags: diags.list };
}

describe('markdownToBlocks', () => {
  it('keeps paragraphs, emphasis, strong, inline code and links', () => {
    const { blocks, diags } = convert('One *two* **three** `four` [five](https://example.org).\n\nSecond.');
    expect(diags).toEqual([]);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toEqual({
      type: 'paragraph',
      inlines: [
        { text: 'One ' }, { text: 'two', italic: true }, { text: ' ' }, { text: 'three', bold: true }, { text: ' ' },
        { text: 'four', code: true }, { text: ' ' }, { text: 'five', href: 'https://example.org' }, { text: '.' },
      ],
      at: { file: 'a.md', line: 1, column: 1 },
    });
    expect(blocks[1].at).toEqual({ file: 'a.md', line: 3, column: 1 });
  });

  it('keeps lists, ordered ones with their start number', () => {
    const { blocks } = convert('3. a\n4. b\n\n- x\n  - y');
    expect(blocks[0]).toMatchObject({ type: 'list', ordered: true, start: 3 });
    expect(blocksToText(blocks)).toBe('a\nb\nx\ny');
  });

  it('never turns a javascript:, file: or relative link into a PDF link', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', '../secret', '#']) {
      const { blocks } = convert(`[x](${url})`);
      expect(blocks[0]).toEqual({ type: 'paragraph', inlines: [{ text: 'x' }], at: { file: 'a.md', line: 1, column: 1 } });
    }
  });

  it('prints raw HTML as text with a warning at its line in the file', () => {
    const { blocks, diags } = convert('Text\n\n<script>alert(1)</script>\n', 6);
    expect(blocksToText(blocks)).toContain('<script>alert(1)</script>');
    expect(diags[0]).toMatchObject({ severity: 'warning', rule: 'markdown-unsupported', line: 9, column: 1 });
  });

  it('keeps a table as its text, and an image as its description with a warning', () => {
    const { blocks, diags } = convert('| a | b |\n|---|---|\n| 1 | 2 |\n\n![a chart](chart.png)');
    expect(blocksToText(blocks)).toContain('| a | b |');
    expect(blocksToText(blocks)).toContain('a chart');
    expect(diags.map((d) => `${d.line} ${d.rule}`)).toEqual(['5 markdown-unsupported']);
  });

  it('flattens lists nested deeper than six levels', () => {
    const md = Array.from({ length: 12 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    const { blocks, diags } = convert(md);
    expect(blocksToText(blocks)).toContain('level 11');
    expect(diags.some((d) => d.message.includes('Nesting'))).toBe(true);
  });
});
