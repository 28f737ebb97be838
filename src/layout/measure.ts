import { createRequire } from 'node:module';
import { builtinFonts, type FontSet } from '../fonts/fonts.js';
import { fontRuns } from '../fonts/fallback.js';
import { clusterCut, graphemes } from '../typeset/clusters.js';
import { NO_LINE_END, NO_LINE_START, isCjk } from './text.js';
import { useShapingCache, type ShapableFont } from '../fonts/shaping-cache.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit');

/** A font face as templates name it. */
export interface Face {
  font: string;
  bold: boolean;
}

/** The width of a text at 1 pt, as pdfkit will measure it. */
export type Measure = (text: string) => number;

const faces = new Map<string, { layout(t: string): { advanceWidth: number }; unitsPerEm: number }>();
const widths = new Map<string, number>();

/**
 * A measuring function for a face of the build's fonts; text in a fallback font (a Polish or
 * Vietnamese name on a Chinese face) is measured in the font that will draw it. Cached,
 * because names repeat.
 */
export function measurer(face: Face, fonts: FontSet = builtinFonts()): Measure {
  const family = fonts.families[face.font] ? face.font : 'sans';
  const width = (run: { text: string; family: string }) => {
    const file = (fonts.families[run.family] ?? fonts.families[family])[face.bold ? 'bold' : 'normal'];
    let font = faces.get(file.key);
    if (!font) {
      // A font of its own, not the one pdfkit draws with: fontkit keeps, per glyph, the characters
      // it was first made for, and pdfkit writes those into the PDF's text layer, so measuring a
      // sign's "谢·禹" must not make the booklet's "•" (the same glyph) copy as "·".
      font = fontkit.create(file.bytes(), file.postscriptName);
      useShapingCache(font as unknown as ShapableFont);
      faces.set(file.key, font!);
    }
    const key = `${file.key}\0${run.text}`;
    let w = widths.get(key);
    if (w === undefined) {
      w = font!.layout(run.text).advanceWidth / font!.unitsPerEm;
      if (widths.size > 50_000) widths.clear();
      widths.set(key, w);
    }
    return w;
  };
  return (text) => fontRuns(text, family, fonts).reduce((sum, run) => sum + width(run), 0);
}

/**
 * Splits text into pieces a line may break between: Latin words with their trailing
 * space, single Chinese characters; closing punctuation stays with what precedes it
 * and opening punctuation with what follows (W3C clreq).
 */
export function breakPieces(text: string): string[] {
  const raw = text.match(/[^\s\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF·\-/]+[·\-/]?\s*|[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]\s*|[·\-/]\s*|\s+/gu) ?? [];
  const out: string[] = [];
  for (const piece of raw) {
    const prev = out[out.length - 1];
    const glueBack = prev !== undefined && (NO_LINE_START.includes(piece.trim()[0] ?? '') || NO_LINE_END.includes(prev.trimEnd().slice(-1)) || /^\s+$/.test(piece));
    if (glueBack) out[out.length - 1] = prev + piece;
    else out.push(piece);
  }
  return out;
}

/** Greedy line filling at a size; returns the lines. */
export function wrapLines(text: string, width: number, size: number, measure: Measure): string[] {
  return wrapMeasured(text, width, size, measure).lines;
}

/**
 * Greedy line filling, with each line's width at 1 pt. A line is measured as the sum of its
 * pieces, as pdfmake measures a line of inlines: each piece is shaped once (and cached) however
 * many sizes and candidate lines are tried, where shaping every candidate line was a quarter
 * of the time of a build with signs and badges.
 */
function wrapMeasured(text: string, width: number, size: number, measure: Measure): { lines: string[]; widths: number[] } {
  const lines: string[] = [];
  const widths: number[] = [];
  let line = '';
  let full = 0; // the line's pieces, trailing spaces included
  let trimmed = 0; // the same, without the last piece's trailing space
  for (const piece of breakPieces(text)) {
    const bare = piece.trimEnd();
    const withPiece = full + measure(bare);
    if (line && withPiece * size > width) {
      lines.push(line.trimEnd());
      widths.push(trimmed);
      line = piece.trimStart();
      full = measure(line);
      trimmed = measure(line.trimEnd());
    } else {
      line += piece;
      trimmed = withPiece;
      full += measure(piece);
    }
  }
  if (line.trim() || lines.length === 0) {
    lines.push(line.trimEnd());
    widths.push(trimmed);
  }
  return { lines, widths };
}

/** What to fit: the box width, the size range and how many lines are allowed. */
export interface FitRequest {
  width: number;
  maxSize: number;
  minSize: number;
  maxLines: number;
  /** Below this size on one line, wrapping is tried (default: minSize). */
  wrapSize?: number;
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
  const oneLine = Math.min(req.maxSize, floorStep(width / Math.max(measure(text), 1e-6)));
  if (oneLine >= (req.wrapSize ?? req.minSize) || (req.maxLines <= 1 && oneLine >= req.minSize)) {
    return { size: oneLine, lines: [text], fits: true };
  }
  // Wrapped at a size, the text fits when it takes few enough lines and no line (a word
  // longer than the box stays whole) is wider than the box.
  const fitsAt = (size: number) => {
    const { lines, widths } = wrapMeasured(text, width, size, measure);
    return lines.length <= req.maxLines && widths.every((w) => w * size <= width);
  };
  let lo = req.minSize;
  let hi = req.maxSize;
  if (!fitsAt(lo)) {
    return { size: req.minSize, lines: wrapLines(text, width, req.minSize, measure), fits: false };
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
  return { size: lo, lines: wrapLines(text, width, lo, measure), fits: true };
}

/**
 * The text set at `size` on at most `maxLines` lines of `width`: a word wider than the line is
 * broken between characters, and what does not fit ends the last line in "…". For a box that
 * must not grow (a badge: a 500-character name printed whole ran over three badges below it).
 */
export function cutToLines(text: string, width: number, size: number, maxLines: number, measure: Measure): string[] {
  const box = width * SAFETY;
  const fits = (t: string) => measure(t) * size <= box;
  const lines: string[] = [];
  for (const line of wrapLines(text, box, size, measure)) {
    let rest = line;
    while (rest && !fits(rest) && lines.length <= maxLines) {
      const n = longestFitting(rest, fits) || clusterCut(rest, 1);
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

/** The most leading characters (whole code points) of `text` that fit, by halving. */
function longestFitting(text: string, fits: (t: string) => boolean): number {
  let low = 0;
  let high = text.length;
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
