import { firstFit, lineStart, totalFit, type Widths } from './breaker.js';
import { balanced } from './display.js';
import { buildItems, type Item } from './items.js';
import { isHan } from './chars.js';
import type { Metrics, SetLine, SetOptions, SetRun, TextRun } from './types.js';

export type { Metrics, SetLine, SetOptions, SetRun, TextRun } from './types.js';
export { paragraphScript } from './chars.js';
export { hyphenationLanguage } from './hyphenate.js';

/** Adjustment ratio word spaces may reach before the breaker tries harder (then any line that is not overfull). */
const TOLERANCE = 2;

const segmenters = new Map<string, Intl.Segmenter>();

/** One-character function words (的, 与, 和…): each ends the phrase before it, never pairs with a neighbour. */
const FUNCTION_WORDS = '的与和及或并之对對等而';

/**
 * Offsets between words of `text` (Intl.Segmenter, with Chinese dictionary segmentation).
 * ICU leaves words it does not know as one-character pieces (感知|器|在|线, 初|探, “|大|语言):
 * X到X is one word (端到端); a function word joins the word before it (网络的, 研究与); other
 * pieces pair up from the right (在线, 初探), an odd one out joining the word before it (感知器,
 * 研讨会) or, with none before, the word after it (“大语言, 超对称).
 */
export function wordBounds(text: string): Set<number> {
  let seg = segmenters.get('zh');
  if (!seg) segmenters.set('zh', (seg = new Intl.Segmenter('zh', { granularity: 'word' })));
  const parts = [...seg.segment(text)].map((s) => ({ at: s.index, text: s.segment, single: isHan(s.segment) && [...s.segment].length === 1 }));
  const out = new Set<number>(parts.map((p) => p.at));
  const hanEnd = (i: number) => i >= 0 && i < parts.length && isHan([...parts[i].text].pop() ?? '');
  const hanStart = (i: number) => i >= 0 && i < parts.length && isHan([...parts[i].text][0] ?? '');
  for (let i = 0; i < parts.length; ) {
    if (!parts[i].single) { i++; continue; }
    // X到X, X对X: one word of three (端到端, 一对一, 面对面).
    if (parts[i + 2]?.single && parts[i + 1].single && parts[i].text === parts[i + 2].text) {
      out.delete(parts[i + 1].at);
      out.delete(parts[i + 2].at);
      i += 3;
      continue;
    }
    if (FUNCTION_WORDS.includes(parts[i].text)) {
      if (hanEnd(i - 1)) out.delete(parts[i].at);
      else if (hanStart(i + 1)) out.delete(parts[i + 1].at);
      i++;
      continue;
    }
    let j = i;
    while (j < parts.length && parts[j].single && !FUNCTION_WORDS.includes(parts[j].text)) j++;
    for (let k = j - 2; k >= i; k -= 2) out.delete(parts[k + 1].at);
    if ((j - i) % 2 === 1) {
      if (hanEnd(i - 1)) out.delete(parts[i].at);
      else if (hanStart(i + 1)) out.delete(parts[i + 1].at);
    }
    i = j;
  }
  out.add(text.length);
  return out;
}

/**
 * Sets a paragraph: runs of text in, lines of positioned runs out, for lines `width` wide.
 * Justified text is broken by total fit (Knuth–Plass) with hyphenation, display lines
 * (titles) are balanced at word boundaries, other text fills lines first-fit; every line
 * obeys clreq (see items.ts). A forced line break starts a new paragraph of lines.
 * `prepared` (from prepareParagraph, for these runs) saves building the items again.
 */
export function setParagraph<S>(runs: TextRun<S>[], metrics: Metrics<S>, options: SetOptions, prepared?: Prepared<S>): SetLine<S>[] {
  const reuse = prepared && fitsOptions(prepared, runs, options) ? prepared : undefined;
  const out: SetLine<S>[] = [];
  const indent = options.indent ?? 0;
  const width = Math.max(options.width, 1e-3);
  for (const seg of segments(runs)) {
    const first = out.length === 0;
    const lineIndent = first ? indent : 0;
    const ready = reuse?.segments[seg.index];
    const items = ready && ready.fits.min <= width - lineIndent && width - lineIndent < ready.fits.max
      ? ready.items
      : segmentItems(seg.runs, seg.offset, metrics, options, width - lineIndent).items;
    const lines = setSegment(items, seg.runs, seg.from, options, width, lineIndent);
    if (lines.length && seg.forced) lines[lines.length - 1].forced = true;
    out.push(...lines);
  }
  if (out.length) out[out.length - 1].last = true;
  return out;
}

/** A paragraph's items, built once for every width they hold for (prepareParagraph). */
export interface Prepared<S> {
  runs: TextRun<S>[];
  options: SetOptions;
  segments: Array<{ items: Item[]; fits: { min: number; max: number }; indent: number }>;
}

/**
 * Builds a paragraph's items (measuring every piece) without breaking it into lines, for
 * setParagraph to break at any width later, and for naturalWidth.
 */
export function prepareParagraph<S>(runs: TextRun<S>[], metrics: Metrics<S>, options: Omit<SetOptions, 'width'>): Prepared<S> {
  const indent = options.indent ?? 0;
  const out: Prepared<S>['segments'] = [];
  for (const seg of segments(runs)) {
    const lineIndent = out.length === 0 ? indent : 0;
    out.push({ ...segmentItems(seg.runs, seg.offset, metrics, options, Infinity), indent: lineIndent });
  }
  return { runs, options: { ...options, width: Infinity }, segments: out };
}

/**
 * The width of a prepared paragraph's widest line when nothing but forced breaks ends a line
 * (an auto-sized column takes it): the indent and every box and space at its natural width.
 */
export function naturalWidth<S>(prepared: Prepared<S>): number {
  let max = 0;
  for (const { items, indent } of prepared.segments) {
    let x = indent;
    if (items.some((it) => it.t === 'box')) {
      let lastBox = 0;
      for (let i = 0; i < items.length; i++) if (items[i].t === 'box') lastBox = i;
      for (let i = lineStart(items, -1); i <= lastBox; i++) {
        const it = items[i];
        if (it.t === 'pen' || (it.t === 'box' && it.piece)) continue;
        x += it.t === 'box' && it.whole !== undefined ? it.whole : it.w;
      }
    }
    max = Math.max(max, x);
  }
  return max;
}

/** Whether items prepared for `prepared.runs` serve these runs and options (the runs alike, the same options but the width). */
function fitsOptions<S>(prepared: Prepared<S>, runs: TextRun<S>[], options: SetOptions): boolean {
  const a = prepared.options;
  if ((a.indent ?? 0) !== (options.indent ?? 0) || !!a.display !== !!options.display || a.hyphenate !== options.hyphenate ||
    (a.cjkLatinSpace ?? 0.25) !== (options.cjkLatinSpace ?? 0.25) || !!a.names !== !!options.names || prepared.runs.length !== runs.length) return false;
  for (let i = 0; i < runs.length; i++) {
    const x = prepared.runs[i];
    const y = runs[i];
    if (x.text !== y.text || x.style !== y.style || x.size !== y.size || !!x.noWrap !== !!y.noWrap ||
      !!x.lineEnd !== !!y.lineEnd || !!x.keepLeadingSpaces !== !!y.keepLeadingSpaces) return false;
  }
  return true;
}

interface Segment<S> {
  index: number;
  runs: TextRun<S>[];
  /** Index of its first run in the paragraph's runs. */
  from: number;
  /** Offset of its text in the paragraph's text. */
  offset: number;
  /** Ends at a forced line break. */
  forced: boolean;
}

/** The paragraph cut at its forced line breaks (a run with lineEnd ends a segment; the last run ends the last). */
function segments<S>(runs: TextRun<S>[]): Segment<S>[] {
  const out: Segment<S>[] = [];
  let from = 0;
  let offset = 0;
  for (let r = 0; r < runs.length; r++) {
    if (!runs[r].lineEnd && r < runs.length - 1) continue;
    const seg = runs.slice(from, r + 1);
    out.push({ index: out.length, runs: seg, from, offset, forced: !!runs[r].lineEnd });
    for (const run of seg) offset += run.text.length;
    from = r + 1;
  }
  return out;
}

/** The items of one segment for lines `lineWidth` wide, and the widths they hold for. */
function segmentItems<S>(runs: TextRun<S>[], offset: number, metrics: Metrics<S>, options: Omit<SetOptions, 'width'>, lineWidth: number): { items: Item[]; fits: { min: number; max: number } } {
  const bounds = options.display ? wordBounds(runs.map((r) => r.text).join('')) : undefined;
  const shifted = bounds && new Set([...bounds].map((b) => b + offset));
  const fits = { min: -Infinity, max: Infinity };
  const items = buildItems(runs, metrics, {
    width: lineWidth, hyphenate: options.hyphenate, cjkLatinSpace: options.cjkLatinSpace ?? 0.25, wordBounds: shifted, fits, names: options.names,
  }, offset);
  return { items, fits };
}

function setSegment<S>(items: Item[], runs: TextRun<S>[], base: number, options: SetOptions, width: number, indent: number): SetLine<S>[] {
  if (!items.some((it) => it.t === 'box')) {
    // An empty line keeps its runs (their height) at its start.
    return [{ runs: runs.map((run, i) => ({ text: run.text, x: indent, width: 0, style: run.style, size: run.size, source: base + i })), width: indent, last: false, forced: false }];
  }
  const widths: Widths = { first: width - indent, rest: width };
  const justify = options.align === 'justify' && !options.display;
  let breaks: number[];
  if (options.display) breaks = balanced(items, widths);
  else if (justify) breaks = totalFit(items, widths, TOLERANCE) ?? totalFit(items, widths, Infinity) ?? firstFit(items, widths);
  else breaks = firstFit(items, widths);
  const lines: SetLine<S>[] = [];
  let prev = -1;
  breaks.forEach((b, k) => {
    const end = k === breaks.length - 1;
    lines.push(place(items, runs, base, prev, b, end, justify && !end, k === 0 ? indent : 0, k === 0 ? widths.first : widths.rest));
    prev = b;
  });
  return lines;
}

/** Positions the items of one line (after the break at `prev`, up to the break at `b`). */
function place<S>(items: Item[], runs: TextRun<S>[], base: number, prev: number, b: number, end: boolean,
  justify: boolean, indent: number, width: number): SetLine<S> {
  const start = lineStart(items, prev);
  const stop = end ? items.length : items[b].t === 'glue' ? b : b + 1;
  let natural = 0;
  let stretch = 0;
  let shrink = 0;
  let lastBox = start;
  for (let i = start; i < stop; i++) if (items[i].t === 'box') lastBox = i;
  for (let i = start; i <= lastBox; i++) {
    const it = items[i];
    if (it.t !== 'pen') natural += it.w;
    if (it.t === 'glue') {
      stretch += it.stretch;
      shrink += it.shrink;
    }
  }
  const hyphen = items[b]?.t === 'pen' && !end ? (items[b] as { w: number }).w : 0;
  natural += hyphen;
  let ratio = 0;
  if (justify && natural < width && stretch > 0) ratio = (width - natural) / stretch;
  else if (natural > width && shrink > 0) ratio = Math.max(-1, (width - natural) / shrink);
  const out: SetRun<S>[] = [];
  let x = indent;
  let piece: SetRun<S> | undefined;
  let joinable = false;
  for (let i = start; i <= lastBox; i++) {
    const it = items[i];
    if (it.t === 'pen') continue;
    if (it.t === 'glue') {
      const g = it.w + (ratio >= 0 ? ratio * it.stretch : ratio * it.shrink);
      if (it.spaces !== undefined && it.run !== undefined) {
        if (piece && piece.source === base + it.run && !piece.halt && !piece.scale) {
          piece.text += it.spaces;
          piece.width += it.natural ?? 0;
        } else {
          const run = runs[it.run];
          out.push((piece = { text: it.spaces, x, width: it.natural ?? 0, style: run.style, size: run.size, source: base + it.run }));
        }
        joinable = Math.abs(g - (it.natural ?? 0)) < 1e-9;
      } else joinable = Math.abs(g) < 1e-9;
      x += g;
      continue;
    }
    const run = runs[it.run];
    const source = base + it.run;
    if (piece && joinable && piece.source === source && !piece.halt && !piece.scale && !it.halt && !it.scale && Math.abs(piece.x + piece.width - x) < 1e-6) {
      piece.text += it.text;
      piece.width += it.w;
    } else {
      piece = { text: it.text, x, width: it.w, style: run.style, size: run.size, source };
      if (it.halt) piece.halt = true;
      if (it.scale) piece.scale = it.scale;
      out.push(piece);
    }
    joinable = true;
    x += it.w;
  }
  if (hyphen && piece) {
    piece.text += '-';
    piece.width += hyphen;
    x += hyphen;
  }
  // Spaces where the line breaks stay at its end (as typed, for copying), outside its width.
  const brk = items[end ? items.length - 1 : b];
  if (brk?.t === 'glue' && brk.spaces && piece && piece.source === base + brk.run! && !piece.halt && !piece.scale) piece.text += brk.spaces;
  return { runs: out, width: x, last: false, forced: false };
}
