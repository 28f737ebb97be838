import { createHash } from 'node:crypto';
import ical, { type ICalEventData } from 'ical-generator';
import type { Program, Session, Talk } from '../model/types.js';
import { zonedToUtc } from './timezone.js';
import { blocksToText } from './blocks-text.js';
import { DEFAULT_LOCALE, word } from '../layout/default-locale.js';
import type { Locale } from '../model/types.js';

/** A word in the program's language, with the second language's after it unless the first already holds it. */
function label(locale: Locale, key: string): string {
  const forms = Object.hasOwn(locale.words, key) ? locale.words[key] : [key];
  return forms[1] && !forms[0].includes(forms[1]) ? `${forms[0]} ${forms[1]}` : forms[0];
}

/** Kinds of plain slots (outside sessions) that get no event of their own: a calendar is not a timetable of breaks. */
const QUIET = new Set(['break', 'meal', 'discussion']);

/**
 * The program as an iCalendar file (RFC 5545): one event per session, per talk, and per
 * ceremony outside sessions. Times are written in UTC ("...Z"), converted from the forum's
 * time zone: every calendar app reads UTC alike and shows it in the reader's own zone, with
 * no VTIMEZONE rules to get wrong. UIDs are stable across builds; DTSTAMP is `stamp` (the
 * build's fixed date), so the same content gives the same bytes.
 */
export function programIcs(program: Program, stamp: Date): string {
  const { forum } = program;
  const locale = program.locale ?? DEFAULT_LOCALE;
  const { open, close } = locale.punctuation;
  // Ties every UID to this forum, so two forums' "S1" are different events in one calendar.
  const key = createHash('sha256').update(`${forum.name}\0${forum.dates.start}`).digest('hex').slice(0, 12);
  const calendar = ical({ name: forum.name, prodId: { company: 'forumpress', product: 'forumpress', language: 'ZH' } });
  const at = (date: string, time: string) => zonedToUtc(date, time, forum.timezone);
  const place = (room?: string) => {
    const parts = [room ?? (forum.online ? `${word(locale, 'online')}${forum.livestream ? `${open}${forum.livestream.platform}${close}` : ''}` : undefined), forum.venue].filter(Boolean);
    // Chinese text takes the full-width comma, as the booklet's typography rules ask.
    return parts.join(parts.some((p) => /[\u3400-\u9fff]/.test(p!)) ? '，' : ', ');
  };
  const event = (uid: string, date: string, slot: { start: string; end: string }, data: Partial<ICalEventData>) =>
    calendar.createEvent({ id: `${uid}@${key}.forumpress`, stamp, start: at(date, slot.start), end: at(date, slot.end), ...data });

  for (const day of program.days) {
    for (const item of day.items) {
      if (item.type === 'session') {
        const s = item.session;
        event(`session-${s.id}`, day.date, s, { summary: s.title, location: place(s.room), description: sessionText(s, locale) });
        for (const slot of s.slots) if (slot.talk) event(`talk-${slot.talk.id}`, day.date, slot, talkData(slot.talk, place(slot.room), locale, s));
      } else if (item.slot.talk) {
        event(`talk-${item.slot.talk.id}`, day.date, item.slot, talkData(item.slot.talk, place(item.slot.room), locale));
      } else if (!QUIET.has(item.slot.kind)) {
        event(`slot-${day.date}-${item.slot.start.replace(':', '')}`, day.date, item.slot, { summary: item.slot.title, location: place(item.slot.room) });
      }
    }
  }
  return withSharedEncoder(() => calendar.toString());
}

/**
 * ical-generator 10 folds long lines by encoding every character with a new TextEncoder, to
 * count its UTF-8 bytes (fixed in 11, which needs Node 22): 0.4 GB of garbage and 2 s of CPU
 * for the 40-room conference's calendar. While it writes, `new TextEncoder()` hands back a
 * counter of those bytes (all it reads of the result is its length); the global is restored at
 * once (writing is synchronous).
 */
function withSharedEncoder<T>(write: () => T): T {
  const Original = globalThis.TextEncoder;
  const counter = { encode: (text: string) => ({ length: Buffer.byteLength(text, 'utf8') }) };
  globalThis.TextEncoder = function TextEncoder() { return counter; } as unknown as typeof Original;
  try {
    return write();
  } finally {
    globalThis.TextEncoder = Original;
  }
}

function talkData(talk: Talk, location: string, locale: Locale, session?: Session): Partial<ICalEventData> {
  const { open, close, list } = locale.punctuation;
  const names = talk.speakers.map((p) => p.name).join(list);
  const speakers = talk.speakers.map((p) => `${p.name}${p.nameEn ? ` ${p.nameEn}` : ''}${p.affiliation ? `${open}${p.affiliation}${close}` : ''}`).join('\n');
  const description = [
    `${label(locale, 'ics_speaker')}: ${speakers.includes('\n') ? `\n${speakers}` : speakers}`,
    talk.title.secondary,
    session && `${session.title}${session.chairs.length ? `${open}${word(locale, 'chair')} ${session.chairs.map((c) => c.name).join(list)}${close}` : ''}`,
    blocksToText(talk.body),
  ].filter(Boolean).join('\n\n');
  return { summary: `${talk.title.primary}${open}${names}${close}`, location, description };
}

function sessionText(s: Session, locale: Locale): string {
  const { open, close, list } = locale.punctuation;
  const talks = s.slots.map((slot) => `${slot.start}–${slot.end} ${slot.talk ? `${slot.talk.title.primary}${open}${slot.talk.speakers.map((p) => p.name).join(list)}${close}` : slot.title ?? ''}`);
  return [s.chairs.length ? `${label(locale, 'ics_chair')}: ${s.chairs.map((c) => c.name).join(list)}` : '', ...talks].filter(Boolean).join('\n');
}
