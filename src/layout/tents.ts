import type { Person, Program } from '../model/types.js';
import type { AttendeeList } from '../model/attendees.js';
import { programView } from './view.js';
import { dateFormats } from './dates.js';
import { DEFAULT_LOCALE } from './default-locale.js';
import { seatOrder, type Seating } from './seating.js';
import { spacedName } from './measure.js';
import { from, personAt, viewAt } from './view-at.js';

/**
 * The data of templates/tents/tents.hbs: every head table with its seats from the audience's
 * left (who sits where, and their rank), and one tent per person, table by table, seat by seat.
 * A name's affiliation and English name come from the head table entry, else from the talks'
 * speakers, else from attendees.csv.
 */
export function tentsView(program: Program, attendees: AttendeeList | undefined, seating: Seating) {
  const known = knownPeople(program, attendees);
  const tables = (program.headTables ?? []).map((table, t) => {
    const people = table.people.map((p) => ({ ...known.get(p.name), ...definedOf(p) }));
    const seats = seatOrder(people.length, seating).map((rank, i) => ({
      seat: i + 1,
      rank: rank + 1,
      name: spacedName(people[rank].name),
      plainName: people[rank].name,
      nameEn: people[rank].nameEn ?? null,
      affiliation: people[rank].affiliation ?? null,
      ...personAt(people[rank], spacedName(people[rank].name)),
    }));
    return {
      number: t + 1,
      title: table.title,
      ...viewAt({ title: from(table.title, table.fieldAt?.title) }),
      day: table.date ? dateFormats(program.locale ?? DEFAULT_LOCALE).short(table.date) : null,
      time: table.time ?? null,
      count: seats.length,
      seats,
      centre: seats.length % 2 ? 'one' : 'two',
    };
  });
  const tents = tables.flatMap((table) => table.seats.map((seat) => ({ ...seat, table: { number: table.number, title: table.title, day: table.day, time: table.time, count: table.count, ...viewAt({ title: table.fieldAt?.title }) } })));
  const { forum, locale, labels } = programView(program);
  return { forum: { ...forum, introduction: [] }, locale, labels, seating, tables, tents };
}

/** Each name's details as the program and the attendee list give them (the program's first). */
function knownPeople(program: Program, attendees: AttendeeList | undefined): Map<string, Person> {
  const known = new Map<string, Person>();
  const add = (p: Person) => {
    const before = known.get(p.name) ?? { name: p.name };
    known.set(p.name, { ...definedOf(p), ...definedOf(before) });
  };
  for (const talk of program.talks) talk.speakers.forEach(add);
  for (const a of attendees?.attendees ?? []) add({ name: a.name, nameEn: a.nameEn, affiliation: a.affiliation, fieldAt: a.fieldAt });
  return known;
}

function definedOf(p: Person): Person {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as Person;
}
