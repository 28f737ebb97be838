import type { FontSet } from '../fonts/fonts.js';
import { applyFontFallback } from '../fonts/fallback.js';
import { groupMembers, setStep } from '../layout/fit-groups.js';
import type { DocumentTree, Node } from '../layout/tree.js';
import { layoutPages, type LaidPage } from './pdf.js';

/** Probes at most per sign (each 5 to 10 ms a sign): the first tries its largest step, the next ones close in. */
const PASSES = 5;

/**
 * A sign reaching this far past the page's foot at its largest step most likely overflows at
 * every step: its last probe is tried first (see `doomed`). Only a guess of whom to ask; the
 * answer is measured.
 */
const FAR_OVER = 1.3;

/** One sign's search: the indexes into its steps known to fit (lo) and to overflow (hi), with the heights measured there. */
interface Search {
  index: number;
  steps: number[];
  lo: number;
  hi: number;
  bottomLo: number;
  bottomHi: number;
  /** The next index to measure, undefined when done. */
  next: number | undefined;
  /** Probes of the search made so far (at most PASSES). */
  probes: number;
  /** The index that decides, when measured first, whether every probe left would overflow. */
  last?: number;
}

/**
 * Each block marked fill-page (a door sign) gets the largest step of its <fit group> at which
 * it still fits its page, so its titles fill the sheet at one size; a sign too long even at the
 * smallest step runs on, its heading repeated, its texts at the size they fit their boxes at.
 * Steps are tried with pdfmake's own layout (all undecided signs in one pass, each on a page of unlimited height),
 * closing in on the page's foot by interpolating the heights measured.
 */
export function fillPages(doc: DocumentTree, fonts: FontSet): DocumentTree {
  const blocks: Node[] = Array.isArray(doc.content) ? doc.content : [];
  const signs = blocks.flatMap((block, index) => (Array.isArray(block.fillSteps) && block.fillSteps.length > 1 ? [{ index, steps: block.fillSteps }] : []));
  if (!signs.length || typeof doc.pageSize?.height !== 'number') return doc;
  const margins = marginsOf(doc.pageMargins);
  const foot = doc.pageSize.height - margins[3] + 0.01;
  const trial = { ...doc, pageSize: { width: doc.pageSize.width, height: 'auto' as const } };
  const state: Search[] = signs.map((s) => ({ ...s, lo: -1, hi: s.steps.length, bottomLo: 0, bottomHi: 0, next: s.steps.length - 1, probes: 0 }));
  for (;;) {
    const trying = state.filter((s) => s.next !== undefined);
    if (!trying.length) break;
    const bottoms = measure(trial, trying.map((s) => withStep(blocks[s.index], s.steps[s.last ?? s.next!])), fonts);
    trying.forEach((s, i) => {
      if (s.last !== undefined) {
        // Overflowing there, the sign overflows at every step its search would still try: it ends as it would.
        if (bottoms[i] > foot) s.next = undefined;
        s.last = undefined;
        return;
      }
      const at = s.next!;
      if (bottoms[i] <= foot) [s.lo, s.bottomLo] = [at, bottoms[i]];
      else [s.hi, s.bottomHi] = [at, bottoms[i]];
      s.probes++;
      s.next = s.probes < PASSES ? nextTry(s, foot) : undefined;
      if (s.probes === 1 && s.next !== undefined && bottoms[i] > FAR_OVER * foot) s.last = doomed(s);
    });
  }
  const content = [...blocks];
  // A sign that overflows even at its smallest step runs on anyway: its texts keep the size they fit their boxes at.
  for (const s of state) content[s.index] = withStep(blocks[s.index], s.steps[s.lo >= 0 ? s.lo : s.steps.length - 1]);
  return { ...doc, content };
}

/**
 * The last index a search that has found nothing that fits would try if every probe it has
 * left overflowed (it halves the interval each time). A sign is higher at a larger step (every
 * title of its group larger, in as many lines or more, the other rows alike), so when that
 * smallest of the probes overflows, all of them would: the search would end with nothing that
 * fits, and that one measurement replaces the rest.
 */
function doomed(s: Search): number | undefined {
  let [hi, probes, last] = [s.hi, s.probes, undefined as number | undefined];
  while (probes < PASSES && hi > 0) {
    hi = Math.floor(hi / 2);
    last = hi;
    probes++;
  }
  return last;
}

/**
 * The next index to try between what fits and what overflows, or undefined when they are
 * a step apart. Where the heights on both sides are known, the guess is where a straight line
 * between them meets the page's foot (the height grows about linearly with the size between
 * two line breaks), kept to the middle half of the interval so that it shrinks by a quarter at least.
 */
function nextTry(s: { lo: number; hi: number; bottomLo: number; bottomHi: number; steps: number[] }, foot: number): number | undefined {
  if (s.hi - s.lo <= (s.lo < 0 ? 1 : 2)) return undefined; // within a step (half a point of a title) of the best: close enough
  const quarter = Math.ceil((s.hi - s.lo) / 4);
  if (s.lo < 0) return Math.floor(s.hi / 2);
  const [a, b] = [s.steps[s.lo], s.steps[s.hi]];
  const guess = a + ((foot - s.bottomLo) * (b - a)) / Math.max(s.bottomHi - s.bottomLo, 1e-6);
  let index = s.lo + 1;
  while (index + 1 < s.hi && s.steps[index + 1] <= guess) index++;
  return Math.min(Math.max(index, s.lo + quarter), s.hi - quarter);
}

/** A copy of a sign with its group's members set at a step. */
function withStep(block: Node, step: number): Node {
  const copy = clone(block);
  for (const m of groupMembers(copy)) if (m.fitGroup === copy.fillPage) setStep(m, step);
  return copy;
}

/** How far down each block reaches when laid out alone on a page of the trial document (as wide as the real one, of unlimited height). */
function measure(trial: DocumentTree, blocks: Node[], fonts: FontSet): number[] {
  const content = blocks.map((b, i) => ({ ...b, pageBreak: i ? 'before' : undefined }));
  const alone = applyFontFallback({ ...trial, content, header: undefined, footer: undefined }, fonts).doc;
  return layoutPages(alone, fonts).map(bottomOf);
}

/** The lowest point of anything on a laid-out page. */
function bottomOf(page: LaidPage): number {
  let bottom = 0;
  for (const { type, item } of page.items) {
    if (type === 'line' && item.getHeight) bottom = Math.max(bottom, (item.y ?? 0) + item.getHeight());
    else if (type === 'image') bottom = Math.max(bottom, (item.y ?? 0) + (item._height ?? item.height ?? 0));
    else if (type === 'vector') bottom = Math.max(bottom, item.type === 'line' ? Math.max(item.y1 ?? 0, item.y2 ?? 0) : (item.y ?? 0) + (item.h ?? 0));
  }
  return bottom;
}

function marginsOf(m: unknown): number[] {
  const a = Array.isArray(m) ? m.map(Number) : [Number(m ?? 40)];
  if (a.length === 4) return a;
  return a.length === 2 ? [a[0], a[1], a[0], a[1]] : [a[0], a[0], a[0], a[0]];
}

/** A deep copy of plain data; functions (table layouts) are shared, as pdfmake never changes them. */
function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)])) as T;
  }
  return value;
}
