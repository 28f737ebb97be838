import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The `hyphen` package's data for a language: Liang's levels, the pattern trie, and exceptions (word -> offsets). */
type Patterns = [number[][], Trie, Record<string, number[]>?];
type Trie = { [ch: string]: Trie | [Trie, number] | number };

/** Liang's patterns from the `hyphen` package (TeX's hyph-*.tex), one module per language. */
const MODULES: Record<string, () => { patterns: Patterns }> = {
  en: () => require('hyphen/en-us'),
  fr: () => require('hyphen/fr'),
  de: () => require('hyphen/de-1996'),
};
const loaded = new Map<string, Patterns | null>();
const cache = new Map<string, number[]>();
const EMPTY: Trie = Object.freeze({}) as Trie;

/** The languages Latin words can be hyphenated in. */
export const HYPHENATION_LANGUAGES = Object.keys(MODULES);

/** The hyphenation language for a BCP 47 tag ('en-GB' → 'en'), or undefined. */
export function hyphenationLanguage(tag: string | undefined): string | undefined {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return base && MODULES[base] ? base : undefined;
}

function patternsOf(lang: string): Patterns | null {
  let p = loaded.get(lang);
  if (p === undefined) {
    p = MODULES[lang] ? MODULES[lang]().patterns : null;
    loaded.set(lang, p);
  }
  return p;
}

/**
 * Where Liang's patterns put a hyphen in a word (offsets, in UTF-16 units), exactly as the
 * `hyphen` package's hyphenateSync does for one word of letters (its exceptions first, then
 * the levels of every pattern found in ".word."), without its text reader, its verifiers and
 * a Date per call, which made it most of the paragraph setter's time for English.
 */
function liang(word: string, [levelsTable, trie, exceptions]: Patterns): number[] {
  // A word without capitals is its own lower case in every locale (checked for every letter and mark).
  const lowered = /[\p{Lu}\p{Lt}]/u.test(word) ? word.toLocaleLowerCase() : word;
  if (exceptions && Object.prototype.hasOwnProperty.call(exceptions, lowered)) return exceptions[lowered];
  const text = `.${lowered}.`;
  const levels = new Array<number>(word.length + 1).fill(0);
  for (let s = 0; s + 3 <= text.length; s++) {
    const at = s === 0 ? 0 : s - 1;
    let node: Trie = trie;
    for (let j = s; j < text.length; j++) {
      const entry: Trie[string] | undefined = node[text[j]];
      if (entry === undefined) break;
      let index = -1;
      if (Array.isArray(entry)) {
        node = entry[0];
        index = entry[1];
      } else if (typeof entry === 'number') {
        node = EMPTY;
        index = entry;
      } else if (typeof entry === 'object' && entry !== null) node = entry;
      else node = EMPTY;
      if (index < 0) continue;
      const pattern = levelsTable[index];
      for (let k = 0; k < pattern.length; k++) if (pattern[k] > levels[at + k]) levels[at + k] = pattern[k];
    }
  }
  levels[0] = levels[1] = levels[levels.length - 1] = levels[levels.length - 2] = 0;
  const markers: number[] = [];
  for (let i = 0; i < levels.length; i++) if ((levels[i] & 1) === 1) markers.push(i);
  return markers;
}

const WORD = /^[\p{L}\p{M}]+$/u;

/**
 * Where a word may be hyphenated, as offsets into it (a break before that character), at least
 * two letters from its start and three from its end. Only words of letters, five or more: a
 * word with digits, a URL or a capital after its first letter (an acronym, CoLLaM) stays whole,
 * and so, but in German (whose nouns are capitalised), does a capitalised word: a name such as
 * Gruebel (a sentence's first word rarely needs breaking).
 */
export function hyphenationPoints(word: string, lang: string): number[] {
  if (word.length < 5 || !WORD.test(word) || /[\p{Lu}\p{Lt}]/u.test(word.slice(1))) return [];
  if (lang !== 'de' && /^[\p{Lu}\p{Lt}]/u.test(word)) return [];
  const key = `${lang}\0${word}`;
  let points = cache.get(key);
  if (points) return points;
  const patterns = patternsOf(lang);
  points = patterns ? liang(word, patterns).filter((p) => p >= 2 && p <= word.length - 3) : [];
  if (cache.size > 20_000) cache.clear();
  cache.set(key, points);
  return points;
}
