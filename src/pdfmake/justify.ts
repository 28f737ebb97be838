import { createRequire } from 'node:module';
import { isCjk } from '../layout/text.js';

const require = createRequire(import.meta.url);
const ElementWriter = require('pdfmake/js/ElementWriter.js').default;

type Inline = { text: string; x: number; justifyShift?: number };

/**
 * Whether justification may widen the gap before inline `i`. Chinese is justified between
 * every two characters, and Latin text at its spaces; a Latin word broken only where a line
 * may break (after the hyphen of "pre-training") stays closed, or it would print "pre- training".
 */
export function stretchable(prev: string, next: string): boolean {
  const last = [...prev].pop() ?? '';
  const first = [...next][0] ?? '';
  return /\s$/.test(prev) || isCjk(last) || isCjk(first);
}

let installed = false;

/** pdfmake justifies by spreading the slack over every gap between inlines; this skips the gaps inside words. */
export function installJustify(): void {
  if (installed) return;
  installed = true;
  const alignLine = ElementWriter.prototype.alignLine;
  ElementWriter.prototype.alignLine = function (this: any, line: any) {
    const inlines: Inline[] = line.inlines ?? [];
    const justify = inlines.length > 1 && (inlines[0] as any).alignment === 'justify' && !line.newLineForced && !line.lastLineInParagraph;
    if (!justify) return alignLine.call(this, line);
    const gaps = inlines.map((inline, i) => i > 0 && stretchable(inlines[i - 1].text, inline.text));
    const count = gaps.filter(Boolean).length;
    if (count === 0) return;
    const each = (this.context().availableWidth - line.getWidth()) / count;
    let offset = 0;
    inlines.forEach((inline, i) => {
      if (gaps[i]) offset += each;
      inline.x += offset;
      if (i > 0) inline.justifyShift = gaps[i] ? each : 0;
    });
  };
}
