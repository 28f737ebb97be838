import type { Diagnostics } from '../diagnostics.js';
import { bodyToMarkdown, plainLine, stripEmoji } from './body.js';
import { breakKind, mapKind } from './kinds.js';
import { slugify, uniqueId } from './ids.js';
import { clock, type ExportEvent, type ExportSchedule } from './types.js';
import { assignLanes, mergeSharedBreaks, splitAtMidnight, type Piece } from './placement.js';
import { programLanguage, type ProgramLanguage } from './language.js';

/** A pause longer than this (minutes) between two talks of one room starts a new session. */
export const SESSION_GAP = 15;

/** How talks are grouped: the longest pause (minutes) inside one session. */
export interface PlanOptions {
  sessionGap?: number;
}
/** Minutes given to an event the export gives no duration. */
const DEFAULT_DURATION = 60;

/** What the import writes into a talk's front matter and body. */
export interface TalkFields {
  title: string;
  subtitle?: string;
  speakers: string[];
  kind: string;
  track?: string;
  language?: string;
  body: string;
}

/** A talk to write as abstracts/ID.md. */
export interface PlannedTalk {
  id: string;
  key: string;
  fields: TalkFields;
}

/** One slot of the planned schedule. */
export interface PlannedSlot {
  start: number;
  end: number;
  talk?: string;
  kind?: 'break' | 'meal' | 'other';
  title?: string;
  room?: string;
}

/** A session: consecutive talks of one room (and track). */
export interface PlannedSession {
  id: string;
  title: string;
  room: string;
  start: number;
  slots: PlannedSlot[];
}

/** One day of the planned schedule, items in time order. */
export interface PlannedDay {
  date: string;
  items: Array<{ session: PlannedSession } | { slot: PlannedSlot }>;
}

/** The content an export becomes, before it is merged with what is already there. */
export interface Plan {
  forum: { name: string; start: string; end: string; language?: string };
  /** How the program's language was found (for what the import tells the organizer). */
  language: ProgramLanguage;
  days: PlannedDay[];
  talks: PlannedTalk[];
}


/** The forum's name when the export gives none (pretalx's API has no event in a submissions list). */
export const UNNAMED = 'Conference';

/** Turns an export into talks, sessions and days; everything adapted on the way is reported. */
export function planImport(schedule: ExportSchedule, knownIds: ReadonlyMap<string, string>, diags: Diagnostics,
  taken: ReadonlySet<string> = new Set(), options: PlanOptions = {}): Plan {
  const talks: PlannedTalk[] = [];
  const pieces: Piece[] = [];
  const usedIds = new Set<string>([...knownIds.values(), ...taken]);
  const seenKeys = new Map<string, ExportEvent>();
  const unknownTypes = new Map<string, { count: number; first: ExportEvent }>();
  let afterMidnight = 0;

  for (const event of schedule.events) {
    let key = event.key;
    const earlier = seenKeys.get(key);
    if (earlier) {
      let n = 2;
      while (seenKeys.has(`${event.key}#${n}`)) n++;
      key = `${event.key}#${n}`;
      if (!breakKind(event)) {
        diags.warn('import-repeated', event.at, `"${plainLine(event.title)}" is in the export again (same id as on ${earlier.date} at line ${earlier.at.line}); it is imported as a talk of its own`,
          'if both are the same talk given twice, keep both; edit one file to tell them apart');
      }
    }
    seenKeys.set(key, event);
    const title = cleanLine(event.title, event, 'title', diags) || `Event ${event.id || key}`;
    if (!plainLine(event.title)) diags.warn('import-no-title', event.at, `an event has no title; it is called "${title}"`, 'give it a title in the export or in its file');
    const duration = eventDuration(event, title, diags);
    const slotKind = breakKind(event);
    let talk: string | undefined;
    if (!slotKind) {
      talk = knownIds.get(key) ?? uniqueId(idBase(event, title), usedIds);
      usedIds.add(talk);
      talks.push({ id: talk, key, fields: talkFields(event, title, diags, unknownTypes) });
    }
    if (event.date > event.day.date) afterMidnight++;
    checkDayBounds(event, duration, diags);
    pieces.push(...splitAtMidnight(event, duration, title, talk, slotKind, diags));
  }
  for (const [type, { count, first }] of unknownTypes) {
    diags.warn('import-unknown-type', first.at, `event type "${type}" (${count} event${count > 1 ? 's' : ''}) is not a kind forumpress knows; imported as "talk"`,
      'change "kind:" in those files (talk, keynote, plenary, invited, workshop, panel, poster), or add a label for the new kind to templates/theme.yaml');
  }
  if (afterMidnight) {
    diags.warn('import-after-midnight', { file: schedule.events[0].at.file, line: 1, column: 1 },
      `${afterMidnight} event(s) start after midnight of their conference day; they are listed under the calendar day they happen on`);
  }
  const language = programLanguage(schedule);
  const days = groupDays(assignLanes(mergeSharedBreaks(pieces), diags), options.sessionGap ?? SESSION_GAP, schedule.roomOrder ?? [], language.language);
  const dates = [schedule.start, schedule.end, ...days.map((d) => d.date)].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  const name = cleanLine(schedule.title, undefined, 'title', diags) || schedule.acronym || UNNAMED;
  return { forum: { name, start: dates[0] ?? '', end: dates[dates.length - 1] ?? '', language: language.language }, language, days, talks };
}

function cleanLine(text: string, event: ExportEvent | undefined, what: string, diags: Diagnostics): string {
  const { text: stripped, removed } = stripEmoji(plainLine(text));
  if (removed && event) diags.warn('import-emoji', event.at, `removed ${removed} emoji from the ${what} "${plainLine(text)}" (no font of the booklet has them)`, 'write the word instead, if it mattered');
  const out = what === 'speaker name' ? stripped : withoutCodeMarks(stripped);
  if (out !== stripped && event) {
    diags.warn('import-code-title', event.at, `the ${what} "${stripped}" marks code with backticks; it is imported as "${out}"`,
      'a title is plain text in every document (the booklet, the signs, the web page, the calendar): the backticks would be printed as they are');
  }
  return out;
}

/** A title's `inline code` as its plain text: speakers write markdown in pretalx's plain-text titles. */
function withoutCodeMarks(text: string): string {
  return text.replace(/`([^`]+)`/g, '$1');
}

function talkFields(event: ExportEvent, title: string, diags: Diagnostics, unknownTypes: Map<string, { count: number; first: ExportEvent }>): TalkFields {
  // Without a type, a track named like a kind ("Keynote", "Tutorial") says what the talk is.
  const byTrack = mapKind(event.track);
  const mapping = event.type.trim() || !byTrack.known ? mapKind(event.type) : byTrack;
  if (!mapping.known) {
    const entry = unknownTypes.get(event.type) ?? { count: 0, first: event };
    entry.count++;
    unknownTypes.set(event.type, entry);
  }
  const speakers = event.persons.map((p) => cleanLine(p, event, 'speaker name', diags)).filter(Boolean);
  if (!speakers.length) {
    diags.warn('import-no-speaker', event.at, `"${title}" has no speaker in the export; it is imported with an empty speaker list`,
      'add the speakers in its file if it has any');
  }
  const parts = [event.abstract, event.description].map((b) => stripEmoji(bodyToMarkdown(b)));
  const removed = parts.reduce((n, p) => n + p.removed, 0);
  if (removed) diags.warn('import-emoji', event.at, `removed ${removed} emoji from the abstract of "${title}" (no font of the booklet has them)`);
  const bodies = parts.map((p) => p.text).filter(Boolean);
  // frab often repeats the abstract as the description's first paragraph.
  const body = bodies.length === 2 && bodies[1].startsWith(bodies[0]) ? bodies[1] : bodies.join('\n\n');
  const subtitle = cleanLine(event.subtitle, event, 'subtitle', diags);
  const track = plainLine(event.track);
  const language = plainLine(event.language);
  return { title, ...(subtitle && { subtitle }), speakers, kind: mapping.kind, ...(track && { track }), ...(language && { language }), body };
}

function idBase(event: ExportEvent, title: string): string {
  const short = (s: string, n: number) => (s.length <= n ? s : s.slice(0, n).replace(/-[^-]*$/, '') || s.slice(0, n));
  const slug = slugify(event.slug.split(/[/#]/).filter(Boolean).pop() ?? '');
  return short(slug, 60) || short(slugify(title), 48) || `event-${slugify(event.id) || 'x'}`;
}

function eventDuration(event: ExportEvent, title: string, diags: Diagnostics): number {
  if (event.duration === undefined) {
    diags.warn('import-no-duration', event.at, `"${title}" has no duration in the export; it is imported as ${DEFAULT_DURATION} minutes`,
      'correct its time in schedule.yaml');
    return DEFAULT_DURATION;
  }
  if (event.duration <= 0) {
    diags.warn('import-no-duration', event.at, `"${title}" lasts 0 minutes in the export; it is imported as 5 minutes`, 'correct its time in schedule.yaml');
    return 5;
  }
  return event.duration;
}

function checkDayBounds(event: ExportEvent, duration: number, diags: Diagnostics): void {
  const { start, end } = event.day;
  const at = (date: string, m: number) => `${date}T${clock(m)}`;
  const endDate = new Date(Date.parse(`${event.date}T00:00:00Z`) + Math.floor((event.start + duration) / 1440) * 86_400_000).toISOString().slice(0, 10);
  const from = at(event.date, event.start);
  const to = at(endDate, (event.start + duration) % 1440);
  if ((start && from < start.slice(0, 16)) || (end && end.length > 10 && to > end.slice(0, 16))) {
    diags.warn('import-outside-day', event.at, `"${plainLine(event.title)}" (${from.replace('T', ' ')}) lies outside the hours of its conference day (${(start ?? '').slice(0, 16).replace('T', ' ')} to ${(end ?? '').slice(0, 16).replace('T', ' ')}); kept at its time`,
      'check its time in the export');
  }
}

/** A session's title without a track (the room is printed beside it anyway): the part of the day, in the program's language. */
const PART_OF_DAY: Record<string, [string, string, string]> = {
  en: ['Morning', 'Afternoon', 'Evening'], fr: ['Matin', 'Après-midi', 'Soirée'], zh: ['上午', '下午', '晚上'],
};

function partOfDay(start: number, language: string): string {
  const words = PART_OF_DAY[language.split('-')[0]] ?? PART_OF_DAY.en;
  return words[start < 12 * 60 ? 0 : start < 18 * 60 ? 1 : 2];
}

function groupDays(pieces: Piece[], gap: number, roomOrder: readonly string[], language: string): PlannedDay[] {
  // Rooms the export orders come first, in its order (lanes "Room (2)" after their room); the others by name.
  const rank = (room: string) => { const i = roomOrder.indexOf(room.replace(/ \(\d+\)$/, '')); return i < 0 ? roomOrder.length : i; };
  const byDate = new Map<string, Piece[]>();
  for (const p of pieces) byDate.set(p.date, [...(byDate.get(p.date) ?? []), p]);
  const usedSessionIds = new Set<string>();
  return [...byDate.keys()].sort().map((date) => {
    const items: Array<{ at: number; room: string; item: PlannedDay['items'][number] }> = [];
    const byRoom = new Map<string, Piece[]>();
    for (const p of byDate.get(date)!) byRoom.set(p.room, [...(byRoom.get(p.room) ?? []), p]);
    for (const [room, list] of byRoom) {
      list.sort((a, b) => a.start - b.start);
      let current: PlannedSession | undefined;
      let lastTrack = '';
      for (const p of list) {
        if (!p.talk) {
          items.push({ at: p.start, room, item: { slot: { start: p.start, end: p.end, kind: p.kind, title: p.title, ...(room && { room }) } } });
          current = undefined;
          continue;
        }
        const prevEnd = current ? current.slots[current.slots.length - 1].end : 0;
        if (!current || p.start - prevEnd > gap || (p.track && lastTrack && p.track !== lastTrack)) {
          const id = uniqueId(`${slugify(room) || 'room'}-${date.slice(5).replace('-', '')}-${clock(p.start).replace(':', '')}`, usedSessionIds);
          usedSessionIds.add(id);
          // The track names the session; without one (or one named like the room: "Main Track") the part of the day does, so the room is not printed twice.
          const title = p.track && p.track !== room.replace(/ \(\d+\)$/, '') ? p.track : partOfDay(p.start, language);
          current = { id, title, room, start: p.start, slots: [] };
          items.push({ at: p.start, room, item: { session: current } });
        }
        lastTrack = p.track;
        current.slots.push({ start: p.start, end: p.end, talk: p.talk });
      }
    }
    items.sort((a, b) => a.at - b.at || rank(a.room) - rank(b.room) || a.room.localeCompare(b.room));
    return { date, items: items.map((i) => i.item) };
  });
}
