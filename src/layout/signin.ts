import type { Program } from '../model/types.js';
import type { AttendeeList } from '../model/attendees.js';
import { programView } from './view.js';
import { sortByName } from './sort-names.js';
import { spacedName } from './measure.js';
import { personAt } from './view-at.js';

/**
 * The data of templates/signin/signin.hbs: one sheet per day (or per session), each listing
 * every attendee in the order of the speaker index (sort-names.ts), cut into pages of `rows`
 * lines, so each page can say how many are expected on it (本页应到) and the header repeats.
 */
export function signinView(program: Program, list: AttendeeList, settings: { per: 'day' | 'session'; rows: number }) {
  const view = programView(program);
  const people = sortByName(list.attendees, (a) => a).map((a, i) => ({
    number: i + 1,
    id: a.id,
    name: spacedName(a.name),
    plainName: a.name,
    nameEn: a.nameEn ?? null,
    affiliation: a.affiliation ?? null,
    roles: a.roles.map((r) => r.label),
    ...personAt(a, spacedName(a.name)),
  }));
  const occasions = settings.per === 'day'
    ? view.days.map((d) => ({ title: d.full, session: null, day: d.full }))
    : view.days.flatMap((d) => d.items.flatMap((i) => (i.session ? [{ title: i.session.title, session: i.session, day: d.full }] : [])));
  let pageNumber = 0;
  const sheets = occasions.map((occasion, s) => {
    const chunks = chunk(people, settings.rows);
    const pages = chunks.map((rows, p) => ({
      number: p + 1,
      count: chunks.length,
      first: pageNumber++ === 0,
      rows,
      expected: rows.length,
      // Lines the page has room for but no attendee: ruled blank rows for late registrations.
      blanks: Array.from({ length: settings.rows - rows.length }, (_, i) => ({ number: p * settings.rows + rows.length + i + 1 })),
    }));
    return { number: s + 1, ...occasion, expected: people.length, pages };
  });
  return { forum: { ...view.forum, introduction: [] }, locale: view.locale, labels: view.labels, per: settings.per, sheets, pageCount: pageNumber };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out.length ? out : [[]];
}
