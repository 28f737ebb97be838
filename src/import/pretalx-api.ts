import { z } from 'zod';
import type { Diagnostics } from '../diagnostics.js';
import { minutesBetween } from './frab-json.js';
import { slugify } from './ids.js';
import { lineIndex, localDateTime, type ExportEvent, type ExportSchedule } from './types.js';

/** A text pretalx writes either plain or per language ({"en": ..., "fr": ...}). */
const i18n = z.union([z.string(), z.record(z.string(), z.string().nullish()), z.number().transform(String)]).nullish();
const room = z.looseObject({ id: z.union([z.number(), z.string()]).nullish(), name: i18n, position: z.number().nullish() });
const slot = z.looseObject({ room: z.union([room, z.number(), z.string()]).nullish(), start: z.string().nullish(), end: z.string().nullish() });
const submission = z.looseObject({
  code: z.string(), title: z.string().nullish(), state: z.string().nullish(), content_locale: z.string().nullish(),
  abstract: z.string().nullish(), description: z.string().nullish(), duration: z.number().nullish(),
  speakers: z.array(z.union([z.looseObject({ name: z.string().nullish() }), z.string()])).nullish(),
  submission_type: z.union([z.looseObject({ name: i18n }), z.string(), z.number()]).nullish(),
  track: z.union([z.looseObject({ name: i18n }), z.string(), z.number()]).nullish(),
  slots: z.array(slot).nullish(),
  /** Older pretalx versions give one `slot`. */
  slot: slot.nullish(),
});
type Submission = z.infer<typeof submission>;

/** Whether parsed JSON is pretalx API data: a submissions list, a `{"results": [...]}` page, or PyConFR's day -> minute -> room map. */
export function isPretalxApi(value: unknown): boolean {
  const looksLike = (v: unknown) => typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string' && ('slots' in v || 'slot' in v);
  if (Array.isArray(value)) return value.length > 0 && looksLike(value[0]);
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.results)) return v.results.length > 0 && looksLike(v.results[0]);
  const s = v.schedule;
  return typeof s === 'object' && s !== null && !('conference' in s) && Object.keys(s).some((k) => /^\d{4}-\d{2}-\d{2}$/.test(k));
}

/** The submissions in their order in the file (day, minute, room for the schedule map). */
function submissionsOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.results)) return v.results;
  const out: unknown[] = [];
  for (const date of Object.keys(v.schedule as object).sort()) {
    const minutes = (v.schedule as Record<string, Record<string, Record<string, unknown>>>)[date] ?? {};
    for (const m of Object.keys(minutes).sort((a, b) => Number(a) - Number(b))) out.push(...Object.values(minutes[m] ?? {}));
  }
  return out;
}

/** One language's text of a pretalx i18n value: `lang`, else English, else the first given. */
function pick(value: unknown, lang: string): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (!value || typeof value !== 'object') return '';
  const v = value as Record<string, unknown>;
  if ('name' in v && !(lang in v)) return pick(v.name, lang);
  const text = v[lang] ?? v.en ?? Object.values(v).find((x) => typeof x === 'string');
  return typeof text === 'string' ? text : '';
}

/**
 * Reads pretalx API submissions (the list, a results page, or the schedule map PyConFR publishes)
 * into an export schedule: one event per slot; withdrawn, rejected or unscheduled ones are reported.
 */
export function readPretalxApi(value: unknown, text: string, file: string, diags: Diagnostics): ExportSchedule | undefined {
  const place = lineIndex(text, file);
  const at = (code: string) => {
    const m = new RegExp(`"code"\\s*:\\s*${JSON.stringify(code).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).exec(text);
    return place(m ? m.index : 0);
  };
  const seen = new Set<string>();
  const subs: Submission[] = [];
  for (const raw of submissionsOf(value)) {
    const parsed = submission.safeParse(raw);
    const code = typeof (raw as { code?: unknown })?.code === 'string' ? (raw as { code: string }).code : '';
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      diags.error('import-shape', code ? at(code) : place(0), `submission ${code || '(no code)'}: ${issue.path.join('.') || 'it'}: ${issue.message}`,
        'this is not a pretalx submission as the API gives it (code, title, speakers, slots)');
      continue;
    }
    if (seen.has(parsed.data.code)) continue; // the schedule map lists a submission once per slot
    seen.add(parsed.data.code);
    subs.push(parsed.data);
  }
  if (diags.hasErrors) return undefined;
  // Names given in several languages are taken in the one most talks are given in.
  const locales = new Map<string, number>();
  for (const s of subs) if (s.content_locale) locales.set(s.content_locale, (locales.get(s.content_locale) ?? 0) + 1);
  const lang = [...locales].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'en';
  // The rooms list PyConFR's file carries beside the schedule gives the positions of older slots.
  const listed = (value as { rooms?: unknown }).rooms;
  const positions = new Map((Array.isArray(listed) ? listed : []).flatMap((r: { id?: unknown; position?: unknown }) =>
    (typeof r?.position === 'number' && r.id !== undefined ? [[String(r.id), r.position] as const] : [])));
  const events: ExportEvent[] = [];
  const rooms = new Map<string, { position: number }>();
  const skipped = new Map<string, string[]>();
  for (const s of subs) {
    const title = s.title ?? '';
    const state = s.state ?? 'confirmed';
    if (!['confirmed', 'accepted'].includes(state)) {
      skipped.set(state, [...(skipped.get(state) ?? []), s.code]);
      continue;
    }
    const slots = s.slots?.length ? s.slots : s.slot ? [s.slot] : [];
    if ((s.speakers ?? []).some((p) => typeof p === 'string')) {
      diags.warn('import-speaker-codes', at(s.code), `"${title}" (${s.code}) lists its speakers by code only; the codes are imported as names`,
        'fetch the submissions with ?expand=speakers,submission_type,slots.room so the names are in the file');
    }
    if (!slots.length) {
      diags.error('import-no-slot', at(s.code), `"${title}" (${s.code}) has no slot: it has no room and no time in the export`,
        'schedule it in pretalx and export again, or set its state to something other than confirmed/accepted to leave it out');
      continue;
    }
    slots.forEach((sl, n) => {
      const when = localDateTime(sl.start);
      if (!when || !/T\d{1,2}:\d{2}/.test(sl.start ?? '')) {
        diags.error('import-bad-time', at(s.code), `"${title}" (${s.code}), slot ${n + 1}: the start ${JSON.stringify(sl.start ?? null)} is not a date and time (2025-11-01T10:30:00+01:00)`,
          'fix the slot in pretalx and export again');
        return;
      }
      const ends = localDateTime(sl.end);
      const duration = ends && /T\d/.test(sl.end ?? '') ? minutesBetween(when.date, when.minutes, ends.date, ends.minutes) : s.duration ?? undefined;
      // pretalx gives the room as {id, name, position} (older versions: {en, fr} beside room_id).
      const roomName = pick(sl.room, lang).trim() || 'Room';
      const roomId = String((typeof sl.room === 'object' && sl.room?.id) ?? (sl as { room_id?: unknown }).room_id ?? '');
      const position = (typeof sl.room === 'object' && typeof sl.room?.position === 'number' ? sl.room.position : undefined) ??
        positions.get(roomId) ?? Number.POSITIVE_INFINITY;
      rooms.set(roomName, { position: Math.min(position, rooms.get(roomName)?.position ?? position) });
      events.push({
        key: s.code, id: s.code, slug: `${s.code.toLowerCase()}-${slugify(title)}`, title, subtitle: '', track: pick(s.track, lang), type: pick(s.submission_type, lang),
        language: s.content_locale ?? '', abstract: (s.abstract ?? '').replace(/\r\n?/g, '\n'), description: (s.description ?? '').replace(/\r\n?/g, '\n'),
        persons: (s.speakers ?? []).map((p) => (typeof p === 'string' ? p : p.name ?? '').trim()).filter(Boolean),
        room: roomName, date: when.date, start: when.minutes, duration,
        day: { index: 0, date: when.date }, at: at(s.code),
      });
    });
  }
  for (const [state, codes] of skipped) {
    diags.warn('import-not-confirmed', place(0), `${codes.length} submission(s) in state "${state}" left out: ${codes.slice(0, 8).join(', ')}${codes.length > 8 ? ', ...' : ''}`,
      'only confirmed and accepted submissions are imported');
  }
  if (diags.hasErrors) return undefined;
  const dates = [...new Set(events.map((e) => e.date))].sort();
  dates.forEach((d, i) => events.filter((e) => e.date === d).forEach((e) => { e.day.index = i + 1; }));
  const roomOrder = [...rooms].sort((a, b) => a[1].position - b[1].position || a[0].localeCompare(b[0])).map(([name]) => name);
  return { format: 'pretalx-api', title: '', acronym: '', start: dates[0] ?? '', end: dates.at(-1) ?? '', events, roomOrder };
}
