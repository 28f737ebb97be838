import { pinyin } from 'pinyin-pro';

/*
 * One order for every list of people (the booklet's speaker index, sign-in sheets):
 * a single A–Z alphabet in which Chinese names file by the pinyin of the surname, read
 * as a surname (曾 Zēng, 单 Shàn, 仇 Qiú, 解 Xiè, 翟 Zhái, 查 Zhā, 朴 Piáo, 区 Ōu), then
 * of the given name; Latin names file by their surname (the last word, or a word written
 * in capitals: "LOVELACE Ada"), then the given names. Ties: Chinese before Latin, then
 * tones (ā á ǎ à), then the characters themselves. Names in other scripts come last.
 * A person's `sort_as` (content) replaces the computed reading.
 */

/** A name and, optionally, the reading content gives for sorting (`sort_as`). */
export interface Sortable {
  name: string;
  sortAs?: string;
}

/** How a name files: the letters compared first, then script, then tones, then the name. */
export interface SortKey {
  letters: string;
  tones: string;
  /** 0 Chinese, 1 Latin, 2 anything else. */
  script: number;
  name: string;
}

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;
const letters = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const exact = new Intl.Collator('zh-u-co-pinyin');

/** The sort key of one name. */
export function nameSortKey(person: Sortable): SortKey {
  const name = person.name.trim();
  const given = person.sortAs?.trim();
  const script = HAN.test(name) ? 0 : LATIN.test(name) ? 1 : 2;
  if (given) return { ...readingOf(given, HAN.test(given)), script, name };
  if (script === 0) return { ...readingOf(name, true), script, name };
  if (script === 1) return { letters: latinSurnameFirst(name), tones: '', script, name };
  return { letters: '\uffff', tones: '', script, name };
}

/** Compares two sort keys: the order of every printed list of people. */
export function compareSortKeys(a: SortKey, b: SortKey): number {
  return letters.compare(a.letters, b.letters) || a.script - b.script
    || (a.tones < b.tones ? -1 : a.tones > b.tones ? 1 : 0) || exact.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** The people sorted by name (a new array; equal names keep their order). */
export function sortByName<T>(people: readonly T[], of: (p: T) => Sortable): T[] {
  const keyed = people.map((p, i) => ({ p, i, key: nameSortKey(of(p)) }));
  keyed.sort((x, y) => compareSortKeys(x.key, y.key) || x.i - y.i);
  return keyed.map((k) => k.p);
}

/** Pinyin syllables of a Chinese name (surname reading at its head), or a Latin `sort_as` as written. */
function readingOf(text: string, han: boolean): { letters: string; tones: string } {
  if (!han) return { letters: text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim(), tones: '' };
  const syllables = pinyin(text.replace(/\s+/g, ''), { surname: 'head', toneType: 'num', type: 'array', v: true, nonZh: 'removed' });
  const plain = syllables.map((s) => s.replace(/\d$/, ''));
  const tones = syllables.map((s) => (/\d$/.test(s) ? s.slice(-1) : '0')).join('');
  return { letters: plain.join(' '), tones };
}

/** "Ada Lovelace" -> "lovelace ada"; a word in capitals is the surname ("LOVELACE Ada"). */
function latinSurnameFirst(name: string): string {
  const words = name.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length < 2) return name.toLowerCase();
  if (name.includes(',')) return name.toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ');
  const capital = words.findIndex((w) => w.length > 1 && w === w.toUpperCase() && /\p{Lu}/u.test(w));
  const at = capital >= 0 ? capital : words.length - 1;
  return [words[at], ...words.filter((_, i) => i !== at)].join(' ').toLowerCase();
}
