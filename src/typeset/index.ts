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

/** Offsets between words of `text` (Intl.Segmenter, with Chinese dictionary segmentation). */
function wordBounds(text: string): Set<number> {
  let seg = segmenters.get('zh');
  if (!seg) segmenters.set('zh', (seg = new Intl.Segmenter('zh', { granularity: 'word' })));
  const out = new Set<number>();
  let prev = '';
  for (const s of seg.segment(text)) {
    // A one-character word joins the word before it (感知器, 学习的; ICU cuts 在线 into 在|线).
    const single = [...s.segment].length === 1 && isHan(s.segment) && isHan([...prev].pop() ?? '');
    if (!single) out.add(s.index);
    prev = s.segment;
  }
  out.add(text.length);
  return out;
}

/**
 * Sets a paragraph: runs of text in, lines of positioned runs out, for lines `width` wide.
 * Justified text is broken by total fit (Knuth–Plass) with hyphenation, display lines
 * (titles) are balanced at word boundaries, other text fills lines first-fit; every line
 * obeys clreq (see items.ts). A forced line break starts a new paragraph of lines.
 */
export function setParagraph<S>(runs: TextRun<S>[], metrics: Metrics<S>, options: SetOptions): SetLine<S>[] {
  const out: SetLine<S>[] = [];
  const indent = options.indent ?? 0;
  let from = 0;
  let offset = 0;
  for (let r = 0; r < runs.length; r++) {
    if (!runs[r].lineEnd && r < runs.length - 1) continue;
    const segment = runs.slice(from, r + 1);
    const first = out.length === 0;
    const lines = setSegment(segment, from, offset, metrics, options, first ? indent : 0);
    if (lines.length && runs[r].lineEnd) lines[lines.length - 1].forced = true;
    out.push(...lines);
    for (const run of segment) offset += run.text.length;
    from = r + 1;
  }
  if (out.length) out[out.length - 1].last = true;
  return out;
}

function setSegment<S>(runs: TextRun<S>[], base: number, offset: number, metrics: Metrics<S>, options: SetOptions, indent: number): SetLine<S>[] {
  const width = Math.max(options.width, 1e-3);
  const bounds = options.display ? wordBounds(runs.map((r) => r.text).join('')) : undefined;
  const shifted = bounds && new Set([...bounds].map((b) => b + offset));
  const items = buildItems(runs, metrics, {
    width: width - indent, hyphenate: options.hyphenate, cjkLatinSpace: options.cjkLatinSpace ?? 0.25, wordBounds: shifted,
  }, offset);
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
