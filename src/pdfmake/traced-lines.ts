import type { TextTrace, TracedSegment } from '../model/laid-out.js';
import { hasRightToLeft } from '../typeset/bidi.js';

type Inline = Record<string, any>;
type Rect = { left: number; top: number; right: number; bottom: number };

/** How far (pt) text may reach past its box before it counts as lost: rounding, a hanging stop. */
const TOLERANCE = 1;

/**
 * What the lines of one laid-out page show of each traced run (markdown text), read from
 * pdfmake's page items: per line and run, its text and how many of its characters are drawn
 * inside the line's box, the page and the clip around it. A character past any of them is
 * lost to the reader (a line wider than its column, a block drawn past the page's foot).
 */
export function tracedSegments(page: { items: { type: string; item: any }[]; pageSize?: { width: number; height: number } }): TracedSegment[] {
  const out: TracedSegment[] = [];
  const size = page.pageSize ?? { width: Infinity, height: Infinity };
  const clips: Rect[] = [{ left: 0, top: 0, right: size.width, bottom: size.height }];
  for (const { type, item } of page.items) {
    if (type === 'beginClip') {
      const outer = clips[clips.length - 1];
      clips.push({ left: Math.max(outer.left, item.x), top: Math.max(outer.top, item.y), right: Math.min(outer.right, item.x + item.width), bottom: Math.min(outer.bottom, item.y + item.height) });
    } else if (type === 'endClip' && clips.length > 1) clips.pop();
    else if (type === 'line' && item.inlines.some((i: Inline) => i.trace)) out.push(...lineSegments(item, clips[clips.length - 1]));
  }
  return out;
}

/** The traced segments of one line, inside `clip`. */
function lineSegments(line: any, clip: Rect): TracedSegment[] {
  const inlines: Inline[] = line.inlines;
  const width: number = line.getWidth();
  const align = inlines[0]?.alignment;
  const offset = align === 'right' ? line.maxWidth - width : align === 'center' ? (line.maxWidth - width) / 2 : 0;
  const boxLeft = line.x - offset;
  const left = Math.max(clip.left, boxLeft) - TOLERANCE;
  const right = Math.min(clip.right, boxLeft + line.maxWidth) + TOLERANCE;
  const baseline = line.y + line.getAscenderHeight();
  const inside = line.y >= clip.top - TOLERANCE && baseline <= clip.bottom + TOLERANCE;
  const reordered = hasRightToLeft(inlines.map((i) => i.text).join(''));
  const byTrace = new Map<TextTrace, TracedSegment & { cut: boolean }>();
  for (const inline of inlines) {
    const trace: TextTrace | undefined = inline.trace;
    const text = String(inline.text ?? '');
    if (!trace || !text) continue;
    let seg = byTrace.get(trace);
    if (!seg) byTrace.set(trace, (seg = { trace, text: '', shown: 0, reordered, cut: !inside }));
    seg.text += text;
    if (seg.cut) continue;
    const x = line.x + inline.x;
    const visible = x < left ? 0 : x + inline.width <= right ? text.length : fitting(inline, text, right - x);
    seg.shown += visible;
    if (visible < text.length) seg.cut = true;
  }
  return [...byTrace.values()].map(({ cut: _, ...seg }) => seg);
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
