import { describe, expect, it } from 'vitest';
import { blocksToHtml } from '../../src/share/blocks-html.js';
import { blocksToText } from '../../src/share/blocks-text.js';
import type { Block } from '../../src/model/types.js';

const blocks: Block[] = [
  { type: 'heading', depth: 1, inlines: [{ text: 'A <heading>' }] },
  { type: 'paragraph', inlines: [{ text: 'bold', bold: true }, { text: ' & ' }, { text: 'x', italic: true, code: true, break: true }, { text: 'site', href: 'HTTPS://example.org/?a=1' }, { text: ' mail', href: 'mailto:a@b.c' }, { text: ' js', href: 'javascript:alert(1)' }] },
  { type: 'list', ordered: true, start: 3, items: [[{ type: 'paragraph', inlines: [{ text: 'three' }] }], [{ type: 'paragraph', inlines: [{ text: 'four' }] }]] },
  { type: 'quote', blocks: [{ type: 'code', text: 'if (a < b) {}' }] },
  { type: 'rule' },
  { type: 'image', path: 'abstracts/x.png', alt: 'a "figure"', format: 'png', width: 2, height: 1, data: new Uint8Array([137, 80, 78, 71]) },
  { type: 'unknown' } as unknown as Block,
];

describe('rich text for the web page and the calendar', () => {
  it('writes each block type as HTML, escaped, with links only for http(s) and images inline', () => {
    expect(blocksToHtml(blocks)).toBe([
      '<h4>A &lt;heading&gt;</h4>',
      '<p><strong>bold</strong> &amp; <em><code>x</code></em><br><a href="HTTPS://example.org/?a&#x3D;1" rel="noopener">site</a> mail js</p>',
      '<ol start="3"><li><p>three</p></li><li><p>four</p></li></ol>',
      '<blockquote><pre><code>if (a &lt; b) {}</code></pre></blockquote>',
      '<hr>',
      '<img src="data:image/png;base64,iVBORw==" alt="a &quot;figure&quot;" width="2" height="1">',
    ].join(''));
  });

  it('writes the same blocks as plain text for calendar descriptions', () => {
    expect(blocksToText(blocks)).toBe('A <heading>\n\nbold & x\nsite (HTTPS://example.org/?a=1) mail (mailto:a@b.c) js (javascript:alert(1))\n\n3. three\n4. four\n\nif (a < b) {}\n\na "figure"');
  });
});
