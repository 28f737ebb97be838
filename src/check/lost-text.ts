import { lowSurrogates, type Diagnostics } from '../diagnostics.js';
import type { LaidOutPage, TextTrace, TracedRun, TracedSegment } from '../model/laid-out.js';
import type { SourceAt } from '../model/types.js';

/**
 * Characters the comparison skips on both sides: white space (and the gaps the setter puts for
 * it), control characters, soft hyphens, zero-width and bidi marks. By code, not by a regular
 * expression: it is asked of every character of every body.
 */
function ignored(c: number): boolean {
  if (c < 0x7f) return c <= 0x20;
  if (c < 0x2000) return c <= 0xa0 || c === 0xad || c === 0x1680;
  if (c <= 0x200f || (c >= 0x2028 && c <= 0x202f) || (c >= 0x205f && c <= 0x2069)) return true;
  return c === 0x3000 || c === 0xfeff;
}

/** A hyphen the setter may add at the end of a line it breaks inside a word, or the → it adds where a line of code breaks (src/typeset/items.ts). */
const HYPHEN = /^[-\u2010\u2192]$/;
/** Brackets a right-to-left line may draw mirrored, compared as one. */
const MIRRORED: Record<string, string> = { ')': '(', ']': '[', '}': '{', '>': '<', '»': '«', '›': '‹' };

/** At most this many losses are named per document. */
const NAMED = 20;

/** Text of one run that did not reach the page: from character `at` of its text, `count` characters. */
interface Loss {
  run: TracedRun;
  at: number;
  count: number;
  /** overflow: laid out past its box or page; missing: never laid out (or laid out otherwise). */
  kind: 'overflow' | 'missing';
}

/** Index of the first character of `text` from `i` on that the comparison reads. */
function nextChar(text: string, i: number): number {
  while (i < text.length && ignored(text.charCodeAt(i))) i++;
  return i;
}

/** How many characters the comparison reads in text[from, to). */
function counted(text: string, from: number, to: number = text.length): number {
  let n = 0;
  for (let i = from; i < to; i++) if (!ignored(text.charCodeAt(i))) n++;
  return n;
}

/** Whether `i` is the last character of `text` the comparison reads (a line's end). */
const lastOf = (text: string, i: number) => nextChar(text, i + 1) === text.length;

/**
 * Reads a run's laid-out segments against its text, character by character in order: white
 * space aside, a hyphen added at a line's end skipped, and a line in visual order (bidi)
 * compared as the characters it holds. Returns what is lost, or undefined.
 */
function compare(run: TracedRun, segments: TracedSegment[]): Loss | undefined {
  const text = run.text;
  let p = nextChar(text, 0);
  let first = -1;
  let hidden = 0;
  for (const seg of segments) {
    if (p >= text.length) break; // a repeated piece (a table heading over a page break)
    if (seg.reordered) {
      const n = counted(seg.text, 0);
      let end = p;
      for (let k = 0; k < n && end < text.length; k++) end = nextChar(text, end + 1);
      if (!sameChars(seg.text, text.slice(p, end))) return { run, at: first >= 0 ? first : p, count: hidden + counted(text, p), kind: first >= 0 ? 'overflow' : 'missing' };
      if (counted(seg.text, seg.shown) > 0) {
        if (first < 0) first = p;
        hidden += counted(text, p, end);
      }
      p = nextChar(text, end);
      continue;
    }
    const laid = seg.text;
    // Most lines hold their run's text as typed: compared whole.
    if (seg.shown === laid.length && !ignored(laid.charCodeAt(0)) && text.startsWith(laid, p)) {
      p = nextChar(text, p + laid.length);
      continue;
    }
    for (let i = 0; i < laid.length && p < text.length; i++) {
      const c = laid.charCodeAt(i);
      if (ignored(c)) continue;
      if (c === text.charCodeAt(p)) {
        if (i >= seg.shown) {
          if (first < 0) first = p;
          hidden++;
        }
        p = nextChar(text, p + 1);
      } else if (!(HYPHEN.test(laid[i]) && lastOf(laid, i))) {
        return { run, at: first >= 0 ? first : p, count: hidden + counted(text, p), kind: first >= 0 ? 'overflow' : 'missing' };
      }
    }
  }
  if (p < text.length) return { run, at: first >= 0 ? first : p, count: hidden + counted(text, p), kind: first >= 0 ? 'overflow' : 'missing' };
  return first >= 0 ? { run, at: first, count: hidden, kind: 'overflow' } : undefined;
}

/** Whether a line drawn in visual order holds the characters of `logical` (a hyphen added at its end aside). */
function sameChars(visual: string, logical: string): boolean {
  const tally = new Map<string, number>();
  const add = (s: string, d: number) => {
    for (const ch of s) if (!ignored(ch.charCodeAt(0))) tally.set(MIRRORED[ch] ?? ch, (tally.get(MIRRORED[ch] ?? ch) ?? 0) + d);
  };
  add(visual, 1);
  add(logical, -1);
  const off = [...tally].filter(([, n]) => n !== 0);
  return off.length === 0 || (off.length === 1 && HYPHEN.test(off[0][0]) && off[0][1] === 1);
}

/** Where character `k` (a UTF-16 index) of a traced run's `text` stands in its file; columns count characters (code points), as every diagnostic's do. */
export function sourceOf(trace: TextTrace, k: number, text = ''): SourceAt {
  const { origins } = trace;
  let o = origins[0];
  for (const next of origins) {
    if (next.at > k) break;
    o = next;
  }
  if (!o) return { file: trace.file, line: 1, column: 1 };
  return { file: trace.file, line: o.line, column: trace.fixed ? o.column : o.column + Math.max(0, k - o.at) - lowSurrogates(text, o.at, k) };
}

/** The first lost characters, as a message quotes them. */
function quoted(text: string, at: number): string {
  const shown = text.slice(at, at + 40).replace(/\s+/g, ' ');
  return at + 40 < text.length ? `${shown}…` : shown;
}

/**
 * Text losses of one document, in the order of its runs; a loss that runs to a run's end and
 * the loss of the next run from its start (a paragraph dropped whole) are one.
 */
function losses(pages: LaidOutPage[], runs: TracedRun[]): Loss[] {
  const byTrace = new Map<TextTrace, TracedSegment[]>();
  for (const page of pages) {
    for (const seg of page.traced ?? []) {
      const list = byTrace.get(seg.trace);
      if (list) list.push(seg);
      else byTrace.set(seg.trace, [seg]);
    }
  }
  const out: Loss[] = [];
  let openEnded = false;
  for (const run of runs) {
    const loss = compare(run, byTrace.get(run.trace) ?? []);
    if (!loss) {
      openEnded = false;
      continue;
    }
    const last = out[out.length - 1];
    if (openEnded && last && last.kind === loss.kind && loss.at === nextChar(run.text, 0) && last.run.trace.file === run.trace.file) last.count += loss.count;
    else out.push(loss);
    openEnded = counted(run.text, loss.at) === loss.count;
  }
  return out;
}

/**
 * `lost-content` for text: every character of every markdown body a document places (abstracts,
 * the introduction) must be on its laid-out pages, inside its line's box and the page, read
 * back from the layout. A loss is an error at the file position of its first lost character.
 */
export function checkLostText(output: string, pages: LaidOutPage[], runs: TracedRun[], diags: Diagnostics): void {
  if (!pages.length || !runs.length) return;
  const found = losses(pages, runs);
  for (const { run, at, count, kind } of found.slice(0, NAMED)) {
    const what = `${count} character${count === 1 ? '' : 's'} of this text, from "${quoted(run.text, at)}",`;
    if (kind === 'overflow') {
      diags.error('lost-content', sourceOf(run.trace, at, run.text), `${what} run past the edge of the page or of their column in ${output}: they are not printed`,
        'a run of characters with no place to break a line (a long address, a word without spaces, a row of dashes or emoji) is wider than the column: put spaces in it or shorten it. If a template was changed, a column or box it gives a fixed width may reach past the page: make it fit');
    } else {
      diags.error('lost-content', sourceOf(run.trace, at, run.text), `${what} is missing from ${output}: it was never laid out`,
        'a template places this text where nothing can be printed (an element pdfmake leaves out, a box of no size); with the shipped templates, please report it with this content');
    }
  }
  if (found.length > NAMED) {
    const { run, at } = found[NAMED];
    diags.error('lost-content', sourceOf(run.trace, at, run.text), `${found.length - NAMED} more texts are lost from ${output} (${found.length} in all)`,
      'fix the first ones above: they often have one cause');
  }
}
