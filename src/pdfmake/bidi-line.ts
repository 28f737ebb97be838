import { hasRightToLeft, paragraphLevels, reorderLine } from '../typeset/bidi.js';
import { reverseClusters } from '../typeset/clusters.js';

type Inline = Record<string, any>;

/**
 * What a text node keeps between its lines: its paragraph's levels (null: no right-to-left
 * text) and how far its lines have read them, for the inlines pdfmake measured (a new
 * measuring, when the document is laid out again, makes a new array of inlines).
 */
interface State {
  inlines: unknown[];
  levels: Uint8Array | null;
  /** The paragraph's base direction is right to left (its first strong character's). */
  rtl: boolean;
  offset: number;
}

/**
 * The first character of a script fontkit lays out right to left (it reverses the glyphs of
 * a text whose first character of a real script is Hebrew, Arabic...); characters of no
 * script (digits, punctuation) and marks do not count.
 */
const SCRIPT_CHAR = /[^\p{Script=Common}\p{Script=Inherited}]/u;
const RTL_SCRIPT = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}]/u;

function shaperReverses(text: string): boolean {
  const first = SCRIPT_CHAR.exec(text);
  return !!first && RTL_SCRIPT.test(first[0]);
}

/**
 * Puts the inlines of a line just built into visual order (Unicode Bidirectional Algorithm,
 * src/typeset/bidi.ts), with their x positions, before pdfmake aligns and draws them. Levels
 * are resolved once per paragraph (the text node) and read a line at a time. A paragraph
 * with no right-to-left character is left alone. Each right-to-left word becomes an inline of
 * its own, given to pdfkit in logical order (fontkit shapes it, Arabic joined, and reverses
 * its glyphs); a piece fontkit would lay out the other way (digits of the Arabic script in a
 * left-to-right piece, punctuation alone in a right-to-left one) is given reversed. The
 * setter's justification (the stretch after each inline) goes with the inline; a paragraph
 * whose base direction is right to left starts at the right edge (its indent there), unless
 * centred, and its justified lines end flush at both edges.
 */
export function reorderBidiLine(line: any, textNode: any, width: (text: string, inline: Inline) => number): void {
  const inlines: Inline[] = line.inlines;
  let state: State | undefined = textNode._bidi;
  if (!state || state.inlines !== textNode._inlines) {
    const all = inlines.concat(textNode._inlines ?? []).map((i) => i.text).join('');
    const resolved = hasRightToLeft(all) ? paragraphLevels(all) : null;
    textNode._bidi = state = { inlines: textNode._inlines, levels: resolved?.levels ?? null, rtl: resolved?.direction === 'rtl', offset: 0 };
  }
  if (!state.levels || !inlines.length) return;
  const texts = inlines.map((i) => String(i.text));
  const length = texts.reduce((n, t) => n + t.length, 0);
  const levels = state.levels.subarray(state.offset, state.offset + length);
  state.offset += length;
  if (levels.every((l) => l === 0)) return;
  // The setter's justification: the space it left after each inline beyond the inline's own width.
  const gaps = inlines.map((inline, i) => (i + 1 < inlines.length && typeof inline.x === 'number' && typeof inlines[i + 1].x === 'number'
    ? inlines[i + 1].x - inline.x - inline.width : 0));
  const indent = inlines[0].x || 0;
  let at = 0;
  const starts = texts.map((t) => (at += t.length) - t.length);
  const contentEnd = texts.join('').trimEnd().length;
  const content: Array<{ inline: Inline; before: number; after: number }> = [];
  const trailing: Inline[] = [];
  for (const piece of reorderLine(texts, levels)) {
    const from = inlines[piece.run];
    const whole = piece.start === 0 && piece.end === texts[piece.run].length;
    const text = piece.rtl === shaperReverses(piece.text) ? piece.text : reverseClusters(piece.text);
    const inline = whole && text === from.text ? from : { ...from, text, width: width(text, from) };
    // Spaces where the line breaks are outside its width, as the setter leaves them.
    if (starts[piece.run] + piece.start >= contentEnd) {
      trailing.push(inline);
      continue;
    }
    // The stretch after a run goes after its last piece in reading order: to its left when right to left.
    const gap = piece.end === texts[piece.run].length ? gaps[piece.run] : 0;
    content.push({ inline, before: piece.rtl ? gap : 0, after: piece.rtl ? 0 : gap });
  }
  const contentWidth = content.reduce((sum, c) => sum + c.before + c.inline.width + c.after, 0);
  const maxWidth: number = line.maxWidth;
  const centred = inlines[0].alignment === 'center';
  // Right to left: the line's start is its right edge (pdfmake is told the line is full, so it moves nothing).
  let x = state.rtl && !centred ? maxWidth - indent - contentWidth : state.rtl ? 0 : indent;
  const placed: Inline[] = [];
  if (state.rtl) {
    let left = x;
    for (const t of [...trailing].reverse()) placed.unshift(Object.assign(t, { x: (left -= t.width) }));
  }
  for (const c of content) {
    x += c.before;
    c.inline.x = x;
    placed.push(c.inline);
    x += c.inline.width + c.after;
  }
  if (!state.rtl) for (const t of trailing) placed.push(Object.assign(t, { x: (x += t.width) - t.width }));
  line.inlines = placed;
  if (state.rtl) line.inlineWidths = centred ? contentWidth : Math.max(maxWidth, line.inlineWidths);
}
