import { z } from 'zod';
import type { Diagnostics, Position } from '../diagnostics.js';
import type { FileSource } from '../io.js';
import { parseYaml } from '../load/yaml.js';
import { validate } from '../check/validate.js';
import type { Locale } from '../model/types.js';
import { DEFAULT_LOCALE } from './default-locale.js';
import { locate } from './templates.js';

/* templates/locales/<tag>.yaml: every word forumpress prints that no content file gives. */

const part = z.enum(['numeric', '2-digit']);
const dateOptions = z.strictObject({
  year: part.optional(),
  month: z.enum(['numeric', '2-digit', 'long', 'short', 'narrow']).optional(),
  day: part.optional(),
  weekday: z.enum(['long', 'short', 'narrow']).optional(),
});

const localeSchema = z.strictObject({
  /** Words that may print in two languages (headings, labels). */
  words: z.record(z.string(), z.string()),
  /** Wording for each kind of talk or slot ({{label kind}}). */
  kinds: z.record(z.string(), z.string()).default({}),
  /** Punctuation and spacing of the language; never doubled in a bilingual program. */
  punctuation: z.strictObject({
    list: z.string(),
    speakers: z.string(),
    colon: z.string(),
    open: z.string(),
    close: z.string(),
    gap: z.string(),
    /** Between two pieces that need a visible mark (place · online). */
    separator: z.string(),
  }),
  dates: z.strictObject({
    date: dateOptions,
    month_day: dateOptions,
    weekday: dateOptions.shape.weekday.default('long'),
    /** "{date} {weekday}" */
    full: z.string(),
    /** A talk's day: "{month_day} {weekday}" */
    short: z.string(),
    /** When given, a range is "start<sep>end" with the year (and month) the two share left out of the end; else Intl's. */
    range_separator: z.string().optional(),
    /** The nth day: "Day {n}"; {cn} is the number in Chinese numerals. */
    day_number: z.string(),
  }),
  /** How the speaker index is sorted: an Intl.Collator locale, e.g. zh-u-co-pinyin. */
  collation: z.string().optional(),
});

type LocaleFile = z.infer<typeof localeSchema>;

/** What a build prints when nothing is said: the shipped Chinese wording. */
export const DEFAULT_LANGUAGE = 'zh-CN';

/** Where a locale file for a BCP 47 tag may be: the tag, then its language alone (fr-CA -> fr). */
function candidates(tag: string): string[] {
  const language = tag.split('-')[0];
  return [...new Set([tag, language, language.toLowerCase()])].map((t) => `locales/${t}.yaml`);
}

/**
 * Reads the locale of the program's language (and of its second language, for bilingual
 * programs). A missing or broken file is an error at `at` (forum.yaml's language line).
 */
export function loadLocale(source: FileSource, language: string, second: string | undefined, at: { language: Position; second: Position }, diags: Diagnostics): Locale | undefined {
  const first = readLocale(source, language, at.language, diags);
  const other = second ? readLocale(source, second, at.second, diags) : undefined;
  if (!first || (second && !other)) return undefined;
  const words: Locale['words'] = {};
  for (const [key, text] of Object.entries(first.words)) words[key] = other?.words[key] && other.words[key] !== text ? [text, other.words[key]] : [text];
  const kinds: Locale['kinds'] = {};
  for (const [key, text] of Object.entries(first.kinds)) kinds[key] = other?.kinds[key] && other.kinds[key] !== text ? [text, other.kinds[key]] : [text];
  return {
    language, second, words, kinds, punctuation: first.punctuation,
    dates: { date: first.dates.date, monthDay: first.dates.month_day, weekday: first.dates.weekday, full: first.dates.full, short: first.dates.short,
      rangeSeparator: first.dates.range_separator, dayNumber: first.dates.day_number },
    collation: first.collation ?? language,
  };
}

function readLocale(source: FileSource, tag: string, at: Position, diags: Diagnostics): LocaleFile | undefined {
  const path = candidates(tag).find((p) => source.read(p) !== undefined);
  if (!path) {
    diags.error('missing-file', at, `no wording for the language "${tag}": ${source.label}/${candidates(tag)[0]} does not exist`,
      `copy ${source.label}/locales/en.yaml to ${source.label}/${candidates(tag).at(-1)} and translate its values`);
    return undefined;
  }
  const yaml = parseYaml(`${source.label}/${path}`, source.read(path)!, diags);
  return yaml ? validate(localeSchema, yaml, diags) : undefined;
}

/**
 * The locale of a program, from forum.yaml's language and second_language. A templates folder
 * without locales/zh-CN.yaml (an older copy) still prints Chinese, with the built-in wording.
 */
export function programLocale(templates: FileSource, content: FileSource, forum: { language: string; secondLanguage?: string }, diags: Diagnostics): Locale | undefined {
  const { language, secondLanguage: second } = forum;
  if (language === DEFAULT_LANGUAGE && !second && !candidates(language).some((p) => templates.read(p) !== undefined)) return DEFAULT_LOCALE;
  const text = content.read('forum.yaml') ?? '';
  const where = (key: string): Position => ({ file: `${content.label}/forum.yaml`, ...(locate(text, `${key}:`) ?? { line: 1, column: 1 }) });
  return loadLocale(templates, language, second, { language: where('language'), second: where('second_language') }, diags);
}
