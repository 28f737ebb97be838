import type { PlacedOverlap } from '../model/laid-out.js';

type Box = { left: number; top: number; right: number; bottom: number };
type Item = { type: string; item: any };

/** How far (pt) a line may reach into a placed block before it counts: rounding, an accent's overhang. */
const TOLERANCE = 0.5;

/**
 * The lines of flowing text on a page that run into a block a <place> put there (its text or
 * QR codes, marked by src/layout/placed-marks.ts), each with where that <place> is written. Pages
 * without a placed block (every page of a booklet) cost one look at each item.
 */
export function placedOverlaps(items: Item[]): PlacedOverlap[] | undefined {
  const placed: Array<{ at: PlacedOverlap['at']; box: Box }> = [];
  const flowing: any[] = [];
  for (const { type, item } of items) {
    if (type === 'line') {
      const at = item.inlines?.[0]?.placed;
      if (at) placed.push({ at, box: lineBox(item) });
      else if (item.inlines?.some((i: any) => i.text.trim())) flowing.push(item);
    } else if (type === 'vector' && item.placed) {
      const box = vectorBox(item);
      if (box) placed.push({ at: item.placed, box });
    }
  }
  if (!placed.length || !flowing.length) return undefined;
  const out: PlacedOverlap[] = [];
  for (const line of flowing) {
    const box = lineBox(line);
    const hit = placed.find((p) => meet(p.box, box));
    if (hit) out.push({ at: hit.at, text: line.inlines.map((i: any) => i.text).join('').trim() });
  }
  return out.length ? out : undefined;
}

function lineBox(line: any): Box {
  // The inked part of a line: from its top to its baseline and the descent under it.
  return { left: line.x, top: line.y, right: line.x + line.getWidth(), bottom: line.y + line.getHeight() };
}

/**
 * A QR code's modules (a `rects` vector, vector-rects.ts). A placed rectangle or rule is
 * decoration that text may lie on (the cover's band, a certificate's frame): not counted.
 */
function vectorBox(v: any): Box | undefined {
  if (v.type !== 'rects' || !v.rects?.length) return undefined;
  let right = 0;
  let bottom = 0;
  for (const [x, y, w, h] of v.rects as number[][]) {
    right = Math.max(right, x + w);
    bottom = Math.max(bottom, y + h);
  }
  return { left: v.x, top: v.y, right: v.x + right * v.unit, bottom: v.y + bottom * v.unit };
}

function meet(a: Box, b: Box): boolean {
  return a.left < b.right - TOLERANCE && b.left < a.right - TOLERANCE && a.top < b.bottom - TOLERANCE && b.top < a.bottom - TOLERANCE;
}
