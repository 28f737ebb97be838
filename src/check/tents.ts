import type { Diagnostics } from '../diagnostics.js';
import type { FileSource } from '../io.js';
import type { Day, HeadTable, Person, Session } from '../model/types.js';
import { readYaml } from './program.js';
import { tentsSchema, type TentsFile } from './schemas.js';
import { validate } from './validate.js';
import { fieldsAt } from './fields-at.js';
import type { YamlFile } from '../load/yaml.js';

/**
 * Reads content/tents.yaml, the head tables that get table tents: a `session:` of schedule.yaml
 * seats its chairs, then its speakers (or the `people` given); any other table needs a `title`
 * and its `people`. Returns [] without the file or on errors (which are reported).
 */
export function loadHeadTables(source: FileSource, days: Day[], diags: Diagnostics): HeadTable[] {
  const yaml = readYaml(source, 'tents.yaml', diags, false);
  const data = yaml && validate(tentsSchema, yaml, diags);
  if (!yaml || !data) return [];
  const sessions = new Map(days.flatMap((d) => d.items.flatMap((i) => (i.type === 'session' ? [[i.session.id, i.session] as const] : []))));
  const tables: HeadTable[] = [];
  data.tables.forEach((entry, i) => {
    const at = (key: string) => yaml.locate(['tables', i, key]);
    const session = entry.session === undefined ? undefined : sessions.get(entry.session);
    if (entry.session !== undefined && !session) {
      diags.error('unknown-session', at('session'), `schedule.yaml has no session "${entry.session}"`,
        `use the id of a session (${[...sessions.keys()].slice(0, 6).join(', ')}), or give the table a title and its people instead`);
      return;
    }
    const people = entry.people?.map((p, j) => personOf(p, yaml, ['tables', i, 'people', j])) ?? (session ? sessionPeople(session) : []);
    if (!people.length) {
      diags.error('missing-field', yaml.locate(['tables', i]), session ? `session ${session.id} has no chair or speaker to seat` : 'this table lists no people',
        'add people: [name, name, ...], most senior first');
      return;
    }
    const seen = new Set<string>();
    people.forEach((p, j) => {
      if (seen.has(p.name)) diags.error('duplicate-person', yaml.locate(['tables', i, 'people', j]), `${p.name} is listed twice at this table`, 'list each person once; the order is the order of precedence');
      seen.add(p.name);
    });
    const title = entry.title ?? session?.title;
    if (!title) {
      diags.error('missing-field', yaml.locate(['tables', i]), 'this table has neither a session nor a title', 'add session: ID (from schedule.yaml) or title: ...');
      return;
    }
    const titleAt = entry.title !== undefined ? yaml.fieldAt(['tables', i, 'title']) : session?.titles ? undefined : session?.fieldAt?.title;
    tables.push({ title, date: entry.date ?? session?.date, time: entry.time?.replace(/\s*-\s*/, '–') ?? (session && `${session.start}–${session.end}`), people, ...(titleAt ? { fieldAt: { title: titleAt } } : {}) });
  });
  return tables;
}

function personOf(p: NonNullable<TentsFile['tables'][number]['people']>[number], yaml: YamlFile, path: (string | number)[]): Person {
  if (typeof p === 'string') return { name: p, ...fieldsAt(yaml, path, { name: [] }) };
  return { name: p.name, nameEn: p.name_en, affiliation: p.affiliation, ...fieldsAt(yaml, path, { name: 'name', nameEn: 'name_en', affiliation: 'affiliation' }) };
}

/** A session's chairs, then each of its speakers once. */
function sessionPeople(session: Session): Person[] {
  const people: Person[] = session.chairs.map((c) => ({ ...c }));
  for (const s of session.slots.flatMap((slot) => slot.talk?.speakers ?? [])) if (!people.some((p) => p.name === s.name)) people.push(s);
  return people;
}
