import type { Diagnostics } from '../diagnostics.js';
import type { Program, Session, Talk } from '../model/types.js';
import type { LaidOutPage } from '../model/laid-out.js';

/** Where a document shows a talk, for the message. */
type Place = 'schedule' | 'abstracts' | 'session sign' | 'room sign';

/** One talk a laid-out document does not show where it should. */
interface Lost {
  talk: Talk;
  place: Place;
  detail: string;
}

/** At most this many talks are named per document; a template that drops them all says so once. */
const NAMED = 20;

const squash = (s: string) => s.replace(/\s+/g, '');

/** Pieces a title may be laid out in and still count as shown: a cell broken across pages, a heading repeated between. */
const PIECES = 3;

/** Characters of a title looked for. */
const TITLE_SHOWN = 120;

/** A title as a message quotes it: at most 60 characters. */
const quoted = (title: string) => (title.length > 60 ? `${title.slice(0, 60)}…` : title);

/**
 * `text` without one showing of `title`, or undefined when it has none: whole, or in up to
 * three pieces in order (a table row that breaks across pages puts the repeated heading and
 * the other cells between them).
 */
export function takeShowing(text: string, fullTitle: string): string | undefined {
  // The start of a title is enough to tell it is there; a title of thousands of characters
  // (a hostile abstract's) runs over pages, between footers, in more pieces than any table row.
  const title = fullTitle.slice(0, TITLE_SHOWN);
  const whole = text.indexOf(title);
  if (whole >= 0) return text.slice(0, whole) + '\u0000' + text.slice(whole + title.length);
  let from = 0;
  let rest = title;
  let out = text;
  for (let piece = 0; piece < PIECES && rest; piece++) {
    // The longest start of what is left that the text holds after the last piece.
    let lo = 0;
    let hi = rest.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (out.indexOf(rest.slice(0, mid), from) >= 0) lo = mid;
      else hi = mid - 1;
    }
    if (lo < Math.min(4, rest.length)) return undefined;
    const at = out.indexOf(rest.slice(0, lo), from);
    out = out.slice(0, at) + '\u0000' + out.slice(at + lo);
    from = at + 1;
    rest = rest.slice(lo);
  }
  return rest === '' ? out : undefined;
}

/** Whether `text` shows `title` (see takeShowing). */
export const shows = (text: string, title: string) => takeShowing(text, title) !== undefined;

/** How many times `text` shows `title`, up to `wanted`. */
function showings(text: string, title: string, wanted: number): number {
  let n = 0;
  for (let rest: string | undefined = text; n < wanted && (rest = takeShowing(rest, title)) !== undefined;) n++;
  return n;
}

/** First page (0-based) of every id laid out. */
function idPages(pages: LaidOutPage[]): Map<string, number> {
  const at = new Map<string, number>();
  pages.forEach((p, i) => p.ids.forEach((id) => at.has(id) || at.set(id, i)));
  return at;
}

const textOf = (pages: LaidOutPage[], from: number, to: number) => pages.slice(from, to).map((p) => p.text).join('');

/**
 * The booklet: every talk's title in its day's schedule (from id "day-N" to the next day or
 * to id "abstracts"), twice when the day's grid was laid out (id "grid-day-N": the grid and
 * the session), and on the page of its abstract (id "talk-ID").
 */
function lostInBooklet(pages: LaidOutPage[], program: Program): Lost[] {
  const at = idPages(pages);
  const anchorPages = program.talks.map((t) => at.get(`talk-${t.id}`)).filter((p): p is number => p !== undefined);
  const abstractsStart = at.get('abstracts') ?? (anchorPages.length ? Math.min(...anchorPages) : pages.length);
  const scheduleStart = at.get('schedule') ?? 0;
  const dayStarts = program.days.map((_, d) => at.get(`day-${d + 1}`));
  const lost: Lost[] = [];
  program.days.forEach((day, d) => {
    const from = dayStarts[d] ?? scheduleStart;
    // The next day may start on the page this one ends on.
    const next = dayStarts.slice(d + 1).find((p) => p !== undefined);
    const text = textOf(pages, from, next !== undefined ? next + 1 : abstractsStart);
    const times = at.has(`grid-day-${d + 1}`) ? 2 : 1;
    // Talks of one title are counted together: each must be shown `times` times.
    const byTitle = new Map<string, Talk[]>();
    for (const talk of talksOf(day)) byTitle.set(squash(talk.title.primary), [...(byTitle.get(squash(talk.title.primary)) ?? []), talk]);
    for (const [title, talks] of byTitle) {
      const shown = showings(text, title, talks.length * times);
      const short = Math.ceil((talks.length * times - shown) / times);
      for (const talk of talks.slice(talks.length - short)) {
        lost.push({ talk, place: 'schedule', detail: times === 2 ? `the schedule of day ${d + 1} (it belongs both in the day's grid and in its session)` : `the schedule of day ${d + 1}` });
      }
    }
  });
  for (const talk of program.talks) {
    const page = at.get(`talk-${talk.id}`);
    if (page === undefined || !shows(textOf(pages, page, page + 2), squash(talk.title.primary))) lost.push({ talk, place: 'abstracts', detail: 'the abstracts' });
  }
  return lost;
}

/** The talks of a day, in schedule order. */
function talksOf(day: Program['days'][number]): Talk[] {
  return day.items.flatMap((i) => (i.type === 'session' ? i.session.slots : [i.slot])).flatMap((s) => (s.talk ? [s.talk] : []));
}

/** The sessions of a program, in schedule order. */
function sessionsOf(program: Program): Session[] {
  return program.days.flatMap((d) => d.items.flatMap((i) => (i.type === 'session' ? [i.session] : [])));
}

/**
 * The signs: every talk's title on the pages of its session's sign, which start at the
 * sign's id ("session-ID") and run to the next page where another sign starts.
 */
function lostOnSigns(pages: LaidOutPage[], program: Program, roomSigns: RoomSign[]): Lost[] {
  const at = idPages(pages);
  // A sign's heading repeats on its later pages, ids and all: a sign starts where its id is first laid out.
  const starts = [...new Set([...at].filter(([id]) => /^(session|room|entrance)-/.test(id)).map(([, page]) => page))].sort((a, b) => a - b);
  const signText = (id: string) => {
    const from = at.get(id);
    if (from === undefined) return undefined;
    return textOf(pages, from, starts.find((s) => s > from) ?? pages.length);
  };
  const lost: Lost[] = [];
  const check = (id: string, talks: Talk[], place: Place, detail: string) => {
    const text = signText(id) ?? '';
    for (const talk of talks) if (!shows(text, squash(talk.title.primary))) lost.push({ talk, place, detail });
  };
  for (const s of sessionsOf(program)) check(`session-${s.id}`, s.slots.flatMap((x) => (x.talk ? [x.talk] : [])), 'session sign', `the sign of session ${s.id}`);
  // A signs template of its own may make no room signs (one made before they existed): then none is asked for.
  if ([...at.keys()].some((id) => id.startsWith('room-'))) {
    for (const r of roomSigns) check(r.anchor, r.talks, 'room sign', `the sign of ${r.room} on ${r.date}`);
  }
  return lost;
}

/** A room's sign for one day, as the signs view makes it: its id and the talks it must list. */
export interface RoomSign {
  anchor: string;
  room: string;
  date: string;
  talks: Talk[];
}

/**
 * `lost-content`: reads back what was laid out and reports every scheduled talk a document
 * does not show: booklet (schedule, abstracts) and signs (its session's sign, its room's).
 * The error stands at the talk's line in schedule.yaml.
 */
export function checkLostContent(output: string, pages: LaidOutPage[], program: Program, diags: Diagnostics, roomSigns: RoomSign[] = []): void {
  if (!pages.length) return;
  const lost = output === 'program.pdf' ? lostInBooklet(pages, program) : output === 'signs.pdf' ? lostOnSigns(pages, program, roomSigns) : [];
  for (const { talk, detail } of lost.slice(0, NAMED)) {
    diags.error('lost-content', talk.scheduledAt ?? { file: talk.file, line: 1, column: 1 },
      `talk "${talk.id}" (${quoted(talk.title.primary)}) is missing from ${detail} in ${output}`,
      'a template leaves it out (an {{#if}} or {{#unless}} around it, a partial that skips it) or shows a different title: every scheduled talk must appear');
  }
  if (lost.length > NAMED) {
    const first = lost[NAMED].talk;
    diags.error('lost-content', first.scheduledAt ?? { file: first.file, line: 1, column: 1 },
      `${lost.length - NAMED} more talks are missing from ${output} (${lost.length} in all)`,
      'the template shows only some of the talks; compare it with the shipped one in templates/');
  }
}
