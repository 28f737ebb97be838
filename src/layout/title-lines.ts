import { NO_LINE_END, NO_LINE_START } from './text.js';
import type { Measure } from './measure.js';

/**
 * The lines of a text set at `size` in a box `width` wide, or undefined when it cannot be set
 * there (a word wider than the box). The one question a sign asks of line breaking, so that a
 * paragraph setter can answer it instead of the greedy one below.
 */
export type LineSetter = (text: string, size: number, width: number, measure: Measure) => string[] | undefined;

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * Pieces a title may break between: Latin words with their trailing space and Chinese words
 * as ICU's dictionary finds them (专题|研讨, not 专|题). A one-character word joins the word
 * before it (吸引子, 感知器, 学习的; the dictionary cuts 在线 into 在|线), and punctuation stays
 * with its word (clreq).
 */
export function wordPieces(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const prev = out[out.length - 1];
    const single = [...segment].length === 1 && CJK.test(segment) && !NO_LINE_START.includes(segment) && !NO_LINE_END.includes(segment);
    const glue = prev !== undefined && (
      /^\s+$/.test(segment) // a space ends the word before it
      || (!/\s$/.test(prev) && !CJK.test(segment) && !CJK.test(prev.slice(-1))) // within a Latin word ("d’", "-")
      || NO_LINE_START.includes(segment[0]) || NO_LINE_END.includes(prev.trimEnd().slice(-1))
      || (single && CJK.test(prev.slice(-1))));
    if (glue) out[out.length - 1] = prev + segment;
    else out.push(segment);
  }
  return out;
}

/**
 * Greedy filling of whole pieces; undefined when one piece alone is wider than the line. A line
 * is measured as the sum of its pieces (as pdfmake measures a line of words), each shaped once.
 */
function greedy(pieces: Piece[], width: number, size: number): string[] | undefined {
  const lines: string[] = [];
  let line = '';
  let full = 0; // the line's width with the last piece's trailing space
  for (const piece of pieces) {
    if (piece.bare * size > width) return undefined;
    if (line && (full + piece.bare) * size > width) {
      lines.push(line.trimEnd());
      line = piece.text.trimStart();
      full = piece.full;
    } else {
      line += piece.text;
      full += piece.full;
    }
  }
  if (line.trim() || !lines.length) lines.push(line.trimEnd());
  return lines;
}

/** A piece with its widths at 1 pt, with and without its trailing space. */
interface Piece { text: string; full: number; bare: number }

const measured = new WeakMap<Measure, Map<string, Piece[]>>();

/** A text's pieces, measured once per face however many sizes it is tried at. */
function piecesOf(text: string, measure: Measure): Piece[] {
  let byText = measured.get(measure);
  if (!byText) measured.set(measure, (byText = new Map()));
  let pieces = byText.get(text);
  if (!pieces) {
    pieces = wordPieces(text).map((t) => ({ text: t, full: measure(t), bare: measure(t.trimEnd()) }));
    if (byText.size > 5000) byText.clear();
    byText.set(text, pieces);
  }
  return pieces;
}

/**
 * Whole words, as few lines as greedy filling needs, then balanced: the narrowest width that
 * still takes that many lines, so a title breaks into lines of like length and never leaves
 * one word alone below a full line.
 */
export const balancedLines: LineSetter = (text, size, width, measure) => {
  const pieces = piecesOf(text, measure);
  const first = greedy(pieces, width, size);
  if (!first || first.length < 2) return first;
  let lo = 0;
  let hi = width;
  let best = first;
  for (let i = 0; i < 12 && hi - lo > 1; i++) {
    const mid = (lo + hi) / 2;
    const lines = greedy(pieces, mid, size);
    if (lines && lines.length === first.length) {
      best = lines;
      hi = mid;
    } else lo = mid;
  }
  return best;
};
