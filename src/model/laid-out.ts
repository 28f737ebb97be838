import type { TextOrigin } from './types.js';

/** One page as it was laid out: the ids that start on it, its text without white space, and its traced text. */
export interface LaidOutPage {
  ids: string[];
  text: string;
  /** The pieces of traced text (markdown bodies) on the page's lines, in the order they were laid out. */
  traced?: TracedSegment[];
  /** Lines of flowing text that run into a block a <place> put on the page. */
  overlaps?: PlacedOverlap[];
}

/** A line of flowing text drawn over a placed block: its text, and where the <place> is written. */
export interface PlacedOverlap {
  at: { file: string; line: number; column: number };
  text: string;
}

/**
 * Where a run of text given to the layout comes from (a markdown body's inline): its file and
 * where its characters stand there. The object itself ties what is laid out to the run.
 */
export interface TextTrace {
  file: string;
  origins: TextOrigin[];
  /** Every character stands at the one origin (text the build adds, such as a link's address). */
  fixed?: boolean;
}

/** A run of traced text as the layout gave it: the text and its trace (the check's expectation). */
export interface TracedRun {
  text: string;
  trace: TextTrace;
}

/**
 * What one laid-out line shows of one traced run: its text in the order drawn, and how many of
 * its first characters lie inside the line's box, its page and any clip (the rest is lost).
 */
export interface TracedSegment {
  trace: TextTrace;
  text: string;
  shown: number;
  /** The line was put in visual order (right-to-left text): its characters are not in reading order. */
  reordered: boolean;
}
