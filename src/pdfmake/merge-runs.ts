import { pdfkitHooks, pdfmakeHooks } from './hooks.js';

type Inline = Record<string, any>;

const EPSILON = 1e-6;

/**
 * Whether two inlines have the inline properties that must be equal to be drawn as one piece
 * of text. Spelled out: a loop over the property names made one lookup site see every name on
 * every shape of inline (slow generic lookups; ~0.15 s of a 200-talk booklet's rendering).
 */
function sameStyle(a: Inline, b: Inline): boolean {
  return a.font === b.font && a.fontSize === b.fontSize && a.color === b.color && a.opacity === b.opacity &&
    a.link === b.link && a.linkToPage === b.linkToPage && a.linkToDestination === b.linkToDestination &&
    a.decoration === b.decoration && a.decorationColor === b.decorationColor && a.decorationStyle === b.decorationStyle &&
    a.decorationThickness === b.decorationThickness && a.background === b.background && a.fontFeatures === b.fontFeatures &&
    a.sup === b.sup && a.sub === b.sub && a.characterSpacing === b.characterSpacing;
}

/** Chinese, Japanese and Korean characters and full-width punctuation: no kerning between them. */
function wide(c: number): boolean {
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xffef);
}

/**
 * Whether `b` can be drawn in one piece with `a`. Shaped together, two pieces would get the
 * font's kerning at their join ("-X" in "Xue-Xin"), which pdfmake did not measure: so only
 * joins after a space (pdfkit shapes word by word anyway) or between two wide characters.
 */
function joinable(a: Inline, b: Inline): boolean {
  if (a._pageNodeRef || b._pageNodeRef || a.text.length === 0 || b.text.length === 0 || a.horizontalScaling || b.horizontalScaling) return false;
  if (!sameStyle(a, b)) return false;
  const end = a.text.charCodeAt(a.text.length - 1);
  return end === 32 || (wide(end) && wide(b.text.charCodeAt(0)));
}

/**
 * Merges neighbouring inlines of one line into runs drawn by one text operation. A run is
 * made only where pdfkit draws the merged text exactly where pdfmake placed each piece: the
 * gap between pieces (0, or the justification spacing) is the same all along the run, and
 * equals the character spacing inside every piece longer than one character. The gap then
 * becomes the run's character spacing.
 */
export function mergeRuns(inlines: Inline[]): Inline[] {
  const out: Inline[] = [];
  let i = 0;
  while (i < inlines.length) {
    const first = inlines[i];
    let j = i + 1;
    let gap = 0;
    let last = first;
    for (; j < inlines.length; j++) {
      const next = inlines[j];
      if (!joinable(last, next)) break;
      const g = next.x - (last.x + last.width);
      if (j === i + 1) gap = g;
      else if (Math.abs(g - gap) > EPSILON) break;
      last = next;
    }
    // Inside a piece of several characters the spacing is its own character spacing.
    for (let k = i; k < j; k++) {
      const p = inlines[k];
      if (p.text.length > 1 && Math.abs((p.characterSpacing || 0) - gap) > EPSILON) {
        j = Math.max(i + 1, k);
        break;
      }
    }
    if (j === i + 1) out.push(first);
    else {
      const run = inlines.slice(i, j);
      const natural = run.reduce((sum, p) => sum + p.width - (p.characterSpacing || 0) * (p.text.length - 1), 0);
      const end = run[run.length - 1];
      out.push({
        ...first,
        text: run.map((p) => p.text).join(''),
        // pdfkit draws textWidth + characterSpacing × (length - 1): the whole span.
        width: end.x + end.width - first.x,
        textWidth: natural,
        characterSpacing: gap,
        pieces: run.map((p) => p.text),
      });
    }
    i = j;
  }
  return out;
}

/** The pieces of the run being drawn, for shapeByPieces. */
let pieces: string[] | undefined;
let joined = '';

/**
 * pdfmake measured each piece on its own; pdfkit would shape the run as one word (a line of
 * Chinese has no spaces), which is slower (every run is a new text to shape, never found in
 * the cache) and could kern across the joins. While a run is drawn, pdfkit's font layout
 * shapes it piece by piece, each piece found in the shared cache (pdfkit's `layout` hook,
 * patches/pdfkit+0.19.1.patch: undefined leaves a text to pdfkit).
 */
function shapeByPieces(font: { layout(text: string, features: unknown, onlyWidth: boolean): any }, text: string, features: unknown, onlyWidth: boolean): unknown {
  const parts = pieces;
  if (!parts || features || text !== joined) return undefined;
  const glyphs: unknown[] = [];
  const positions: unknown[] = [];
  let advanceWidth = 0;
  for (const part of parts) {
    // pdfkit's own layout: a piece is never the whole run, so this hook leaves it alone.
    const run = font.layout(part, features, onlyWidth);
    if (!onlyWidth) {
      for (const g of run.glyphs) glyphs.push(g);
      for (const p of run.positions) positions.push(p);
    }
    advanceWidth += run.advanceWidth;
  }
  return { glyphs: onlyWidth ? null : glyphs, positions: onlyWidth ? null : positions, advanceWidth };
}

/**
 * pdfmake draws every inline with its own text operation (BT … ET, font, colour, position),
 * and every Chinese character is an inline: a page of abstracts became ~1,000 text
 * operations and a link in the table of contents one annotation per character. Drawing
 * runs instead makes rendering several times faster and the booklet much smaller; the
 * glyphs land where they did. Through pdfmake's `lineToDraw` and `drawText` hooks
 * (patches/pdfmake+0.3.11.patch) and pdfkit's `layout` hook.
 */
export function installRunMerging(): void {
  const hooks = pdfmakeHooks();
  hooks.lineToDraw = lineToDraw;
  hooks.drawText = drawText;
  pdfkitHooks().layout = shapeByPieces;
}

/** The line pdfmake's renderLine draws: a view of it with its inlines merged into runs, or the line itself. */
function lineToDraw(line: any): any {
  // A line with a page reference gets its number written into its first inline: left as is.
  if (!line.inlines || (line.inlines.length < 2 && !line.inlines[0]?.horizontalScaling) || line._pageNodeRef) return line;
  const merged = mergeRuns(line.inlines);
  const scaled = merged.some((run) => run.horizontalScaling);
  if (merged.length === line.inlines.length && !scaled) return line;
  const view = Object.create(line);
  view.inlines = merged;
  return view;
}

/**
 * Draws one inline (a run) of a line, for renderLine: pdfmake passes `textWidth: inline.width`;
 * a run needs its natural width there (pdfkit adds the spacing).
 */
function drawText(doc: any, run: Inline, x: number, y: number, options: any, line: any): void {
  const str = run.text;
  // —— is drawn scaled to exactly two em (src/typeset/items.ts).
  if (run.horizontalScaling && !line._pageNodeRef) return doc.text(str, x, y, { ...options, horizontalScaling: run.horizontalScaling });
  if (run.textWidth === undefined || line._pageNodeRef) return doc.text(str, x, y, options);
  pieces = run.pieces;
  joined = str;
  try {
    doc.text(str, x, y, { ...options, textWidth: run.textWidth });
  } finally {
    pieces = undefined;
  }
}
