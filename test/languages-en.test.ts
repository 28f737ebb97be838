import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../src/build.js';
import { buildLanguageFixture, CJK, expectNoBoxes, inspectOutputs, LANGUAGE_OUTPUTS as OUTPUTS, textOutputs } from './helpers/languages.js';
import { extractPages, squash } from './helpers/pdf.js';
import { tempFile } from './helpers/tools.js';
import { execFileSync } from 'node:child_process';

/** pdftotext's words with their left edge, in the order it found them (visual order within a line). */
function words(bytes: Uint8Array): Array<{ x: number; y: number; text: string }> {
  const xml = execFileSync('pdftotext', ['-bbox', tempFile(bytes), '-'], { encoding: 'utf8' });
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3] }));
}

/** pdftotext's lines of a page: its words grouped by their top edge, with the line's left and right ends. */
function lineBoxes(bytes: Uint8Array, page: number): Array<{ words: string[]; left: number; right: number }> {
  const xml = execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-bbox', tempFile(bytes), '-'], { encoding: 'utf8' });
  const rows = new Map<number, { words: string[]; left: number; right: number }>();
  for (const m of xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)) {
    const y = Math.round(Number(m[2]));
    const row = rows.get(y) ?? { words: [], left: Infinity, right: -Infinity };
    row.words.push(m[4]);
    row.left = Math.min(row.left, Number(m[1]));
    row.right = Math.max(row.right, Number(m[3]));
    rows.set(y, row);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
}

/** A word's letters in any order: an Arabic ligature's text (لا) is in logical order inside a word drawn right to left. */
const letters = (word: string) => [...word].sort().join('');

/** True when the words of a right-to-left phrase are drawn right to left: the first word rightmost. */
function drawnRightToLeft(all: ReturnType<typeof words>, phrase: string): boolean {
  const parts = phrase.split(' ').map((w) => all.find((d) => letters(d.text) === letters(w)));
  if (parts.some((p) => !p)) return false;
  return parts.every((p, i) => i === 0 || (p!.x < parts[i - 1]!.x && Math.abs(p!.y - parts[i - 1]!.y) < 2));
}

let en: BuildResult;
let enOut: Awaited<ReturnType<typeof inspectOutputs>>;

beforeAll(async () => {
  en = await buildLanguageFixture('en');
  enOut = await inspectOutputs(en);
});

describe('an English workshop (test/fixtures/lang-en)', () => {
  it('builds every output without an error, emoji and Korean, Greek, Devanagari and Vietnamese names included', () => {
    expect(en.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect([...en.outputs.keys()]).toEqual(expect.arrayContaining(OUTPUTS));
  });

  it('draws no empty box in any output', () => {
    expectNoBoxes(enOut, 200);
  });

  it('prints in English, with no Chinese word forumpress would add', () => {
    const text = enOut.get('program.pdf')!.text;
    for (const word of ['Introduction', 'Contents', 'Program', 'Abstracts', 'Speakers', 'Chair', 'Day 1', 'Thursday, June 13, 2024',
      'Keynote', 'Workshop', '(No abstract.)', 'Organizing', 'The forum is supported by the Atlantic Computation Society.']) expect(text).toContain(word);
    for (const [name, o] of enOut) expect(o.text.replace(/김민준/g, '').match(CJK)?.[0] ?? null, name).toBeNull();
    for (const [name, text] of textOutputs(en)) expect(text.replace(/김민준/g, '').match(CJK)?.[0] ?? null, name).toBeNull();
    expect(enOut.get('signs.pdf')!.text).toContain('Today’s program');
  });

  it('prints each sign on one page (3 sessions, 2 days), and a certificate with no English line under its English title', async () => {
    expect((await extractPages(en.outputs.get('signs.pdf')!))).toHaveLength(5);
    expect(en.diagnostics.filter((d) => d.rule === 'page-overflow')).toEqual([]);
    const certificates = squash(enOut.get('certificates.pdf')!.text); // the title is letter-spaced
    expect(certificates).toContain('Certificateof');
    expect(certificates).not.toContain('CERTIFICATEOF');
  });

  it('prints emoji, the Korean name and a link\'s address, but not an address twice', () => {
    const text = enOut.get('program.pdf')!.text;
    for (const s of ['👋', '💻', '김민준', 'अनन्या', 'Ιωάννα', 'Nguyễn Thị Minh Khai', 'our notes (https://example.org/three-factor)', 'the organizers (wnd@example.org)']) {
      expect(squash(text)).toContain(squash(s));
    }
    expect(text.split('https://example.org/').length - 1).toBe(2);
    expect(enOut.get('badges.pdf')!.text).toContain('🧠');
  });

  it('prints Arabic and Hebrew right to left, joined, with brackets mirrored (badges, an English abstract)', () => {
    const badges = words(en.outputs.get('badges.pdf')!);
    for (const phrase of ['דוד בן־גוריון', 'אוניברסיטת תל אביב', 'محمد عبد الله']) expect(drawnRightToLeft(badges, phrase), phrase).toBe(true);
    // Within a word the first letter is rightmost; the bracket that opens "(תל אביב)" is drawn at its right end, facing left.
    expect(badges.map((w) => w.text)).toEqual(expect.arrayContaining(['ןוירוג־ןב', '(ביבא', 'לת)']));
    const program = words(en.outputs.get('program.pdf')!);
    expect(drawnRightToLeft(program, 'שלום עולם')).toBe(true);
    // pdftotext reads a correct page back in logical order.
    const text = execFileSync('pdftotext', [tempFile(en.outputs.get('badges.pdf')!), '-'], { encoding: 'utf8' }).replace(/[\u202A-\u202E]/g, '');
    // (Not جامعة: Noto Sans Arabic draws ج as the glyph of ح plus a dot, and the PDF's text map gives a glyph one character.)
    for (const phrase of ['محمد عبد الله', 'דוד בן־גוריון', 'אוניברסיטת תל אביב']) expect(text).toContain(phrase);
    const abstract = execFileSync('pdftotext', [tempFile(en.outputs.get('program.pdf')!), '-'], { encoding: 'utf8' }).replace(/[\u202A-\u202E]/g, '');
    // The Arabic phrase is broken across two lines there: each line is read right to left on its own.
    for (const phrase of ['שלום עולם', 'مرحبا', 'بالعالم']) expect(abstract).toContain(phrase);
  });

  it('starts right-to-left paragraphs at the right edge: a heading, the last lines of justified Hebrew and Arabic; their other lines flush at both edges', async () => {
    const bytes = en.outputs.get('program.pdf')!;
    const page = (await extractPages(bytes)).find((p) => p.text.includes('שאומנו'))!.number;
    const lines = lineBoxes(bytes, page);
    const english = lines.find((l) => l.words[0] === 'Recurrent')!;
    const [left, right] = [english.left, english.right];
    // The lines of one script below the Hebrew heading (not an Arabic word inside the English line above).
    const at = lines.findIndex((l) => l.words.map(letters).includes(letters('תקציר')));
    const heading = lines[at];
    const script = (re: RegExp) => lines.slice(at + 1).filter((l) => l.words.every((w) => re.test(w) || /^\p{P}+$/u.test(w)));
    const [hebrew, arabic] = [script(/[\u0590-\u05FF]/u), script(/[\u0600-\u06FF]/u)];
    // The heading's template aligns left (md-h): its start, for Hebrew, is the right edge.
    expect(heading.words.map(letters)).toEqual(expect.arrayContaining(['תקציר', 'בעברית'].map(letters)));
    expect(heading.right).toBeCloseTo(right, 0);
    expect(heading.left).toBeGreaterThan(left + 100);
    for (const paragraph of [hebrew, arabic]) {
      expect(paragraph.length).toBeGreaterThanOrEqual(3);
      const last = paragraph[paragraph.length - 1];
      for (const line of paragraph) expect(line.right, line.words.join(' ')).toBeCloseTo(right, 0);
      for (const line of paragraph.slice(0, -1)) expect(line.left, line.words.join(' ')).toBeCloseTo(left, 0);
      expect(last.left).toBeGreaterThan(left + 50);
    }
    // Left to right text around them, right-to-left words inside it included, starts at the left edge.
    for (const first of ['Recurrent', 'Slow', 'accent:']) expect(lines.find((l) => l.words[0] === first)!.left, first).toBeCloseTo(left, 0);
  });

  it('sets ZWJ emoji sequences as one glyph each (Noto Emoji\'s ligatures), a combining accent with its letter', () => {
    const drawn = words(en.outputs.get('program.pdf')!).map((w) => w.text);
    // One glyph whose text is the whole sequence: the ligature was made, joiners included.
    expect(drawn).toContain('👨\u200d👩\u200d👧');
    expect(drawn).toContain('🏳\ufe0f\u200d🌈');
    expect(drawn.some((w) => w.includes('cafe\u0301'))).toBe(true);
  });

  it('sets emphasis in the Latin italic face, strong emphasis in bold italic', () => {
    const file = tempFile(en.outputs.get('program.pdf')!);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/\+SourceSerif4-Italic /);
    expect(fonts).toMatch(/\+SourceSerif4-BoldItalic /);
    // pdftohtml marks text by the face it is drawn in.
    const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', file], { encoding: 'utf8' });
    expect(xml).toMatch(/<i>slow points<\/i>/);
    expect(xml).toMatch(/<i>emphasize<\/i>/);
    expect(xml).toMatch(/<i><b>strongly\s+emphasize<\/b><\/i>/);
  });

  it('keeps a code block\'s indentation, in the monospaced face', async () => {
    const items = (await extractPages(en.outputs.get('program.pdf')!)).flatMap((p) => p.items);
    const def = items.find((i) => i.str.includes('def simulate'))!;
    const loop = items.find((i) => i.str.includes('for t in range'))!;
    const body = items.find((i) => i.str.includes('net.step(rng)'))!;
    // Four spaces, then eight, of a face whose every character is as wide (0.6 em at 8 pt: 4.8 pt).
    const indent = (i: typeof def) => i.x + (i.str.length - i.str.trimStart().length) * 4.8 - def.x;
    expect(indent(loop)).toBeCloseTo(19.2, 0);
    expect(indent(body)).toBeCloseTo(38.4, 0);
  });
});
