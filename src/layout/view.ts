import type { Day, Locale, Person, Program, Session, Slot, Talk, Title } from '../model/types.js';
import { dateFormats } from './dates.js';
import { DEFAULT_LOCALE, word } from './default-locale.js';
import { dayGrid } from './grid.js';
import { from, listAt, namesAt, titleAt, viewAt } from './view-at.js';

type Dates = ReturnType<typeof dateFormats>;
import { sortByName } from './sort-names.js';

/**
 * The data every template receives. Every key is present (null when empty) because
 * templates run in strict mode, where a misspelt name is an error.
 */
export function programView(program: Program, options: { gridColumns?: number } = {}): ProgramView {
  // Every document's view starts from this one (a 1,000-talk program's takes ~0.2 s): made once per program.
  let made = views.get(program);
  if (!made) views.set(program, (made = new Map()));
  const columns = options.gridColumns ?? 4;
  let view = made.get(columns);
  if (!view) made.set(columns, (view = makeProgramView(program, columns)));
  return view;
}

const views = new WeakMap<Program, Map<number, ProgramView>>();

function makeProgramView(program: Program, gridColumns: number) {
  const { forum } = program;
  const locale = program.locale ?? DEFAULT_LOCALE;
  const dates = dateFormats(locale);
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
  const talks = program.talks.map((talk) => talkView(talk, slotOf.get(talk)!, sessionOf.get(talk), forum.online, locale, dates));
  return {
    forum: {
      name: forum.name,
      nameEn: forum.nameEn ?? null,
      edition: forum.edition ?? null,
      dates: forum.dates,
      dateRange: dates.range(forum.dates.start, forum.dates.end),
      language: locale.language,
      secondLanguage: locale.second ?? null,
      venue: forum.venue,
      online: forum.online,
      livestream: forum.livestream ? {
        platform: forum.livestream.platform, note: forum.livestream.note ?? null, url: forum.livestream.url ?? null,
        ...viewAt({ platform: from(forum.livestream.platform, forum.fieldAt?.livestreamPlatform), note: from(forum.livestream.note, forum.fieldAt?.livestreamNote) }),
      } : null,
      contact: forum.contact ?? null,
      hosts: forum.hosts,
      coHosts: forum.coHosts,
      organizingCommittee: forum.organizingCommittee,
      academicCommittee: forum.academicCommittee,
      funding: forum.funding ?? null,
      introduction: forum.introduction,
      /** The organizers' logos, for {{image}}: {{#each forum.logos}}{{image this height=36}}{{/each}}. */
      logos: forum.logos ?? [],
      hasIntroduction: forum.introduction.length > 0,
      ...viewAt({
        name: from(forum.name, forum.fieldAt?.name), nameEn: from(forum.nameEn, forum.fieldAt?.nameEn), venue: from(forum.venue, forum.fieldAt?.venue),
        contact: from(forum.contact, forum.fieldAt?.contact), funding: from(forum.funding, forum.fieldAt?.funding),
        hosts: listAt(forum.hosts, forum.listsAt?.hosts), coHosts: listAt(forum.coHosts, forum.listsAt?.coHosts),
        organizingCommittee: listAt(forum.organizingCommittee, forum.listsAt?.organizingCommittee),
        academicCommittee: listAt(forum.academicCommittee, forum.listsAt?.academicCommittee),
      }),
    },
    days: program.days.map((day, i) => dayView(day, i, forum.online, locale, dates, gridColumns)),
    talks,
    speakerIndex: speakerIndex(program.talks, locale),
    /** The wording of templates/locales (for the {{t}} and {{label}} helpers). */
    locale,
    /** Every word of the locale in the program's language: {{labels.schedule}}. */
    labels: Object.fromEntries(Object.entries(locale.words).map(([k, v]) => [k, v[0]])),
  };
}

function dayView(day: Day, index: number, online: boolean, locale: Locale, dates: Dates, gridColumns: number) {
  return {
    /** Rooms × time, for a day with parallel rooms (src/layout/grid.ts); null otherwise. */
    grid: dayGrid(day, gridColumns, (slot) => slotView(slot, locale)),
    id: `day-${index + 1}`,
    number: index + 1,
    numberZh: dates.dayNumber(index + 1),
    date: day.date,
    label: dates.monthDay(day.date),
    weekday: dates.weekday(day.date),
    full: dates.full(day.date),
    items: day.items.map((item) =>
      item.type === 'session'
        ? { isSession: true, session: sessionView(item.session, online, locale), slot: null }
        : { isSession: false, session: null, slot: slotView(item.slot, locale) }),
  };
}

/** A session as templates see it. */
export function sessionView(session: Session, online: boolean, locale: Locale = DEFAULT_LOCALE) {
  const titles = session.titles ? pickTitles(session.titles, locale) : { title: session.title, title2: null };
  return {
    id: session.id,
    anchor: `session-${session.id}`,
    ...titles,
    chairs: session.chairs.map((c) => c.name).join(locale.punctuation.list),
    chairs2: locale.second ? names2(session.chairs, locale) : null,
    room: session.room ?? (online ? word(locale, 'online') : null),
    hasRoom: session.room !== undefined,
    start: session.start,
    end: session.end,
    time: `${session.start}–${session.end}`,
    slots: session.slots.map((slot) => slotView(slot, locale)),
    /** The speakers of its talks, in order: a list without a separator after the last (the entrance sign). */
    speakers: session.slots.flatMap((slot) => slot.talk?.speakers ?? []).map((p) => personView(p, locale)),
    /** Many slots: more than a booklet page may hold, so its table breaks rather than move whole. */
    long: session.slots.length >= 12,
    ...viewAt({
      title: from(titles.title, session.titles ? titleAt(session.titles, titles.title) : session.fieldAt?.title),
      title2: session.titles ? from(titles.title2, titleAt(session.titles, titles.title2)) : undefined,
      chairs: namesAt(session.chairs), room: from(session.room, session.fieldAt?.room),
    }),
  };
}

function slotView(slot: Slot, locale: Locale) {
  const talk = slot.talk;
  const titles = talk ? titlesOf(talk.title, locale) : undefined;
  const own = slot.titles ? titlesOf(slot.titles, locale) : undefined;
  const title = titles?.title ?? own?.title ?? slot.title ?? '';
  const title2 = titles?.title2 ?? own?.title2 ?? null;
  const source = talk?.title ?? slot.titles;
  return {
    time: `${slot.start}–${slot.end}`,
    start: slot.start,
    end: slot.end,
    kind: slot.kind,
    isTalk: !!talk,
    title,
    titleSecondary: titles?.titleSecondary ?? null,
    title2,
    speakers: talk ? talk.speakers.map((p) => personView(p, locale)) : [],
    /** More than two speakers: signs list them on a few lines instead of one large name each. */
    manySpeakers: (talk?.speakers.length ?? 0) > 2,
    anchor: talk ? `talk-${talk.id}` : null,
    room: slot.room ?? null,
    ...viewAt({
      title: from(title, source ? titleAt(source, title) : slot.fieldAt?.title),
      titleSecondary: talk ? from(titles?.titleSecondary, titleAt(talk.title, titles?.titleSecondary)) : undefined,
      title2: source ? from(title2, titleAt(source, title2)) : undefined,
      room: from(slot.room, slot.fieldAt?.room),
    }),
  };
}

/** The language part of a tag: zh-CN -> zh. */
function base(tag: string | undefined): string | undefined {
  return tag?.split('-')[0].toLowerCase();
}

/**
 * A title as printed: in the program's language when content gives it (title: {zh, en}),
 * the other as titleSecondary (as before), and title2 in the second language of a bilingual program.
 */
function titlesOf(t: Title, locale: Locale) {
  const lang = base(locale.language);
  const own = lang === 'zh' || lang === 'en' ? t[lang] : undefined;
  const title = own ?? t.primary;
  const other = [t.zh, t.en].find((x) => x && x !== title) ?? null;
  const second = base(locale.second);
  const title2 = second === 'zh' || second === 'en' ? (t[second] && t[second] !== title ? t[second]! : null) : null;
  return { title, titleSecondary: other, title2 };
}

function pickTitles(t: Title, locale: Locale) {
  const { title, title2 } = titlesOf(t, locale);
  return { title, title2 };
}

/** The English names of a bilingual (…+en) program, where content gives them. */
function names2(people: Person[], locale: Locale): string | null {
  const names = people.map((p) => personView(p, locale).name2).filter(Boolean);
  return names.length ? names.join(locale.punctuation.list) : null;
}

function personView(p: Person, locale: Locale = DEFAULT_LOCALE) {
  const english = base(locale.second) === 'en' && base(locale.language) !== 'en';
  const name2 = english && p.nameEn && p.nameEn !== p.name ? p.nameEn : null;
  return {
    name: p.name, nameEn: p.nameEn ?? null, name2, affiliation: p.affiliation ?? null,
    ...viewAt({ name: from(p.name, p.fieldAt?.name), nameEn: from(p.nameEn, p.fieldAt?.nameEn), name2: from(name2, p.fieldAt?.nameEn), affiliation: from(p.affiliation, p.fieldAt?.affiliation) }),
  };
}

function talkView(talk: Talk, at: { slot: Slot; day: Day }, session: Session | undefined, online: boolean, locale: Locale, dates: Dates) {
  const titles = titlesOf(talk.title, locale);
  return {
    id: talk.id,
    anchor: `talk-${talk.id}`,
    ...titles,
    kind: talk.kind,
    subtitle: talk.subtitle ?? null,
    track: talk.track ?? null,
    language: talk.language ?? null,
    speakers: talk.speakers.map((p) => personView(p, locale)),
    day: dates.short(at.day.date),
    time: `${at.slot.start}–${at.slot.end}`,
    session: session ? sessionView(session, online, locale) : null,
    body: talk.body,
    hasBody: talk.body.length > 0,
    ...viewAt({
      title: from(titles.title, titleAt(talk.title, titles.title)), titleSecondary: from(titles.titleSecondary, titleAt(talk.title, titles.titleSecondary)),
      title2: from(titles.title2, titleAt(talk.title, titles.title2)),
      subtitle: from(talk.subtitle, talk.fieldAt?.subtitle), track: from(talk.track, talk.fieldAt?.track),
    }),
  };
}

/** Every speaker once (two people of one name at two places are two entries), sorted by surname reading (sort-names.ts), with their talks. */
function speakerIndex(talks: Talk[], locale: Locale) {
  type Entry = { name: string; sortAs?: string; affiliation: string | null; talks: { anchor: string; title: string }[] } & ReturnType<typeof viewAt>;
  const byName = new Map<string, Entry>();
  for (const talk of talks) {
    for (const s of talk.speakers) {
      const key = `${s.name}\0${s.affiliation ?? ''}`;
      const entry = byName.get(key) ?? { name: s.name, affiliation: s.affiliation ?? null, talks: [],
        ...viewAt({ name: from(s.name, s.fieldAt?.name), affiliation: from(s.affiliation, s.fieldAt?.affiliation) }) };
      if (s.sortAs) entry.sortAs = s.sortAs;
      const title = titlesOf(talk.title, locale).title;
      entry.talks.push({ anchor: `talk-${talk.id}`, title, ...viewAt({ title: from(title, titleAt(talk.title, title)) }) });
      byName.set(key, entry);
    }
  }
  return sortByName([...byName.values()], (e) => e).map(({ sortAs: _, ...entry }) => entry);
}

export type ProgramView = ReturnType<typeof makeProgramView>;
