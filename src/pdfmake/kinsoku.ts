import { createRequire } from 'node:module';

import { speedupsDisabled } from './speed.js';
import { NO_LINE_END, NO_LINE_START } from '../layout/text.js';
import { clusterCut } from '../typeset/clusters.js';
import { reorderBidiLine } from './bidi-line.js';

const require = createRequire(import.meta.url);
const LayoutBuilder = require('pdfmake/js/LayoutBuilder.js').default;
const Line = require('pdfmake/js/Line.js').default;
const TextInlines = require('pdfmake/js/TextInlines.js').default;

/**
 * Where to split a word too long for its line: as many characters as fit, moved back
 * so that the next line does not start with closing punctuation and this one does
 * not end with opening punctuation. A run with no such place within half the line
 * (2,000 `（` then 2,000 `）`) is split where it fills the line, as browsers do, rather
 * than one character a line.
 */
export function kinsokuSplit(text: string, fits: number): number {
  let n = fits;
  const floor = Math.max(1, fits >> 1);
  while (n > floor && (NO_LINE_START.includes(text[n] ?? '') || NO_LINE_END.includes(text[n - 1]))) n--;
  return n > floor || fits <= 2 ? n : fits;
}

let installed = false;
let copyAll = false;

/**
 * pdfmake splits a word longer than the line at any character. This replaces its
 * line builder with the same logic plus the Chinese line-breaking rules at the split.
 * Breaks between words already follow UAX #14 (pdfmake uses the linebreak package),
 * which keeps closing punctuation with the character before it.
 */
export function installKinsoku(): void {
  if (installed) return;
  installed = true;
  copyAll = speedupsDisabled();
  LayoutBuilder.prototype.buildNextLine = function buildNextLine(this: any, textNode: any) {
    if (!textNode._inlines || textNode._inlines.length === 0) return null;
    const line = new Line(this.writer.context().availableWidth);
    const measure = new TextInlines(null);
    let forceContinue = false;
    while (textNode._inlines.length > 0 && (forceContinue || fits(line, textNode._inlines))) {
      let hardWrap = false;
      const inline = textNode._inlines.shift();
      if (!inline.noWrap && inline.text.length > 1 && inline.width > line.getAvailableWidth()) {
        const width = (t: string) => measure.widthOfText(t, inline);
        // Never inside a grapheme cluster (an emoji sequence, a letter and its marks).
        const cut = clusterCut(inline.text, kinsokuSplit(inline.text, maxFit(inline.text, line.getAvailableWidth(), width)));
        if (cut < inline.text.length) {
          const rest = Object.assign(inline.constructor(), inline);
          rest.text = inline.text.substring(cut);
          inline.text = inline.text.substring(0, cut);
          const head = width(inline.text);
          rest.width = restWidth(rest.text, inline.width - head, line.maxWidth, width);
          inline.width = head;
          textNode._inlines.unshift(rest);
          hardWrap = true;
        }
      }
      line.addInline(inline);
      forceContinue = inline.noNewLine && !hardWrap;
    }
    line.lastLineInParagraph = textNode._inlines.length === 0;
    // Right-to-left text (Arabic, Hebrew): the line's inlines into visual order, once its
    // inlines are final and before pdfmake aligns them. A line builder replacing this one must keep this call.
    reorderBidiLine(line, textNode, (text, inline) => measure.widthOfText(text, inline));
    return line;
  };
}

/**
 * Line.hasEnoughSpaceForInline reads the inlines after the next one only when it must stay
 * on the line with them (noNewLine); pdfmake copied them all for every inline it placed,
 * quadratic in a paragraph of Chinese (one inline per character).
 */
function fits(line: any, inlines: any[]): boolean {
  const next = inlines[0];
  return line.hasEnoughSpaceForInline(next, next.noNewLine || copyAll ? inlines.slice(1) : undefined);
}

/**
 * How many characters of `text` fit `maxWidth` (at least 1). Only prefixes up to about
 * twice the answer are measured (doubling, then halving), so splitting a 40,000-character
 * word costs each line its own length, where searching the whole word shaped prefixes
 * of up to 40,000 characters for every line (31 s and 1.9 GB for 20,000 `x`).
 */
export function maxFit(text: string, maxWidth: number, width: (t: string) => number): number {
  let low = 1;
  let high = 2;
  while (high < text.length && width(text.substring(0, high)) <= maxWidth) {
    low = high;
    high *= 2;
  }
  high = Math.min(high, text.length);
  let best = 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (width(text.substring(0, mid)) <= maxWidth) {
      best = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return best;
}

/**
 * The width of what is left of a split word. Measured when it may fit on a line; while it
 * is longer than two lines the whole word's width less the part placed is used: it only
 * decides that the rest is split again, and measuring every rest made the split quadratic.
 */
function restWidth(rest: string, estimate: number, lineWidth: number, width: (t: string) => number): number {
  return estimate > 2 * lineWidth && !copyAll ? estimate : width(rest);
}
