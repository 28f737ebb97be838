/**
 * Grapheme clusters (UAX #29, as Intl.Segmenter gives them): what a reader sees as one
 * character, such as e + U+0301, a Devanagari conjunct or a ZWJ emoji sequence. Text is
 * never split inside one, across lines or fonts.
 */

const segmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** Characters that can join a cluster to the one before: marks, joiners, variation selectors, emoji modifiers, flag halves, tag characters, Hangul jamo. */
const JOINS = /[\p{M}\u200C\u200D\uFE00-\uFE0F\u{1F3FB}-\u{1F3FF}\u{1F1E6}-\u{1F1FF}\u{E0020}-\u{E007F}\u{E0100}-\u{E01EF}\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]/u;

/** True when some cluster of `text` has more than one code point (else clusters are code points, cheaper to find). */
export function hasMultiClusters(text: string): boolean {
  return JOINS.test(text);
}

/** The grapheme clusters of a text, in order. */
export function graphemes(text: string): string[] {
  if (!hasMultiClusters(text)) return [...text];
  const out: string[] = [];
  for (const { segment } of segmenter.segment(text)) out.push(segment);
  return out;
}

/**
 * The nearest cluster boundary at or before UTF-16 index `at`, but after the first cluster:
 * where a word too long for its line may be cut (a cut inside a cluster, even inside a
 * surrogate pair, printed half an emoji or a mark without its base).
 */
export function clusterCut(text: string, at: number): number {
  if (at <= 0 || at >= text.length) return at;
  if (!hasMultiClusters(text)) {
    const code = text.charCodeAt(at);
    if (code < 0xdc00 || code > 0xdfff) return at;
    return at > 1 ? at - 1 : at + 1;
  }
  let last = 0;
  // Boundaries up to `at` read from a prefix a little longer: a long word is not segmented whole for every line.
  for (const { index, segment } of segmenter.segment(text.slice(0, at + 64))) {
    const end = index + segment.length;
    if (end > at) return last || end;
    last = end;
  }
  return at;
}

/** The text with its clusters in reverse order (each cluster kept as it is). */
export function reverseClusters(text: string): string {
  return graphemes(text).reverse().join('');
}
