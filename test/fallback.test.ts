import { describe, expect, it } from 'vitest';
import { applyFontFallback } from '../src/fonts/fallback.js';
import { builtinFonts } from '../src/fonts/fonts.js';
import { renderPdf } from '../src/pdfmake/pdf.js';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fonts = builtinFonts();
const meta = { title: 't', author: 'a', subject: 's', keywords: 'k', language: 'zh-CN', date: new Date('2022-01-01T00:00:00Z') };
const split = (content: unknown, extra: Record<string, unknown> = {}) =>
  applyFontFallback({ defaultStyle: { font: 'serif' }, styles: { head: { font: 'sans' } }, content, ...extra }, fonts);

describe('font fallback pass over a pdfmake document', () => {
  it('leaves Chinese text in the Chinese face and sets Latin text in its Latin face', () => {
    expect(split([{ text: '神经网络与记忆' }]).doc.content).toEqual([{ text: '神经网络与记忆' }]);
    const { doc, missing } = split([{ text: '神经网络 Neural networks, 2022.' }]);
    expect(doc.content[0].text).toEqual([{ text: '神经网络 ' }, { text: 'Neural networks, 2022.', font: 'serif-latin' }]);
    expect(missing.size).toBe(0);
  });

  it('sets quotes, apostrophes and spaces by context: proportional in Latin text, full width in Chinese', () => {
    const { doc, missing } = split([{ text: 'C’est “Hello”, d\u202F: x 他说“你好”…… Ana\u3000Lee' }]);
    expect(doc.content[0].text).toEqual([{ text: 'C’est “Hello”, d\u202F: x ', font: 'serif-latin' }, { text: '他说“你好”…… ' },
      { text: 'Ana', font: 'serif-latin' }, { text: '\u3000' }, { text: 'Lee', font: 'serif-latin' }]);
    expect(missing.size).toBe(0);
  });

  it('prints an emoji and a Korean name in their fallback faces', () => {
    const { doc, missing } = split([{ text: 'Bravo 😀 김민준' }]);
    expect(doc.content[0].text).toEqual([{ text: 'Bravo ', font: 'serif-latin' }, { text: '😀', font: 'emoji' }, { text: ' ', font: 'serif-latin' }, { text: '김민준', font: 'korean' }]);
    expect(missing.size).toBe(0);
  });

  it('moves a whole Latin phrase to the Latin font when one letter is missing, in the family of its style', () => {
    const { doc } = split([{ text: '董行思 Przemysław Kowalski（华沙）', style: 'head' }]);
    expect(doc.content[0].text).toEqual([{ text: '董行思 ' }, { text: 'Przemysław Kowalski', font: 'sans-latin' }, { text: '（华沙）' }]);
  });

  it('falls back word by word when no one font has the whole phrase', () => {
    const { doc } = split([{ text: 'Erdős: 𝔼 x' }]);
    expect(doc.content[0].text).toEqual([{ text: 'Erdős: ', font: 'serif-latin' }, { text: '𝔼', font: 'math' }, { text: ' x', font: 'serif-latin' }]);
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
    expect(used).toMatch(/\+SourceSerif4-Bold /);
    expect(used).toMatch(/\+NotoSerifJP-Bold /);
    expect(used).not.toMatch(/\+SourceSerif4-Regular /);
  });

  it('reports characters no font has, and drops invisible ones', () => {
    const { doc, missing } = split(['a\u200bb𓀀']);
    expect([...missing.keys()]).toEqual(['𓀀']);
    expect(JSON.stringify(doc.content)).not.toContain('\u200b');
  });

  it('sets Arabic in the Arabic face (Noto Sans Math has its letters too, unjoined) and Hebrew in the Hebrew face', () => {
    expect(split([{ text: 'محمد عبد الله', style: 'head' }]).doc.content[0].text).toEqual([{ text: 'محمد عبد الله', font: 'arabic' }]);
    expect(split([{ text: 'דוד בן־גוריון' }]).doc.content[0].text).toEqual([{ text: 'דוד בן־גוריון', font: 'hebrew' }]);
  });

  it('keeps a grapheme cluster in one face, ZWJ emoji sequences with their joiners, marks with their letter', () => {
    const { doc, missing } = split([{ text: 'Lab 👨‍👩‍👧 🏳️‍🌈 ❤️ 👍🏽 cafe\u0301 क्षत्रिय สวัสดีครับ 中文e\u0301' }]);
    const runs = doc.content[0].text as Array<{ text: string; font?: string }>;
    expect(runs.filter((r) => r.font === 'emoji').map((r) => r.text)).toEqual(['👨‍👩‍👧', '🏳️‍🌈', '❤️', '👍🏽']);
    expect(runs.find((r) => r.text.includes('cafe\u0301'))?.font).toBe('serif-latin');
    const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });
    const whole = [...segmenter.segment(runs.map((r) => r.text).join(''))].map((s) => s.segment);
    // Every run starts and ends between clusters.
    let at = 0;
    const bounds = new Set(whole.map((g) => (at += g.length)));
    at = 0;
    for (const r of runs) expect(bounds.has((at += r.text.length))).toBe(true);
    expect(missing.size).toBe(0);
  });

  it('sets Latin italics in the Latin italic faces and Chinese italics in the sans face', async () => {
    const { doc } = split([{ text: ['正文', { text: '强调 emphasis', italics: true }, ' ', { text: '加粗 strong', italics: true, bold: true }] }]);
    const dir = mkdtempSync(join(tmpdir(), 'forumpress-fallback-'));
    writeFileSync(join(dir, 'italic.pdf'), await renderPdf(doc, meta, fonts));
    const used = execFileSync('pdffonts', [join(dir, 'italic.pdf')], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
    for (const face of ['SourceSerif4-Italic', 'SourceSerif4-BoldItalic', 'NotoSerifSC-Regular', 'NotoSansSC-Regular', 'NotoSansSC-Bold']) expect(used).toContain(`+${face} `);
  });

  it('also splits the running footer, which pdfmake asks for page by page', () => {
    const { doc } = split([], { footer: (page: number) => ({ text: `Łódź ${page}` }) });
    expect(doc.footer(3, 9)).toEqual({ text: [{ text: 'Łódź 3', font: 'serif-latin' }] });
  });
});
