import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../src/build.js';
import { buildLanguageFixture, CJK, expectNoBoxes, inspectOutputs, LANGUAGE_OUTPUTS as OUTPUTS, textOutputs } from './helpers/languages.js';
import { extractPages, squash } from './helpers/pdf.js';
import { tempFile } from './helpers/tools.js';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sheetLayout, slotOrigin } from '../src/layout/imposition.js';

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

/** Arabic letters that Noto Sans Arabic draws with one glyph plus dots (ز as ر and a dot), so a PDF's text gives one for all: compared by their skeleton. */
const RASM: Record<string, string> = { 'ت': 'ب', 'ث': 'ب', 'ن': 'ب', 'ي': 'ب', 'ى': 'ب', 'ج': 'ح', 'خ': 'ح', 'ذ': 'د', 'ز': 'ر', 'ش': 'س', 'ض': 'ص', 'ظ': 'ط', 'غ': 'ع', 'ق': 'ف', 'ة': 'ه' };
/** The letters and digits of a text, each Arabic letter by its skeleton, counted. */
function letterCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text.normalize('NFC').match(/[\p{L}\p{N}]/gu) ?? []) counts.set(RASM[ch] ?? ch, (counts.get(RASM[ch] ?? ch) ?? 0) + 1);
  return counts;
}

/** pdftotext's word boxes of every page (top-left origin, points). */
function wordBoxes(bytes: Uint8Array): Array<{ page: number; x0: number; y0: number; x1: number; y1: number; text: string }> {
  const xml = execFileSync('pdftotext', ['-bbox', tempFile(bytes), '-'], { encoding: 'utf8' });
  return xml.split('<page ').slice(1).flatMap((page, i) => [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)]
    .map((m) => ({ page: i + 1, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5] })));
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
    // Attendees' own names: the Korean one, and the Chinese name and affiliation of E10 (badges, sign-in sheets).
    const own = (t: string) => t.replace(/김민준/g, '').replace(/[欧阳娜买提江中国科学院深圳先进技术研究神经工程心]/g, '');
    for (const [name, o] of enOut) expect(own(o.text).match(CJK)?.[0] ?? null, name).toBeNull();
    for (const [name, text] of textOutputs(en)) expect(own(text).match(CJK)?.[0] ?? null, name).toBeNull();
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

  it('keeps every badge\'s name and affiliation whole, above the role band and inside the badge, names on two lines in Latin, Hebrew, Arabic and Chinese included', () => {
    const rows = readFileSync(join(import.meta.dirname, 'fixtures', 'lang-en', 'content', 'attendees.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const card = sheetLayout('card', 'card');
    const boxes = wordBoxes(en.outputs.get('badges.pdf')!);
    const pages = Math.max(...boxes.map((w) => w.page));
    // Each badge: the letters of its words above the role band (26 pt high on a card), and whether a word crosses the band's top edge or the badge's.
    const badges = Array.from({ length: pages * 10 }, (_, n) => {
      const o = slotOrigin(card, n % 10);
      const bandTop = o.y + card.badge.height - 26;
      const mine = boxes.filter((w) => w.page === Math.floor(n / 10) + 1 && (w.x0 + w.x1) / 2 > o.x && (w.x0 + w.x1) / 2 < o.x + card.badge.width && (w.y0 + w.y1) / 2 > o.y && (w.y0 + w.y1) / 2 < o.y + card.badge.height);
      const above = mine.filter((w) => w.y1 <= bandTop + 0.01 && w.x0 >= o.x && w.x1 <= o.x + card.badge.width && w.y0 >= o.y);
      return { counts: letterCounts(above.map((w) => w.text).join('')), crossing: mine.filter((w) => w.y0 < bandTop - 0.01 && w.y1 > bandTop + 0.01).map((w) => w.text) };
    });
    expect(rows.length).toBeGreaterThanOrEqual(11);
    for (const [id, name, affiliation] of rows) {
      const wanted = letterCounts(name + affiliation);
      const holder = badges.find((b) => [...wanted].every(([ch, k]) => (b.counts.get(ch) ?? 0) >= k));
      expect(holder, `${id} ${name} / ${affiliation}: not whole above its role band`).toBeDefined();
      expect(holder!.crossing, id).toEqual([]);
    }
    expect(en.diagnostics.filter((d) => d.rule === 'badge-text-too-long')).toEqual([]);
  });

  it('breaks a badge\'s name only between its parts: 欧阳娜娜· | 买买提江, Zoë | Łukasiewicz-Ørsted (they broke 买买 | 提江 and Łukasiewicz- | Ørsted)', () => {
    const lines = execFileSync('pdftotext', ['-layout', tempFile(en.outputs.get('badges.pdf')!), '-'], { encoding: 'utf8' }).split('\n');
    const at = (word: string) => lines.findIndex((l) => l.includes(word));
    expect(lines[at('欧阳娜娜')]).toMatch(/欧阳娜娜\s*·\s*($|\s{2})/);
    expect(lines[at('欧阳娜娜') + 1]).toContain('买买提江');
    expect(lines.some((l) => l.includes('Łukasiewicz-Ørsted'))).toBe(true);
    expect(lines.some((l) => /Łukasiewicz-\s*$|Łukasiewicz-\s{2}/.test(l))).toBe(false);
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
