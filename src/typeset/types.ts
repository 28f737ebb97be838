/** The paragraph setter's input and output: plain data, no PDF engine. */

/** A piece of text in one style; `style` is the caller's (passed back on every output run). */
export interface TextRun<S> {
  text: string;
  style: S;
  /** Font size in points. */
  size: number;
  /** No line break inside this run. */
  noWrap?: boolean;
  /** A forced line break after this run. */
  lineEnd?: boolean;
  /** Leading spaces are kept (code): they are content, not glue. */
  keepLeadingSpaces?: boolean;
}

/** How wide text is: the build's fonts, as the PDF will draw them. */
export interface Metrics<S> {
  /** The natural advance of `text` set in `style`, in points. */
  width(text: string, style: S): number;
  /**
   * The font's `halt` (half-width) form of a full-width punctuation mark: its x offset and
   * advance in points (an opening bracket has offset −advance: its ink is on the right), or
   * undefined when the font has none.
   */
  halt?(ch: string, style: S): { offset: number; advance: number } | undefined;
}

/** How to set a paragraph. */
export interface SetOptions {
  /** The line width in points. */
  width: number;
  /** Indent of the first line in points. */
  indent?: number;
  /** 'justify' spreads the slack; other alignments leave lines at their natural width (the caller centres). */
  align?: 'left' | 'center' | 'right' | 'justify';
  /** Display lines (titles): breaks only between words, lines of similar length. */
  display?: boolean;
  /** The language Latin words are hyphenated in ('en', 'fr', 'de'); none: no hyphenation. */
  hyphenate?: string;
  /** The gap between Chinese and Latin letters or digits, in em of the Chinese text (default 0.25; 0: none). */
  cjkLatinSpace?: number;
  /** People's names: broken only between names and name parts (at spaces, after ·), never inside a part, never hyphenated. */
  names?: boolean;
}

/** A positioned piece of one input run on a line. */
export interface SetRun<S> {
  text: string;
  /** From the line's start, in points. */
  x: number;
  width: number;
  style: S;
  size: number;
  /** The input run it comes from. */
  source: number;
  /** Drawn with the font's half-width (`halt`) form. */
  halt?: boolean;
  /** Horizontal scaling in percent (—— drawn exactly two em wide). */
  scale?: number;
}

/** One line of a set paragraph. */
export interface SetLine<S> {
  runs: SetRun<S>[];
  /** From the line's start to the end of its last glyph (the indent included), in points. */
  width: number;
  /** The paragraph's last line. */
  last: boolean;
  /** Ends at a forced line break. */
  forced: boolean;
}
