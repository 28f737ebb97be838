import { createRequire } from 'node:module';

import { speedupsDisabled } from './speed.js';

const require = createRequire(import.meta.url);
const LayoutBuilder = require('pdfmake/js/LayoutBuilder.js').default;
const Line = require('pdfmake/js/Line.js').default;
const TextInlines = require('pdfmake/js/TextInlines.js').default;

/** Characters that must not start a line (closing punctuation), per W3C clreq. */
export const NO_LINE_START = '，。、；：？！）》」』〕】〉’”…‥·〗〙〛︰%,.;:?!)]}';
/** Characters that must not end a line (opening punctuation). */
export const NO_LINE_END = '（《「『〔【〈‘“〖〘〚([{';

/**
 * Where to split a word too long for its line: as many characters as fit, moved back
 * so that the next line does not start with closing punctuation and this one does
 * not end with opening punctuation.
 */
export function kinsokuSplit(text: string, fits: number): number {
  let n = fits;
  while (n > 1 && (NO_LINE_START.includes(text[n] ?? '') || NO_LINE_END.includes(text[n - 1]))) n--;
  return n;
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
        const fits = maxFit(inline.text, line.getAvailableWidth(), (t: string) => measure.widthOfText(t, inline));
        const cut = kinsokuSplit(inline.text, fits);
        if (cut < inline.text.length) {
          const rest = Object.assign(inline.constructor(), inline);
          rest.text = inline.text.substr(cut);
          inline.text = inline.text.substr(0, cut);
          rest.width = measure.widthOfText(rest.text, rest);
          inline.width = measure.widthOfText(inline.text, inline);
          textNode._inlines.unshift(rest);
          hardWrap = true;
        }
      }
      line.addInline(inline);
      forceContinue = inline.noNewLine && !hardWrap;
    }
    line.lastLineInParagraph = textNode._inlines.length === 0;
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

function maxFit(text: string, maxWidth: number, width: (t: string) => number): number {
  let low = 1;
  let high = text.length;
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
