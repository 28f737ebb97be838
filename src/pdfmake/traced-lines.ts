import type { LaidOutPage, TextTrace, TracedSegment } from '../model/laid-out.js';
import { hasRightToLeft } from '../typeset/bidi.js';
import { placedOverlaps } from './placed-boxes.js';

type Inline = Record<string, any>;
type Rect = { left: number; top: number; right: number; bottom: number };

/** How far (pt) text may reach past the printable area before it counts as lost: rounding, a hanging stop. */
const TOLERANCE = 1;
/** What a printer leaves blank at each edge of the sheet (pt): about 3.5 mm. */
const PRINTER_EDGE = 10;

/**
 * One laid-out page read back from pdfmake's page items: the ids that start on it, its text
 * without white space, and what its lines show of each traced run (markdown text): per line
 * and run, its text and how many of its characters are drawn inside the line's box, the page
 * and the clip around it. A character past any of them is lost to the reader (a line wider
 * than its column, a block drawn past the page's foot). One pass over the inlines: reading
 * pdfmake's inlines is what this costs (about 0.3 µs a property on a large booklet).
 */
export function readLaidOutPage(page: { items: { type: string; item: any }[]; pageSize?: { width: number; height: number } }): LaidOutPage {
  const ids: string[] = [];
  const text: string[] = [];
  const out: TracedSegment[] = [];
  const size = page.pageSize ?? { width: Infinity, height: Infinity };
  // The printable area: the page less what a printer cannot reach at its edges.
  const clips: Rect[] = [{ left: PRINTER_EDGE, top: PRINTER_EDGE, right: size.width - PRINTER_EDGE, bottom: size.height - PRINTER_EDGE }];
  for (const { type, item } of page.items) {
    if (type === 'line') {
      if (typeof item.id === 'string') ids.push(item.id);
      readLine(item, clips[clips.length - 1], text, out);
    } else if (type === 'beginClip') {
      const outer = clips[clips.length - 1];
      clips.push({ left: Math.max(outer.left, item.x), top: Math.max(outer.top, item.y), right: Math.min(outer.right, item.x + item.width), bottom: Math.min(outer.bottom, item.y + item.height) });
    } else if (type === 'endClip' && clips.length > 1) clips.pop();
  }
  const overlaps = placedOverlaps(page.items);
  return { ids, text: text.join('').replace(/\s+/g, ''), traced: out, ...(overlaps && { overlaps }) };
}

/** Where a line's text may be drawn: from `left` to `right`, and whether it is above the foot; all of it when `whole`. */
interface Bounds {
  left: number;
  right: number;
  inside: boolean;
  whole: boolean;
}

function boundsOf(line: any, clip: Rect): Bounds {
  const first = line.inlines[0];
  const width: number = line.getWidth();
  // A line a little wider than its column (a line of code into the margin) is still printed: what is lost is what leaves the printable area.
  const left = clip.left - TOLERANCE;
  const right = clip.right + TOLERANCE;
  // Past the foot when its first inline's baseline is.
  const baseline = line.y + ((first.font?.ascender ?? 800) / 1000) * first.fontSize;
  const inside = line.y >= clip.top - TOLERANCE && baseline <= clip.bottom + TOLERANCE;
  return { left, right, inside, whole: inside && line.x >= left && line.x + width <= right };
}

/** Which of a line's segments (by index from its first) run past an edge: reused from line to line. */
const cut: boolean[] = [];

/** Adds a line's text to `text`, and to `out` its traced segments inside `clip`. */
function readLine(line: any, clip: Rect, text: string[], out: TracedSegment[]): void {
  const inlines: Inline[] = line.inlines;
  // A markdown paragraph's runs are all traced, and no other text shares their lines: a line
  // whose first inline has no trace has none (were it otherwise, its runs would be reported lost).
  if (!inlines[0]?.trace) {
    for (let i = 0; i < inlines.length; i++) text.push(inlines[i].text);
    return;
  }
  const from = out.length;
  let bounds: Bounds | undefined;
  for (let i = 0; i < inlines.length; i++) {
    const inline = inlines[i];
    const piece: string = inline.text;
    text.push(piece);
    const trace: TextTrace | undefined = inline.trace;
    if (!trace || !piece) continue;
    bounds ??= boundsOf(line, clip);
    // Few runs share a line: each is looked up among this line's segments, last first.
    let k = out.length - 1;
    while (k >= from && out[k].trace !== trace) k--;
    if (k < from) {
      k = out.push({ trace, text: '', shown: 0, reordered: false }) - 1;
      cut[k - from] = !bounds.inside;
    }
    const seg = out[k];
    seg.text += piece;
    if (cut[k - from]) continue;
    if (bounds.whole) {
      seg.shown += piece.length;
      continue;
    }
    const x = line.x + inline.x;
    const visible = x < bounds.left ? 0 : x + inline.width <= bounds.right ? piece.length : fitting(inline, piece, bounds.right - x);
    seg.shown += visible;
    if (visible < piece.length) cut[k - from] = true;
  }
  // A line with right-to-left text was put in visual order (bidi-line.ts): its runs' pieces are not in reading order.
  for (let k = from; k < out.length; k++) out[k].reordered = hasRightToLeft(out[k].text);
}

/** How many first characters of an inline's text fit in `room` points (its width shared as drawn). */
function fitting(inline: Inline, text: string, room: number): number {
  const measure = (t: string) => inline.font.widthOfString(t, inline.fontSize, inline.fontFeatures) + (inline.characterSpacing || 0) * t.length;
  const whole = measure(text);
  const scale = whole > 0 ? inline.width / whole : 1;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(text.slice(0, mid)) * scale <= room) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
