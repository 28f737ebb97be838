import { lineOfOffset, lineStarts, type Position } from '../diagnostics.js';

/**
 * A source file's text with its line starts, to turn offsets into line:column (columns count
 * characters, not UTF-16 units) without rescanning the text for each: a 40,000-character
 * paragraph may hold as many places to report.
 */
export class SourceText {
  private readonly lineStarts: number[];
  /** Low surrogates before each offset, when the text has any (columns count a pair once). */
  private readonly lows?: Uint32Array;

  constructor(readonly file: string, readonly text: string) {
    this.lineStarts = lineStarts(text);
    if (/[\uDC00-\uDFFF]/.test(text)) {
      this.lows = new Uint32Array(text.length + 1);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        this.lows[i + 1] = this.lows[i] + (c >= 0xdc00 && c <= 0xdfff ? 1 : 0);
      }
    }
  }

  /** Offset where a line (from 1) starts, or undefined past the end. */
  lineStart(line: number): number | undefined {
    return this.lineStarts[line - 1];
  }

  /** Offsets of every occurrence of any of `forms`, in order. */
  offsetsOf(forms: string[]): number[] {
    const out: number[] = [];
    for (const form of forms) {
      for (let i = this.text.indexOf(form); i >= 0; i = this.text.indexOf(form, i + form.length)) out.push(i);
    }
    return out.sort((a, b) => a - b);
  }

  /** The position of an offset. */
  positionAt(offset: number): Position {
    const lo = lineOfOffset(this.lineStarts, offset);
    const start = this.lineStarts[lo];
    const units = offset - start;
    return { file: this.file, line: lo + 1, column: units - (this.lows ? this.lows[offset] - this.lows[start] : 0) + 1 };
  }
}

/** The first index of a sorted array whose value is at least `value`. */
export function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
