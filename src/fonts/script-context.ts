/**
 * Which design a character belongs with, Chinese or Latin, decided by its neighbours: the
 * rule by which a quote, an apostrophe or a space is set in the Latin face in Latin text and
 * full width in Chinese text (fonts/README.md, "Chinese and Latin in one line").
 */

/** 'c': set with the Chinese face first; 'l': with the Latin face first. */
export type Script = 'c' | 'l';

/** Han, kana, Hangul, Bopomofo, CJK punctuation and full-width forms: always Chinese context. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303F\uFF00-\uFFEF\u31C0-\u31EF\uFE30-\uFE4F]/u;
/** Letters and marks of every other script, and mathematical symbols (∂ ∇ ∑ ≤ ± ×): Latin context, so
 * "∂L/∂θ" in a Chinese sentence is set from the Latin and maths faces, not full width from the Chinese. */
const LETTER = /[\p{L}\p{M}\u2200-\u22FF\u00B1\u00D7\u00F7]/u;
/** Opening quotes: they go with the text they open. */
const OPENING = new Set(['‘', '“', '‚', '„']);
/** Closing quotes and apostrophes: they go with the text they close (C’est, “Hello”). */
const CLOSING = new Set(['’', '”']);
/** Punctuation a Chinese font sets full width: Chinese context only next to Chinese. */
const BETWEEN = new Set(['…', '‥', '·', '•', '—', '–', '―', '‒', '⋯']);

function strong(ch: string): Script | undefined {
  if (CJK.test(ch)) return 'c';
  if (LETTER.test(ch)) return 'l';
  return undefined;
}

/**
 * The context of every character of a text: its own for Chinese characters and letters;
 * for an opening quote, the next letter's; for a closing quote or apostrophe, the previous
 * letter's; for … · • — –, Chinese if a neighbour is Chinese; for anything else (digits,
 * spaces, other punctuation) the context of what precedes it, else of what follows it,
 * else `fallback` (the document's language).
 */
export function scriptContexts(chars: string[], fallback: Script): Script[] {
  const own = chars.map(strong);
  const prev: Array<Script | undefined> = [];
  const next: Array<Script | undefined> = new Array(chars.length);
  let last: Script | undefined;
  for (let i = 0; i < chars.length; i++) {
    prev.push(last);
    last = own[i] ?? last;
  }
  last = undefined;
  for (let i = chars.length - 1; i >= 0; i--) {
    next[i] = last;
    last = own[i] ?? last;
  }
  const out: Script[] = new Array(chars.length);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (own[i]) out[i] = own[i]!;
    else if (OPENING.has(ch)) out[i] = next[i] ?? prev[i] ?? fallback;
    else if (CLOSING.has(ch)) out[i] = prev[i] ?? next[i] ?? fallback;
    else if (BETWEEN.has(ch)) out[i] = prev[i] === 'c' || next[i] === 'c' ? 'c' : prev[i] ?? next[i] ?? fallback;
    else out[i] = i > 0 ? out[i - 1] : next[i] ?? fallback;
  }
  return out;
}
