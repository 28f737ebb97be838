import { parseDocument } from 'yaml';
import type { Diagnostics, Position } from '../diagnostics.js';
import type { FileSource } from '../io.js';
import { readFrabJson } from './frab-json.js';
import { readFrabXml } from './frab-xml.js';
import { isPretalxApi, readPretalxApi } from './pretalx-api.js';
import { planImport, type PlanOptions, type TalkFields } from './plan.js';
import { mergeSchedule } from './merge-schedule.js';
import { isSession, scheduleOfPlan, type YSchedule, type YSession, type YSlot } from './schedule-file.js';
import { renderSchedule } from './schedule-yaml.js';
import { newTalkFile, updateTalkFile } from './talk-file.js';
import { languageNote, newForumFile, updateForumFile, warnLanguage, warnUnnamed, type ForumFields } from './forum-file.js';
import type { ExportSchedule } from './types.js';

/** The file that remembers what the last import wrote, so the next one can tell edits from changes. */
export const STATE_FILE = 'imported.json';

/** What the last import took from the export (its own values, before any merging). */
interface ImportState {
  format: 'forumpress-import/1';
  source: string;
  forum: ForumFields;
  talks: Record<string, { id: string; fields: TalkFields; gone?: boolean }>;
  schedule: YSchedule;
}

/** The files an import writes (content-relative path -> text) and what it did, in numbers. */
export interface ImportResult {
  files: Map<string, string>;
  stats: { events: number; talks: number; sessions: number; days: number; rooms: number; created: number; updated: number; unchanged: number };
}

/** Reads a frab/pretalx export (JSON or XML, told apart by its content). */
export function readExport(text: string, file: string, diags: Diagnostics): ExportSchedule | undefined {
  const src = text.replace(/^\uFEFF/, '');
  const first = src.trimStart()[0];
  const json = first === '{' || first === '[';
  const api = json ? pretalxApiValue(src) : undefined;
  const schedule = api !== undefined ? readPretalxApi(api, src, file, diags)
    : json ? readFrabJson(src, file, diags) : first === '<' ? readFrabXml(src, file, diags) : undefined;
  if (!json && first !== '<') {
    diags.error('import-format', { file, line: 1, column: 1 }, 'this is neither a schedule.json nor a schedule.xml export',
      'export the schedule from pretalx or frab as JSON or XML (frab compatible) and give that file');
  } else if (schedule && !schedule.events.length) {
    diags.error('import-empty', { file, line: 1, column: 1 }, 'the export has no events', 'export the schedule after it has been released');
    return undefined;
  }
  return schedule;
}

/** The parsed JSON when it is pretalx API data (not the c3voc schedule), else undefined. */
function pretalxApiValue(src: string): unknown {
  try {
    const value: unknown = JSON.parse(src);
    return isPretalxApi(value) ? value : undefined;
  } catch {
    return undefined; // readFrabJson reports where the syntax goes wrong
  }
}

/**
 * Imports an export into a content folder (given as what is there now): a pure function from
 * texts to texts. Diagnostics report every adaptation, positioned in the export or the content.
 */
export function importSchedule(text: string, file: string, content: FileSource, diags: Diagnostics, options: PlanOptions = {}): ImportResult | undefined {
  const schedule = readExport(text, file, diags);
  if (!schedule) return undefined;
  const stateText = content.read(STATE_FILE);
  const at = (path: string): Position => ({ file: `${content.label}/${path}`, line: 1, column: 1 });
  let state: ImportState | undefined;
  if (stateText !== undefined) {
    try {
      state = JSON.parse(stateText) as ImportState;
      if (state.format !== 'forumpress-import/1') throw new Error('unknown format');
    } catch {
      diags.error('import-state', at(STATE_FILE), `${STATE_FILE} is damaged, so your edits cannot be told from the export's`, `restore ${STATE_FILE} from a backup, or import into a new folder`);
      return undefined;
    }
  } else if (content.read('forum.yaml') !== undefined || content.read('schedule.yaml') !== undefined) {
    diags.error('import-not-imported', at('forum.yaml'), `${content.label} holds a program that was not imported (it has no ${STATE_FILE}); the import does not overwrite it`,
      'import into a new folder: forumpress import FILE --content NEW-FOLDER');
    return undefined;
  }
  const abstracts = new Set(content.list('abstracts').filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3)));
  const known = new Map(Object.entries(state?.talks ?? {}).map(([key, t]) => [key, t.id]));
  const plan = planImport(schedule, known, diags, new Set([...abstracts].filter((id) => ![...known.values()].includes(id))), options);
  const next = scheduleOfPlan(plan);

  const files = new Map<string, string>();
  const newState: ImportState = { format: 'forumpress-import/1', source: file.split('/').pop() ?? file, forum: plan.forum, talks: {}, schedule: next };
  const deleted = new Set<string>();
  for (const talk of plan.talks) {
    const path = `abstracts/${talk.id}.md`;
    newState.talks[talk.key] = { id: talk.id, fields: talk.fields };
    const base = state?.talks[talk.key];
    const current = content.read(path);
    if (base && current === undefined && !base.gone) {
      deleted.add(talk.id);
      diags.warn('import-kept-removal', at(path), `you deleted ${path}; it is not written again, and the talk is left off the schedule`, 'delete its entry from imported.json to import it again');
      continue;
    }
    files.set(path, current !== undefined && base ? updateTalkFile(current, base.fields, talk.fields, `${content.label}/${path}`, diags) : newTalkFile(talk.fields));
  }
  for (const [key, was] of Object.entries(state?.talks ?? {})) {
    if (newState.talks[key]) continue;
    newState.talks[key] = { ...was, gone: true };
    if (!was.gone && content.read(`abstracts/${was.id}.md`) !== undefined) {
      diags.warn('import-gone', at(`abstracts/${was.id}.md`), `"${was.fields.title}" is no longer in the export; its file is kept and it is taken off the schedule`,
        'delete the file if the talk was cancelled, or schedule it again by hand');
    }
  }
  const scheduleText = content.read('schedule.yaml');
  let merged = next;
  if (state && scheduleText !== undefined) {
    const doc = parseDocument(scheduleText);
    if (doc.errors.length) {
      diags.error('import-conflict', at('schedule.yaml'), 'schedule.yaml has a YAML error, so your edits in it cannot be kept', 'fix the error (forumpress check shows it) and import again');
      return undefined;
    }
    merged = mergeSchedule(state.schedule, doc.toJS() as YSchedule, next, at('schedule.yaml'), diags);
  }
  for (const day of merged.days) {
    day.program = day.program.flatMap((e): Array<YSession | YSlot> => (isSession(e)
      ? [{ ...e, slots: e.slots.filter((s) => !s.talk || !deleted.has(s.talk)) }]
      : e.talk && deleted.has(e.talk) ? [] : [e])).filter((e) => !isSession(e) || e.slots.length);
  }
  files.set('schedule.yaml', renderSchedule(merged, scheduleText));
  const forumText = content.read('forum.yaml');
  files.set('forum.yaml', forumText !== undefined && state ? updateForumFile(forumText, state.forum, plan.forum, at('forum.yaml'), diags) : newForumFile(plan.forum, languageNote(plan.language)));
  warnLanguage(forumText, files.get('forum.yaml')!, plan.language, file.split('/').pop() ?? file, `${content.label}/forum.yaml`, diags);
  warnUnnamed(files.get('forum.yaml')!, plan.forum, file.split('/').pop() ?? file, at('forum.yaml'), diags);
  files.set(STATE_FILE, `${JSON.stringify(newState, null, 1)}\n`);

  let created = 0;
  let updated = 0;
  for (const [path, body] of [...files]) {
    const before = content.read(path);
    if (before === body) files.delete(path);
    else if (before === undefined) created++;
    else updated++;
  }
  const sessions = merged.days.flatMap((d) => d.program.filter(isSession));
  const rooms = new Set(schedule.events.map((e) => e.room));
  return {
    files,
    stats: {
      events: schedule.events.length, talks: plan.talks.length, sessions: sessions.length, days: merged.days.length, rooms: rooms.size,
      created, updated, unchanged: plan.talks.length + 3 - created - updated,
    },
  };
}
