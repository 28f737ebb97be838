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
 * left-to-right piece, punctuation alone in a right-to-left one) is given reversed.
 */
export function reorderBidiLine(line: any, textNode: any, width: (text: string, inline: Inline) => number): void {
  const inlines: Inline[] = line.inlines;
  let state: State | undefined = textNode._bidi;
  if (!state || state.inlines !== textNode._inlines) {
    const all = inlines.concat(textNode._inlines ?? []).map((i) => i.text).join('');
    textNode._bidi = state = { inlines: textNode._inlines, levels: hasRightToLeft(all) ? paragraphLevels(all).levels : null, offset: 0 };
  }
  if (!state.levels || !inlines.length) return;
  const texts = inlines.map((i) => String(i.text));
  const length = texts.reduce((n, t) => n + t.length, 0);
  const levels = state.levels.subarray(state.offset, state.offset + length);
  state.offset += length;
  if (levels.every((l) => l === 0)) return;
  const placed: Inline[] = [];
  for (const piece of reorderLine(texts, levels)) {
    const from = inlines[piece.run];
    const whole = piece.start === 0 && piece.end === texts[piece.run].length;
    const text = piece.rtl === shaperReverses(piece.text) ? piece.text : reverseClusters(piece.text);
    if (whole && text === from.text) placed.push(from);
    else placed.push({ ...from, text, width: width(text, from) });
  }
  let x = 0 - line.leadingCut;
  for (const inline of placed) {
    inline.x = x;
    x += inline.width;
  }
  line.inlines = placed;
  line.inlineWidths = x + line.leadingCut;
}
