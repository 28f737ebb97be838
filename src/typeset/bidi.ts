import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
/** bidi-js: the Unicode Bidirectional Algorithm (UAX #9, Unicode 13), passing all of Unicode's conformance tests. */
const bidi = (require('bidi-js') as () => BidiJs)();

interface BidiJs {
  getEmbeddingLevels(text: string, direction?: Direction): { levels: Uint8Array; paragraphs: Array<{ start: number; end: number; level: number }> };
  getMirroredCharacter(ch: string): string | null;
}

/** A paragraph's base direction. */
export type Direction = 'ltr' | 'rtl';

/** Characters of right-to-left scripts and the right-to-left marks: a text with none needs no reordering. */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u200F\u202B\u202E\u2067\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/** True when a text has a right-to-left character (Hebrew, Arabic, Syriac, Thaana...). */
export function hasRightToLeft(text: string): boolean {
  return RIGHT_TO_LEFT.test(text);
}

/** A paragraph's embedding levels (one per UTF-16 unit) and its base direction, from its first strong character (UAX #9 P2, P3). */
export function paragraphLevels(text: string): { levels: Uint8Array; direction: Direction } {
  const { levels, paragraphs } = bidi.getEmbeddingLevels(text);
  return { levels, direction: (paragraphs[0]?.level ?? 0) % 2 ? 'rtl' : 'ltr' };
}

/** A piece of one logical run of a line, in visual order: `text` is the run's characters start..end, mirrored where right-to-left. */
export interface VisualPiece {
  run: number;
  start: number;
  end: number;
  /** Right-to-left: its characters are read right to left (a shaper of an RTL script lays them out so). */
  rtl: boolean;
  text: string;
}

const SPACE = /\s/u;

/**
 * The visual order of one line, given its logical runs (texts of one style each) and the
 * embedding levels of its characters, resolved over the whole paragraph. Sequences at each
 * level are reversed as UAX #9 L2 says, a piece at a time: a piece is the part of a run at
 * one level, and right-to-left pieces are cut at spaces, so that each word is one piece
 * (shaped whole, as Arabic joining needs) and the words come in reverse order. Mirrored
 * characters (brackets, < >) are replaced by their mirror in right-to-left pieces (L4).
 * Whitespace at the line's ends stays at its visual ends, where the line cuts it.
 */
export function reorderLine(runs: string[], levels: ArrayLike<number>): VisualPiece[] {
  const text = runs.join('');
  let a = 0;
  let b = text.length;
  while (a < b && SPACE.test(text[a])) a++;
  while (b > a && SPACE.test(text[b - 1])) b--;
  const pieces = cut(runs, levels, 0, a).concat(reorder(cut(runs, levels, a, b)), cut(runs, levels, b, text.length));
  return pieces.map((p) => ({ run: p.run, start: p.start, end: p.end, rtl: p.level % 2 === 1, text: shown(runs[p.run].slice(p.start, p.end), p.level) }));
}

interface Cut { run: number; start: number; end: number; level: number }

/** The line's characters from..to as pieces: a new piece at each run, level change, and around each space of a right-to-left piece. */
function cut(runs: string[], levels: ArrayLike<number>, from: number, to: number): Cut[] {
  const out: Cut[] = [];
  let offset = 0;
  runs.forEach((run, r) => {
    const lo = Math.max(from, offset);
    const hi = Math.min(to, offset + run.length);
    for (let i = lo; i < hi; ) {
      const level = levels[i] ?? 0;
      let j = i + 1;
      if (level % 2 && SPACE.test(run[i - offset])) {
        while (j < hi && levels[j] === level && SPACE.test(run[j - offset])) j++;
      } else {
        while (j < hi && levels[j] === level && !(level % 2 && SPACE.test(run[j - offset]))) j++;
      }
      out.push({ run: r, start: i - offset, end: j - offset, level });
      i = j;
    }
    offset += run.length;
  });
  return out;
}

/** UAX #9 L2: from the highest level down to the lowest odd one, every sequence of pieces at that level or higher is reversed. */
function reorder(pieces: Cut[]): Cut[] {
  if (!pieces.length) return pieces;
  const max = Math.max(...pieces.map((p) => p.level));
  const minOdd = Math.min(...pieces.map((p) => (p.level % 2 ? p.level : p.level + 1)));
  const out = [...pieces];
  for (let level = max; level >= minOdd; level--) {
    for (let i = 0; i < out.length; ) {
      if (out[i].level < level) { i++; continue; }
      let j = i;
      while (j < out.length && out[j].level >= level) j++;
      const flipped = out.slice(i, j).reverse();
      out.splice(i, j - i, ...flipped);
      i = j;
    }
  }
  return out;
}

/** A piece's characters as drawn: mirrored at an odd level. */
function shown(text: string, level: number): string {
  if (level % 2 === 0) return text;
  let out = '';
  for (const ch of text) out += bidi.getMirroredCharacter(ch) ?? ch;
  return out;
}
