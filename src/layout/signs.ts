import type { Program, Session, Talk } from '../model/types.js';
import type { RoomSign } from '../check/lost-content.js';
import { programView, sessionView } from './view.js';
import { dateFormats } from './dates.js';
import { DEFAULT_LOCALE } from './default-locale.js';

/** The sessions of each room on each day, for rooms that hold two sessions or more that day. */
function roomDays(program: Program): { day: number; date: string; room: string; sessions: Session[] }[] {
  const out: { day: number; date: string; room: string; sessions: Session[] }[] = [];
  program.days.forEach((day, d) => {
    const byRoom = new Map<string, Session[]>();
    for (const item of day.items) {
      if (item.type !== 'session' || item.session.room === undefined) continue;
      byRoom.set(item.session.room, [...(byRoom.get(item.session.room) ?? []), item.session]);
    }
    if (byRoom.size < 2) return; // one room: its session signs say it all
    [...byRoom].forEach(([room, sessions], r) => {
      if (sessions.length >= 2) out.push({ day: d + 1, date: day.date, room, sessions: sessions.sort((a, b) => a.start.localeCompare(b.start)) });
    });
  });
  return out;
}

const anchorOf = (day: number, room: string, index: number) => `room-${day}-${index}-${room.replace(/[^\p{L}\p{N}]+/gu, '')}`;

/** The room signs signs.hbs makes (one per room and day), with the talks each must list. */
export function roomSigns(program: Program): RoomSign[] {
  return roomDays(program).map((r, i) => ({
    anchor: anchorOf(r.day, r.room, i), room: r.room, date: r.date,
    talks: r.sessions.flatMap((s) => s.slots.flatMap((x): Talk[] => (x.talk ? [x.talk] : []))),
  }));
}

/**
 * The data of templates/signs/signs.hbs: the program view, plus every session with the
 * day it belongs to, for one door sign per session; a sign per room and day (`rooms`); and
 * for each day its sessions grouped by start time (`byTime`), for the entrance. `talkCount`
 * lets the template set a busy session (many talks) more compactly.
 */
export function signsView(program: Program) {
  const view = programView(program);
  const dayOf = (day: (typeof view.days)[number]) => ({ number: day.number, numberZh: day.numberZh, label: day.label, weekday: day.weekday, full: day.full });
  const sessions = view.days.flatMap((day) =>
    day.items.flatMap((item) => (item.session ? [{
      ...item.session,
      day: dayOf(day),
      talkCount: item.session.slots.filter((s) => s.isTalk).length,
      dense: item.session.slots.length > 3,
    }] : [])));
  const rooms = roomDays(program).map((r, i) => ({
    anchor: anchorOf(r.day, r.room, i),
    room: r.room,
    day: dayOf(view.days[r.day - 1]),
    full: dateFormats(program.locale ?? DEFAULT_LOCALE).full(r.date),
    /** The day without its year, in the language's order: 12 月 31 日 星期六, vendredi 15 novembre. */
    short: dateFormats(program.locale ?? DEFAULT_LOCALE).short(r.date),
    sessions: r.sessions.map((s) => sessionView(s, program.forum.online, program.locale ?? DEFAULT_LOCALE)),
  }));
  const days = view.days.map((day) => ({ ...day, byTime: byTime(day.items) }));
  // Signs show no abstracts: leaving them out of the view lets --watch skip the signs
  // when only an abstract's text changed (see input-hash.ts).
  const talks = view.talks.map((talk) => ({ ...talk, body: [] }));
  return { ...view, days, forum: { ...view.forum, introduction: [] }, talks, sessions, rooms };
}

/** A day's entries grouped by start time: the entrance sign of a day with many rooms. */
function byTime(items: ReturnType<typeof programView>['days'][number]['items']) {
  const groups: { time: string; items: typeof items }[] = [];
  for (const item of items) {
    const start = item.session?.start ?? item.slot!.start;
    const group = groups.find((g) => g.time === start);
    if (group) group.items.push(item);
    else groups.push({ time: start, items: [item] });
  }
  return groups.sort((a, b) => a.time.localeCompare(b.time));
}
