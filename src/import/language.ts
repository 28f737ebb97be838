import type { Position } from '../diagnostics.js';
import type { ExportSchedule } from './types.js';

/* The program's language (forum.yaml's `language:`), from what an export says about it. */

/** Languages whose wording forumpress ships (templates/locales/): a tag of another language prints English. */
const SHIPPED: Record<string, string> = { zh: 'zh-CN', en: 'en', fr: 'fr' };

/** Languages whose names ("German", "Deutsch", "allemand") an export may write instead of a code. */
const NAMED = ['en', 'de', 'fr', 'zh', 'es', 'it', 'nl', 'pt', 'ru', 'ja', 'ko', 'pl', 'cs', 'sv', 'da', 'nb', 'fi', 'tr', 'ar', 'he', 'el', 'hu', 'ro', 'uk', 'ca'];

let names: Map<string, string> | undefined;

/** Lower-cased language names in English, German, French, Chinese and the language itself -> code. */
function languageNames(): Map<string, string> {
  if (names) return names;
  names = new Map([['no', 'nb'], ['norwegian', 'nb']]);
  for (const code of NAMED) {
    for (const display of ['en', 'de', 'fr', 'zh', code]) {
      const name = new Intl.DisplayNames([display], { type: 'language' }).of(code);
      if (name && name !== code) names.set(name.toLowerCase(), code);
    }
  }
  return names;
}

/** A BCP 47 tag from what an export writes ("de", "de_DE", "en-us", "German", "Deutsch", "en, de"); undefined when it is none. */
export function normaliseLanguage(text: string | undefined): string | undefined {
  const first = (text ?? '').split(/[,;/|+&]|\s+(?:and|und|et)\s+/)[0].trim().replace(/_/g, '-');
  if (!first) return undefined;
  const named = languageNames().get(first.toLowerCase());
  if (named) return named;
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(first)) return undefined;
  try {
    return Intl.getCanonicalLocales(first)[0];
  } catch {
    return undefined;
  }
}

/** What the import writes as the program's language, how it found it, and what to tell the organizer. */
export interface ProgramLanguage {
  /** A tag forumpress has wording for (zh-CN, en, en-GB, fr, fr-CA). */
  language: string;
  /** The export's own language when forumpress has no wording for it (de): the program prints `language` instead. */
  unsupported?: string;
  /** Nothing in the export said: the language was told from the titles' script. */
  guessed?: boolean;
  /** Where the export says it (for the diagnostic). */
  at: Position;
}

/**
 * The program's language: the conference's own language field, else the language most events
 * are given in (the first of equals in export order), else told from the titles' script (Chinese
 * characters in most titles: zh-CN; else English). A language forumpress has no wording for
 * (German) prints English and says so.
 */
export function programLanguage(schedule: ExportSchedule): ProgramLanguage {
  const fileStart: Position = { file: schedule.events[0]?.at.file ?? '', line: 1, column: 1 };
  const said = normaliseLanguage(schedule.language);
  if (said) return supported(said, schedule.languageAt ?? fileStart);
  // Counted by language (fr and fr-FR together); the tag is the first the export writes for it.
  const counts = new Map<string, { n: number; tag: string; at: Position }>();
  for (const e of schedule.events) {
    const tag = normaliseLanguage(e.language);
    if (!tag) continue;
    const base = tag.split('-')[0].toLowerCase();
    const c = counts.get(base) ?? { n: 0, tag, at: e.at };
    c.n++;
    counts.set(base, c);
  }
  const most = [...counts.values()].reduce<{ n: number; tag: string; at: Position } | undefined>((best, c) => (!best || c.n > best.n ? c : best), undefined);
  if (most) return supported(most.tag, most.at);
  const titles = schedule.events.map((e) => e.title);
  const han = titles.filter((t) => /\p{Script=Han}/u.test(t)).length;
  return { language: han * 2 > titles.length ? SHIPPED.zh : SHIPPED.en, guessed: true, at: fileStart };
}

function supported(tag: string, at: Position): ProgramLanguage {
  const base = tag.split('-')[0].toLowerCase();
  if (base === 'zh') return { language: SHIPPED.zh, at };
  if (SHIPPED[base]) return { language: tag, at };
  return { language: SHIPPED.en, unsupported: tag, at };
}

/** "German" for de and de-DE, in English (for messages). */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag.split('-')[0]) ?? tag;
  } catch {
    return tag;
  }
}
