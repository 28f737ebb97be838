import { firstFit, lineStart, type Widths } from './breaker.js';
import { LAST_RESORT, type Item } from './items.js';

/**
 * A first line not shorter than the next may make the widest line this much wider (a fraction)
 * than the most balanced breaks' widest: "Representational Learning / and Grid Cells" (14 %
 * wider) rather than "Representational / Learning and Grid Cells".
 */
const FIRST_LONGER = 0.15;
/** A first line this much (a fraction) shorter than the next one still counts as not shorter. */
const NEARLY = 0.02;
/** Titles of more lines than this are set most balanced only (the first line's choice multiplies the work). */
const MAX_LINES = 6;

/** Prefix sums of the items' widths (penalties count only where broken at). */
function widthSums(items: Item[]): Float64Array {
  const w = new Float64Array(items.length + 1);
  for (let i = 0; i < items.length; i++) w[i + 1] = w[i] + (items[i].t === 'pen' ? 0 : items[i].w);
  return w;
}

/** The widths of the lines from item `from` (a line start) with the given breaks (the glue broken at is not in a line; a hyphen is). */
function lineWidths(items: Item[], w: Float64Array, from: number, breaks: number[]): number[] {
  const out: number[] = [];
  let start = from;
  for (const b of breaks) {
    const it = items[b];
    const end = b === items.length - 1;
    out.push((end ? (it.t === 'glue' ? w[b] : w[b + 1]) : w[b] + (it.t === 'pen' ? it.w : 0)) - w[start]);
    start = lineStart(items, b);
  }
  return out;
}

/**
 * The breaks of the items from `from` (a line start) that take at most `count` lines, each as
 * short as it can be: the narrowest width that still gives that many lines, by halving. Undefined
 * when even lines `limit` wide take more.
 */
function narrowest(items: Item[], w: Float64Array, from: number, count: number, widths: Widths, limit: number): number[] | undefined {
  const tail = from > 0 ? items.slice(from) : items;
  const shift = (breaks: number[]) => (from > 0 ? breaks.map((b) => b + from) : breaks);
  // Only the paragraph's first line is shorter by the indent.
  const indent = from > 0 ? 0 : widths.rest - widths.first;
  const fill = (width: number) => shift(firstFit(tail, { first: width - indent, rest: width }));
  const widest = (breaks: number[]) => Math.max(...lineWidths(items, w, from, breaks));
  let best = fill(limit);
  if (best.length > count) return undefined;
  if (best.length < 2) return best;
  let lo = widest(best) / best.length;
  let hi = limit;
  for (let k = 0; k < 24 && hi - lo > 0.25; k++) {
    const mid = (lo + hi) / 2;
    const breaks = fill(mid);
    if (breaks.length <= count && widest(breaks) <= mid + 1e-9) {
      best = breaks;
      hi = mid;
    } else lo = mid;
  }
  return best;
}

/**
 * Display lines (titles): as many lines as first fit needs, balanced (each as short as it can be
 * while the count stays the same, so a two-line title gets two lines of like length), and among
 * nearly as balanced breaks (the widest line at most FIRST_LONGER wider) the first line not
 * shorter than the next, as display titles are set; in a title of three lines the second too.
 */
export function balanced(items: Item[], widths: Widths): number[] {
  const full = firstFit(items, widths);
  if (full.length < 2) return full;
  const w = widthSums(items);
  const best = narrowest(items, w, 0, full.length, widths, widths.rest) ?? full;
  if (best.length > MAX_LINES) return best;
  const widest = Math.max(...lineWidths(items, w, 0, best));
  return firstNotShorter(items, w, 0, best, widths, Math.min(widths.rest, widest * (1 + FIRST_LONGER)), best.length <= 3);
}

/**
 * The breaks from `from` (a line start) into as many lines as `best` (the most balanced), each
 * within `limit`, whose first line is not shorter than the next and whose widest is least; `best`
 * when there are none. The first line's choices are one line's break points, each with the rest
 * balanced (`again`: by this same rule), so the work stays linear in the title's length.
 */
function firstNotShorter(items: Item[], w: Float64Array, from: number, best: number[], widths: Widths, limit: number, again: boolean): number[] {
  if (best.length < 2) return best;
  const lines = lineWidths(items, w, from, best);
  if (lines[0] >= lines[1] * (1 - NEARLY)) return again ? [best[0], ...firstNotShorter(items, w, lineStart(items, best[0]), best.slice(1), widths, limit, false)] : best;
  const room = from > 0 ? limit : limit - (widths.rest - widths.first);
  let chosen = best;
  let chosenWidest = Infinity;
  // The first line ends later than in the balanced breaks: at each break point while it stays within the limit.
  for (let b = best[0] + 1; b < items.length - 1; b++) {
    const it = items[b];
    const canBreak = it.t === 'pen' ? it.cost < LAST_RESORT : it.t === 'glue' && it.brk && items[b - 1].t === 'box';
    if (!canBreak) continue;
    const first = lineWidths(items, w, from, [b])[0];
    if (first > room) break;
    const next = lineStart(items, b);
    let rest = narrowest(items, w, next, best.length - 1, widths, limit);
    if (!rest?.length) continue;
    if (again) rest = firstNotShorter(items, w, next, rest, widths, limit, false);
    const after = lineWidths(items, w, next, rest);
    const most = Math.max(first, ...after);
    if (first >= after[0] * (1 - NEARLY) && most < chosenWidest) {
      chosen = [b, ...rest];
      chosenWidest = most;
    }
  }
  return chosen;
}
