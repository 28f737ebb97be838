import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Hyphenator = (word: string, options: { hyphenChar: string; minWordLength: number }) => string;

/** Liang's patterns from the `hyphen` package (TeX's hyph-*.tex), one module per language. */
const MODULES: Record<string, () => { hyphenateSync: Hyphenator }> = {
  en: () => require('hyphen/en-us'),
  fr: () => require('hyphen/fr'),
  de: () => require('hyphen/de-1996'),
};
const loaded = new Map<string, Hyphenator | null>();
const cache = new Map<string, number[]>();

/** The languages Latin words can be hyphenated in. */
export const HYPHENATION_LANGUAGES = Object.keys(MODULES);

/** The hyphenation language for a BCP 47 tag ('en-GB' → 'en'), or undefined. */
export function hyphenationLanguage(tag: string | undefined): string | undefined {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return base && MODULES[base] ? base : undefined;
}

function hyphenator(lang: string): Hyphenator | null {
  let h = loaded.get(lang);
  if (h === undefined) {
    h = MODULES[lang] ? MODULES[lang]().hyphenateSync : null;
    loaded.set(lang, h);
  }
  return h;
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
  points = [];
  const h = hyphenator(lang);
  if (h) {
    const marked = h(word, { hyphenChar: '\u00AD', minWordLength: 5 });
    let at = 0;
    for (const ch of marked) {
      if (ch === '\u00AD') points.push(at);
      else at += ch.length;
    }
    points = points.filter((p) => p >= 2 && p <= word.length - 3);
  }
  if (cache.size > 20_000) cache.clear();
  cache.set(key, points);
  return points;
}
