import { z } from 'zod';
import { parse as parseJson, type AnyNode } from '@humanwhocodes/momoa';
import type { Diagnostics, Position } from '../diagnostics.js';
import { clockMinutes, lineIndex, localDateTime, parseDuration, type ExportEvent, type ExportSchedule } from './types.js';

/** A text field that exports write as a string, a number or null. */
const str = z.union([z.string(), z.number().transform(String)]).nullish().transform((v) => v ?? '');
const person = z.looseObject({ public_name: z.string().nullish(), name: z.string().nullish(), full_public_name: z.string().nullish() });
const event = z.looseObject({
  guid: str, id: str, code: str, date: str, start: str, duration: str, end: str, room: str, slug: str,
  title: z.string({ error: 'every event needs a title' }), subtitle: str, track: str, type: str, language: str,
  abstract: str, description: str, persons: z.array(person).nullish().transform((v) => v ?? []),
});
const day = z.looseObject({
  index: z.number().int(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
  day_start: str, day_end: str,
  rooms: z.record(z.string(), z.array(event)),
});
/** The c3voc schedule JSON (what pretalx and frab export as schedule.json): the fields the import reads. */
export const scheduleJsonSchema = z.looseObject({
  schedule: z.looseObject({
    conference: z.looseObject({ title: z.string(), acronym: str, start: str, end: str, language: str, days: z.array(day) }),
  }),
});

/** Reads a schedule.json export; errors (syntax, shape) are reported at their line and column. */
export function readFrabJson(text: string, file: string, diags: Diagnostics): ExportSchedule | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Node 20's JSON.parse does not say where the mistake is; momoa (ESLint's JSON parser) does.
    const at = syntaxErrorAt(text, file);
    diags.error('import-syntax', at.position, `the file is not valid JSON: ${at.reason}`,
      'export the schedule again (the file may be cut short), or fix the character at this place');
    return undefined;
  }
  const parsed = scheduleJsonSchema.safeParse(value);
  if (!parsed.success) {
    const locate = jsonLocator(text, file);
    for (const issue of parsed.error.issues.slice(0, 20)) {
      diags.error('import-shape', locate(issue.path), `${issue.path.join('.') || 'the file'}: ${issue.message}`,
        'this is not a frab/pretalx schedule.json (the c3voc schedule format: {"schedule": {"conference": {"days": [...]}}})');
    }
    return undefined;
  }
  const conf = parsed.data.schedule.conference;
  const events: ExportEvent[] = [];
  const place = lineIndex(text, file);
  for (const d of conf.days) {
    for (const [roomName, list] of Object.entries(d.rooms)) {
      for (const e of list) {
        const when = localDateTime(e.date);
        const start = clockMinutes(e.start) ?? when?.minutes;
        const key = e.guid || e.code || e.id || e.slug || `event-${events.length + 1}`;
        const needle = e.guid ? `"${e.guid}"` : `"title": ${JSON.stringify(e.title)}`;
        const offset = Math.max(0, text.indexOf(needle));
        const ends = localDateTime(e.end);
        const duration = parseDuration(e.duration) ??
          (ends && when ? minutesBetween(when.date, when.minutes, ends.date, ends.minutes) : undefined);
        events.push({
          key, id: e.id || e.code, slug: e.slug, title: e.title, subtitle: e.subtitle, track: e.track, type: e.type,
          language: e.language, abstract: e.abstract, description: e.description,
          persons: e.persons.map((p) => (p.public_name ?? p.name ?? p.full_public_name ?? '').trim()).filter(Boolean),
          room: e.room || roomName, date: when?.date ?? d.date, start: start ?? 0, duration,
          day: { index: d.index, date: d.date, start: d.day_start || undefined, end: d.day_end || undefined },
          at: place(offset),
        });
      }
    }
  }
  return {
    format: 'frab-json', title: conf.title, acronym: conf.acronym, start: conf.start.slice(0, 10), end: conf.end.slice(0, 10), events,
    ...(conf.language && { language: conf.language, languageAt: jsonLocator(text, file)(['schedule', 'conference', 'language']) }),
  };
}

/** Minutes from one local date-time to another. */
export function minutesBetween(d1: string, m1: number, d2: string, m2: number): number {
  const days = (Date.parse(`${d2}T00:00:00Z`) - Date.parse(`${d1}T00:00:00Z`)) / 86_400_000;
  return days * 1440 + m2 - m1;
}

/** Where JSON text first goes wrong, and why. */
function syntaxErrorAt(text: string, file: string): { position: Position; reason: string } {
  try {
    parseJson(text, { mode: 'json' });
  } catch (err) {
    const e = err as { message: string; line?: number; column?: number };
    if (/end of input/i.test(e.message)) {
      // The file stops in the middle (a cut-off download): the place is its end.
      return { position: lineIndex(text, file)(text.trimEnd().length), reason: 'the file ends in the middle of a value (is it complete?)' };
    }
    if (e.line !== undefined && e.column !== undefined) {
      return { position: { file, line: e.line, column: e.column }, reason: e.message.replace(/ \(\d+:\d+\)$/, '') };
    }
  }
  return { position: { file, line: 1, column: 1 }, reason: 'it cannot be read' };
}

/** Finds where a path of keys lies in JSON text (parsed again with positions, only when there is an error to place). */
function jsonLocator(text: string, file: string): (path: ReadonlyArray<PropertyKey>) => Position {
  const doc = parseJson(text, { mode: 'json' });
  return (path) => {
    let node: AnyNode = doc.body;
    for (const key of path) {
      const next: AnyNode | undefined = node.type === 'Object' ? node.members.find((m) => m.name.type === 'String' && m.name.value === key)?.value
        : node.type === 'Array' && typeof key === 'number' ? node.elements[key]?.value : undefined;
      if (!next) break;
      node = next;
    }
    return { file, line: node.loc.start.line, column: node.loc.start.column };
  };
}
