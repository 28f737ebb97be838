import { describe, expect, it } from 'vitest';
import { markdownToBlocks, blocksToText } from '../../src/markdown/index.js';
import { Diagnostics } from '../../src/diagnostics.js';

/** Blocks without their characters' origins (tested on their own below). */
const withoutOrigins = <T>(value: T): T => JSON.parse(JSON.stringify(value, (key, v) => (key === 'origins' ? undefined : v)));

function convert(md: string, lineOffset = 0) {
  const diags = new Diagnostics();
  return { blocks: withoutOrigins(markdownToBlocks(md, 'a.md', lineOffset, diags)), diags: diags.list };
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

  it('knows where each character of a text stands in the file: soft breaks, escapes, emphasis, code', () => {
    const diags = new Diagnostics();
    const md = 'One \\*two* *three*\n  four `five`\n\n- item\n  next\n\n```js\ncode here\n```\n';
    const blocks = markdownToBlocks(md, 'a.md', 6, diags);
    const at = (inline: { origins?: Array<{ at: number; line: number; column: number }> }, k: number) => {
      const o = [...inline.origins!].reverse().find((x) => x.at <= k)!;
      return `${o.line}:${o.column + k - o.at}`;
    };
    const [p, list, code] = blocks as any[];
    // "One *two* " then "three" (emphasis), then "\nfour " and "five" (code).
    expect(p.inlines.map((i: { text: string }) => i.text)).toEqual(['One *two* ', 'three', '\nfour ', 'five']);
    expect(at(p.inlines[0], 4)).toBe('7:6'); // the * after the backslash
    expect(at(p.inlines[0], 5)).toBe('7:7');
    expect(at(p.inlines[1], 0)).toBe('7:13');
    expect(at(p.inlines[2], 1)).toBe('8:3'); // "four", after the continuation's indent
    expect(at(p.inlines[3], 0)).toBe('8:9');
    expect(at(list.items[0][0].inlines[0], 5)).toBe('11:3'); // "next"
    expect(code.text).toBe('code here');
    expect(at(code, 5)).toBe('14:6');
  });
});
