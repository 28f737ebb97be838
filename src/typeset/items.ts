import { NO_BREAK_AROUND, NO_LINE_END, NO_LINE_START, isCjkPunct, isHan, isLatinAlnum, isSpace } from './chars.js';
import { hyphenationPoints } from './hyphenate.js';
import { graphemes } from './clusters.js';
import type { Metrics, TextRun } from './types.js';

/** Something with a width that is drawn: a piece of one run. */
export interface Box {
  t: 'box';
  w: number;
  run: number;
  text: string;
  /** Letters in it (for the one-character last line rule). */
  letters: number;
  halt?: boolean;
  scale?: number;
  /** The first piece of a word cut at its hyphenation points: the whole word's width (its natural width, summed as one). */
  whole?: number;
  /** A later piece of such a word (its width is in the first piece's `whole`). */
  piece?: boolean;
}

/** Space between boxes; a line may break at it when `brk`, and then it disappears. */
export interface Glue {
  t: 'glue';
  w: number;
  stretch: number;
  shrink: number;
  brk: boolean;
  /** Typed spaces it stands for (drawn with the box before it), and their run. */
  spaces?: string;
  run?: number;
  /** The spaces' own width. */
  natural?: number;
}

/** A place to break inside a word: with a hyphen (`hyphen` > 0 is its width) or not. */
export interface Penalty {
  t: 'pen';
  w: number;
  cost: number;
  flagged: boolean;
  /** The run whose hyphen is drawn. */
  run: number;
  /** What is drawn at the line's end when it breaks here, instead of a hyphen (a line of code's continuation mark). */
  mark?: string;
}

export type Item = Box | Glue | Penalty;

type Kind = 'han' | 'open' | 'close' | 'punct' | 'dash' | 'word' | 'space';

interface Atom {
  kind: Kind;
  run: number;
  text: string;
  /** A word continued from the previous run (no break between). */
  joined?: boolean;
  halt?: { offset: number; advance: number };
  /** Offset of its first character in the paragraph's text (for word boundaries). */
  at: number;
}

/** Settings item building needs. */
export interface ItemOptions {
  width: number;
  hyphenate?: string;
  cjkLatinSpace: number;
  /** Offsets (in the paragraph's text) between which a display line may break; undefined: everywhere allowed. */
  wordBounds?: Set<number>;
  /** People's names: lines break only between names and between the parts of one (at spaces, after ·), never inside a part. */
  names?: boolean;
  /**
   * Filled in while building: the line widths the items hold for (a word is cut into
   * characters only when wider than the line): from the widest word kept whole (`min`) to
   * below the narrowest word cut (`max`).
   */
  fits?: { min: number; max: number };
}

/** Stretch of the gap between two Chinese characters, in em: justification spreads slack there. */
const CJK_STRETCH = 0.12;
/** The cost of a hyphen at a line's end (TeX's \hyphenpenalty is 50; 300 hyphenates about one line in ten of the forum's English, none stretched over half an em). */
const HYPHEN_PENALTY = 300;
/** How far a word space may stretch at ratio 1, in spaces (TeX's fonts: half; Source Serif's space is narrow). */
const SPACE_STRETCH = 1;

/**
 * Turns runs into boxes, glue and penalties (Knuth and Plass's items), applying the Chinese
 * rules as it goes: where a line may break (clreq's line-start and line-end prohibitions, ·
 * and ～ kept with their neighbours, —— and …… whole, words and numbers whole), the blank
 * half of full-width punctuation as glue that disappears at a line's start or end and is
 * shared by neighbours ("）。" 1.5 em), the ¼-em gap between Chinese and Latin letters or
 * digits (a typed space becomes that gap), —— two em, and hyphenation points of Latin words.
 */
export function buildItems<S>(runs: TextRun<S>[], metrics: Metrics<S>, opts: ItemOptions, offset = 0): Item[] {
  const atoms = toAtoms(runs, metrics, offset);
  const items: Item[] = [];
  const measure = (text: string, run: number) => metrics.width(text, runs[run].style);
  // A list of names ("A B · C D", "甲、乙"): a line breaks inside one person's name only as a last resort (display lines: never).
  const list = !!opts.names && atoms.some((a) => a.kind !== 'space' && SEPARATOR.test(a.text));
  for (let i = 0; i < atoms.length; i++) {
    const a = atoms[i];
    if (a.kind === 'space') {
      if (i === 0 && !runs[a.run].keepLeadingSpaces) continue;
      if (i === 0) {
        items.push(box(a.run, a.text, measure(a.text, a.run), 0));
        continue;
      }
      const prev = atoms[i - 1];
      const next = atoms[i + 1];
      const natural = measure(a.text, a.run);
      if (!next) {
        items.push({ t: 'glue', w: natural, stretch: 0, shrink: 0, brk: true, spaces: a.text, run: a.run, natural });
        continue;
      }
      const gap = latinGap(prev, next, runs, opts.cjkLatinSpace);
      const one = measure(' ', a.run);
      let brk = !a.text.includes('\u00A0') && !(runs[a.run].noWrap && runs[prev.run].noWrap && runs[next.run].noWrap) && !keptAcrossSpace(prev, next);
      // عبد الرحمن, بن عبد العزيز: "servant of", "son of" are one name with the word after.
      if (brk && opts.names && NAME_PREFIXES.has(prev.text)) brk = false;
      if (brk && list && !SEPARATOR.test(prev.text)) {
        // Display lines (a fitted list) do not break there at all: a name too wide is set smaller.
        if (!opts.wordBounds) items.push({ t: 'pen', w: 0, cost: ONLY_IF_NEEDED, flagged: false, run: a.run });
        brk = false;
      }
      if (gap !== undefined) items.push({ t: 'glue', w: gap, stretch: gap * 0.5, shrink: gap * 0.2, brk, spaces: a.text, run: a.run, natural });
      else items.push({ t: 'glue', w: natural, stretch: one * SPACE_STRETCH, shrink: one * 0.3, brk, spaces: a.text, run: a.run, natural });
      continue;
    }
    if (i > 0 && atoms[i - 1].kind !== 'space') {
      const glue = between(atoms[i - 1], a, runs, opts);
      // Where clreq forbids a break between two marks, one is still possible as a last resort
      // (300 "（" then 300 "）" would otherwise be one line running off the page).
      if (!glue.brk && lastResort(atoms[i - 1], a, runs)) items.push({ t: 'pen', w: 0, cost: LAST_RESORT, flagged: false, run: a.run });
      else if (!glue.brk && insideName(atoms[i - 1], a, runs, opts)) items.push({ t: 'pen', w: 0, cost: ONLY_IF_NEEDED, flagged: false, run: a.run });
      items.push(glue);
    }
    // A line of code's indent (kept leading spaces) takes its first word's room: a word that fits
    // the line alone but not after the indent ran into the margin (BDX I/O's ArchUnit example).
    const lead = i === 1 && atoms[0].kind === 'space' && runs[atoms[0].run].keepLeadingSpaces ? measure(atoms[0].text, atoms[0].run) : 0;
    pushAtom(items, a, runs, metrics, opts, !!a.joined || !!atoms[i + 1]?.joined, lead);
  }
  return items;
}

/**
 * No break at a space before a mark that may not start a line or after one that may not end
 * it (UAX #14 LB13, LB14): "A · B" breaks after the dot, "70 %", "code ?" and "« mot »" stay
 * whole; a dash between spaces ("Projekt - Linked Data") ends its line rather than starting one.
 */
/** 第 and the number after it (第 2 届, 第3章): an ordinal is not broken. */
function ordinal(a: Atom, b: Atom): boolean {
  return a.kind === 'han' && a.text === '第' && b.kind === 'word' && /^\p{N}/u.test(b.text);
}

function keptAcrossSpace(prev: Atom, next: Atom): boolean {
  const first = [...next.text][0] ?? '';
  const last = [...prev.text].pop() ?? '';
  if (next.kind === 'word' && /^[-\u2013\u2014]$/u.test(next.text)) return true;
  if (ordinal(prev, next)) return true;
  return (NO_LINE_START.includes(first) && next.text.length === first.length) || NO_LINE_END.includes(last) && prev.text.length === last.length;
}

function box(run: number, text: string, w: number, letters: number, extra: Partial<Box> = {}): Box {
  return { t: 'box', w, run, text, letters, ...extra };
}

/** The ¼-em gap between a Chinese character and a Latin letter or digit, in points, or undefined. */
function latinGap<S>(a: Atom, b: Atom, runs: TextRun<S>[], em: number): number | undefined {
  if (em <= 0) return undefined;
  const last = [...a.text].pop() ?? '';
  const first = [...b.text][0] ?? '';
  if (a.kind === 'han' && b.kind === 'word' && (isLatinAlnum(first) || MATH.test(first))) return em * runs[a.run].size;
  if (b.kind === 'han' && a.kind === 'word' && (isLatinAlnum(last) || MATH.test(last) || (/[%‰°]/.test(last) && /^[\p{N}%‰°]/u.test(a.text)))) return em * runs[b.run].size;
  return undefined;
}

/** A mathematical symbol outside ASCII (∂ ∇ ∑ ≤ ∞): inline maths has the gap on both sides ("梯度 ∂L/∂θ 很小"), as a letter does. */
const MATH = /(?![\u0000-\u007F])\p{Sm}/u;

const CJKISH = new Set<Kind>(['han', 'open', 'close', 'punct', 'dash']);

/** A word piece ending where a line may break inside a word: after a hyphen or slash. */
const EXPLICIT_END = /[-/\u2010\u2013]$/u;

/** The glue (or nothing that breaks) between two atoms with no space between them. */
function between<S>(a: Atom, b: Atom, runs: TextRun<S>[], opts: ItemOptions): Glue {
  const last = [...a.text].pop() ?? '';
  const first = [...b.text][0] ?? '';
  const noWrap = runs[a.run].noWrap && runs[b.run].noWrap;
  const cjk = CJKISH.has(a.kind) || CJKISH.has(b.kind);
  let brk = cjk && !noWrap && !NO_LINE_START.includes(first) && !NO_LINE_END.includes(last) &&
    !NO_BREAK_AROUND.includes(last) && !NO_BREAK_AROUND.includes(first) && !(a.kind === 'word' && b.joined);
  if (brk && opts.wordBounds && a.kind !== 'close' && b.kind !== 'open' && !opts.wordBounds.has(b.at)) brk = false;
  if (ordinal(a, b)) brk = false;
  // A word pdfmake cut into inlines after a hyphen or slash (an address: "example.org/" "ab/"
  // "cd…") may break there, as it may inside one run: without it a 30,000-character address
  // was one line running off the page.
  if (!brk && !noWrap && !opts.names && a.kind === 'word' && b.kind === 'word' && EXPLICIT_END.test(a.text) && /^[\p{L}\p{N}]/u.test(b.text)) brk = true;
  if (opts.names) brk = nameBreak(a, b, brk, !!noWrap);
  const emA = runs[a.run].size;
  const emB = runs[b.run].size;
  let w = 0;
  let shrink = 0;
  if (a.kind === 'close' && a.halt) {
    // "）。": the first mark's blank half goes; "。（": one half for the two.
    w = b.kind === 'close' ? 0 : emA - a.halt.advance;
  } else if (b.kind === 'open' && b.halt) {
    w = a.kind === 'open' ? 0 : emB - b.halt.advance;
  }
  if (w > 0) shrink = w * 0.5;
  const gap = latinGap(a, b, runs, opts.cjkLatinSpace);
  if (gap !== undefined) {
    w = gap;
    shrink = gap * 0.2;
  }
  const stretch = cjk && !(a.kind === 'word' && b.joined) ? CJK_STRETCH * Math.max(emA, emB) : 0;
  return { t: 'glue', w, stretch: gap !== undefined ? Math.max(stretch, gap * 0.5) : stretch, shrink, brk };
}

/** Arabic name words that make one name part with the word after them (Abd al-…, bin, ibn, Abu, bint). */
const NAME_PREFIXES = new Set(['عبد', 'بن', 'ابن', 'بنت', 'أبو', 'ابو', 'أبي']);

/** An atom that ends with a separator between people's names (a middle dot, comma, semicolon, 、). */
const SEPARATOR = /[·・,;、，；]$/u;

/** Letters of a name part: Chinese characters and words (which the hyphen of 欧阳-李 or Haïm-Lubczanski joins). */
const NAME_PART = new Set<Kind>(['han', 'word']);

/** In people's names, the break between two atoms: after a middle dot (欧阳娜娜·|买买提江), never inside a part. */
function nameBreak(a: Atom, b: Atom, brk: boolean, noWrap: boolean): boolean {
  if (noWrap) return false;
  if ((a.text === '·' || a.text === '・') && NAME_PART.has(b.kind)) return true;
  return brk && !(NAME_PART.has(a.kind) && NAME_PART.has(b.kind));
}

/** Between two letters of a name in a paragraph (not display lines, which a fit sets smaller): a break only as a last resort. */
function insideName<S>(a: Atom, b: Atom, runs: TextRun<S>[], opts: ItemOptions): boolean {
  return !!opts.names && !opts.wordBounds && NAME_PART.has(a.kind) && NAME_PART.has(b.kind) && !(runs[a.run].noWrap && runs[b.run].noWrap);
}

/** Whether a break forbidden between two atoms only by clreq's rules may be taken as a last resort. */
function lastResort<S>(a: Atom, b: Atom, runs: TextRun<S>[]): boolean {
  if (runs[a.run].noWrap && runs[b.run].noWrap) return false;
  // Two symbols without letters or digits (emoji pdfmake hands over one by one): 200 👍🏽 ran off the page.
  if (a.kind === 'word' && b.kind === 'word' && !/[\p{L}\p{N}]/u.test(a.text) && !/[\p{L}\p{N}]/u.test(b.text)) return true;
  const marks = new Set<Kind>(['open', 'close', 'punct']);
  return marks.has(a.kind) && marks.has(b.kind) && !(runs[a.run].noWrap && runs[b.run].noWrap) && !NO_BREAK_AROUND.includes(a.text) && !NO_BREAK_AROUND.includes(b.text);
}

/** The boxes of one atom: a word with its hyphenation points, a word wider than a line split between characters. */
function pushAtom<S>(items: Item[], a: Atom, runs: TextRun<S>[], metrics: Metrics<S>, opts: ItemOptions, partOfWord: boolean, lead = 0): void {
  const style = runs[a.run].style;
  const size = runs[a.run].size;
  if (a.kind === 'open' || a.kind === 'close') {
    items.push(box(a.run, a.text, a.halt!.advance, 0, { halt: true }));
    return;
  }
  if (a.kind === 'dash') {
    // —— two em (the font's two-em dash ligature is narrower: Noto's is 1.69 em).
    const n = [...a.text].length;
    const natural = metrics.width(a.text, style);
    const wide = natural >= 0.75 * n * size;
    const w = wide ? n * size : natural;
    const splits = n > 2 && !runs[a.run].noWrap;
    if (splits && opts.fits) {
      // The items hold for the widths on this side of the rule's width (see `fits`).
      if (w > opts.width) opts.fits.max = Math.min(opts.fits.max, w);
      else opts.fits.min = Math.max(opts.fits.min, w);
    }
    if (w > opts.width && splits) {
      // A rule of 300 dashes wider than the line breaks between pairs, as a last resort
      // (it ran off the page whole): each —— stays two em.
      const pair = [...a.text].slice(0, 2).join('');
      for (let k = 0; k < n; k += 2) {
        if (k > 0) items.push({ t: 'pen', w: 0, cost: LAST_RESORT, flagged: false, run: a.run });
        const piece = k + 2 <= n ? pair : pair.slice(0, pair.length / 2);
        const pn = [...piece].length;
        const pNatural = metrics.width(piece, style);
        const pw = wide ? pn * size : pNatural;
        items.push(box(a.run, piece, pw, 0, wide && Math.abs(pw - pNatural) > 1e-6 ? { scale: (100 * pw) / pNatural } : {}));
      }
      return;
    }
    items.push(box(a.run, a.text, w, 0, wide && Math.abs(w - natural) > 1e-6 ? { scale: (100 * w) / natural } : {}));
    return;
  }
  if (a.kind !== 'word') {
    items.push(box(a.run, a.text, metrics.width(a.text, style), a.kind === 'han' ? 1 : 0));
    return;
  }
  const w = metrics.width(a.text, style);
  const letters = countLetters(a.text);
  const noWrap = runs[a.run].noWrap;
  if (noWrap) {
    items.push(box(a.run, a.text, w, letters));
    return;
  }
  if (w + lead > opts.width && !opts.wordBounds) {
    if (opts.fits) opts.fits.max = Math.min(opts.fits.max, w + lead);
    const from = items.length;
    splitLong(items, a, style, metrics);
    // A line of code broken after its indent says so at the break: CODE_CONTINUES, as wide as it is.
    if (lead > 0) {
      const mark = metrics.width(CODE_CONTINUES, style);
      for (let k = from; k < items.length; k++) {
        const it = items[k];
        if (it.t === 'pen') Object.assign(it, { w: mark, mark: CODE_CONTINUES });
      }
    }
    return;
  }
  if (opts.fits && !opts.wordBounds) opts.fits.min = Math.max(opts.fits.min, w + lead);
  // A word in several runs (herb- + diseases, or two fonts) is hyphenated only where it is whole.
  // A name part is never cut, at a hyphen either: its line is too wide, and a fit shrinks it.
  const points = opts.names ? [] : wordBreaks(a.text, partOfWord ? undefined : opts.hyphenate);
  if (points.length === 0) {
    items.push(box(a.run, a.text, w, letters));
    return;
  }
  const hyphen = metrics.width('-', style);
  // Only hyphenation (not a hyphen or slash the author typed) cuts the word: its natural width stays the word's.
  const hyphenation = points[0][1];
  let prevEnd = 0;
  let prevWidth = 0;
  // A word's pieces are measured as its starts (kerning across a break stays in the word's width);
  // a run of thousands of characters with a slash every few ("https://e.org/…") piece by piece,
  // or each start would be measured whole: 300 of them made a 4,800-character badge name take 6 s.
  const long = a.text.length > LONG_WORD;
  for (const [at, hyphenated] of points) {
    const part = a.text.slice(prevEnd, at);
    const width = long ? prevWidth + metrics.width(part, style) : metrics.width(a.text.slice(0, at), style);
    items.push(box(a.run, part, width - prevWidth, countLetters(part), !hyphenation ? {} : prevEnd === 0 ? { whole: w } : { piece: true }));
    items.push({ t: 'pen', w: hyphenated ? hyphen : 0, cost: hyphenated ? HYPHEN_PENALTY : 30, flagged: hyphenated, run: a.run });
    prevEnd = at;
    prevWidth = width;
  }
  const part = a.text.slice(prevEnd);
  items.push(box(a.run, part, w - prevWidth, countLetters(part), hyphenation ? { piece: true } : {}));
}

/** Longer than any word of a language: its pieces are measured one by one (pushAtom). */
const LONG_WORD = 200;

/** Where a Latin word may break: after a hyphen or slash inside it, and its hyphenation points (true: add a hyphen). */
function wordBreaks(word: string, lang: string | undefined): Array<[number, boolean]> {
  const out: Array<[number, boolean]> = [];
  const explicit = /[-/\u2010\u2013](?=[\p{L}\p{N}])/gu;
  for (const m of word.matchAll(explicit)) if (m.index! >= 1) out.push([m.index! + 1, false]);
  if (lang && out.length === 0) {
    // An elided article or pronoun (d’, l’, qu’) before the word, a possessive (’s) after it: the word between is hyphenated.
    const m = /^([("'‘“«]*(?:\p{L}{1,2}['’])?)([\p{L}\p{M}]+)((?:['’]\p{L}{1,2})?[^\p{L}\p{M}]*)$/u.exec(word);
    if (m) for (const p of hyphenationPoints(m[2], lang)) out.push([m[1].length + p, true]);
  }
  return out.sort((x, y) => x[0] - y[0]);
}

/** Drawn where a line of code breaks (Source Code Pro has it; ↩ and ↪ it has not). */
export const CODE_CONTINUES = '→';

/**
 * A word wider than the line: one box per character, measured one by one (linear in its
 * length), with a costly break between any two that clreq lets part.
 */
function splitLong<S>(items: Item[], a: Atom, style: S, metrics: Metrics<S>): void {
  // Grapheme clusters: never half an emoji sequence, or a letter without its accents.
  const chars = graphemes(a.text);
  const widths = new Map<string, number>();
  chars.forEach((ch, k) => {
    if (k > 0) {
      // Where clreq lets it part, at a cost; elsewhere only when nothing else is near (2,000
      // "（" then 2,000 "）" is split where it fills the line, as browsers do).
      const allowed = !NO_LINE_START.includes(ch) && !NO_LINE_END.includes(chars[k - 1]);
      items.push({ t: 'pen', w: 0, cost: allowed ? 900 : LAST_RESORT, flagged: false, run: a.run });
    }
    let w = widths.get(ch);
    if (w === undefined) widths.set(ch, (w = metrics.width(ch, style)));
    items.push(box(a.run, ch, w, countLetters(ch)));
  });
}

/** The cost of a break clreq forbids, taken only when a line has no other place to break. */
export const LAST_RESORT = 9000;
/** The cost of a break inside a person's name: taken only when the line has no other break at all (first fit), whatever it fills. */
export const ONLY_IF_NEEDED = LAST_RESORT + 1;

function countLetters(text: string): number {
  let n = 0;
  for (const ch of text) if (/[\p{L}\p{N}]/u.test(ch)) n++;
  return n;
}

/** Splits runs into atoms: Chinese characters, punctuation marks, —— and …… groups, Latin words, spaces. */
function toAtoms<S>(runs: TextRun<S>[], metrics: Metrics<S>, offset: number): Atom[] {
  const atoms: Atom[] = [];
  let at = offset;
  runs.forEach((run, r) => {
    const chars = [...run.text];
    let word = '';
    let wordAt = 0;
    const flushWord = () => {
      if (!word) return;
      const prev = atoms[atoms.length - 1];
      atoms.push({ kind: 'word', run: r, text: word, at: wordAt, joined: prev?.kind === 'word' && prev.run !== r && wordAt === prev.at + prev.text.length });
      word = '';
    };
    for (let i = 0; i < chars.length; ) {
      const ch = chars[i];
      const here = at;
      if (isSpace(ch)) {
        flushWord();
        let text = '';
        while (i < chars.length && isSpace(chars[i])) text += chars[i++];
        at += text.length;
        atoms.push({ kind: 'space', run: r, text, at: here });
        continue;
      }
      if ((ch === '—' && chars[i + 1] === '—') || ch === '…' || ch === '⸺') {
        flushWord();
        let text = '';
        while (i < chars.length && chars[i] === ch) text += chars[i++];
        at += text.length;
        atoms.push({ kind: ch === '…' ? 'punct' : 'dash', run: r, text, at: here });
        continue;
      }
      i++;
      at += ch.length;
      if (isHan(ch)) {
        flushWord();
        atoms.push({ kind: 'han', run: r, text: ch, at: here });
      } else if (NO_BREAK_AROUND.includes(ch) || (isCjkPunct(ch) && fullWidth(ch, run, metrics))) {
        flushWord();
        const halt = NO_BREAK_AROUND.includes(ch) ? undefined : metrics.halt?.(ch, run.style);
        const natural = metrics.width(ch, run.style);
        let kind: Kind = 'punct';
        if (halt && halt.advance < natural * 0.75) {
          if (Math.abs(halt.offset) < 0.05 * run.size && NO_LINE_START.includes(ch)) kind = 'close';
          else if (Math.abs(halt.offset + (natural - halt.advance)) < 0.05 * run.size && NO_LINE_END.includes(ch)) kind = 'open';
        }
        atoms.push({ kind, run: r, text: ch, at: here, ...(kind === 'punct' ? {} : { halt }) });
      } else {
        if (!word) wordAt = here;
        word += ch;
      }
    }
    flushWord();
  });
  return atoms;
}

function fullWidth<S>(ch: string, run: TextRun<S>, metrics: Metrics<S>): boolean {
  return metrics.width(ch, run.style) >= 0.75 * run.size;
}
