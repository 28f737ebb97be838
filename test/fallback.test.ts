import { describe, expect, it } from 'vitest';
import { applyFontFallback } from '../src/render/fallback.js';
import { builtinFonts } from '../src/render/fonts.js';

const fonts = builtinFonts();
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
    expect(cell.text[0]).toEqual({ text: '见 ' });
    expect(cell.text[1].text).toEqual([{ text: '𝔼 ', font: 'math' }, { text: '𠮷', font: 'cjk-ext' }]);
    expect(cell.text[1].bold).toBe(true);
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
