import { describe, expect, it } from 'vitest';
import { memorySource } from '../../src/io.js';
import { Diagnostics } from '../../src/diagnostics.js';
import { loadTemplates } from '../../src/layout/templates.js';
import { loadTheme } from '../../src/layout/theme.js';
import { composeDocument } from '../../src/layout/document.js';
import { markdownToBlocks } from '../../src/markdown/index.js';
import { toDocDefinition } from '../../src/pdfmake/from-tree.js';
import type { Node, StackNode, TextNode } from '../../src/layout/tree.js';

// A booklet template: a paragraph written on line 3, a partial's stack, and a talk's markdown.
const TEMPLATE = '<document>\n  {{#each items}}\n    <p style="x">{{this}}</p>\n  {{/each}}\n  {{> box}}\n  <stack>{{markdown body}}</stack>\n</document>\n';
const PARTIAL = '\n\n  <stack margin="1"><p>boxed</p></stack>\n';

function compose() {
  const diags = new Diagnostics();
  const source = memorySource({ 'booklet/t.hbs': TEMPLATE, 'partials/box.hbs': PARTIAL, 'theme.yaml': 'styles:\n  x: { bold: true }\n' }, 'templates');
  const templates = loadTemplates(source, loadTheme(source, diags), diags);
  const body = markdownToBlocks('First *line*.\n\nSecond paragraph.', 'content/abstracts/a.md', 6, diags);
  const doc = composeDocument(templates, 'booklet/t.hbs', { items: ['one', 'two'], body });
  expect(diags.list).toEqual([]);
  return doc;
}

describe('the document tree knows where its nodes came from', () => {
  it('a block written by a template: its template file, line and column, through loops and partials', () => {
    const [one, two, box] = compose().content as [TextNode, TextNode, StackNode];
    expect(one).toMatchObject({ text: 'one', style: ['x'], src: { file: 'templates/booklet/t.hbs', line: 3, column: 5 } });
    expect(two.src).toEqual(one.src);
    expect(box.src).toEqual({ file: 'templates/partials/box.hbs', line: 3, column: 3 });
    expect((box.stack[0] as TextNode).src).toEqual({ file: 'templates/partials/box.hbs', line: 3, column: 21 });
  });

  it('a paragraph of markdown: the line it starts on in the talk, not the template that places it', () => {
    const talk = compose().content[3] as StackNode;
    expect(talk.src).toEqual({ file: 'templates/booklet/t.hbs', line: 6, column: 3 });
    expect(talk.stack.map((n: Node) => n.src)).toEqual([
      { file: 'content/abstracts/a.md', line: 7, column: 1 },
      { file: 'content/abstracts/a.md', line: 9, column: 1 },
    ]);
  });

  it('the pdfmake adapter drops the positions, and the markup never shows them; a markdown run keeps its trace', () => {
    const definition = toDocDefinition(compose());
    // A trace rides into pdfmake's inlines untouched, for the lost-content check to read back (src/check/lost-text.ts).
    expect(JSON.stringify(definition, (key, value) => (key === 'trace' ? undefined : value))).not.toMatch(/"src"|data-fp-at|abstracts/);
    expect(JSON.stringify(definition)).toContain('"trace":{"file":"content/abstracts/a.md","origins":[{"at":0,"line":7,"column":8}]}');
    expect((definition.content as unknown[])[0]).toEqual({ style: ['x'], text: 'one' });
  });
});
