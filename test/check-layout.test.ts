import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build } from '../src/build.js';
import { memorySource } from '../src/io.js';
import { realContentFiles, realSources } from './helpers/build.js';

const require = createRequire(import.meta.url);
const Renderer = require('pdfmake/js/Renderer.js').default;
const PDFDocument = require('pdfkit');

/**
 * `forumpress check` learns page numbers from pdfmake's layout pass alone (pdfmake/pdf.ts's
 * layOutPdf): no page is drawn and no PDF is written, yet it warns of what runs over, as a build does.
 */
let drawn = 0;
let ended = 0;
const original = { renderPages: Renderer.prototype.renderPages, end: PDFDocument.prototype.end };
beforeEach(() => {
  drawn = 0;
  ended = 0;
  Renderer.prototype.renderPages = function (this: unknown, pages: unknown[]) {
    drawn += pages.length;
    return original.renderPages.call(this, pages);
  };
  PDFDocument.prototype.end = function (this: unknown) {
    ended++;
    return original.end.call(this);
  };
});
afterEach(() => Object.assign(Renderer.prototype, { renderPages: original.renderPages }) && Object.assign(PDFDocument.prototype, { end: original.end }));

const check = (files: Record<string, string>, outputs?: string[]) =>
  build({ content: memorySource({ ...realContentFiles(), ...files }, 'content'), templates: realSources().templates, checkOnly: true, layout: true, outputs });

describe('check lays documents out without drawing them', () => {
  it('checks the whole forum drawing no page and ending no PDF', async () => {
    const result = await check({});
    expect(result.diagnostics).toEqual([]);
    expect(result.outputs.size).toBe(0);
    expect([drawn, ended]).toEqual([0, 0]);
  });

  it('warns of a tent face that spills over as the build does, which draws and ends its PDF', async () => {
    const files = { 'tents.yaml': `tables:\n  - title: 闭幕式\n    people: [钱二宝, ${'长'.repeat(200)}]\n` };
    const built = await build({ content: memorySource({ ...realContentFiles(), ...files }, 'content'), templates: realSources().templates, outputs: ['tents.pdf'] });
    expect(drawn).toBeGreaterThan(0);
    expect(ended).toBeGreaterThan(0);
    [drawn, ended] = [0, 0];
    const result = await check(files, ['tents.pdf']);
    expect(result.diagnostics.map((d) => `${d.file}: ${d.rule}: ${d.message}`)).toEqual([
      'templates/tents/tents.hbs: page-overflow: tents.pdf: tent 2 fills 4 half sheets instead of 2, so it and the tents after it are misfolded',
      `templates/tents/tents.hbs: placed-overlap: in tents.pdf, the text that flows down the page ("${'长'.repeat(11)}") runs into the block this <place> puts there, on page 8: they print over each other`]);
    expect(result.diagnostics).toEqual(built.diagnostics);
    expect([drawn, ended]).toEqual([0, 0]);
  });

  it('warns of a sign that runs onto another page, counting laid-out pages (test/signs.test.ts)', async () => {
    const abstract = `---\ntitle: ${'An extraordinarily long title about working memory '.repeat(12).trim()}\nspeakers:\n  - name: 谢禹\n    affiliation: MIT\n---\n`;
    const result = await check({ 'abstracts/xie-yu.md': abstract }, ['signs.pdf']);
    const warning = result.diagnostics.find((d) => d.rule === 'page-overflow');
    expect(warning).toMatchObject({ severity: 'warning', file: 'templates/signs/signs.hbs' });
    expect(warning!.message).toContain('instead of 10');
    expect([drawn, ended]).toEqual([0, 0]);
  });
});
