import type { Diagnostics } from '../diagnostics.js';
import type { Attendee, AttendeeList, Role } from '../model/attendees.js';
import type { ProgramView } from './view.js';
import { spacedName } from './measure.js';
import { from, viewAt } from './view-at.js';

/** One badge to print: a person's, or a blank spare of a role (whose extra columns are empty). */
export type BadgeItem = { attendee: Attendee; role: Role } | { attendee: null; role: Role; extra: Record<string, string> };

/**
 * The badges to print, in the order of the attendee file, then `spares` blank badges per
 * role. With `only`, just those ids (no spares); an unknown id is an error.
 */
export function badgeItems(list: AttendeeList, spares: number, only: string[] | undefined, diags: Diagnostics): BadgeItem[] {
  if (only) {
    const byId = new Map(list.attendees.map((a) => [a.id, a]));
    const items: BadgeItem[] = [];
    for (const id of only) {
      const a = byId.get(id);
      if (a) items.push({ attendee: a, role: a.roles[0] });
      else diags.error('unknown-id', { file: list.file, line: 1, column: 1 }, `--only: no attendee has the id "${id}"`, 'ids are in the id column of attendees.csv; separate several with commas');
    }
    return items;
  }
  const people: BadgeItem[] = list.attendees.map((a) => ({ attendee: a, role: a.roles[0] }));
  const extra = Object.fromEntries(list.extraColumns.map((c) => [c, '']));
  const blanks: BadgeItem[] = list.roles.flatMap((role) => Array.from({ length: spares }, () => ({ attendee: null, role, extra })));
  return [...people, ...blanks];
}

/** The forum as badge templates see it (the same names as in the booklet). */
export function badgeForumView(view: ProgramView) {
  const { forum } = view;
  return {
    forum: { name: forum.name, nameEn: forum.nameEn, language: forum.language, secondLanguage: forum.secondLanguage, edition: forum.edition, dateRange: forum.dateRange, venue: forum.venue, online: forum.online, livestream: forum.livestream,
      ...viewAt({ name: forum.fieldAt?.name, nameEn: forum.fieldAt?.nameEn, venue: forum.fieldAt?.venue }) },
    days: view.days,
    locale: view.locale,
    labels: view.labels,
  };
}

/** The data of one badge face: the forum, the days, the attendee and the badge's size. */
export function badgeView(forum: ReturnType<typeof badgeForumView>, item: BadgeItem, size: { width: number; height: number; bleed: number }) {
  const a = item.attendee;
  const name = a ? spacedName(a.name) : '';
  return {
    ...forum,
    badge: { width: size.width, height: size.height, bleed: size.bleed },
    attendee: {
      id: a?.id ?? '',
      name,
      plainName: a?.name ?? '',
      nameEn: a?.nameEn ?? null,
      affiliation: a?.affiliation ?? null,
      blank: !a,
      role: { key: item.role.key, label: item.role.label, labelEn: item.role.labelEn ?? null, color: item.role.color,
        ...viewAt({ label: from(item.role.label, item.role.fieldAt?.label), labelEn: from(item.role.labelEn, item.role.fieldAt?.labelEn) }) },
      roles: a ? a.roles.map((r) => r.label) : [item.role.label],
      extra: item.attendee ? item.attendee.extra : item.extra,
      photo: !!a?.photo,
      // spacedName only adds spaces: the name's other characters are still the cell's.
      ...viewAt({ name: from(name, a?.fieldAt?.name), plainName: from(a?.name, a?.fieldAt?.name), nameEn: from(a?.nameEn, a?.fieldAt?.nameEn), affiliation: from(a?.affiliation, a?.fieldAt?.affiliation) }),
    },
  };
}
