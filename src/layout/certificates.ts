import type { Program } from '../model/types.js';
import type { AttendeeList } from '../model/attendees.js';
import { programView } from './view.js';
import { dateFormats } from './dates.js';
import { DEFAULT_LOCALE } from './default-locale.js';
import { personAt, viewAt } from './view-at.js';

/**
 * The data of templates/certificates/certificates.hbs: one certificate per attendee
 * (参会证明), or per speaker and talk (报告证明), each with a serial number. A speaker's
 * id is their attendee id when attendees.csv lists the name, else the talk's id.
 */
export function certificatesView(program: Program, list: AttendeeList | undefined, mode: 'attendees' | 'speakers') {
  const view = programView(program);
  const year = program.forum.dates.start.slice(0, 4);
  const idOf = new Map((list?.attendees ?? []).map((a) => [a.name, a.id]));
  const people = mode === 'attendees'
    ? (list?.attendees ?? []).map((a) => ({ person: { id: a.id, name: a.name, nameEn: a.nameEn ?? null, affiliation: a.affiliation ?? null, roles: a.roles.map((r) => r.label), ...personAt(a) }, talk: null }))
    : view.talks.flatMap((talk) => talk.speakers.map((s) => ({
      person: { id: idOf.get(s.name) ?? talk.id, name: s.name, nameEn: s.nameEn, affiliation: s.affiliation, roles: [] as string[], ...viewAt({ ...s.fieldAt }) },
      talk: { id: talk.id, title: talk.title, titleSecondary: talk.titleSecondary, kind: talk.kind, day: talk.day, time: talk.time, session: talk.session?.title ?? null,
        ...viewAt({ ...talk.fieldAt, session: talk.session?.fieldAt?.title }) },
    })));
  const certificates = people.map((c, i) => ({ ...c, serial: `${year}-${String(i + 1).padStart(3, '0')}`, first: i === 0 }));
  return {
    locale: view.locale,
    labels: view.labels,
    forum: { ...view.forum, introduction: [], startDate: dateFormats(program.locale ?? DEFAULT_LOCALE).date(program.forum.dates.start), endDate: dateFormats(program.locale ?? DEFAULT_LOCALE).date(program.forum.dates.end) },
    mode,
    isTalk: mode === 'speakers',
    certificates,
  };
}
