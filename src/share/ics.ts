import { createHash } from 'node:crypto';
import ical, { type ICalEventData } from 'ical-generator';
import type { Program, Session, Talk } from '../model/types.js';
import { zonedToUtc } from './timezone.js';
import { blocksToText } from './blocks-text.js';

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
  // Ties every UID to this forum, so two forums' "S1" are different events in one calendar.
  const key = createHash('sha256').update(`${forum.name}\0${forum.dates.start}`).digest('hex').slice(0, 12);
  const calendar = ical({ name: forum.name, prodId: { company: 'forumpress', product: 'forumpress', language: 'ZH' } });
  const at = (date: string, time: string) => zonedToUtc(date, time, forum.timezone);
  const place = (room?: string) => {
    const parts = [room ?? (forum.online ? `线上${forum.livestream ? `（${forum.livestream.platform}）` : ''}` : undefined), forum.venue].filter(Boolean);
    // Chinese text takes the full-width comma, as the booklet's typography rules ask.
    return parts.join(parts.some((p) => /[\u3400-\u9fff]/.test(p!)) ? '，' : ', ');
  };
  const event = (uid: string, date: string, slot: { start: string; end: string }, data: Partial<ICalEventData>) =>
    calendar.createEvent({ id: `${uid}@${key}.forumpress`, stamp, start: at(date, slot.start), end: at(date, slot.end), ...data });

  for (const day of program.days) {
    for (const item of day.items) {
      if (item.type === 'session') {
        const s = item.session;
        event(`session-${s.id}`, day.date, s, { summary: s.title, location: place(s.room), description: sessionText(s) });
        for (const slot of s.slots) if (slot.talk) event(`talk-${slot.talk.id}`, day.date, slot, talkData(slot.talk, place(slot.room), s));
      } else if (item.slot.talk) {
        event(`talk-${item.slot.talk.id}`, day.date, item.slot, talkData(item.slot.talk, place(item.slot.room)));
      } else if (!QUIET.has(item.slot.kind)) {
        event(`slot-${day.date}-${item.slot.start.replace(':', '')}`, day.date, item.slot, { summary: item.slot.title, location: place(item.slot.room) });
      }
    }
  }
  return calendar.toString();
}

function talkData(talk: Talk, location: string, session?: Session): Partial<ICalEventData> {
  const names = talk.speakers.map((p) => p.name).join('、');
  const speakers = talk.speakers.map((p) => `${p.name}${p.nameEn ? ` ${p.nameEn}` : ''}${p.affiliation ? `（${p.affiliation}）` : ''}`).join('\n');
  const description = [
    `报告人 Speaker: ${speakers.includes('\n') ? `\n${speakers}` : speakers}`,
    talk.title.secondary,
    session && `${session.title}${session.chairs.length ? `（主持 ${session.chairs.map((c) => c.name).join('、')}）` : ''}`,
    blocksToText(talk.body),
  ].filter(Boolean).join('\n\n');
  return { summary: `${talk.title.primary}（${names}）`, location, description };
}

function sessionText(s: Session): string {
  const talks = s.slots.map((slot) => `${slot.start}–${slot.end} ${slot.talk ? `${slot.talk.title.primary}（${slot.talk.speakers.map((p) => p.name).join('、')}）` : slot.title ?? ''}`);
  return [s.chairs.length ? `主持 Chair: ${s.chairs.map((c) => c.name).join('、')}` : '', ...talks].filter(Boolean).join('\n');
}
