import type { Person, Program } from '../model/types.js';
import type { AttendeeList } from '../model/attendees.js';
import { programView } from './view.js';
import { zhMonthDay, zhWeekday } from './dates.js';
import { seatOrder, type Seating } from './seating.js';
import { spacedName } from './measure.js';

/** The head tables of the program, in schedule order: a ceremony's or a session's `head_table`. */
export function headTables(program: Program) {
  const tables: { title: string; date: string; time: string; people: Person[] }[] = [];
  for (const day of program.days) {
    for (const item of day.items) {
      const { title, start, end, headTable } = item.type === 'session' ? { ...item.session, title: item.session.title }
        : { ...item.slot, title: item.slot.title ?? '' };
      if (headTable?.length) tables.push({ title, date: day.date, time: `${start}–${end}`, people: headTable });
    }
  }
  return tables;
}

/**
 * The data of templates/tents/tents.hbs: every head table with its seats from the audience's
 * left (who sits where, and their rank), and one tent per person, table by table, seat by seat.
 * A name's affiliation and English name come from the head table entry, else from the talks'
 * speakers, else from attendees.csv.
 */
export function tentsView(program: Program, attendees: AttendeeList | undefined, seating: Seating) {
  const known = knownPeople(program, attendees);
  const tables = headTables(program).map((table, t) => {
    const people = table.people.map((p) => ({ ...known.get(p.name), ...definedOf(p) }));
    const seats = seatOrder(people.length, seating).map((rank, i) => ({
      seat: i + 1,
      rank: rank + 1,
      name: spacedName(people[rank].name),
      plainName: people[rank].name,
      nameEn: people[rank].nameEn ?? null,
      affiliation: people[rank].affiliation ?? null,
    }));
    return {
      number: t + 1,
      title: table.title,
      day: `${zhMonthDay(table.date)} ${zhWeekday(table.date)}`,
      time: table.time,
      count: seats.length,
      seats,
      centre: seats.length % 2 ? 'one' : 'two',
    };
  });
  const tents = tables.flatMap((table) => table.seats.map((seat) => ({ ...seat, table: { number: table.number, title: table.title, day: table.day, time: table.time, count: table.count } })));
  const { forum } = programView(program);
  return { forum: { ...forum, introduction: [] }, seating, tables, tents };
}

/** Each name's details as the program and the attendee list give them (the program's first). */
function knownPeople(program: Program, attendees: AttendeeList | undefined): Map<string, Person> {
  const known = new Map<string, Person>();
  const add = (p: Person) => {
    const before = known.get(p.name) ?? { name: p.name };
    known.set(p.name, { ...definedOf(p), ...definedOf(before) });
  };
  for (const talk of program.talks) talk.speakers.forEach(add);
  for (const a of attendees?.attendees ?? []) add({ name: a.name, nameEn: a.nameEn, affiliation: a.affiliation });
  return known;
}

function definedOf(p: Person): Person {
  return Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) as unknown as Person;
}
