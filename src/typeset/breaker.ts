import { LAST_RESORT, ONLY_IF_NEEDED, type Item } from './items.js';

/** Line widths: the first line's (after an indent) and the others'. */
export interface Widths {
  first: number;
  rest: number;
}

const INFINITY = 10_000;
/** Demerits of a paragraph whose last line holds one letter: taken only when nothing else fits. */
const LONELY_LAST = 1e7;
/** Demerits of a hyphen on a paragraph's next-to-last line (TeX's \finalhyphendemerits, here about five hyphens' own): "technol- / ogy." ends few paragraphs. */
const FINAL_HYPHEN = 500_000;

interface Node {
  pos: number;
  line: number;
  fitness: number;
  total: number;
  w: number;
  st: number;
  sh: number;
  prev: Node | null;
  flagged: boolean;
}

/** Whether a line may end at item `i`. */
function breakable(items: Item[], i: number): boolean {
  const it = items[i];
  if (it.t === 'pen') return it.cost < INFINITY;
  return it.t === 'glue' && it.brk && i > 0 && items[i - 1].t === 'box';
}

/** Sums of widths, stretch, shrink and letters before each item (prefix sums). */
function prefixes(items: Item[]): { w: Float64Array; st: Float64Array; sh: Float64Array; letters: Int32Array } {
  const n = items.length;
  const w = new Float64Array(n + 1);
  const st = new Float64Array(n + 1);
  const sh = new Float64Array(n + 1);
  const letters = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const it = items[i];
    w[i + 1] = w[i] + (it.t === 'pen' ? 0 : it.w);
    st[i + 1] = st[i] + (it.t === 'glue' ? it.stretch : 0);
    sh[i + 1] = sh[i] + (it.t === 'glue' ? it.shrink : 0);
    letters[i + 1] = letters[i] + (it.t === 'box' ? it.letters : 0);
  }
  return { w, st, sh, letters };
}

/** The natural width of a line from item `start` to a break at `b` (the glue broken at is not in it; a hyphen is). */
function naturalWidth(items: Item[], w: Float64Array, start: number, b: number, end: boolean): number {
  const it = items[b];
  if (end) return (it.t === 'glue' ? w[b] : w[b + 1]) - w[start];
  return w[b] - w[start] + (it.t === 'pen' ? it.w : 0);
}

/** The first item of a line that starts after a break at `pos` (glue and penalties after a break are dropped). */
export function lineStart(items: Item[], pos: number): number {
  let i = pos < 0 ? 0 : pos + 1;
  while (i < items.length && items[i].t !== 'box') i++;
  return i;
}

/**
 * Knuth and Plass's total-fit line breaking: the breaks that minimise the paragraph's
 * demerits, lines with word spaces within `tolerance` (the adjustment ratio; Infinity: any
 * line that is not overfull). Active breakpoints end once a line from them is overfull, so
 * the work is the paragraph's length times the breakpoints a line holds: linear. Returns the
 * indices of the items broken at (the last is the paragraph's end), or undefined when no
 * set of lines stays within the tolerance.
 */
export function totalFit(items: Item[], widths: Widths, tolerance: number, ragged = 0): number[] | undefined {
  const p = prefixes(items);
  const n = items.length;
  let active: Node[] = [{ pos: -1, line: 0, fitness: 1, total: 0, w: 0, st: 0, sh: 0, prev: null, flagged: false }];
  for (let b = 0; b < n; b++) {
    const end = b === n - 1;
    if (!end && !breakable(items, b)) continue;
    const it = items[b];
    const penalty = it.t === 'pen' ? it.cost : 0;
    const flagged = it.t === 'pen' && it.flagged;
    const best: Array<Node | null> = [null, null, null, null] as Array<Node | null>;
    const keep: Node[] = [];
    let lastDropped: Node | undefined;
    for (const a of active) {
      const start = lineStart(items, a.pos);
      const width = a.line === 0 ? widths.first : widths.rest;
      const natural = naturalWidth(items, p.w, start, b, end);
      let ratio: number;
      if (end) ratio = natural <= width ? 0 : (width - natural) / Math.max(p.sh[b] - p.sh[start], 1e-9);
      else if (natural < width) ratio = (width - natural) / (p.st[b] - p.st[start] + ragged || 1e-9);
      else if (natural > width) ratio = (width - natural) / Math.max(p.sh[b] - p.sh[start], 1e-9);
      else ratio = 0;
      if (ratio < -1) {
        lastDropped = a;
        continue;
      }
      keep.push(a);
      if (ratio > tolerance) continue;
      // A line with nothing to stretch (a word split between characters): the emptier, the worse.
      const badness = ratio > 1e3 ? INFINITY / 2 + (INFINITY / 2) * Math.min(1, (width - natural) / width) : Math.min(INFINITY, 100 * Math.abs(ratio) ** 3);
      let demerits = (10 + badness) ** 2 + (penalty >= 0 ? penalty * penalty : -penalty * penalty);
      if (flagged && a.flagged) demerits += 30_000;
      const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
      if (Math.abs(fitness - a.fitness) > 1) demerits += 3_000;
      if (end && a.pos >= 0 && p.letters[n] - p.letters[start] <= 1) demerits += LONELY_LAST;
      if (end && a.flagged) demerits += FINAL_HYPHEN;
      const total = a.total + demerits;
      if (!best[fitness] || total < best[fitness]!.total) {
        best[fitness] = { pos: b, line: a.line + 1, fitness, total, w: 0, st: 0, sh: 0, prev: a, flagged };
      }
    }
    // With any tolerance nothing stays: a line from the last dropped break ends here, overfull.
    if (keep.length === 0 && !best.some((x) => x !== null) && lastDropped && tolerance === Infinity) {
      best[1] = { pos: b, line: lastDropped.line + 1, fitness: 1, total: lastDropped.total + INFINITY * INFINITY, w: 0, st: 0, sh: 0, prev: lastDropped, flagged };
    }
    active = keep;
    for (const node of best) if (node) active.push(node);
    if (active.length === 0) return undefined;
    if (end) {
      let winner: Node | undefined;
      for (const node of best) if (node && (!winner || node.total < winner.total)) winner = node;
      if (!winner) return undefined;
      const breaks: number[] = [];
      for (let node: Node | null = winner; node && node.pos >= 0; node = node.prev) breaks.push(node.pos);
      return breaks.reverse();
    }
  }
  return undefined;
}

/**
 * First fit: each line takes what fits, as browsers set ragged text; a last line of one
 * letter takes the previous line's last piece with it.
 */
export function firstFit(items: Item[], widths: Widths): number[] {
  const p = prefixes(items);
  const n = items.length;
  const breaks: number[] = [];
  let from = -1;
  let lastFit = -1;
  let lastGood = -1;
  let line = 0;
  for (let b = 0; b < n; b++) {
    const end = b === n - 1;
    if (!end && !breakable(items, b)) continue;
    const start = lineStart(items, from);
    const width = line === 0 ? widths.first : widths.rest;
    const natural = naturalWidth(items, p.w, start, b, end);
    if (natural > width + 1e-9 && lastFit > from) {
      // A break clreq forbids only when no allowed one fills half the line.
      const fallback = items[lastFit];
      const good = lastGood > from && (naturalWidth(items, p.w, start, lastGood, false) >= width / 2 || (fallback.t === 'pen' && fallback.cost >= ONLY_IF_NEEDED));
      const at = good ? lastGood : lastFit;
      breaks.push(at);
      from = at;
      line++;
      b = at;
      lastFit = -1;
      lastGood = -1;
      continue;
    }
    lastFit = b;
    const it = items[b];
    if (it.t !== 'pen' || it.cost < LAST_RESORT) lastGood = b;
    if (end) breaks.push(b);
  }
  if (breaks.length >= 2) {
    const last = breaks[breaks.length - 1];
    const prev = breaks[breaks.length - 2];
    if (p.letters[last + 1] - p.letters[lineStart(items, prev)] <= 1) {
      const before = breaks.length >= 3 ? breaks[breaks.length - 3] : -1;
      for (let b = prev - 1; b > lineStart(items, before); b--) {
        if (!breakable(items, b)) continue;
        const natural = naturalWidth(items, p.w, lineStart(items, b), last, true);
        if (natural <= widths.rest) breaks[breaks.length - 2] = b;
        break;
      }
    }
  }
  return breaks;
}
