import type { Day, Person, Program, Session, Slot, Talk } from '../model/types.js';
import { sortByName } from './sort-names.js';
import { zhDate, zhDateRange, zhMonthDay, zhNumber, zhWeekday } from './dates.js';

/**
 * The data every template receives. Every key is present (null when empty) because
 * templates run in strict mode, where a misspelt name is an error.
 */
export function programView(program: Program) {
  const { forum } = program;
  const sessionOf = new Map<Talk, Session>();
  const slotOf = new Map<Talk, { slot: Slot; day: Day }>();
  for (const day of program.days) {
    for (const item of day.items) {
      const slots = item.type === 'session' ? item.session.slots : [item.slot];
      for (const slot of slots) {
        if (!slot.talk) continue;
        slotOf.set(slot.talk, { slot, day });
        if (item.type === 'session') sessionOf.set(slot.talk, item.session);
      }
    }
  }
  const talks = program.talks.map((talk) => talkView(talk, slotOf.get(talk)!, sessionOf.get(talk), forum.online));
  return {
    forum: {
      name: forum.name,
      nameEn: forum.nameEn ?? null,
      edition: forum.edition ?? null,
      dates: forum.dates,
      dateRange: zhDateRange(forum.dates.start, forum.dates.end),
      venue: forum.venue,
      online: forum.online,
      livestream: forum.livestream ? { platform: forum.livestream.platform, note: forum.livestream.note ?? null, url: forum.livestream.url ?? null } : null,
      contact: forum.contact ?? null,
      hosts: forum.hosts,
      coHosts: forum.coHosts,
      organizingCommittee: forum.organizingCommittee,
      academicCommittee: forum.academicCommittee,
      funding: forum.funding ?? null,
      introduction: forum.introduction,
      hasIntroduction: forum.introduction.length > 0,
    },
    days: program.days.map((day, i) => dayView(day, i, forum.online)),
    talks,
    speakerIndex: speakerIndex(program.talks),
  };
}

function dayView(day: Day, index: number, online: boolean) {
  return {
    id: `day-${index + 1}`,
    number: index + 1,
    numberZh: `第${zhNumber(index + 1)}天`,
    date: day.date,
    label: zhMonthDay(day.date),
    weekday: zhWeekday(day.date),
    full: `${zhDate(day.date)} ${zhWeekday(day.date)}`,
    items: day.items.map((item) =>
      item.type === 'session'
        ? { isSession: true, session: sessionView(item.session, online), slot: null }
        : { isSession: false, session: null, slot: slotView(item.slot) }),
  };
}

/** A session as templates see it. */
export function sessionView(session: Session, online: boolean) {
  return {
    id: session.id,
    anchor: `session-${session.id}`,
    title: session.title,
    chairs: session.chairs.map((c) => c.name).join('、'),
    room: session.room ?? (online ? '线上' : null),
    hasRoom: session.room !== undefined,
    start: session.start,
    end: session.end,
    time: `${session.start}–${session.end}`,
    slots: session.slots.map(slotView),
  };
}

function slotView(slot: Slot) {
  const talk = slot.talk;
  return {
    time: `${slot.start}–${slot.end}`,
    start: slot.start,
    end: slot.end,
    kind: slot.kind,
    isTalk: !!talk,
    title: talk ? talk.title.primary : slot.title ?? '',
    titleSecondary: talk?.title.secondary ?? null,
    speakers: talk ? talk.speakers.map(personView) : [],
    anchor: talk ? `talk-${talk.id}` : null,
    room: slot.room ?? null,
  };
}

function personView(p: Person) {
  return { name: p.name, nameEn: p.nameEn ?? null, affiliation: p.affiliation ?? null };
}

function talkView(talk: Talk, at: { slot: Slot; day: Day }, session: Session | undefined, online: boolean) {
  return {
    id: talk.id,
    anchor: `talk-${talk.id}`,
    title: talk.title.primary,
    titleSecondary: talk.title.secondary ?? null,
    kind: talk.kind,
    subtitle: talk.subtitle ?? null,
    track: talk.track ?? null,
    language: talk.language ?? null,
    speakers: talk.speakers.map(personView),
    day: `${zhMonthDay(at.day.date)} ${zhWeekday(at.day.date)}`,
    time: `${at.slot.start}–${at.slot.end}`,
    session: session ? sessionView(session, online) : null,
    body: talk.body,
    hasBody: talk.body.length > 0,
  };
}

/** Every speaker once (two people of one name at two places are two entries), sorted by surname reading (sort-names.ts), with their talks. */
function speakerIndex(talks: Talk[]) {
  const byName = new Map<string, { name: string; sortAs?: string; affiliation: string | null; talks: { anchor: string; title: string }[] }>();
  for (const talk of talks) {
    for (const s of talk.speakers) {
      const key = `${s.name}\0${s.affiliation ?? ''}`;
      const entry = byName.get(key) ?? { name: s.name, affiliation: s.affiliation ?? null, talks: [] };
      if (s.sortAs) entry.sortAs = s.sortAs;
      entry.talks.push({ anchor: `talk-${talk.id}`, title: talk.title.primary });
      byName.set(key, entry);
    }
  }
  return sortByName([...byName.values()], (e) => e).map(({ sortAs: _, ...entry }) => entry);
}

export type ProgramView = ReturnType<typeof programView>;
