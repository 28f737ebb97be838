import { describe, expect, it } from 'vitest';
import { applyFontFallback } from '../src/render/fallback.js';
import { builtinFonts } from '../src/render/fonts.js';
import { renderPdf } from '../src/render/pdf.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fonts = builtinFonts();
const meta = { title: 't', author: 'a', subject: 's', keywords: 'k', language: 'zh-CN', date: new Date('2022-01-01T00:00:00Z') };
const split = (content: unknown, extra: Record<string, unknown> = {}) =>
  applyFontFallback({ defaultStyle: { font: 'serif' }, styles: { head: { font: 'sans' } }, content, ...extra }, fonts);

describe('font fallback pass over a pdfmake document', () => {
  it('leaves text the primary font covers untouched', () => {
    const { doc, missing } = split([{ text: '神经网络 Neural networks, 2022.' }]);
    expect(doc.content).toEqual([{ text: '神经网络 Neural networks, 2022.' }]);
    expect(missing.size).toBe(0);
  });

  it('moves a whole Latin phrase to the Latin font when one letter is missing, in the family of its style', () => {
    const { doc } = split([{ text: '董行思 Przemysław Kowalski（华沙）', style: 'head' }]);
    expect(doc.content[0].text).toEqual([{ text: '董行思' }, { text: ' Przemysław Kowalski', font: 'latin-sans' }, { text: '（华沙）' }]);
  });

  it('falls back word by word when no one font has the whole phrase', () => {
    const { doc } = split([{ text: 'Erdős: 𝔼 x' }]);
    expect(doc.content[0].text).toEqual([{ text: 'Erdős', font: 'latin-serif' }, { text: ': ' }, { text: '𝔼 ', font: 'math' }, { text: 'x' }]);
  });

  it('sets maths in the maths font and Extension B in the CJK fallback, inside inlines and tables', () => {
    const { doc } = split({ table: { body: [[{ text: ['见 ', { text: '𝔼 𠮷', bold: true }] }]] } });
    const cell = doc.content.table.body[0][0];
    // The bold inline becomes one bold inline per font: pdfmake drops the style of an inline on a text array inside it.
    expect(cell.text).toEqual([{ text: '见 ' }, { text: '𝔼 ', font: 'math', bold: true }, { text: '𠮷', font: 'cjk-ext', bold: true }]);
  });

  it('keeps a bold inline bold in its fallback font, as printed', async () => {
    const { doc } = split([{ text: ['见 ', { text: 'Łódź', bold: true }, ' 与 ', { text: '𠮷', bold: true, color: '#0000ff' }] }]);
    const bytes = await renderPdf(doc, meta, fonts);
    const dir = mkdtempSync(join(tmpdir(), 'forumpress-fallback-'));
    writeFileSync(join(dir, 'bold.pdf'), bytes);
    const used = execFileSync('pdffonts', [join(dir, 'bold.pdf')], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    expect(used).toMatch(/\+NotoSerif-Bold /);
    expect(used).toMatch(/\+NotoSerifJP-Bold /);
    expect(used).not.toMatch(/\+NotoSerif-Regular /);
  });

  it('reports characters no font has, and drops invisible ones', () => {
    const { doc, missing } = split(['a\u200bb𓀀']);
    expect([...missing.keys()]).toEqual(['𓀀']);
    expect(JSON.stringify(doc.content)).not.toContain('\u200b');
  });

  it('also splits the running footer, which pdfmake asks for page by page', () => {
    const { doc } = split([], { footer: (page: number) => ({ text: `Łódź ${page}` }) });
    expect(doc.footer(3, 9)).toEqual({ text: [{ text: 'Łódź 3', font: 'latin-serif' }] });
  });
});
