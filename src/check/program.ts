import type { Diagnostics, Position } from '../diagnostics.js';
import type { FileSource } from '../io.js';
import { parseYaml, type YamlFile } from '../load/yaml.js';
import { splitFrontMatter } from '../load/frontmatter.js';
import { markdownToBlocks } from '../markdown/index.js';
import { imageBudget, type ImageBudget } from '../markdown/image-prepare.js';
import type { Day, DayItem, FieldPos, Forum, Program, Session, Slot, Talk, Title } from '../model/types.js';
import { abstractSchema, forumSchema, scheduleSchema, settingsSchema, type SessionEntry, type SettingsFile, type SlotEntry } from './schemas.js';
import { validate } from './validate.js';
import { loadHeadTables } from './tents.js';
import { checkDays, checkTimes, parseTimeRange } from './times.js';
import { LIMITS, withinLimit } from './limits.js';
import { closest } from './suggest.js';
import { loadLogos } from './logos.js';
import { fieldsAt, itemsAt } from './fields-at.js';

/** The checked program and the build settings, or undefined parts where errors stopped them. */
export interface LoadedContent {
  program?: Program;
  settings: SettingsFile;
}

/** Reads and checks every content file, collecting all problems before giving up. */
export function loadProgram(source: FileSource, diags: Diagnostics): LoadedContent {
  const name = (path: string) => `${source.label}/${path}`;
  const settingsYaml = readYaml(source, 'settings.yaml', diags, false);
  const settings = (settingsYaml && validate(settingsSchema, settingsYaml, diags)) || settingsSchema.parse({});

  const forumYaml = readYaml(source, 'forum.yaml', diags, true);
  const forumData = forumYaml && validate(forumSchema, forumYaml, diags);
  const images = imageBudget(); // one per build, shared by the introduction and every abstract
  const talks = loadTalks(source, diags, images);
  const scheduleYaml = readYaml(source, 'schedule.yaml', diags, true);
  const scheduleValid = scheduleYaml && validate(scheduleSchema, scheduleYaml, diags);
  const entries = scheduleValid ? scheduleValid.days.flatMap((d) => d.program.flatMap((e) => ('slots' in e ? [e, ...e.slots] : [e]))).length : 0;
  const scheduleData = scheduleValid && scheduleYaml &&
    withinLimit(entries, LIMITS.scheduleEntries, scheduleYaml.locate(['days']), 'sessions and slots in the schedule', diags) ? scheduleValid : undefined;

  let forum: Forum | undefined;
  if (forumData && forumYaml) {
    let introduction: Forum['introduction'] = [];
    if (forumData.introduction) {
      const text = source.read(forumData.introduction);
      if (text === undefined) {
        diags.error('missing-file', forumYaml.locate(['introduction']), `cannot read "${forumData.introduction}"`,
          'give a markdown file inside the content folder, e.g. introduction.md');
      } else if (withinLimit(text.length, LIMITS.markdownChars, { file: name(forumData.introduction), line: 1, column: 1 }, 'characters in the introduction', diags)) {
        introduction = markdownToBlocks(text, name(forumData.introduction), 0, diags, { files: source, dir: dirOf(forumData.introduction), budget: images });
      }
    }
    forum = {
      name: forumData.name, language: forumData.language, secondLanguage: forumData.second_language, nameEn: forumData.name_en, edition: forumData.edition, dates: forumData.dates,
      venue: forumData.venue, online: forumData.online, livestream: forumData.livestream, contact: forumData.contact, hosts: forumData.hosts,
      coHosts: forumData.co_hosts, organizingCommittee: forumData.organizing_committee,
      academicCommittee: forumData.academic_committee, funding: forumData.funding, introduction,
      logos: loadLogos(forumData.logo, forumYaml, source, diags, images),
      timezone: forumData.timezone,
      ...fieldsAt(forumYaml, [], { name: 'name', nameEn: 'name_en', venue: 'venue', contact: 'contact', funding: 'funding',
        livestreamPlatform: ['livestream', 'platform'], livestreamNote: ['livestream', 'note'] }),
      listsAt: {
        hosts: itemsAt(forumYaml, ['hosts'], forumData.hosts.length), coHosts: itemsAt(forumYaml, ['co_hosts'], forumData.co_hosts.length),
        organizingCommittee: itemsAt(forumYaml, ['organizing_committee'], forumData.organizing_committee.length),
        academicCommittee: itemsAt(forumYaml, ['academic_committee'], forumData.academic_committee.length),
      },
    };
  }
  // The schedule is checked even when forum.yaml has errors, so every problem shows at once.
  if (!scheduleData || !scheduleYaml) return { settings };

  const used = new Map<string, Position>();
  const days: Day[] = scheduleData.days.map((day, d) => ({
    date: day.date,
    items: day.program.map((entry, i): DayItem => {
      const path = ['days', d, 'program', i];
      if ('session' in entry) return { type: 'session', session: toSession(entry, day.date, path, scheduleYaml, talks, used, diags) };
      return { type: 'slot', slot: toSlot(entry, path, scheduleYaml, talks, used, diags) };
    }),
  }));
  checkSessionIds(scheduleData.days.map((d) => d.program), scheduleYaml, diags);
  checkTimes(days, scheduleYaml, diags);
  if (forumData && forumYaml) checkDays(days, forumData.dates, forumYaml, scheduleYaml, diags);
  for (const talk of talks.values()) {
    if (talk && !used.has(talk.id)) {
      diags.warn('unused-abstract', { file: talk.file, line: 1, column: 1 }, `no slot in schedule.yaml uses talk "${talk.id}"`,
        `add "talk: ${talk.id}" to a slot, or remove the file`);
    }
  }
  if (!forum) return { settings };
  const ordered = days.flatMap((d) => d.items.flatMap((it) => (it.type === 'session' ? it.session.slots : [it.slot])))
    .flatMap((s) => (s.talk ? [s.talk] : []));
  return { program: forum && { forum, days, talks: ordered, headTables: loadHeadTables(source, days, diags) }, settings };
}

/** The folder part of a content-relative path ('' at the top). */
function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Reads and parses a content YAML file (BOM and size checked); undefined when absent (an error when required). */
export function readYaml(source: FileSource, path: string, diags: Diagnostics, required: boolean): YamlFile | undefined {
  const text = source.read(path);
  if (text === undefined) {
    if (required) diags.error('missing-file', { file: `${source.label}/${path}`, line: 1, column: 1 }, `${path} is missing`,
      `create ${source.label}/${path}; README.md shows an example`);
    return undefined;
  }
  const file = `${source.label}/${path}`;
  if (!withinLimit(text.length, LIMITS.yamlBytes, { file, line: 1, column: 1 }, `${path} has too many characters`, diags)) return undefined;
  return parseYaml(file, text.replace(/^\uFEFF/, ''), diags);
}

/** Talks by id; null marks a file that exists but has errors (already reported). */
function loadTalks(source: FileSource, diags: Diagnostics, budget: ImageBudget): Map<string, Talk | null> {
  const talks = new Map<string, Talk | null>();
  const files = source.list('abstracts').filter((f) => f.endsWith('.md'));
  const at = { file: `${source.label}/abstracts/`, line: 1, column: 1 };
  if (!withinLimit(files.length, LIMITS.abstractFiles, at, 'files in abstracts/', diags)) return talks;
  for (const fileName of files) {
    const file = `${source.label}/abstracts/${fileName}`;
    const id = fileName.replace(/\.md$/, '');
    talks.set(id, null);
    const text = source.read(`abstracts/${fileName}`);
    if (text === undefined) continue; // unreadable (e.g. too large): reported by the source
    if (!withinLimit(text.length, LIMITS.markdownChars, { file, line: 1, column: 1 }, 'characters in this abstract', diags)) continue;
    const split = splitFrontMatter(text);
    if (split.yaml === undefined) {
      diags.error('front-matter', { file, line: 1, column: 1 },
        split.unclosed ? 'the front matter has no closing "---" line' : 'the file has no front matter',
        'start the file with a "---" line, the title, speakers and kind, then another "---" line');
      continue;
    }
    const yaml = parseYaml(file, split.yaml, diags, split.yamlLineOffset);
    const data = yaml && validate(abstractSchema, yaml, diags);
    if (!data) continue;
    talks.set(id, {
      id,
      file,
      title: toTitle(data.title, yaml, ['title']),
      speakers: data.speakers.map((s, i) => ({ name: s.name, nameEn: s.name_en, affiliation: s.affiliation, ...(s.sort_as ? { sortAs: s.sort_as } : {}),
        ...fieldsAt(yaml, ['speakers', i], PERSON_KEYS) })),
      kind: data.kind,
      subtitle: data.subtitle,
      track: data.track,
      language: data.language,
      body: markdownToBlocks(split.body, file, split.bodyLineOffset, diags, { files: source, dir: 'abstracts', budget }),
      bodyLine: split.bodyLineOffset + 1,
      ...fieldsAt(yaml, [], { subtitle: 'subtitle', track: 'track' }),
    });
  }
  return talks;
}

/** The YAML keys of a person's fields. */
const PERSON_KEYS = { name: 'name', nameEn: 'name_en', affiliation: 'affiliation' };

function toTitle(title: string | { zh?: string; en?: string }, yaml: YamlFile, path: (string | number)[]): Title {
  if (typeof title === 'string') return { primary: title, ...fieldsAt(yaml, [], { primary: path }) };
  const primary = title.zh ?? title.en ?? '';
  const secondary = title.zh && title.en ? title.en : undefined;
  const at: Title['fieldAt'] = fieldsAt(yaml, path, { zh: 'zh', en: 'en' }).fieldAt;
  if (at) at.primary = title.zh !== undefined ? at.zh : at.en;
  return { ...title, primary, secondary, ...(at ? { fieldAt: at } : {}) };
}

function toSession(entry: SessionEntry, date: string, path: (string | number)[], yaml: YamlFile,
  talks: Map<string, Talk | null>, used: Map<string, Position>, diags: Diagnostics): Session {
  const at = fieldsAt(yaml, path, { title: 'title', room: 'room' });
  const slots = entry.slots.map((s, i) => toSlot(s, [...path, 'slots', i], yaml, talks, used, diags, entry.room, at.fieldAt?.room));
  if (entry.time) checkInsideSession(entry.time, entry.slots, path, yaml, diags);
  const chairs = entry.chair === undefined ? [] : Array.isArray(entry.chair) ? entry.chair : [entry.chair];
  return {
    id: entry.session, ...titleFields(entry.title, yaml, [...path, 'title']),
    chairs: chairs.map((name, i) => ({ name, ...fieldsAt(yaml, [...path, 'chair'], { name: Array.isArray(entry.chair) ? [i] : [] }) })),
    room: entry.room, date,
    start: slots[0].start, end: slots.reduce((end, s) => (s.end > end ? s.end : end), slots[0].end), slots, ...at,
  };
}

function toSlot(entry: SlotEntry, path: (string | number)[], yaml: YamlFile, talks: Map<string, Talk | null>,
  used: Map<string, Position>, diags: Diagnostics, room?: string, roomPos?: FieldPos): Slot {
  const { start, end } = parseTimeRange(entry.time);
  if ('talk' in entry) {
    const at = yaml.locate([...path, 'talk']);
    const talk = talks.get(entry.talk) ?? undefined;
    if (talks.get(entry.talk) === null) {
      // The abstract file has errors of its own, reported there.
    } else if (!talk) {
      const near = closest(entry.talk, talks.keys());
      diags.error('unknown-talk', at, `no abstract file for talk "${entry.talk}"`,
        near ? `did you mean "${near}"? (content/abstracts/${near}.md); or create content/abstracts/${entry.talk}.md`
          : /^[\w-]+$/.test(entry.talk) ? `create content/abstracts/${entry.talk}.md (it may have no body), or fix the id`
            : 'a talk id is the name of a file in content/abstracts/ without ".md": letters, digits and "-"');
    } else if (used.has(entry.talk)) {
      const first = used.get(entry.talk)!;
      diags.error('duplicate-talk', at, `talk "${entry.talk}" is already scheduled at line ${first.line}`,
        'a talk is given once; remove one of the two slots');
    } else {
      used.set(entry.talk, at);
      talk.scheduledAt = at;
    }
    return { start, end, kind: talk?.kind ?? 'talk', talk, room: entry.room ?? room, ...roomAt(entry.room, path, yaml, roomPos) };
  }
  const at: Slot['fieldAt'] & object = fieldsAt(yaml, path, { title: 'title' }).fieldAt ?? {};
  const own = roomAt(entry.room, path, yaml, roomPos).fieldAt;
  if (own?.room) at.room = own.room;
  return { start, end, kind: entry.kind, ...titleFields(entry.title, yaml, [...path, 'title']), room: entry.room ?? room,
    ...(Object.keys(at).length ? { fieldAt: at } : {}) };
}

/** Where a slot's room is written: its own room:, or its session's. */
function roomAt(own: string | undefined, path: (string | number)[], yaml: YamlFile, session?: FieldPos): { fieldAt?: { room?: FieldPos } } {
  const pos = own !== undefined ? yaml.fieldAt([...path, 'room']) : session;
  return pos ? { fieldAt: { room: pos } } : {};
}

/** A session's or a slot's title as the model keeps it: the primary text, and both languages when given. */
function titleFields(title: string | { zh?: string; en?: string }, yaml: YamlFile, path: (string | number)[]): { title: string; titles?: Title } {
  if (typeof title === 'string') return { title };
  const titles = toTitle(title, yaml, path);
  return { title: titles.primary, titles };
}

/** With an explicit session time, a slot that starts before it or runs past its end is an error. */
function checkInsideSession(time: string, slots: SlotEntry[], path: (string | number)[], yaml: YamlFile, diags: Diagnostics): void {
  const session = parseTimeRange(time);
  slots.forEach((slot, i) => {
    const { start, end } = parseTimeRange(slot.time);
    if (start < session.start || end > session.end) {
      diags.error('slot-outside-session', yaml.locate([...path, 'slots', i, 'time']),
        `the slot (${start}-${end}) runs outside its session (${session.start}-${session.end}, line ${yaml.locate([...path, 'time']).line})`,
        'shorten the slot, move it, or change the session\'s time');
    }
  });
}

function checkSessionIds(programs: Array<Array<SessionEntry | SlotEntry>>, yaml: YamlFile, diags: Diagnostics): void {
  const seen = new Map<string, number>();
  programs.forEach((program, d) => program.forEach((entry, i) => {
    if (!('session' in entry)) return;
    const at = yaml.locate(['days', d, 'program', i, 'session']);
    if (seen.has(entry.session)) {
      diags.error('duplicate-id', at, `session id "${entry.session}" is already used at line ${seen.get(entry.session)}`,
        'give every session its own id, e.g. S1, S2');
    } else seen.set(entry.session, at.line);
  }));
}
