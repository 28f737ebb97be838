// Measures the booklet's and signs' typography against the rules of issue 12 (W3C clreq and
// English justification), from the PDF's glyph positions (mupdf's structured text).
// Usage: node bench/typography.mjs [out/program.pdf] [out/signs.pdf]
import { readFileSync } from 'node:fs';
import * as mupdf from 'mupdf';

const HAN = /[\p{Script=Han}]/u;
const LATIN = /[A-Za-z0-9]/;

/** Lines of a PDF, each a list of characters with origin x, advance box and size. */
function lines(file) {
  const doc = mupdf.Document.openDocument(readFileSync(file), 'application/pdf');
  const out = [];
  for (let p = 0; p < doc.countPages(); p++) {
    const page = doc.loadPage(p);
    let line;
    page.toStructuredText('preserve-whitespace').walk({
      beginLine() { line = { page: p + 1, chars: [] }; },
      onChar(c, origin, font, size, quad) { line.chars.push({ c, x: origin[0], y: origin[1], size, x0: quad[0], x1: quad[2], font: font.getName() }); },
      endLine() { if (line.chars.length) out.push(line); },
    });
  }
  return out;
}

const median = (a) => (a.length ? [...a].sort((x, y) => x - y)[a.length >> 1] : NaN);
const fmt = (a) => `n=${a.length} median ${median(a).toFixed(3)} em, min ${Math.min(...a).toFixed(3)}, max ${Math.max(...a).toFixed(3)}`;

export function measureBooklet(file) {
  const ls = lines(file);
  const pairs = { '）。': [], '。」': [], '）；': [], '”，': [] };
  const dashes = [];
  let cjkLatin = 0;
  let cjkLatinTight = 0;
  const gaps = [];
  let englishLines = 0;
  let stretched = 0;
  let hyphenated = 0;
  let lonely = 0;
  const lonelyText = [];
  const lineBreaksInsideWord = 0;
  for (let k = 0; k < ls.length; k++) {
    const { chars } = ls[k];
    const text = chars.map((c) => c.c).join('');
    for (let i = 0; i + 2 < chars.length; i++) {
      const key = chars[i].c + chars[i + 1].c;
      if (pairs[key] && chars[i + 2]) pairs[key].push((chars[i + 2].x - chars[i].x) / chars[i].size);
      if (key === '——' && chars[i + 2] && (i === 0 || chars[i - 1].c !== '—')) dashes.push((chars[i + 2].x - chars[i].x) / chars[i + 2].size); // the dash's own size is scaled (Tz)
    }
    // Chinese next to a Latin letter or digit (spaces between count as the gap).
    for (let i = 0; i + 1 < chars.length; i++) {
      let j = i + 1;
      while (j < chars.length && chars[j].c === ' ') j++;
      if (j >= chars.length) break;
      const a = chars[i];
      const b = chars[j];
      if ((HAN.test(a.c) && LATIN.test(b.c)) || (LATIN.test(a.c) && HAN.test(b.c))) {
        const size = HAN.test(a.c) ? a.size : b.size;
        const gap = (b.x0 - a.x1) / size;
        cjkLatin++;
        gaps.push(gap);
        if (gap < 0.1) cjkLatinTight++;
      }
    }
    // English body lines: mostly ASCII letters, body size, long.
    const letters = text.replace(/[^A-Za-z]/g, '').length;
    const size = chars[0].size;
    if (letters > 40 && letters / text.length > 0.7 && size > 8.5 && size < 10.5 && !HAN.test(text)) {
      englishLines++;
      let worst = 0;
      for (let i = 1; i + 1 < chars.length; i++) {
        if (chars[i].c !== ' ' || chars[i - 1].c === ' ' || chars[i + 1].c === ' ') continue;
        const gap = (chars[i + 1].x0 - chars[i - 1].x1 - (chars[i].x1 - chars[i].x0)) / size;
        worst = Math.max(worst, gap);
      }
      if (worst > 0.5) stretched++;
      if (/[a-z]-\s*$/.test(text)) hyphenated++;
    }
    // A paragraph's last line of one character: a short line after a full one, at body size.
    const prev = ls[k - 1];
    const bare = text.replace(/[\s，。、；：？！）》」』”’.,;:?!)]/gu, '');
    if (prev && prev.page === ls[k].page && [...bare].length === 1 && HAN.test(bare) && size > 8.5 && size < 10.5 && prev.chars.length > 20) {
      lonely++;
      lonelyText.push(`p${ls[k].page} "${text.trim()}"`);
    }
  }
  void lineBreaksInsideWord;
  return { pairs, dashes, cjkLatin, cjkLatinTight, gaps, englishLines, stretched, hyphenated, lonely, lonelyText };
}

/** Sign titles: lines at 30 pt or more, consecutive on a page; a break inside a word (Intl.Segmenter) counts. */
export function measureSigns(file) {
  const ls = lines(file);
  const seg = new Intl.Segmenter('zh', { granularity: 'word' });
  const breaks = [];
  for (let k = 1; k < ls.length; k++) {
    const a = ls[k - 1];
    const b = ls[k];
    if (a.page !== b.page || a.chars[0].size < 30 || Math.abs(b.chars[0].size - a.chars[0].size) > 0.1) continue;
    const left = a.chars.map((c) => c.c).join('').trim();
    const right = b.chars.map((c) => c.c).join('').trim();
    if (!HAN.test(left.slice(-1)) || !HAN.test(right[0] ?? '')) continue;
    const joined = left + right;
    const bounds = new Set([...seg.segment(joined)].map((s) => s.index));
    breaks.push({ at: `${left.slice(-3)}｜${right.slice(0, 3)}`, insideWord: !bounds.has(left.length), page: a.page });
  }
  return breaks;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const booklet = process.argv[2] ?? 'out/program.pdf';
  const signs = process.argv[3] ?? 'out/signs.pdf';
  const m = measureBooklet(booklet);
  for (const [k, v] of Object.entries(m.pairs)) if (v.length) console.log(`"${k}" to the next character: ${fmt(v)}`);
  if (m.dashes.length) console.log(`—— to the next character: ${fmt(m.dashes)}`);
  console.log(`Chinese–Latin boundaries: ${m.cjkLatin}, of which with no gap (< 0.1 em): ${m.cjkLatinTight}; gap ${fmt(m.gaps)}`);
  console.log(`English body lines: ${m.englishLines}, with a word space stretched by over 0.5 em: ${m.stretched}, ending in a hyphen after a letter: ${m.hyphenated}`);
  console.log(`one-character last lines: ${m.lonely} ${m.lonelyText.slice(0, 8).join(' ')}`);
  const s = measureSigns(signs);
  console.log(`sign title line breaks between Chinese characters: ${s.length}, inside a word: ${s.filter((b) => b.insideWord).length} ${s.filter((b) => b.insideWord).map((b) => b.at).join(' ')}`);
}
