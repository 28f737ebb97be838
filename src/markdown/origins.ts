import type { TextOrigin } from '../model/types.js';
import { lineOfOffset, lowSurrogates } from '../diagnostics.js';

/** How far ahead of the last character found the next one is looked for (past an escape or a marker). */
const LOOK_AHEAD = 16;


/** Origins of a text written as it stands from `line`:`column` on: one for each line of it. */
export function lineOrigins(text: string, line: number, column: number): TextOrigin[] {
  const out: TextOrigin[] = [{ at: 0, line, column }];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push({ at: i + 1, line: ++line, column: 1 });
  return out;
}

/** Line (1-based, plus `lineOffset`) and column of an offset of the source; columns count characters, as every diagnostic's do (a surrogate pair is one). */
function place(offset: number, starts: number[], lineOffset: number, source: string): { line: number; column: number } {
  const lo = lineOfOffset(starts, offset);
  return { line: lo + 1 + lineOffset, column: offset - starts[lo] + 1 - lowSurrogates(source, starts[lo], offset) };
}

/**
 * Where the characters of a parsed node's value stand in the source between `start` and `end`:
 * each is found in order, a little ahead of the one before (escapes, entities, continuation
 * indents and markers are skipped), and a new origin starts wherever the source jumps. Linear.
 */
export function valueOrigins(value: string, source: string, start: number, end: number, starts: number[], lineOffset: number): TextOrigin[] {
  if (source.slice(start, end) === value) {
    const at = place(start, starts, lineOffset, source);
    return lineOrigins(value, at.line, at.column);
  }
  const out: TextOrigin[] = [];
  let next = start;
  let prev = -2;
  for (let k = 0; k < value.length; k++) {
    const limit = Math.min(end, next + LOOK_AHEAD);
    let p = next;
    while (p < limit && source[p] !== value[k]) p++;
    // Not in the source as such (an entity's character): it stands where the search began.
    if (p >= limit) p = Math.min(next, Math.max(end - 1, start));
    if (p !== prev + 1 || source[prev] === '\n') out.push({ at: k, ...place(p, starts, lineOffset, source) });
    prev = p;
    next = Math.max(next, p + 1);
  }
  return out;
}

/** The origins of `b` appended to those of `a` (whose text is `length` long), for two inlines merged into one. */
export function joinOrigins(a: TextOrigin[] | undefined, length: number, b: TextOrigin[] | undefined): TextOrigin[] | undefined {
  if (!a || !b) return a ?? (b && b.map((o) => ({ ...o, at: o.at + length })));
  return [...a, ...b.map((o) => ({ ...o, at: o.at + length }))];
}
