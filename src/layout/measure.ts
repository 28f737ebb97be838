import { builtinFonts, type FontSet } from '../fonts/fonts.js';
import { fontRuns } from '../fonts/fallback.js';
import { isCjk } from './text.js';
import { setParagraph, type Metrics } from '../typeset/index.js';
import { DEFAULT_TYPOGRAPHY } from '../typeset/config.js';
import { clusterCut, graphemes } from '../typeset/clusters.js';
import { measuringFace, type MeasuringFace } from '../fonts/measuring.js';

/** A font face as templates name it. */
export interface Face {
  font: string;
  bold: boolean;
}

/** The width of a text at 1 pt, as pdfkit will measure it; `halt`: a punctuation mark's half-width form at 1 pt (fontkit's `halt` feature). */
export type Measure = ((text: string) => number) & {
  halt?: (ch: string) => { offset: number; advance: number } | undefined;
  /** The height at 1 pt of a line of this text as pdfmake sets it: the tallest of its fonts' ascent − descent (pdfkit's lineHeight). */
  lineHeight?: (text: string) => number;
};

/**
 * A measuring function for a face of the build's fonts; text in a fallback font (a Polish or
 * Vietnamese name on a Chinese face) is measured in the font that will draw it. Cached,
 * because names repeat.
 */
export function measurer(face: Face, fonts: FontSet = builtinFonts()): Measure {
  const family = fonts.families[face.font] ? face.font : 'sans';
  const fontOf = (name: string): MeasuringFace => measuringFace((fonts.families[name] ?? fonts.families[family])[face.bold ? 'bold' : 'normal']);
  const width = (run: { text: string; family: string }) => fontOf(run.family).width(run.text);
  // The whole text's width too: fitting measures the same pieces at every size it tries.
  const key = `${family}\0${face.bold ? 'b' : ''}`;
  let totals = totalsOf.get(fonts);
  if (!totals) totalsOf.set(fonts, (totals = new Map()));
  let known = totals.get(key);
  if (!known) totals.set(key, (known = new Map()));
  const memo = known;
  const measure: Measure = (text) => {
    let w = memo.get(text);
    if (w === undefined) {
      w = fontRuns(text, family, fonts).reduce((sum, run) => sum + width(run), 0);
      if (memo.size > 50_000) memo.clear();
      memo.set(text, w);
    }
    return w;
  };
  measure.halt = (ch) => fontOf(fontRuns(ch, family, fonts)[0]?.family ?? family).halt(ch);
  measure.lineHeight = (text) => {
    let tallest = 0;
    for (const run of text ? fontRuns(text, family, fonts) : [{ text, family }]) tallest = Math.max(tallest, fontOf(run.family).lineHeight());
    return tallest || fontOf(family).lineHeight();
  };
  return measure;
}

/** Display lines at a size, as the paragraph setter (src/typeset/) breaks them: returns the lines. */
export function wrapLines(text: string, width: number, size: number, measure: Measure, cjkLatinSpace = DEFAULT_TYPOGRAPHY.cjkLatinSpace, names = false): string[] {
  return wrapMeasured(text, width, size, measure, cjkLatinSpace, names).lines;
}

/**
 * Display lines at a size (a sign's title at one step of its <fit group>), as the paragraph
 * setter breaks them; undefined when a line is wider than `width` (a word too long for the box).
 */
export function displayLines(text: string, width: number, size: number, measure: Measure, cjkLatinSpace = DEFAULT_TYPOGRAPHY.cjkLatinSpace): string[] | undefined {
  return measuredDisplayLines(text, width, size, measure, cjkLatinSpace)?.lines;
}

/** displayLines with each line's width at 1 pt. */
export function measuredDisplayLines(text: string, width: number, size: number, measure: Measure, cjkLatinSpace = DEFAULT_TYPOGRAPHY.cjkLatinSpace, names = false): { lines: string[]; widths: number[] } | undefined {
  const set = wrapMeasured(text, width, size, measure, cjkLatinSpace, names);
  return set.widths.every((w) => w * size <= width) ? set : undefined;
}

/** Widths of whole texts at 1 pt, per font set and face. */
const totalsOf = new WeakMap<FontSet, Map<string, Map<string, number>>>();

/**
 * The lines of a text set as display lines (balanced, broken between words, with clreq's
 * rules and the Chinese–Latin gap) by the same setter that sets them in the PDF, with each
 * line's width at 1 pt. Each line is then drawn as its own line: the lines measured here are
 * the lines drawn.
 */
function wrapMeasured(text: string, width: number, size: number, measure: Measure, cjkLatinSpace = DEFAULT_TYPOGRAPHY.cjkLatinSpace, names = false): { lines: string[]; widths: number[] } {
  const metrics: Metrics<number> = {
    width: (t) => measure(t) * size,
    halt: (ch) => {
      const h = measure.halt?.(ch);
      return h && { offset: h.offset * size, advance: h.advance * size };
    },
  };
  const set = setParagraph([{ text, style: 0, size }], metrics, { width, display: true, cjkLatinSpace, names });
  if (set.length === 0) return { lines: [text.trim()], widths: [0] };
  return { lines: set.map((l) => l.runs.map((r) => r.text).join('').trim()), widths: set.map((l) => l.width / size) };
}

/** The width at 1 pt of a text set on one line (its Chinese–Latin gaps and compressed punctuation included). */
export function lineWidth(text: string, measure: Measure, cjkLatinSpace = DEFAULT_TYPOGRAPHY.cjkLatinSpace): number {
  if (cjkLatinSpace === 0 && !/[\u3000-\u303F\uFF00-\uFFEF“”‘’—]/u.test(text)) return measure(text);
  return Math.max(...wrapMeasured(text, 1e9, 1, measure, cjkLatinSpace).widths, 0);
}

/** What to fit: the box width, the size range and how many lines are allowed. */
export interface FitRequest {
  width: number;
  maxSize: number;
  minSize: number;
  maxLines: number;
  /** Below this size on one line, wrapping is tried (default: minSize). */
  wrapSize?: number;
  /** The gap between Chinese and Latin letters or digits, in em (theme.yaml's typography). */
  cjkLatinSpace?: number;
  /** People's names: broken only between names and their parts, never inside one (names="true"). */
  names?: boolean;
}

/** The chosen size and line breaks; `fits` is false when even minSize overflows. */
export interface Fitted {
  size: number;
  lines: string[];
  fits: boolean;
}

/** pdfkit's widths and ours agree to rounding: a little room is kept so pdfmake never re-wraps. */
export const SAFETY = 0.98;
const STEP = 0.25;

/**
 * The largest size at which a text fits its box: one line first, shrinking down to
 * wrapSize; then up to maxLines lines, down to minSize. Below that, minSize and wrapped.
 */
export function fitText(text: string, req: FitRequest, measure: Measure): Fitted {
  const width = req.width * SAFETY;
  const oneLine = Math.min(req.maxSize, floorStep(width / Math.max(lineWidth(text, measure, req.cjkLatinSpace), 1e-6)));
  if (oneLine >= (req.wrapSize ?? req.minSize) || (req.maxLines <= 1 && oneLine >= req.minSize)) {
    return { size: oneLine, lines: [text], fits: true };
  }
  // Wrapped at a size, the text fits when it takes few enough lines and no line (a word
  // longer than the box stays whole) is wider than the box.
  const fitsAt = (size: number) => {
    const { lines, widths } = wrapMeasured(text, width, size, measure, req.cjkLatinSpace, req.names);
    return lines.length <= req.maxLines && widths.every((w) => w * size <= width);
  };
  let lo = req.minSize;
  let hi = req.maxSize;
  if (!fitsAt(lo)) {
    return { size: req.minSize, lines: wrapLines(text, width, req.minSize, measure, req.cjkLatinSpace, req.names), fits: false };
  }
  while (hi - lo > STEP) {
    const mid = floorStep((lo + hi) / 2);
    if (mid <= lo) break;
    if (fitsAt(mid)) lo = mid;
    else hi = mid;
  }
  if (fitsAt(hi)) lo = hi;
  // A text without break opportunities is no bigger wrapped than on one line.
  if (oneLine >= lo) return { size: oneLine, lines: [text], fits: true };
  return { size: lo, lines: wrapLines(text, width, lo, measure, req.cjkLatinSpace, req.names), fits: true };
}

/**
 * The text set at `size` on at most `maxLines` lines of `width`: a word wider than the line is
 * broken between characters, and what does not fit ends the last line in "…". For a box that
 * must not grow (a badge: a 500-character name printed whole ran over three badges below it).
 */
export function cutToLines(text: string, width: number, size: number, maxLines: number, measure: Measure, cjkLatinSpace = DEFAULT_TYPOGRAPHY.cjkLatinSpace, names = false): string[] {
  const box = width * SAFETY;
  const fits = (t: string) => lineWidth(t, measure, cjkLatinSpace) * size <= box;
  const lines: string[] = [];
  for (const line of wrapLines(text, box, size, measure, cjkLatinSpace, names)) {
    let rest = line;
    // Whether the rest fits is whether its longest fitting start is all of it: a long rest is never measured whole.
    while (rest && lines.length <= maxLines) {
      const longest = longestFitting(rest, fits);
      if (longest >= rest.length) break;
      const n = longest || clusterCut(rest, 1);
      lines.push(rest.slice(0, n));
      rest = rest.slice(n).trimStart();
    }
    if (rest) lines.push(rest);
    if (lines.length > maxLines) break;
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, Math.max(1, maxLines));
  let last = kept[kept.length - 1];
  while (last && !fits(`${last}…`)) last = graphemes(last).slice(0, -1).join('');
  kept[kept.length - 1] = `${last.trimEnd()}…`;
  return kept;
}

/**
 * The most leading characters (whole code points) of `text` that fit: doubling from one, then
 * halving. A line's worth is found by measuring texts at most twice its length, so cutting a
 * 4,800-character name is not 13 measurings of thousands of characters per line (16 s to fit one badge).
 */
function longestFitting(text: string, fits: (t: string) => boolean): number {
  let low = 0;
  let high = 1;
  while (high < text.length && fits(text.slice(0, high))) {
    low = high;
    high *= 2;
  }
  high = Math.min(high, text.length);
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (fits(text.slice(0, mid))) low = mid;
    else high = mid - 1;
  }
  // Never inside a grapheme cluster (a surrogate pair, an emoji sequence, a letter and its marks).
  return low > 0 ? Math.min(clusterCut(text, low), text.length) : low;
}

function floorStep(n: number): number {
  return Math.floor(n / STEP) * STEP;
}

/** Two-character Chinese names get an ideographic space between them (雷　娜), as is customary. */
export function spacedName(name: string): string {
  const chars = [...name.trim()];
  return chars.length === 2 && chars.every((c) => isCjk(c)) ? chars.join('\u3000') : name.trim();
}
